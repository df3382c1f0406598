// Errors of sends to the Bot Connector, one class with a stable code for what went wrong. The
// sender decides what to do from `statusCode` (retry, skip, give up on the user) and reads a
// Retry-After from `headers`; with no status (timeout, network, no token) it retries. Messages
// name what failed, never the activity, the token or the connector's answer.
import type { IncomingHttpHeaders } from 'node:http';

export const BotConnectorErrorCodes = {
  /** The connector answered with a status outside 2xx: see `statusCode` and `headers`. */
  CONNECTOR_STATUS: 'CONNECTOR_STATUS',
  /** No complete answer in time. The connector may have taken the activity all the same. */
  CONNECTOR_TIMEOUT: 'CONNECTOR_TIMEOUT',
  /** The request failed on the way (connection refused or reset, DNS, TLS). */
  CONNECTOR_NETWORK: 'CONNECTOR_NETWORK',
  /** The bot's credentials gave no token (Entra ID unreachable or refusing, say). */
  CONNECTOR_NO_TOKEN: 'CONNECTOR_NO_TOKEN',
  /** The conversation reference has no usable serviceUrl or conversation id. */
  CONNECTOR_BAD_ADDRESS: 'CONNECTOR_BAD_ADDRESS',
} as const;

export type BotConnectorErrorCode =
  (typeof BotConnectorErrorCodes)[keyof typeof BotConnectorErrorCodes];

interface BotConnectorErrorDetails {
  /** The HTTP status the connector answered, when it answered. */
  readonly statusCode?: number;
  readonly headers?: IncomingHttpHeaders;
  /** The connector's own `error.code` from the answer's body (e.g. `BotNotInConversationRoster`). */
  readonly connectorCode?: string;
}

export class BotConnectorError extends Error {
  override readonly name = 'BotConnectorError';
  readonly statusCode?: number;
  readonly headers: IncomingHttpHeaders;
  readonly connectorCode?: string;

  constructor(
    readonly code: BotConnectorErrorCode,
    message: string,
    details: BotConnectorErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.statusCode = details.statusCode;
    this.headers = details.headers ?? {};
    this.connectorCode = details.connectorCode;
  }
}
