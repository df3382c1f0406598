// ServiceNow's OAuth 2.0 token endpoint (`POST /oauth_token.do`), client-credentials grant: the
// access tokens the bot uses instead of a password when an OAuth client is configured.
import { RequestError, type Got } from 'got';
import type { IssuedToken, TokenSource } from './auth.js';
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowRateLimitedError,
  SnowUnavailableError,
} from './errors.js';
import { neverSent, parseRetryAfter } from './retry.js';

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

const operation = 'OAuth token request';

export class ServiceNowTokenSource implements TokenSource {
  constructor(
    private readonly client: Got,
    private readonly credentials: OAuthClient,
  ) {}

  async requestToken(): Promise<IssuedToken> {
    const response = await this.post();
    const { statusCode: status } = response;
    if (status === 400 || status === 401 || status === 403) {
      // ServiceNow answers 401 "access_denied" to an unknown client or a wrong secret.
      throw new SnowAuthError(`${operation}: ServiceNow refused the client credentials`, status);
    }
    if (status === 429) {
      const retryAfter = response.headers['retry-after'];
      throw new SnowRateLimitedError(
        `${operation}: ServiceNow answered HTTP 429`,
        parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined),
      );
    }
    if (status >= 500) {
      throw new SnowUnavailableError(`${operation}: ServiceNow answered HTTP ${status}`, status);
    }
    const token = status === 200 ? readToken(response.body) : undefined;
    if (token === undefined) {
      throw new SnowBadResponseError(`${operation}: the answer holds no usable token`, status);
    }
    return token;
  }

  private async post() {
    try {
      return await this.client.post('oauth_token.do', {
        form: {
          grant_type: 'client_credentials',
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
        },
      });
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      // got's error carries the form (the client secret): keep only the network cause.
      const cause = err.cause instanceof Error ? err.cause : new Error(err.code);
      throw new SnowUnavailableError(
        `${operation}: ServiceNow could not be reached (${err.code})`,
        undefined,
        { cause, safeToRetry: neverSent(err) },
      );
    }
  }
}

function readToken(text: unknown): IssuedToken | undefined {
  let body: unknown;
  try {
    body = JSON.parse(String(text));
  } catch {
    return undefined; // not JSON: reported as a bad response by the caller
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { access_token: accessToken, expires_in: expiresIn } = body as Record<string, unknown>;
  // ServiceNow sends expires_in as a number; some gateways send it as a string.
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return { accessToken, expiresInMs: seconds * 1000 };
}
