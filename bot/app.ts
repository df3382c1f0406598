// The composition root: wires config, store, ServiceNow client, adapter, bot and routes into a
// restify server, without listening (main.ts listens; tests build the real app around fakes).
import { CallbackParser, type SnowClient } from '@live-agent/snow';
import { ConversationState, type CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import { KeywordDomainClassifier } from '../dialogs/domain-classifier.js';
import { MainDialog } from '../dialogs/main-dialog.js';
import type { Config } from './config/index.js';
import { ConnectorClientAuthorization } from './delivery/connector-authorization.js';
import { healthHandler, readinessHandler } from './health.js';
import { createFiles, FILES_ROUTE } from './files/index.js';
import { LiveChatBot } from './live-chat-bot.js';
import { ServiceNowAgentAvailability } from './live-chat/availability.js';
import { createBrokering, type BrokeringTuning } from './live-chat/brokering.js';
import { PrometheusKnowledgeMetrics } from './live-chat/knowledge-metrics.js';
import { ServiceNowKnowledgeSearch } from './live-chat/knowledge-search.js';
import { activityResolutionFor, Sessions } from './live-chat/sessions.js';
import { ServiceNowLiveChatStarter } from './live-chat/starter.js';
import { ServiceNowSurveyAnswers } from './live-chat/survey-answers.js';
import { createTicketing } from './live-chat/ticketing.js';
import { UserDirectory } from './live-chat/user-directory.js';
import { UserToAgentRelay } from './live-chat/user-relay.js';
import {
  countOpenSessions,
  countSnowFailures,
  PrometheusMetrics,
  TeamsFailureMetrics,
} from './metrics.js';
import {
  TurnAdapter,
  VerifiedBotAuthentication,
  installSafeErrorResponses,
  jsonDepthGuard,
  messagesHandler,
  webhookGuard,
  type BotAuthenticationOverrides,
} from './security/index.js';
import type { Store } from './store/index.js';
import { CachedSessionStore } from './store/session-cache.js';
import { recordAnswers, serveMetrics } from './metrics-endpoint.js';
import { turnErrorHandler } from './turn-errors.js';
import { SandboxSwitch, type SandboxControls } from './sandbox-switch.js';
import { webhookHandler } from './webhook.js';

export interface AppDeps {
  readonly log: Logger;
  readonly store: Store;
  readonly snow: SnowClient;
  /** Base URL of the ServiceNow instance (or the simulator), for resolving relative URLs. */
  readonly instanceUrl: string;
  readonly sandbox: boolean;
  /** Tests only: faster retries and pacing, a manual sweep, a clock, a stable instance name. */
  readonly tuning?: Partial<BrokeringTuning>;
  readonly now?: () => number;
  readonly instanceId?: string;
  /** Process CPU, memory and event-loop metrics on /metrics (once per process: main turns it on). */
  readonly processMetrics?: boolean;
  /** Tests only: verify Bot Framework tokens against a local key set. */
  readonly botAuthentication?: BotAuthenticationOverrides;
  /** Sandbox mode only: typed phrases switch the simulator (its agent offline, its own survey). */
  readonly sandboxControls?: SandboxControls;
}

export interface App {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  /** GET /metrics on a listener of its own, when METRICS_PORT is set (main listens on it). */
  readonly metricsServer?: restify.Server;
  /** Stops the periodic sweep and waits for deliveries in progress (shutdown). */
  drain(): Promise<void>;
  /** Runs one sweep now: unfinished deliveries of any instance, then session deadlines. */
  sweep(): Promise<void>;
  /** The knowledge step's search, when it is turned on (main probes its path at start-up). */
  readonly knowledge?: ServiceNowKnowledgeSearch;
}

/** Largest request body accepted on either endpoint. */
const maxBodyBytes = 256 * 1024;

export function createApp(config: Config, deps: AppDeps): App {
  const { log } = deps;
  // Every session write of this instance goes through one cache of the versions it saw last.
  const store: Store = { ...deps.store, sessions: new CachedSessionStore(deps.store.sessions) };
  // One registry per app: tests build many apps in one process.
  const metrics = new PrometheusMetrics({
    openSessions: countOpenSessions(store.sessions),
    processMetrics: deps.processMetrics,
  });
  const snow = countSnowFailures(deps.snow, metrics);

  const auth = new VerifiedBotAuthentication(config.bot, log, deps.botAuthentication);
  const adapter = new TurnAdapter(auth);
  const conversationState = new ConversationState(store.dialogStorage);
  adapter.onTurnError = turnErrorHandler(log, conversationState);
  adapter.use(new TeamsFailureMetrics(metrics));
  // The bot's token towards the Bot Connector, outside turns: the relay's sends, pasted images.
  const connectorAuthorization = new ConnectorClientAuthorization(auth, config.bot.appId ?? '');

  const now = deps.now ?? Date.now;
  const sessions = new Sessions({
    sessions: store.sessions,
    users: store.users,
    log,
    now: () => new Date(now()),
    activityResolutionMs: activityResolutionFor(config.liveChat.idleTimeoutMs),
  });
  const directory = new UserDirectory(store.users, log);
  const classifier = new KeywordDomainClassifier(config.handoff.domains);
  const { tickets, followUps, survey } = createTicketing({
    ...{ handoff: config.handoff, snow, store, sessions, directory, classifier },
    ...{ instanceUrl: deps.instanceUrl, instanceId: deps.instanceId, now, log, metrics },
  });
  const parser = new CallbackParser({ instanceUrl: deps.instanceUrl });
  const server = restify.createServer({
    name: 'teams-servicenow-live-agent',
    handleUncaughtExceptions: false,
  });
  const files = createFiles({
    config: config.files,
    media: snow.media,
    authorization: connectorAuthorization,
    fallbackBaseUrl: () => loopbackUrl(server),
    log,
    now,
  });
  const brokering = createBrokering({
    store,
    sessions,
    va: snow.va,
    parser,
    authorization: connectorAuthorization,
    liveChat: config.liveChat,
    delivery: config.delivery,
    log,
    metrics,
    files,
    tuning: deps.tuning,
    now,
    instanceId: deps.instanceId,
    followUps,
  });
  const { queues, direct, lifecycle, postChat } = brokering;
  const knowledge = config.handoff.knowledge.enabled
    ? new ServiceNowKnowledgeSearch({
        sources: { api: snow.knowledge, table: snow.knowledgeTable },
        handoff: config.handoff,
        instanceUrl: deps.instanceUrl,
        metrics: new PrometheusKnowledgeMetrics(
          metrics.registry,
          new Set(config.handoff.domains.map((d) => d.id)),
        ),
        log: log.child({ component: 'knowledge' }),
        now,
      })
    : undefined;
  const availability = new ServiceNowAgentAvailability({
    presence: snow.presence,
    handoff: config.handoff,
    log,
  });
  const sandboxControls = deps.sandbox ? deps.sandboxControls : undefined;
  if (sandboxControls !== undefined) {
    const forget = () => {
      availability.forget();
    };
    adapter.use(new SandboxSwitch(sandboxControls, forget, log));
  }
  const dialog = new MainDialog({
    ...(knowledge && { knowledge }),
    classifier,
    tickets,
    survey,
    availability,
    starter: new ServiceNowLiveChatStarter({
      va: snow.va,
      sessions,
      directory,
      handoff: config.handoff,
      queues,
      lifecycle,
      log,
    }),
  });
  const bot = new LiveChatBot({
    dialog,
    conversationState,
    directory,
    sessions,
    relay: new UserToAgentRelay({
      va: snow.va,
      sessions,
      direct,
      lifecycle,
      log,
      followUps,
      files: files.user,
    }),
    surveyAnswers: new ServiceNowSurveyAnswers({
      sessions,
      direct,
      window: postChat.window,
      log: log.child({ component: 'post-chat' }),
    }),
    allowedTenantIds: config.allowedTenantIds,
    log,
  });

  server.pre(restify.plugins.pre.sanitizePath());
  installSafeErrorResponses(server, log);
  recordAnswers(server, metrics);
  const metricsServer = config.metrics.port === undefined ? undefined : createMetricsServer(log);
  serveMetrics(metricsServer ?? server, metrics, config.metrics.token);
  server.post(
    '/api/messages',
    restify.plugins.bodyParser({
      maxBodySize: maxBodyBytes,
      mapParams: false,
      rejectUnknown: true,
    }),
    jsonDepthGuard(log),
    messagesHandler({ adapter, auth, logic: (context) => bot.run(context), log }),
  );
  const webhookLog = log.child({ component: 'webhook' });
  server.post(
    '/api/servicenow/messages',
    // Authentication and rate limiting come first: nothing is read from a stranger.
    webhookGuard({ webhook: config.webhook, ingress: config.ingress, log: webhookLog }),
    restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }),
    jsonDepthGuard(webhookLog),
    webhookHandler({
      parser,
      sessions,
      queues,
      log: webhookLog,
      postChat: postChat.window,
    }),
  );
  server.get(`${FILES_ROUTE}/:name`, files.download);
  server.get('/healthz', healthHandler(Date.now()));
  server.get(
    '/readyz',
    readinessHandler(
      { store: () => store.ping(), servicenow: deps.sandbox ? 'skipped' : () => snow.ping() },
      log,
    ),
  );
  return {
    server,
    ...(metricsServer === undefined ? {} : { metricsServer }),
    adapter,
    drain: () => brokering.stop(),
    sweep: () => brokering.sweep(),
    ...(knowledge && { knowledge }),
  };
}

function createMetricsServer(log: Logger): restify.Server {
  const server = restify.createServer({
    name: 'teams-servicenow-live-agent-metrics',
    handleUncaughtExceptions: false,
  });
  server.pre(restify.plugins.pre.sanitizePath());
  installSafeErrorResponses(server, log);
  return server;
}

/** The app's own loopback URL once it listens (sandbox mode and tests, for links to files). */
function loopbackUrl(server: restify.Server): string | undefined {
  const address = server.address() as { port?: number } | null;
  return typeof address?.port === 'number' ? `http://127.0.0.1:${address.port}` : undefined;
}
