// The Azure templates agree with the code: the container's environment variables are exactly the
// keys the configuration schema reads (secrets only as secret references), the parameters file
// reads them under the same names, and Cosmos DB has the containers, partition keys and TTL
// settings that the bot's store creates.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CosmosClient } from '@azure/cosmos';
import { pino } from 'pino';
import { loadConfig } from '../../bot/config/index.js';
import { ENV_KEYS, SECRET_ENV_KEYS } from '../../bot/config/env-schema.js';
import { CONTAINERS, connectStore } from '../../bot/store/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const sorted = (values: Iterable<string>) => [...values].sort();

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] ?? '');
}

const containerApp = read('infra/modules/container-app.bicep');
const tuningKeys = matches(
  /var tuningKeys = \[([^\]]*)\]/.exec(containerApp)?.[1] ?? '',
  /'([A-Za-z0-9_]+)'/g,
);
const settings = [
  ...matches(containerApp, /name:\s*'([A-Za-z][A-Za-z0-9_]*)'\s*,?\s*(?:value|secret):/g),
  ...tuningKeys,
];
const secretSettings = matches(containerApp, /name:\s*'([A-Za-z][A-Za-z0-9_]*)'\s*,?\s*secret:/g);

/** Settings the template derives itself rather than reading from a parameter of the same name. */
const DERIVED: Readonly<Record<string, string>> = {
  NODE_ENV: 'always production in Azure',
  PORT: 'the ingress target port',
  METRICS_PORT: 'the internal port the template maps inside the environment only',
  MicrosoftAppTenantId: "the deployment's tenant",
  COSMOS_ENDPOINT: 'the Cosmos DB account the template creates',
  COSMOS_KEY: 'read from that account by the template',
  TRUSTED_PROXY_HOPS: 'the Container Apps ingress is one reverse proxy',
  FILES_ALLOW_LOOPBACK: 'never on in Azure: files come over HTTPS only',
};

