// How each call to ServiceNow authenticates: Basic auth, or an OAuth 2.0 bearer token from the
// client-credentials grant, cached and renewed before it expires. A call refused with 401 while
// using a cached token gets one fresh token and one more try (ServiceNow may revoke tokens early).

/** Supplies the Authorization header of each call. */
export interface Authorizer {
  header(): Promise<string>;
  /** ServiceNow answered 401 to `header`: forget it. True when a fresh header is worth one more try. */
  refused(header: string): boolean;
}

export class BasicAuthorizer implements Authorizer {
  private readonly value: string;

  constructor(username: string, password: string) {
    this.value = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  header(): Promise<string> {
    return Promise.resolve(this.value);
  }

  refused(): boolean {
    // The same credentials would be refused again.
    return false;
  }
}

export interface IssuedToken {
  readonly accessToken: string;
  /** Lifetime as ServiceNow states it (`expires_in`). */
  readonly expiresInMs: number;
}

/** Where access tokens come from (ServiceNow's `/oauth_token.do`). */
export interface TokenSource {
  requestToken(): Promise<IssuedToken>;
}

interface CachedToken {
  readonly header: string;
  /** When to fetch the next one: ahead of the real expiry, so no call goes out with a stale token. */
  readonly renewAt: number;
}

/** Renew when 10% of the lifetime or one minute is left, whichever comes first. */
const renewMarginMs = (lifetimeMs: number): number => Math.min(60_000, lifetimeMs * 0.1);

export class OAuthClientCredentialsAuthorizer implements Authorizer {
  private cached: CachedToken | undefined;
  /** One token request at a time: concurrent calls share it. */
  private pending: Promise<CachedToken> | undefined;

  constructor(
    private readonly source: TokenSource,
    private readonly now: () => number = Date.now,
  ) {}

  async header(): Promise<string> {
    const cached = this.cached;
    if (cached !== undefined && this.now() < cached.renewAt) return cached.header;
    return (await this.renew()).header;
  }

  refused(header: string): boolean {
    if (this.cached?.header === header) this.cached = undefined;
    return true;
  }

  private renew(): Promise<CachedToken> {
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetch(): Promise<CachedToken> {
    const requestedAt = this.now();
    const token = await this.source.requestToken();
    const renewAt = requestedAt + token.expiresInMs - renewMarginMs(token.expiresInMs);
    this.cached = { header: `Bearer ${token.accessToken}`, renewAt };
    return this.cached;
  }
}
