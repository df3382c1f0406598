// The real app with every secret configured and Bot Framework authentication on: app id and
// password (tokens signed by a local key set), ServiceNow password and VA token, both webhook
// keys and shared headers, and a Cosmos DB endpoint with a key (a Cosmos-compatible server on
// loopback). Everything the app says is captured: logs, HTTP answers, the store's documents.
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { CosmosClient } from '@azure/cosmos';
import { createSnowClient, type SnowClientOptions } from '@live-agent/snow';
import { startSimulator } from '@live-agent/snow/simulator';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Server as RestifyServer } from 'restify';
import { createApp } from '../../../bot/app.js';
import { loadConfig, type Config } from '../../../bot/config/index.js';
import { createLogger } from '../../../bot/logging.js';
import { CONTAINERS, connectStore } from '../../../bot/store/index.js';
import { FakeConnector } from '../../support/fake-connector.js';
import type { Harness } from '../../support/harness.js';
import { close } from '../../support/http.js';
import { FixedTokenCredentialsFactory } from './outbound-credentials.js';
import { TEST_ISSUER, TokenIssuer } from './token-issuer.js';

export const APP_ID = '0b7c1a2e-5d4f-4e3a-9b8c-1d2e3f4a5b6c';

/**
 * Every secret the bot can be given, each distinctive enough to be found anywhere. ServiceNow
 * credentials come in two exclusive kinds (a user with a VA token, or an OAuth client with a
 * signing secret): each journey runs with one kind.
 */
export const SECRETS = {
  MicrosoftAppPassword: 'secret-app-password-7f3a9c',
  SERVICENOW_PASSWORD: 'secret-snow-password-2b8e4d',
  SERVICENOW_VA_TOKEN: 'secret-va-token-9d1c6a',
  SERVICENOW_OAUTH_CLIENT_SECRET: 'secret-oauth-client-1a4c7e',
  SERVICENOW_VA_SIGNING_SECRET: 'secret-va-signing-0d3f5b',
  SERVICENOW_CALLBACK_API_KEY: 'secret-callback-key-5e7b3f',
  SERVICENOW_CALLBACK_API_KEY_NEXT: 'secret-callback-next-key-8a2d6c',
  SERVICENOW_CALLBACK_HEADER: 'X-Callback-Secret: secret-shared-header-4c9e1b',
  SERVICENOW_CALLBACK_HEADER_NEXT: 'X-Callback-Secret: secret-shared-next-header-6f0a2e',
  COSMOS_KEY: 'secret-cosmos-key-3b5d7f',
  METRICS_TOKEN: 'secret-metrics-token-2c6e8a0f4b1d',
  FILES_LINK_SECRET: 'secret-files-link-key-6d2a9e-0123456789abcdef',
} as const;

export const SNOW_USER = 'bot.integration';
export const OAUTH_CLIENT = 'teams-bot-client';

export type SnowCredentialKind = 'user' | 'oauth';

/** The secrets of one kind of ServiceNow credentials are left out of the other's environment. */
const EXCLUSIVE: Record<SnowCredentialKind, readonly (keyof typeof SECRETS)[]> = {
  user: ['SERVICENOW_OAUTH_CLIENT_SECRET', 'SERVICENOW_VA_SIGNING_SECRET'],
  oauth: ['SERVICENOW_PASSWORD', 'SERVICENOW_VA_TOKEN'],
};
export const CALLBACK_USER = 'servicenow';
export const SHARED_HEADER = { name: 'x-callback-secret', value: 'secret-shared-header-4c9e1b' };

export interface SecureHarness extends Harness {
  readonly issuer: TokenIssuer;
  /** What `ServiceNow` (the simulator) and the tests got back from the bot: status and body. */
  readonly answers: string[];
  /** Every document in every container of the store. */
  documents(): Promise<unknown[]>;
  /** A token for this harness's connector, with any claims changed. */
  bearer(claims?: Parameters<TokenIssuer['token']>[0]): string;
}

