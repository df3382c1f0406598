// POST /oauth_token.do: ServiceNow's OAuth 2.0 token endpoint, client-credentials grant. Issues
// opaque bearer tokens with a lifetime, which the VA API and the Table API then accept instead
// of Basic auth. Tests can revoke every token to see a client refresh.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './faults.js';
import { readBody, sameSecret, sendJson } from './http-util.js';
import type { OAuthClientOptions, SimulatorLog, TokenRequest } from './types.js';

/** ServiceNow's default access token lifespan (30 minutes). */
const DEFAULT_TOKEN_SECONDS = 1800;

export class TokenIssuer {
  readonly requests: TokenRequest[] = [];
  /** token → expiry (epoch ms) */
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly client: OAuthClientOptions | undefined,
    private readonly faults: FaultInjector,
    private readonly log: SimulatorLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `token` was issued here, is not revoked and has not expired. */
  valid(token: string): boolean {
    const expiry = this.tokens.get(token);
    return expiry !== undefined && this.now() < expiry;
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get('grant_type') ?? '';
    const status = (await this.faults.answer('oauth', res)) ?? this.answer(req, res, form);
    this.requests.push({
      at: this.now(),
      grantType,
      clientId: form.get('client_id') ?? '',
      status,
    });
    this.log('oauth.token', { grantType, status });
  }

  private answer(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): number {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' });
      return 405;
    }
    if (form.get('grant_type') !== 'client_credentials') {
      sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'access_denied' });
      return 400;
    }
    if (!this.knownClient(form.get('client_id'), form.get('client_secret'))) {
      sendJson(res, 401, { error: 'server_error', error_description: 'access_denied' });
      return 401;
    }
    const seconds = this.client?.tokenSeconds ?? DEFAULT_TOKEN_SECONDS;
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + seconds * 1000);
    sendJson(res, 200, {
      access_token: token,
      scope: 'useraccount',
      token_type: 'Bearer',
      expires_in: seconds,
    });
    return 200;
  }

  private knownClient(id: string | null, secret: string | null): boolean {
    if (this.client === undefined || id === null || secret === null) return false;
    // Both compared, always: the time taken says nothing about which one was wrong.
    const idOk = sameSecret(id, this.client.clientId);
    const secretOk = sameSecret(secret, this.client.clientSecret);
    return idOk && secretOk;
  }
}
