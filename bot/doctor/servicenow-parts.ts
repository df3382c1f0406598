// The ServiceNow client parts the doctor uses, built from the same configuration as the bot's,
// but failing fast: no retries and short timeouts, since a person is waiting for the table.
import {
  AgentPresence,
  KnowledgeApi,
  KnowledgeTable,
  Records,
  SnowHttp,
  TableApi,
  VirtualAgentApi,
  type SnowHttpOptions,
} from '@live-agent/snow';
import type { InstanceServiceNowConfig } from '../config/index.js';

export interface ServiceNowParts {
  /** Origin of the instance, e.g. `https://acme.service-now.com` (not secret: shown in results). */
  readonly instanceUrl: string;
  readonly tables: TableApi;
  /** Inserts and reads of the ticket table (the ticket check). */
  readonly records: Records;
  readonly presence: AgentPresence;
  readonly va: VirtualAgentApi;
  readonly knowledge: KnowledgeApi;
  readonly knowledgeTable: KnowledgeTable;
  /** Whether VA API requests carry message authentication (a token). */
  readonly messageAuth: boolean;
}

export const doctorTimeouts = { connectMs: 5000, responseMs: 10_000, requestMs: 15_000 };

export function serviceNowParts(config: InstanceServiceNowConfig): ServiceNowParts {
  const options: SnowHttpOptions = {
    instanceUrl: config.instanceUrl,
    ...(config.oauth === undefined
      ? { username: config.username, password: config.password }
      : { oauth: config.oauth }),
    timeouts: doctorTimeouts,
    retry: { limit: 0, baseDelayMs: 0, maxDelayMs: 0 },
  };
  const http = new SnowHttp(options);
  const tables = new TableApi(http);
  return {
    instanceUrl: config.instanceUrl,
    tables,
    records: new Records(http, tables),
    presence: new AgentPresence(tables),
    va: new VirtualAgentApi({
      http,
      vaToken: config.vaToken,
      signingSecret: config.vaSigningSecret,
      appInboundId: config.appInboundId,
    }),
    knowledge: new KnowledgeApi(http),
    knowledgeTable: new KnowledgeTable(tables),
    messageAuth: config.vaToken !== undefined || config.vaSigningSecret !== undefined,
  };
}