describe('the Azure templates and the configuration schema', () => {
  it('set exactly the environment variables the configuration reads', () => {
    assert.equal(new Set(settings).size, settings.length, 'no variable is set twice');
    const missing = ENV_KEYS.filter((k) => !settings.includes(k));
    const unknown = settings.filter((k) => !(ENV_KEYS as readonly string[]).includes(k));
    assert.deepEqual(
      { missing, unknown },
      { missing: [], unknown: [] },
      'infra/modules/container-app.bicep must set every key of bot/config/env-schema.ts, and no other',
    );
  });

  it('pass every secret as a Container Apps secret, never as a plain value', () => {
    assert.ok(SECRET_ENV_KEYS.length >= 5);
    assert.deepEqual(sorted(secretSettings), sorted(SECRET_ENV_KEYS));
  });

  it('let the parameters file read each setting under its own name', () => {
    const params = read('infra/main.bicepparam');
    const readNames = matches(params, /readEnvironmentVariable\('([A-Za-z0-9_]+)'/g);
    const expected = ENV_KEYS.filter((k) => !(k in DERIVED));
    assert.deepEqual(
      expected.filter((k) => !readNames.includes(k)),
      [],
      'infra/main.bicepparam must read these from environment variables of the same name',
    );
  });

  it('default the database to the name the bot uses', () => {
    const database = loadConfig({}).cosmos.database;
    assert.match(
      read('infra/main.bicep'),
      new RegExp(`param cosmosDatabase string = '${database}'`),
    );
    assert.match(
      read('infra/main.bicepparam'),
      new RegExp(`readEnvironmentVariable\\('COSMOS_DATABASE', '${database}'\\)`),
    );
  });
});

describe('the Cosmos DB template and the store', () => {
  const cosmos = read('infra/modules/cosmos.bicep');
  const declared = [
    ...cosmos.matchAll(/\{\s*id:\s*'(\w+)',\s*perItemTtl:\s*(true|false)\s*\}/g),
  ].map((m) => ({ id: m[1] ?? '', perItemTtl: m[2] === 'true' }));

  it('declares the containers the store names', () => {
    assert.deepEqual(sorted(declared.map((c) => c.id)), sorted(Object.values(CONTAINERS)));
  });

  it('partitions every container on /id', () => {
    assert.match(cosmos, /partitionKey:\s*\{\s*paths:\s*\[\s*'\/id'\s*\]/);
    assert.doesNotMatch(cosmos, /paths:\s*\[\s*'\/(?!id')/);
  });

  it('matches the partition keys and TTL settings of the containers the store creates', async () => {
    const created = await containersCreatedByTheStore();
    assert.deepEqual(sorted(created.map((c) => c.id)), sorted(declared.map((c) => c.id)));
    for (const container of created) {
      assert.deepEqual(container.partitionKeyPaths, ['/id'], container.id);
      const template = declared.find((c) => c.id === container.id);
      assert.equal(
        template?.perItemTtl,
        container.defaultTtl === -1,
        `defaultTtl of ${container.id}: the store sets ${String(container.defaultTtl)}`,
      );
    }
  });
});

interface CreatedContainer {
  readonly id: string;
  readonly partitionKeyPaths: readonly string[];
  readonly defaultTtl?: number;
}

/** Opens the real store on its embedded server and reads back the container definitions. */
async function containersCreatedByTheStore(): Promise<CreatedContainer[]> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const database = 'templates-test';
  const store = await connectStore(
    { mode: 'embedded', database },
    pino({ level: 'info' }, destination),
  );
  try {
    const port = lines
      .map((l) => JSON.parse(l) as { store?: string; port?: number })
      .find((l) => l.store === 'embedded')?.port;
    assert.ok(port !== undefined, 'the embedded store logs its port');
    const client = new CosmosClient({
      endpoint: `http://127.0.0.1:${port}`,
      key: 'embedded',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const { resources } = await client.database(database).containers.readAll().fetchAll();
      return resources.map((r) => ({
        id: r.id,
        partitionKeyPaths: r.partitionKey?.paths ?? [],
        ...(r.defaultTtl === undefined ? {} : { defaultTtl: r.defaultTtl }),
      }));
    } finally {
      client.dispose();
    }
  } finally {
    await store.close();
  }
}

describe('the Bicep wiring (no Bicep compiler runs here, so the links are checked as text)', () => {
  const main = read('infra/main.bicep');
  const declared = (text: string) => matches(text, /^param (\w+)/gm);
  const withoutDefault = (text: string) => matches(text, /^param (\w+) \w+$/gm);

  it('passes every module exactly parameters it declares, and all it requires', () => {
    const modules = [...main.matchAll(/^module (\w+) '([^']+)'[^\n]*\{\n([\s\S]*?)\n\}$/gm)];
    assert.ok(modules.length >= 6);
    for (const [, name, path, body] of modules) {
      const module = read(join('infra', path ?? ''));
      const params = /\n {2}params: \{\n([\s\S]*?)\n {2}\}/.exec(body ?? '')?.[1] ?? '';
      const passed = matches(params, /^ {4}(\w+):/gm);
      assert.deepEqual(
        passed.filter((p) => !declared(module).includes(p)),
        [],
        `${name ?? ''}: unknown parameters`,
      );
      assert.deepEqual(
        withoutDefault(module).filter((p) => !passed.includes(p)),
        [],
        `${name ?? ''}: missing parameters`,
      );
    }
  });

  it('gives main.bicep only parameters it declares, and every one it requires', () => {
    const params = matches(read('infra/main.bicepparam'), /^param (\w+)/gm);
    assert.deepEqual(
      params.filter((p) => !declared(main).includes(p)),
      [],
    );
    assert.deepEqual(
      withoutDefault(main).filter((p) => !params.includes(p)),
      [],
    );
  });
});
