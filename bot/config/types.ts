// The typed, frozen configuration of the bot, split in slices so each component gets only its own.
import type { FilesConfig } from './files.js';
import type { HandoffConfig } from './handoff.js';
import type { SharedHeader } from './shared-header.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const BOT_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMsi'] as const;
export type BotAppType = (typeof BOT_APP_TYPES)[number];

/** The Bot Framework identity, as `ConfigurationBotFrameworkAuthentication` expects it. */
export interface BotConfig {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly appType: BotAppType;
  readonly tenantId?: string;
}

export interface SandboxServiceNowConfig {
  readonly mode: 'sandbox';
}

/** Basic auth with a ServiceNow user, or an OAuth client (client-credentials grant) instead. */
export type ServiceNowCredentials =
  | { readonly username: string; readonly password: string; readonly oauth?: undefined }
  | {
      readonly oauth: { readonly clientId: string; readonly clientSecret: string };
      readonly username?: undefined;
      readonly password?: undefined;
    };

export type InstanceServiceNowConfig = ServiceNowCredentials & {
  readonly mode: 'instance';
  /** Origin only, e.g. `https://example.service-now.com` (no trailing slash). */
  readonly instanceUrl: string;
  /** Static message-auth token (`token` header). */
  readonly vaToken?: string;
  /** Hash message-auth secret: bodies are signed (`x-b2b-signature`) instead of a token. */
  readonly vaSigningSecret?: string;
  readonly appInboundId?: string;
};

export type ServiceNowConfig = SandboxServiceNowConfig | InstanceServiceNowConfig;

/** Credentials ServiceNow presents on the webhook. `apiKey` is always set in instance mode. */
export interface WebhookConfig {
  readonly user?: string;
  readonly apiKey?: string;
  /** A second key accepted as well while the first is being replaced. */
  readonly nextApiKey?: string;
  /** When set, every callback must also carry one of these headers (two during a rotation). */
  readonly sharedHeaders?: readonly SharedHeader[];
}

/** How callers are told apart and limited. */
export interface IngressConfig {
  /** Reverse proxies in front of the bot whose X-Forwarded-For entries are trusted. */
  readonly trustedProxyHops: number;
  /**
   * An optional cap on authenticated webhook requests from one source per minute; undefined: none
   * (ServiceNow's own traffic is never throttled). Failed authentications are always limited.
   */
  readonly webhookRequestsPerMinute?: number;
}

export interface EmbeddedCosmosConfig {
  readonly mode: 'embedded';
  readonly database: string;
}

export interface RemoteCosmosConfig {
  readonly mode: 'remote';
  /** Origin only, e.g. `https://account.documents.azure.com:443`. */
  readonly endpoint: string;
  readonly key: string;
  readonly database: string;
}

export type CosmosConfig = EmbeddedCosmosConfig | RemoteCosmosConfig;

/** Deadlines of a live chat (see the lifecycle sweep). */
export interface LiveChatConfig {
  /** A chat ServiceNow sends nothing for within this long after the request ends. */
  readonly startTimeoutMs: number;
  /** A connected chat with no message either way for this long ends; 0 = never. */
  readonly idleTimeoutMs: number;
  /** The user is reminded this long before the idle timeout; 0 = no reminder. */
  readonly idleReminderMs: number;
  /**
   * After ServiceNow closed a chat with its own post-chat survey, its callbacks are still shown
   * and the user's answers still relayed for this long; 0 = its survey is shown, not answered.
   */
  readonly serviceNowSurveyMs: number;
  /**
   * After ServiceNow handed a chat an agent closed back to its virtual agent, the bot's own
   * survey waits this long for ServiceNow's (its next callback settles it sooner); 0 = no wait.
   */
  readonly serviceNowSurveyWaitMs: number;
  /** How long an ended session is kept before Cosmos DB deletes it. */
  readonly endedSessionTtlSeconds: number;
}

/** Durable delivery: how often unfinished work is looked for, how long a delivery lease lasts. */
/**
 * How user messages reach ServiceNow: `direct` during the turn (no store write; the outbox only
 * when ServiceNow does not take them at once), or `outbox`, stored first and then sent (two more
 * store writes per message, and no message is in flight outside the store).
 */
export const USER_MESSAGE_ROUTES = ['direct', 'outbox'] as const;
export type UserMessageRoute = (typeof USER_MESSAGE_ROUTES)[number];

export interface DeliveryConfig {
  readonly sweepIntervalMs: number;
  readonly leaseMs: number;
  readonly userMessages: UserMessageRoute;
}

/** Where GET /metrics is served, and whether it asks for a bearer token. */
export interface MetricsConfig {
  /** A port of its own, so that /metrics never sits on the public ingress; absent: PORT. */
  readonly port?: number;
  /** When set, scrapers must send `Authorization: Bearer <token>`. */
  readonly token?: string;
}

export interface Config {
  readonly port: number;
  readonly metrics: MetricsConfig;
  readonly logLevel: LogLevel;
  readonly production: boolean;
  readonly bot: BotConfig;
  readonly serviceNow: ServiceNowConfig;
  readonly webhook: WebhookConfig;
  readonly ingress: IngressConfig;
  readonly cosmos: CosmosConfig;
  readonly handoff: HandoffConfig;
  readonly liveChat: LiveChatConfig;
  readonly delivery: DeliveryConfig;
  /** Lower-case tenant GUIDs; absent means every tenant is allowed. */
  readonly allowedTenantIds?: readonly string[];
  readonly files: FilesConfig;
}

/** The environment as the caller passes it: `process.env` merged with `.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;
