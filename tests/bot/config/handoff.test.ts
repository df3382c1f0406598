// The handoff configuration file: validation with JSON paths (naming the option), expressions,
// templates, business hours and domains, and rendering context variables.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  ConfigError,
  loadConfig,
  loadHandoffConfig,
  parseHandoffConfig,
  renderContextVariables,
} from '../../../bot/config/index.js';
import { DEFAULT_HANDOFF_CONFIG, projectRoot } from '../../../bot/config/paths.js';
import { handoffProblemsOf } from './support.js';

const option = {
  id: 'agent_broker_instance_1',
  enabled: true,
  label: 'Live Chat',
  startAction: 'AGENT',
  serviceChannel: null,
  contextVariables: {
    live_agent_only: 'true',
    requester_session_language: '${context.language}',
  },
};
const valid = {
  options: [option],
  availability: { agentsAlwaysAvailable: false, cacheSeconds: 15 },
};

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
    assert.equal(config.options[0]?.labels.de, 'Live-Chat');
    assert.deepEqual(
      config.domains.map((d) => d.id),
      ['IT_DOMAIN', 'HR_DOMAIN'],
    );
    assert.deepEqual(config.availability, { agentsAlwaysAvailable: false, cacheSeconds: 15 });
  });

  it('defaults the trigger rule to true and the display score to 1', () => {
    const config = parseHandoffConfig(valid);
    const [first] = config.options;
    assert.ok(first);
    assert.deepEqual([first.triggerRule, first.displayScore], ['true', '1']);
    assert.deepEqual(config.domains, []);
  });

  it('stops start-up on an expression syntax error, naming the option and the field', () => {
    const problems = handoffProblemsOf({
      ...valid,
      options: [
        { ...option, triggerRule: "context.domain == 'IT_DOMAIN' &&" },
        { ...option, id: 'hr', displayScore: 'nosuchfunction(1)' },
      ],
    });
    assert.equal(problems.length, 2);
    assert.match(
      problems[0] ?? '',
      /^handoff\.json: \/options\/0\/triggerRule: invalid expression: .*\(option "agent_broker_instance_1"\)$/,
    );
    assert.match(
      problems[1] ?? '',
      /^handoff\.json: \/options\/1\/displayScore: invalid expression: .*\(option "hr"\)$/,
    );
  });

  it('rejects variables other than the context fields, suggesting the right name', () => {
    const problems = handoffProblemsOf({
      ...valid,
      options: [{ ...option, triggerRule: "domain == 'IT_DOMAIN'", displayScore: 'user.score' }],
    });
    assert.deepEqual(problems, [
      'handoff.json: /options/0/triggerRule: unknown variable "domain" (did you mean context.domain?) (option "agent_broker_instance_1")',
      'handoff.json: /options/0/displayScore: unknown variable "user.score" (known: context.domain, context.domain_candidates, context.language, context.locale, context.timezone, context.email, context.description, context.articles) (option "agent_broker_instance_1")',
    ]);
  });

  it('checks business hours: time zone, intervals and dates', () => {
    const problems = handoffProblemsOf({
      ...valid,
      availability: {
        ...valid.availability,
        businessHours: {
          timeZone: 'Mars/Olympus',
          weekly: { monday: ['18:00-08:00', '8:00-12:00'], funday: ['08:00-12:00'] },
          holidays: ['2026-13-01'],
        },
      },
    });
    assert.deepEqual([...problems].sort(), [
      'handoff.json: /availability/businessHours/holidays/0: must match pattern "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"',
      'handoff.json: /availability/businessHours/weekly/monday/1: must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"',
      'handoff.json: /availability/businessHours/weekly: unknown property "funday"',
    ]);
    const semantic = handoffProblemsOf({
      ...valid,
      options: [
        {
          ...option,
          businessHours: { timeZone: 'Mars/Olympus', weekly: { monday: ['18:00-08:00'] } },
        },
      ],
    });
    assert.deepEqual(semantic, [
      'handoff.json: /options/0/businessHours/timeZone: unknown time zone (use an IANA name such as Europe/Berlin)',
      'handoff.json: /options/0/businessHours/weekly/monday/0: must end after it starts',
    ]);
  });

  it('rejects duplicate domain ids', () => {
    const domain = { id: 'IT_DOMAIN', keywords: ['vpn'] };
    assert.deepEqual(handoffProblemsOf({ ...valid, domains: [domain, domain] }), [
      'handoff.json: /domains/1/id: duplicate domain id',
    ]);
  });

  it('finds the project root from both the sources and the build output', () => {
    assert.equal(projectRoot('file:///srv/app/bot/config/paths.ts'), '/srv/app');
    assert.equal(projectRoot('file:///srv/app/dist/bot/config/paths.js'), '/srv/app');
  });

  it('names the JSON path of every invalid field', () => {
    const problems = handoffProblemsOf({
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

  it('rejects a context variable template with an unknown variable or an open ${', () => {
    const contextVariables = {
      greeting: 'Hi ${firstName}',
      lang: '${context.language}',
      open: 'x ${context.locale',
    };
    assert.deepEqual(handoffProblemsOf({ ...valid, options: [{ ...option, contextVariables }] }), [
      'handoff.json: /options/0/contextVariables/greeting: unknown variable "firstName" (known: context.domain, context.domain_candidates, context.language, context.locale, context.timezone, context.email, context.description, context.articles) (option "agent_broker_instance_1")',
      'handoff.json: /options/0/contextVariables/open: unterminated ${ placeholder (option "agent_broker_instance_1")',
    ]);
  });

  it('requires at least one enabled option and unique ids', () => {
    assert.deepEqual(
      handoffProblemsOf({
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
    assert.deepEqual(handoffProblemsOf({ ...valid, options: [] }), [
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

  it('renders expressions in templates and leaves out variables with no value', () => {
    const rendered = renderContextVariables(
      {
        lang: '${context.language}',
        where: '${context.locale} / ${context.timezone}',
        who: '${context.email}',
        fixed: 'true',
        skills: "${if(context.domain == 'IT_DOMAIN', 'network,vpn', null)}",
        top: '${context.domain_candidates[0].domain}',
      },
      { language: 'de', locale: 'de-DE', domain_candidates: [] },
    );
    assert.deepEqual(rendered, { lang: 'de', where: 'de-DE / ', fixed: 'true' });
    const it = renderContextVariables(
      { skills: "${if(context.domain == 'IT_DOMAIN', 'network,vpn', null)}" },
      { domain: 'IT_DOMAIN' },
    );
    assert.deepEqual(it, { skills: 'network,vpn' });
  });

  it('inserts values literally, never expanding placeholders inside them', () => {
    const rendered = renderContextVariables(
      { issue: 'Issue: ${context.description}' },
      { description: 'my ${context.email} and $& and $1', email: 'alice@example.com' },
    );
    assert.deepEqual(rendered, { issue: 'Issue: my ${context.email} and $& and $1' });
  });
});