export async function startSecureHarness(
  kind: SnowCredentialKind = 'user',
  extraEnv: Record<string, string> = {},
): Promise<SecureHarness> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const cosmos = createHttpServer();
  const cosmosUrl = await listenOn(cosmos);
  const issuer = await TokenIssuer.start();
  const simulator = await startSimulator({
    credentials: { username: SNOW_USER, password: SECRETS.SERVICENOW_PASSWORD },
    scriptedAgent: false,
    ...(kind === 'user'
      ? { vaToken: SECRETS.SERVICENOW_VA_TOKEN }
      : {
          oauth: { clientId: OAUTH_CLIENT, clientSecret: SECRETS.SERVICENOW_OAUTH_CLIENT_SECRET },
          vaSigningSecret: SECRETS.SERVICENOW_VA_SIGNING_SECRET,
        }),
  });
  const secrets = Object.fromEntries(
    Object.entries(SECRETS).filter(([k]) => !EXCLUSIVE[kind].includes(k as never)),
  );
  const env = {
    ...secrets,
    MicrosoftAppId: APP_ID,
    MicrosoftAppType: 'MultiTenant',
    SERVICENOW_INSTANCE_URL: simulator.url,
    ...(kind === 'user'
      ? { SERVICENOW_USERNAME: SNOW_USER }
      : { SERVICENOW_OAUTH_CLIENT_ID: OAUTH_CLIENT }),
    SERVICENOW_CALLBACK_USER: CALLBACK_USER,
    COSMOS_ENDPOINT: cosmosUrl,
    LOG_LEVEL: 'trace',
    ...extraEnv,
  };
  const config = loadConfig(env);
  const log = createLogger({ level: 'trace', destination: sink });
  const store = await connectStore(config.cosmos, log);
  const connector = await FakeConnector.start();
  const app = createApp(config, {
    log,
    store,
    snow: createSnowClient(snowClientOptions(config)),
    instanceUrl: simulator.url,
    sandbox: false,
    botAuthentication: {
      openIdMetadataUrl: issuer.openIdMetadataUrl,
      tokenIssuer: TEST_ISSUER,
      credentialsFactory: new FixedTokenCredentialsFactory({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: SECRETS.MicrosoftAppPassword,
        MicrosoftAppType: 'MultiTenant',
      }),
    },
  });
  const answers: string[] = [];
  captureAnswers(app.server, answers);
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${app.server.address().port}`;
  simulator.setCallback({
    url: `${url}/api/servicenow/messages`,
    username: CALLBACK_USER,
    password: SECRETS.SERVICENOW_CALLBACK_API_KEY,
    headers: { [SHARED_HEADER.name]: SHARED_HEADER.value },
  });
  const bearer = (claims = {}) =>
    `Bearer ${issuer.token({ aud: APP_ID, serviceurl: connector.serviceUrl, ...claims })}`;
  const reader = new CosmosClient({
    endpoint: cosmosUrl,
    key: SECRETS.COSMOS_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  return {
    app,
    url,
    store,
    simulator,
    connector,
    logs,
    answers,
    issuer,
    authorization: bearer(),
    bearer,
    documents: () => allDocuments(reader, config.cosmos.database),
    async close() {
      app.server.close();
      await app.drain();
      await simulator.close();
      await connector.close();
      await store.close();
      reader.dispose();
      await issuer.close();
      await close(cosmos);
    },
  };
}

/** The ServiceNow client as the bot's entry point builds it from configuration. */
function snowClientOptions(config: Config): SnowClientOptions {
  const sn = config.serviceNow;
  if (sn.mode !== 'instance') throw new Error('the secure harness needs an instance');
  return {
    instanceUrl: sn.instanceUrl,
    ...(sn.oauth === undefined
      ? { username: sn.username, password: sn.password }
      : { oauth: sn.oauth }),
    vaToken: sn.vaToken,
    vaSigningSecret: sn.vaSigningSecret,
  };
}

/** Records every answer the server writes: status, headers and body. */
function captureAnswers(server: RestifyServer, answers: string[]): void {
  server.pre((_req, res, next) => {
    const chunks: string[] = [];
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    Object.assign(res, {
      write: (chunk: unknown, ...rest: unknown[]) => {
        chunks.push(String(chunk));
        return write(chunk, ...rest);
      },
      end: (...args: unknown[]) => {
        if (typeof args[0] === 'string' || Buffer.isBuffer(args[0])) chunks.push(String(args[0]));
        answers.push(`${res.statusCode} ${JSON.stringify(res.getHeaders())} ${chunks.join('')}`);
        return end(...args);
      },
    });
    next();
  });
}

async function allDocuments(client: CosmosClient, database: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for (const id of Object.values(CONTAINERS)) {
    const container = client.database(database).container(id);
    const { resources } = await container.items.query('SELECT * FROM c').fetchAll();
    all.push(...(resources as unknown[]));
  }
  return all;
}

async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
