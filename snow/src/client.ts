// Builds a ServiceNow client from its options: one HTTP client shared by every resource.
import { SnowHttp } from './http.js';
import { Interactions } from './interactions.js';
import { AgentPresence } from './presence.js';
import { TableApi } from './table-api.js';
import { Users } from './users.js';
import { VirtualAgentApi, type StartAction } from './va-api.js';

export interface SnowClientOptions {
  /** e.g. `https://example.service-now.com` */
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
  /** Static message-auth token for the VA API (`token` header); links chats to real users. */
  readonly vaToken?: string;
  /** Inbound id of a custom VA provider application, sent on every VA API request. */
  readonly appInboundId?: string;
  /** How a live chat starts; default `AGENT`. */
  readonly startAction?: StartAction;
  /** Per-request timeout; default 10 000 ms. */
  readonly timeoutMs?: number;
}

export interface SnowClient {
  readonly va: VirtualAgentApi;
  readonly presence: AgentPresence;
  readonly interactions: Interactions;
  readonly users: Users;
  /** One cheap authenticated read; throws the mapped SnowError when ServiceNow is unusable. */
  ping(): Promise<void>;
}

/** Throws SnowConfigError when the instance URL is unusable. */
export function createSnowClient(options: SnowClientOptions): SnowClient {
  const http = new SnowHttp(options);
  const tables = new TableApi(http);
  const presence = new AgentPresence(tables);
  return {
    va: new VirtualAgentApi({
      http,
      startAction: options.startAction,
      vaToken: options.vaToken,
      appInboundId: options.appInboundId,
    }),
    presence,
    interactions: new Interactions(tables),
    users: new Users(tables),
    ping: () => presence.probe(),
  };
}
