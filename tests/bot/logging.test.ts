// The logger never writes configured secrets, and keeps error codes and cause chains.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { loadConfig } from '../../bot/config/index.js';
import { routeConsoleToLog } from '../../bot/console-bridge.js';
import { createLogger, lazyChild } from '../../bot/logging.js';
import { redactingDestination, secretValues } from '../../bot/security/index.js';
import { StoreUnavailableError } from '../../bot/store/errors.js';

function capture(): {
  lines: () => Record<string, unknown>[];
  text: () => string;
  stream: Writable;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, text, stream };
}

const secrets = {
  MicrosoftAppPassword: 'secret-app-password-1',
  SERVICENOW_PASSWORD: 'secret-sn-password-2',
  SERVICENOW_CALLBACK_API_KEY: 'secret-callback-key-3',
  SERVICENOW_VA_TOKEN: 'secret-va-token-4',
  COSMOS_KEY: 'secret-cosmos-key-5',
};

describe('createLogger', () => {
  it('never writes configured secrets, whether logged as config, env or request headers', () => {
    const { text, stream } = capture();
    const log = createLogger({ level: 'trace', destination: stream });
    const config = loadConfig({
      ...secrets,
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      SERVICENOW_INSTANCE_URL: 'https://example.service-now.com',
      SERVICENOW_USERNAME: 'bot.integration',
      COSMOS_ENDPOINT: 'https://account.documents.azure.com',
    });
    log.info({ config }, 'configuration');
    log.info({ env: secrets }, 'environment');
    log.info(secrets, 'top level');
    log.child({ component: 'webhook' }).warn(
      {
        req: {
          method: 'POST',
          headers: {
            authorization: `Basic ${secrets.SERVICENOW_PASSWORD}`,
            token: secrets.SERVICENOW_VA_TOKEN,
          },
        },
        headers: {
          authorization: `Bearer ${secrets.MicrosoftAppPassword}`,
          'x-api-key': secrets.SERVICENOW_CALLBACK_API_KEY,
        },
        options: {
          credentials: {
            password: secrets.SERVICENOW_PASSWORD,
            apiKey: secrets.SERVICENOW_CALLBACK_API_KEY,
          },
        },
      },
      'request',
    );
    const output = text();
    for (const secret of Object.values(secrets))
      assert.ok(!output.includes(secret), 'a secret was logged');
    assert.match(output, /example\.service-now\.com/);
    assert.match(output, /bot\.integration/);
    assert.match(output, /\[REDACTED\]/);
  });

  it('keeps the code and the cause chain of an error, but not objects hung on it', () => {
    const { lines, text, stream } = capture();
    const log = createLogger({ level: 'info', destination: stream });
    const network = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      request: { headers: { authorization: 'Bearer leaked-token' } },
      password: 'leaked-password',
    });
    log.error(
      { err: new StoreUnavailableError('Reading a session failed', { cause: network }) },
      'turn failed',
    );
    const [entry] = lines();
    const err = entry?.err as Record<string, unknown>;
    assert.equal(err.type, 'StoreUnavailableError');
    assert.equal(err.code, 'STORE_UNAVAILABLE');
    assert.equal(err.message, 'Reading a session failed');
    const cause = err.cause as Record<string, unknown>;
    assert.equal(cause.code, 'ECONNREFUSED');
    assert.equal(cause.message, 'connect ECONNREFUSED');
    assert.doesNotMatch(text(), /leaked-token|leaked-password/);
  });

  it('writes nothing at level silent', () => {
    const { text, stream } = capture();
    createLogger({ level: 'silent', destination: stream }).error(
      { err: new Error('x') },
      'nothing',
    );
    assert.equal(text(), '');
  });
});

describe('lazyChild', () => {
  it('writes lines with the bindings, redacted like any other', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    const child = lazyChild(log, { sessionId: 's-1', password: 'hunter2' });
    child.warn({ seq: 3 }, 'delivery deferred');
    const [line] = out.lines();
    assert.equal(line?.sessionId, 's-1');
    assert.equal(line.seq, 3);
    assert.equal(line.msg, 'delivery deferred');
    assert.equal(line.password, '[REDACTED]');
  });

  it('creates no child, and writes nothing, for a level that is off', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', destination: out.stream });
    let children = 0;
    const childOf = log.child.bind(log);
    log.child = ((...args: Parameters<typeof log.child>) => {
      children += 1;
      return childOf(...args);
    }) as typeof log.child;
    const child = lazyChild(log, { sessionId: 's-2' });
    child.debug('callback delivered');
    child.info('not shown either');
    lazyChild(child, { seq: 1 }).debug('nested, not shown');
    assert.equal(children, 0);
    child.error('shown');
    child.error('shown again');
    assert.equal(children, 1, 'one child, made on the first line written');
    assert.deepEqual(
      out.lines().map((l) => [l.sessionId, l.msg]),
      [
        ['s-2', 'shown'],
        ['s-2', 'shown again'],
      ],
    );
  });

  it('answers level questions and nested children like the logger it stands for', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    const child = lazyChild(log, { sessionId: 's-3' });
    assert.equal(child.isLevelEnabled('debug'), false);
    assert.equal(child.level, 'info');
    lazyChild(child, { seq: 1 }).info('nested');
    const [line] = out.lines();
    assert.equal(line?.sessionId, 's-3');
    assert.equal(line.seq, 1);
  });
});

describe('routeConsoleToLog', () => {
  it('turns a library’s console.error into one redacted JSON warning, and can be undone', () => {
    const { lines, stream } = capture();
    const env = { ...secrets };
    const destination = redactingDestination(
      { write: (line: string) => stream.write(line) },
      secretValues(env),
    );
    const log = createLogger({ level: 'info', destination });
    const raw: unknown[][] = [];
    const target = {
      error: (...args: unknown[]) => raw.push(args),
      warn: (...args: unknown[]) => raw.push(args),
    };
    const restore = routeConsoleToLog(log, target);
    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    target.error(expired);
    target.warn('Error finding key for token. Available keys: %s', secrets.SERVICENOW_PASSWORD);
    assert.equal(raw.length, 0, 'nothing reached the console itself');
    const [first, second] = lines();
    assert.equal(first?.level, 40);
    assert.equal(first.component, 'console');
    assert.equal(first.stream, 'error');
    assert.match(String(first.text), /TokenExpiredError\]?: jwt expired/);
    assert.equal(second?.stream, 'warn');
    assert.match(String(second.text), /Available keys: \[REDACTED\]/);

    restore();
    target.error('after');
    assert.deepEqual(raw, [['after']]);
  });
});
