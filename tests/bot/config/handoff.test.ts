// The handoff configuration file: validation with JSON paths, placeholders, and rendering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  ConfigError,
  ConfigErrorCodes,
  loadConfig,
  loadHandoffConfig,
  parseHandoffConfig,
  renderContextVariables,
} from '../../../bot/config/index.js';
import { DEFAULT_HANDOFF_CONFIG, projectRoot } from '../../../bot/config/paths.js';

const option = {
  id: 'agent_broker_instance_1',
  enabled: true,
  label: 'Live Chat',
  startAction: 'AGENT',
  serviceChannel: null,
  contextVariables: { live_agent_only: 'true', requester_session_language: '${language}' },
};
const valid = {
  options: [option],
  availability: { agentsAlwaysAvailable: false, cacheSeconds: 15 },
};

function problemsOf(raw: unknown): readonly string[] {
  try {
    parseHandoffConfig(raw, 'handoff.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, ConfigErrorCodes.HANDOFF_INVALID);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('handoff configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships a valid default file, found from the project root', () => {
    const config = loadHandoffConfig(join(projectRoot(), DEFAULT_HANDOFF_CONFIG));
    assert.deepEqual(
      config.options.map((o) => o.id),
      ['agent_broker_instance_1'],
    );
    assert.equal(config.options[0]?.serviceChannel, undefined);
    assert.deepEqual(config.availability, { agentsAlwaysAvailable: false, cacheSeconds: 15 });
  });

  it('finds the project root from both the sources and the build output', () => {
    assert.equal(projectRoot('file:///srv/app/bot/config/paths.ts'), '/srv/app');
    assert.equal(projectRoot('file:///srv/app/dist/bot/config/paths.js'), '/srv/app');
  });

  it('names the JSON path of every invalid field', () => {
    const problems = problemsOf({
      options: [{ ...option, startAction: 'WAIT', serviceChannel: 'xyz', extra: 1 }],
      availability: { agentsAlwaysAvailable: 'no', cacheSeconds: -1 },
    });
    assert.deepEqual([...problems].sort(), [
      'handoff.json: /availability/agentsAlwaysAvailable: must be boolean',
      'handoff.json: /availability/cacheSeconds: must be >= 0',
      'handoff.json: /options/0/serviceChannel: must match pattern "^[0-9a-f]{32}$"',
      'handoff.json: /options/0/startAction: must be one of AGENT, START_CONVERSATION',
      'handoff.json: /options/0: unknown property "extra"',
    ]);
  });

  it('accepts a 32-hex service channel sys_id', () => {
    const channel = '0123456789abcdef0123456789abcdef';
    const config = parseHandoffConfig({
      ...valid,
      options: [{ ...option, serviceChannel: channel }],
    });
    assert.equal(config.options[0]?.serviceChannel, channel);
  });

  it('rejects an unknown ${…} placeholder, naming the variable', () => {
    const contextVariables = {
      greeting: 'Hi ${firstName}',
      lang: '${language}',
      open: 'x ${locale',
    };
    assert.deepEqual(problemsOf({ ...valid, options: [{ ...option, contextVariables }] }), [
      'handoff.json: /options/0/contextVariables/greeting: unknown placeholder ${firstName} (known: language, locale, timezone, email, description)',
      'handoff.json: /options/0/contextVariables/open: unterminated ${ placeholder',
    ]);
  });

  it('requires at least one enabled option and unique ids', () => {
    assert.deepEqual(
      problemsOf({
        ...valid,
        options: [
          { ...option, enabled: false },
          { ...option, enabled: false },
        ],
      }),
      [
        'handoff.json: /options: at least one option must be enabled',
        'handoff.json: /options/1/id: duplicate option id',
      ],
    );
    assert.deepEqual(problemsOf({ ...valid, options: [] }), [
      'handoff.json: /options: must NOT have fewer than 1 items',
    ]);
  });

  it('reports an unreadable or malformed file through HANDOFF_CONFIG without quoting it', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "options": [ secret-looking-content');
    const cases = [
      [
        join(dir, 'missing.json'),
        `HANDOFF_CONFIG: ${join(dir, 'missing.json')}: cannot be read (ENOENT)`,
      ],
      [broken, `HANDOFF_CONFIG: ${broken}: is not valid JSON`],
    ] as const;
    for (const [path, expected] of cases) {
      assert.throws(
        () => loadConfig({ HANDOFF_CONFIG: path, PORT: 'x' }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.deepEqual(error.problems, [
            expected,
            'PORT: must be an integer from 0 (any free port) to 65535',
          ]);
          assert.doesNotMatch(error.message, /secret-looking-content/);
          return true;
        },
      );
    }
  });

  it('loads a custom file named by HANDOFF_CONFIG', () => {
    const path = join(dir, 'custom.json');
    writeFileSync(
      path,
      JSON.stringify({
        ...valid,
        options: [{ ...option, id: 'custom', startAction: 'START_CONVERSATION' }],
      }),
    );
    const config = loadConfig({ HANDOFF_CONFIG: path });
    assert.deepEqual(
      config.handoff.options.map((o) => [o.id, o.startAction]),
      [['custom', 'START_CONVERSATION']],
    );
  });

  it('renders placeholders and leaves other text alone', () => {
    const rendered = renderContextVariables(
      { lang: '${language}', where: '${locale} / ${timezone}', who: '${email}', fixed: 'true' },
      { language: 'de', locale: 'de-DE', timezone: 'Europe/Berlin' },
    );
    assert.deepEqual(rendered, {
      lang: 'de',
      where: 'de-DE / Europe/Berlin',
      who: '',
      fixed: 'true',
    });
  });

  it('inserts values literally, never expanding placeholders inside them', () => {
    const rendered = renderContextVariables(
      { issue: 'Issue: ${description}' },
      { description: 'my ${email} and $& and $1', email: 'alice@example.com' },
    );
    assert.deepEqual(rendered, { issue: 'Issue: my ${email} and $& and $1' });
  });
});
