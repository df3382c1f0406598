// Builds a ServiceNow client from its options: one HTTP client shared by every resource.
import { SnowHttp, type SnowCredentials, type SnowTimeouts } from './http.js';
import { Interactions } from './interactions.js';
import { KnowledgeApi } from './knowledge.js';
import { KnowledgeTable } from './knowledge-table.js';
import { MediaApi } from './media.js';
import { AgentPresence } from './presence.js';
import { Records } from './records.js';
import type { RetryPolicy } from './retry.js';
import { TableApi } from './table-api.js';
import { Users } from './users.js';
import { VirtualAgentApi, type StartAction } from './va-api.js';

/**
 * Credentials are Basic (`username`, `password`) or an OAuth client (`oauth`), never both. VA API
 * message authentication is a static `vaToken` or a `vaSigningSecret`, never both; without one,
 * ServiceNow treats every chat user as a guest.
 */
export type SnowClientOptions = SnowCredentials & {
  /** e.g. `https://example.service-now.com` */
  readonly instanceUrl: string;
  /** Static message-auth token for the VA API (`token` header); links chats to real users. */
  readonly vaToken?: string;
  /** Hash message-auth secret: VA API bodies are signed (`x-b2b-signature`) instead. */
  readonly vaSigningSecret?: string;
  /** Inbound id of a custom VA provider application, sent on every VA API request. */
  readonly appInboundId?: string;
  /** How a live chat starts; default `AGENT`. */
  readonly startAction?: StartAction;
  /** Provider application sys_id sent with media uploads (instances with several). */
  readonly providerApplicationId?: string;
  /** Overall bound of one attempt; shorthand for `timeouts.requestMs` (default 15 000 ms). */
  readonly timeoutMs?: number;
  readonly timeouts?: SnowTimeouts;
  readonly retry?: RetryPolicy;
};

export interface SnowClient {
  readonly va: VirtualAgentApi;
  readonly presence: AgentPresence;
  readonly interactions: Interactions;
  readonly users: Users;
  /** Knowledge articles: the Knowledge API, and the kb_knowledge table for instances without it. */
  readonly knowledge: KnowledgeApi;
  readonly knowledgeTable: KnowledgeTable;
  /** Task records (tickets) and interaction updates through the Table API. */
  readonly records: Records;
  /** File uploads for user messages, and files the instance serves. */
  readonly media: MediaApi;
  /** One cheap authenticated read; throws the mapped SnowError when ServiceNow is unusable. */
  ping(): Promise<void>;
}

/** Throws SnowConfigError when the instance URL or the credentials are unusable. */
export function createSnowClient(options: SnowClientOptions): SnowClient {
  const http = new SnowHttp(options);
  const tables = new TableApi(http);
  const presence = new AgentPresence(tables);
  return {
    va: new VirtualAgentApi({
      http,
      startAction: options.startAction,
      vaToken: options.vaToken,
      signingSecret: options.vaSigningSecret,
      appInboundId: options.appInboundId,
    }),
    presence,
    interactions: new Interactions(tables),
    users: new Users(tables),
    knowledge: new KnowledgeApi(http),
    knowledgeTable: new KnowledgeTable(tables),
    records: new Records(http, tables),
    media: new MediaApi({ http, providerApplicationId: options.providerApplicationId }),
    ping: () => presence.probe(),
  };
}
