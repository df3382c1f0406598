// The typed, frozen configuration of the bot, split in slices so each component gets only its own.
import type { HandoffConfig } from './handoff.js';

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

export interface InstanceServiceNowConfig {
  readonly mode: 'instance';
  /** Origin only, e.g. `https://example.service-now.com` (no trailing slash). */
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
  readonly vaToken?: string;
  readonly appInboundId?: string;
}

export type ServiceNowConfig = SandboxServiceNowConfig | InstanceServiceNowConfig;

/** Credentials ServiceNow presents on the webhook. `apiKey` is always set in instance mode. */
export interface WebhookConfig {
  readonly user?: string;
  readonly apiKey?: string;
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

export interface Config {
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly production: boolean;
  readonly bot: BotConfig;
  readonly serviceNow: ServiceNowConfig;
  readonly webhook: WebhookConfig;
  readonly cosmos: CosmosConfig;
  readonly handoff: HandoffConfig;
  /** Lower-case tenant GUIDs; absent means every tenant is allowed. */
  readonly allowedTenantIds?: readonly string[];
}

/** The environment as the caller passes it: `process.env` merged with `.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;
