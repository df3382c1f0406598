// Opens the bot's store: the configured Cosmos DB account, or with none configured an
// in-process Cosmos-compatible server on loopback (memory only), so the same code runs on a
// laptop, in tests and in production. Creates the database and containers when missing.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container, Database } from '@azure/cosmos';
import { CosmosClient } from '@azure/cosmos';
import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { CosmosConfig } from '../config/index.js';
import { storeFailure } from './cosmos-documents.js';
import { CosmosDialogStorage } from './cosmos-dialog-storage.js';
import { CosmosSessionStore } from './cosmos-session-store.js';
import { CosmosSpillStore } from './cosmos-spill-store.js';
import { CosmosTicketClaimStore } from './cosmos-ticket-store.js';
import { CosmosUserStore } from './cosmos-user-store.js';
import type {
  InboxPayload,
  OutboxPayload,
  SessionStore,
  SpillStore,
  TicketClaimStore,
  UserStore,
} from './types.js';

export interface Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  /** Inbox payloads too large (or too many) to keep in the session document. */
  readonly inbox: SpillStore<InboxPayload>;
  /** Outbox payloads too large (or too many) to keep in the session document. */
  readonly outbox: SpillStore<OutboxPayload>;
  /** Conversation and dialog state, for botbuilder's ConversationState / UserState. */
  readonly dialogStorage: Storage;
  /** One claim per ticket card: exactly one record per card across instances. */
  readonly tickets: TicketClaimStore;
  /** Resolves when the store answers; throws StoreUnavailableError otherwise (for readiness). */
  ping(): Promise<void>;
  /** Releases the client and, in embedded mode, stops the server (its data is lost). */
  close(): Promise<void>;
}

/** Container ids; each is partitioned on /id. */
export const CONTAINERS = {
  users: 'users',
  sessions: 'sessions',
  inbox: 'inbox',
  outbox: 'outbox',
  dialogState: 'dialogState',
  tickets: 'tickets',
} as const;

/** -1 enables per-item TTL without expiring anything by default. */
const PER_ITEM_TTL = new Set<string>([
  CONTAINERS.sessions,
  CONTAINERS.inbox,
  CONTAINERS.outbox,
  CONTAINERS.tickets,
]);

export interface StoreOptions {
  /** How long an ended session is kept before Cosmos DB deletes it. */
  readonly endedSessionTtlSeconds?: number;
}

interface Endpoint {
  readonly client: CosmosClient;
  stop(): Promise<void>;
}

export async function connectStore(
  config: CosmosConfig,
  log: Logger,
  options: StoreOptions = {},
): Promise<Store> {
  const endpoint =
    config.mode === 'embedded' ? await startEmbedded(log) : connectRemote(config, log);
  try {
    const database = await ensureDatabase(endpoint.client, config.database);
    const [users, sessions, inbox, outbox, dialogState, tickets] = await Promise.all([
      ensureContainer(database, CONTAINERS.users),
      ensureContainer(database, CONTAINERS.sessions),
      ensureContainer(database, CONTAINERS.inbox),
      ensureContainer(database, CONTAINERS.outbox),
      ensureContainer(database, CONTAINERS.dialogState),
      ensureContainer(database, CONTAINERS.tickets),
    ]);
    return {
      users: new CosmosUserStore(users),
      sessions: new CosmosSessionStore(sessions, {
        endedTtlSeconds: options.endedSessionTtlSeconds,
      }),
      inbox: new CosmosSpillStore<InboxPayload>(inbox, 'inbox'),
      outbox: new CosmosSpillStore<OutboxPayload>(outbox, 'outbox'),
      dialogStorage: new CosmosDialogStorage(dialogState),
      tickets: new CosmosTicketClaimStore(tickets),
      ping: () => ping(database),
      close: () => endpoint.stop(),
    };
  } catch (error) {
    await endpoint.stop();
    throw error;
  }
}

async function startEmbedded(log: Logger): Promise<Endpoint> {
  // Loaded only here: with its query engine (Babel's parser and generator) the server costs about
  // 10 MB of heap and 35 MB of resident memory, which a deployment on Cosmos DB never uses.
  const { createHttpServer } = await import('@vercel/cosmosdb-server');
  // Without keepAlive the server answers every request with `Connection: close`, so each store
  // operation would open a new TCP connection.
  const server = createHttpServer({ keepAlive: true });
  // That header also keeps Node from telling the client how long an idle connection lives, so a
  // server-side idle timeout could close a socket just as the client reuses it, failing a write
  // (the SDK retries only reads). Idle connections stay open instead; stop() ends them all.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  log.info(
    { store: 'embedded', port },
    'using the embedded Cosmos DB-compatible store: data is kept in memory only and lost on restart; set COSMOS_ENDPOINT for a real account',
  );
  // Without this the SDK follows the account metadata to an https address the server does not serve.
  const client = new CosmosClient({
    endpoint: `http://127.0.0.1:${port}`,
    key: 'embedded',
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  let stopped: Promise<void> | undefined;
  return {
    client,
    // Idempotent, so a second close (e.g. from a signal during shutdown) does not fail.
    stop: () => {
      if (stopped === undefined) {
        client.dispose();
        stopped = closeServer(server);
      }
      return stopped;
    },
  };
}

function connectRemote(config: Extract<CosmosConfig, { mode: 'remote' }>, log: Logger): Endpoint {
  log.info(
    { store: 'cosmos', endpoint: config.endpoint, database: config.database },
    'using Cosmos DB',
  );
  // Endpoint discovery only makes sense for a real (https) account; a loopback http server has none.
  const local = config.endpoint.startsWith('http:');
  const client = new CosmosClient({
    endpoint: config.endpoint,
    key: config.key,
    ...(local ? { connectionPolicy: { enableEndpointDiscovery: false } } : {}),
  });
  return {
    client,
    stop: () => {
      client.dispose();
      return Promise.resolve();
    },
  };
}

async function ensureDatabase(client: CosmosClient, id: string): Promise<Database> {
  try {
    return (await client.databases.createIfNotExists({ id })).database;
  } catch (error) {
    throw storeFailure(`Opening database ${id}`, error);
  }
}

async function ensureContainer(database: Database, id: string): Promise<Container> {
  try {
    const { container } = await database.containers.createIfNotExists({
      id,
      partitionKey: { paths: ['/id'] },
      ...(PER_ITEM_TTL.has(id) ? { defaultTtl: -1 } : {}),
    });
    return container;
  } catch (error) {
    throw storeFailure(`Opening container ${id}`, error);
  }
}

async function ping(database: Database): Promise<void> {
  try {
    await database.read();
  } catch (error) {
    throw storeFailure('Reaching the store', error);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
    // Keep-alive sockets from the client would otherwise hold the server open.
    server.closeAllConnections();
  });
}
