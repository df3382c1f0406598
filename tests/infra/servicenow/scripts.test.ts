// The ServiceNow background scripts: plain ES5 that the platform's script engine accepts, using
// only known table and field names, and doing what they say against an in-memory instance.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { describe, it } from 'node:test';
import type { FakeInstance } from './fake-glide.js';
import { configuredInstance, VERIFY_SETTINGS, WEBHOOK } from './instance.js';
import { AVAILABLE_STATE, CHAT_CHANNEL, SCHEMA } from './schema.js';

const folder = fileURLToPath(new URL('../../../infra/servicenow/', import.meta.url));
const verify = readFileSync(join(folder, 'verify-setup.js'), 'utf8');
const setup = readFileSync(join(folder, 'setup-test-agent.js'), 'utf8');

const missingLines = (lines: readonly string[]) => lines.filter((l) => l.startsWith('[MISSING]'));

describe('the ServiceNow background scripts (as code)', () => {
  for (const [name, source] of [
    ['verify-setup.js', verify],
    ['setup-test-agent.js', setup],
  ] as const) {
    it(`${name} parses as JavaScript and uses only ES5 syntax`, () => {
      assert.doesNotThrow(() => new Script(source, { filename: name }));
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const modern of [/=>/, /`/, /\blet\s/, /\bconst\s/, /\bclass\s/, /\.\.\.\w/, /,\s*\)/]) {
        assert.doesNotMatch(code, modern, `${name}: ${String(modern)}`);
      }
    });

    it(`${name} opens only tables the reference and the ServiceNow docs name`, () => {
      const tables = [...source.matchAll(/(?:GlideRecord|find(?:One)?)\('([a-z0-9_]+)'/g)].map(
        (m) => m[1],
      );
      assert.ok(tables.length > 3);
      assert.deepEqual(
        tables.filter((t) => t === undefined || SCHEMA[t] === undefined),
        [],
      );
    });
  }

  it('use the out-of-box Chat channel and Available state sys_ids of the reference', () => {
    for (const source of [verify, setup]) {
      assert.ok(source.includes(`'${CHAT_CHANNEL}'`));
      assert.ok(source.includes(`'${AVAILABLE_STATE}'`));
    }
  });
});

describe('verify-setup.js', () => {
  it('reports nothing missing on an instance set up as the guide describes', () => {
    const { instance } = configuredInstance();
    const lines = instance.run(verify, VERIFY_SETTINGS);
    assert.deepEqual(missingLines(lines), []);
    assert.match(lines.at(-1) ?? '', /^Result: nothing missing/);
    assert.ok(lines.some((l) => l.includes('1 agent(s) available for Chat')));
    assert.deepEqual(instance.writes, [], 'it changes nothing');
  });

  it('names each missing piece with its fix: queue pool, message auth, callback endpoint', () => {
    const { instance, ids } = configuredInstance();
    instance.tables.set(
      'awa_eligibility_pool',
      instance.rows('awa_eligibility_pool').filter((p) => p.sys_id !== ids.pool),
    );
    const provider = instance
      .rows('sys_cs_provider_application')
      .find((p) => p.sys_id === ids.provider)!;
    provider.message_auth = '';
    const message = instance.rows('sys_rest_message').find((m) => m.sys_id === ids.restMessage)!;
    message.rest_endpoint = 'https://old-bot.example.com/api/servicenow/messages';
    const missing = missingLines(instance.run(verify, VERIFY_SETTINGS));
    assert.equal(missing.length, 3, missing.join('\n'));
    assert.match(missing[0] ?? '', /no Message auth/);
    assert.match(
      missing[1] ?? '',
      new RegExp(`nothing posts ServiceNow's responses to ${WEBHOOK}`),
    );
    assert.match(missing[2] ?? '', /queue "IT chat" has no assignment eligibility pool/);
  });

  it('says every chat closes at once when the Chat channel has no queue, and warns when no agent is available', () => {
    const { instance } = configuredInstance();
    instance.tables.set('awa_queue', []);
    instance.tables.set('awa_agent_presence_capacity', []);
    const lines = instance.run(verify, VERIFY_SETTINGS);
    assert.ok(
      missingLines(lines).some((l) =>
        l.includes('no active queue on the Chat channel: every live chat closes at once'),
      ),
    );
    assert.ok(lines.some((l) => l.startsWith('[ WARN  ] no agent is available for Chat')));
  });

  it('finds the 4.1+ connection instead of the REST message, and checks the service account', () => {
    const { instance } = configuredInstance();
    instance.tables.set('sys_rest_message', []);
    instance.add('http_connection', {
      name: 'Bot Connection',
      connection_url: WEBHOOK,
      credential: 'c',
      active: 'true',
    });
    instance.rows('sys_user_has_role').length = 0;
    const lines = instance.run(verify, VERIFY_SETTINGS);
    assert.ok(lines.includes('[ OK    ] connection "Bot Connection" posts to the webhook'));
    assert.deepEqual(missingLines(lines), [
      '[MISSING] service account lacks the role "teams_live_agent_reader"',
    ]);
  });

  it('reports inactive plugins and a missing Virtual Agent API application', () => {
    const { instance } = configuredInstance();
    instance.plugins.clear();
    instance.tables.set('sys_store_app', []);
    const missing = missingLines(instance.run(verify, VERIFY_SETTINGS));
    assert.equal(missing.filter((l) => l.includes('plugin')).length, 3);
    assert.ok(missing.some((l) => l.includes('sn_va_as_service) is not installed')));
  });
});

describe('setup-test-agent.js', () => {
  const settings = { agentUserName: 'abel.tuter', groupName: 'Service Desk', chatCapacity: 3 };

  function freshAgent(): { instance: FakeInstance; agent: string } {
    const { instance, ids } = configuredInstance();
    instance.tables.set('awa_agent_presence_capacity', []);
    return { instance, agent: ids.agent };
  }

  it('changes nothing in a dry run, and says what it would do', () => {
    const { instance } = freshAgent();
    const lines = instance.run(setup, { ...settings, dryRun: true });
    assert.deepEqual(instance.writes, []);
    assert.deepEqual(instance.presenceCalls, []);
    assert.ok(lines.some((l) => l.includes('would add the agent to group "Service Desk"')));
    assert.ok(lines.some((l) => l.includes('would grant the awa_agent role')));
  });

  it('adds the group membership, the awa_agent role and Chat capacity, and makes the agent available', () => {
    const { instance, agent } = freshAgent();
    const lines = instance.run(setup, { ...settings, dryRun: false });
    const inserted = instance.writes.map((w) => w.table).sort();
    assert.deepEqual(inserted, ['awa_agent_capacity', 'sys_user_grmember', 'sys_user_has_role']);
    const capacity = instance.rows('awa_agent_capacity')[0];
    assert.deepEqual(
      { user: capacity?.user, channel: capacity?.channel, max: capacity?.max_capacity },
      { user: agent, channel: CHAT_CHANNEL, max: '3' },
    );
    assert.deepEqual(instance.presenceCalls, [
      {
        user: agent,
        request: { sys_id: AVAILABLE_STATE, channels: [{ sys_id: CHAT_CHANNEL, available: true }] },
      },
    ]);
    assert.match(lines.at(-1) ?? '', /available for Chat = true, work 0 of 3/);
  });

  it('changes nothing the second time', () => {
    const { instance } = freshAgent();
    instance.run(setup, { ...settings, dryRun: false });
    const writes = instance.writes.length;
    const lines = instance.run(setup, { ...settings, dryRun: false });
    assert.equal(instance.writes.length, writes);
    assert.equal(lines.filter((l) => l.includes('already')).length, 3);
  });

  it('stops with a clear message when the user or group does not exist', () => {
    const { instance } = freshAgent();
    assert.deepEqual(instance.run(setup, { ...settings, agentUserName: 'nobody', dryRun: false }), [
      '[FAIL] no user with user name "nobody"',
    ]);
    assert.match(
      instance.run(setup, { ...settings, groupName: 'Nope', dryRun: false })[0] ?? '',
      /no group named "Nope"/,
    );
    assert.deepEqual(instance.writes, []);
  });
});
