// The composition root: wires config, store, ServiceNow client, adapter, bot and routes into a
// restify server, without listening (main.ts listens; tests build the real app around fakes).
import { CallbackParser, type SnowClient } from '@live-agent/snow';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
} from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import { MainDialog } from '../dialogs/main-dialog.js';
import type { Config } from './config/index.js';
import { healthHandler, readinessHandler } from './health.js';
import { LiveChatBot } from './live-chat-bot.js';
import { AgentToUserRelay } from './live-chat/agent-relay.js';
import { ServiceNowAgentAvailability } from './live-chat/availability.js';
import { KeyedQueue } from './live-chat/keyed-queue.js';
import { Sessions } from './live-chat/sessions.js';
import { ServiceNowLiveChatStarter } from './live-chat/starter.js';
import { UserDirectory } from './live-chat/user-directory.js';
import { UserToAgentRelay } from './live-chat/user-relay.js';
import type { Store } from './store/index.js';
import { turnErrorHandler } from './turn-errors.js';
import { webhookHandler } from './webhook.js';

export interface AppDeps {
  readonly log: Logger;
  readonly store: Store;
  readonly snow: SnowClient;
  /** Base URL of the ServiceNow instance (or the simulator), for resolving relative URLs. */
  readonly instanceUrl: string;
  readonly sandbox: boolean;
}

export interface App {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  /** Waits for callbacks already acknowledged to be delivered. */
  drain(): Promise<void>;
}

/** Largest request body accepted on either endpoint. */
const maxBodyBytes = 256 * 1024;

export function createApp(config: Config, deps: AppDeps): App {
  const { log, store, snow } = deps;
  const apiKey = config.webhook.apiKey;
  if (apiKey === undefined) throw new Error('The ServiceNow webhook needs an API key');

  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(botFrameworkSettings(config)),
  );
  const conversationState = new ConversationState(store.dialogStorage);
  adapter.onTurnError = turnErrorHandler(log, conversationState);

  const sessions = new Sessions({ sessions: store.sessions, users: store.users, log });
  const directory = new UserDirectory(store.users, log);
  const dialog = new MainDialog({
    availability: new ServiceNowAgentAvailability({
      presence: snow.presence,
      handoff: config.handoff,
      log,
    }),
    starter: new ServiceNowLiveChatStarter({
      va: snow.va,
      sessions,
      directory,
      handoff: config.handoff,
      log,
    }),
  });
  const bot = new LiveChatBot({
    dialog,
    conversationState,
    directory,
    sessions,
    relay: new UserToAgentRelay({ va: snow.va, sessions, log }),
    allowedTenantIds: config.allowedTenantIds,
    log,
  });
  const agentRelay = new AgentToUserRelay({
    adapter,
    botAppId: config.bot.appId ?? '',
    sessions,
    log,
  });
  const queue = new KeyedQueue();

  const server = restify.createServer({
    name: 'teams-servicenow-live-agent',
    handleUncaughtExceptions: false,
  });
  server.pre(restify.plugins.pre.sanitizePath());
  server.post(
    '/api/messages',
    restify.plugins.bodyParser({
      maxBodySize: maxBodyBytes,
      mapParams: false,
      rejectUnknown: true,
    }),
    async (req, res) => {
      await adapter.process(req, res, (context) => bot.run(context));
    },
  );
  server.post(
    '/api/servicenow/messages',
    restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }),
    webhookHandler({
      credentials: { user: config.webhook.user, apiKey },
      parser: new CallbackParser({ instanceUrl: deps.instanceUrl }),
      sessions,
      inbox: store.inbox,
      relay: agentRelay,
      queue,
      log: log.child({ component: 'webhook' }),
    }),
  );
  server.get('/healthz', healthHandler(Date.now()));
  server.get(
    '/readyz',
    readinessHandler(
      { store: () => store.ping(), servicenow: deps.sandbox ? 'skipped' : () => snow.ping() },
      log,
    ),
  );
  return { server, adapter, drain: () => queue.drain() };
}

/** The settings ConfigurationBotFrameworkAuthentication reads, from our validated config only. */
function botFrameworkSettings(config: Config): Record<string, string> {
  const { appId, appPassword, appType, tenantId } = config.bot;
  return {
    MicrosoftAppId: appId ?? '',
    MicrosoftAppPassword: appPassword ?? '',
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: tenantId ?? '',
  };
}
