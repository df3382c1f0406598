// Bot Connector clients kept across turns. CloudAdapter asks the bot's authentication for a new
// ConnectorClient (and UserTokenClient) on every inbound turn and every proactive send, and
// building one (an HTTP pipeline, its policies, credentials) cost about a quarter of the bot's
// CPU per message. Here each client is built once per key and handed out again after that.
//
// Why a kept client stays valid (botbuilder 4.23.3): a client holds its serviceUrl, its pipeline
// and a credentials object, nothing about a user or a turn. It signs every request as the request
// goes out (the pipeline calls `credentials.signRequest` each time), and the credentials get their
// token at that moment from a cache they refresh before it expires (AppCredentials' token cache
// for passwords and managed identities, MSAL's for certificates and federated credentials). So
// no token is frozen into a client. Everything a client is built from is in its key: the bot's app
// id from the claims (which picks the credentials), the serviceUrl and the audience (the token's
// scope). The same holds for the UserTokenClient, built from the app id alone.
//
// Inbound turns and proactive callers (proactive turns, and the relay's sends and file downloads,
// which take only a client's credentials) share this cache, so no caller may change a kept
// client; none does.
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { LruCache } from './lru-cache.js';

type Authentication = ConfigurationBotFrameworkAuthentication;
export type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
export type ClaimsIdentity = Parameters<Authentication['createConnectorFactory']>[0];
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
export type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

export interface ConnectorCacheLimits {
  /** Most Bot Connector clients kept (serviceUrls × audiences × app ids). */
  readonly maxClients?: number;
  /** Most user token clients kept (one per app id). */
  readonly maxUserTokenClients?: number;
}

const defaultMaxClients = 1000;
const defaultMaxUserTokenClients = 100;

export class CachedConnectors {
  // Promises are kept rather than clients, so that concurrent first turns share one build.
  private readonly clients: LruCache<Promise<ConnectorClient>>;
  private readonly userTokenClients: LruCache<Promise<UserTokenClient>>;

  constructor(limits: ConnectorCacheLimits = {}) {
    this.clients = new LruCache(limits.maxClients ?? defaultMaxClients);
    this.userTokenClients = new LruCache(limits.maxUserTokenClients ?? defaultMaxUserTokenClients);
  }

  /** Number of Bot Connector clients kept now. */
  get size(): number {
    return this.clients.size;
  }

  /** A factory that builds clients with `inner`, once per app id, serviceUrl and audience. */
  connectorFactory(claims: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    const appId = appIdOf(claims);
    // ConnectorFactory is a stateless abstract class that botbuilder does not export as a value.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    return {
      create: (serviceUrl: string, audience?: string) =>
        remember(this.clients, JSON.stringify([appId, serviceUrl, audience ?? null]), () =>
          inner.create(serviceUrl, audience),
        ),
    };
  }

  /** The user token client for the claims' app id, built with `build` the first time. */
  userTokenClient(
    claims: ClaimsIdentity,
    build: () => Promise<UserTokenClient>,
  ): Promise<UserTokenClient> {
    return remember(this.userTokenClients, JSON.stringify([appIdOf(claims)]), build);
  }
}

/**
 * The app id botbuilder builds credentials for: the audience claim of a channel's token, the
 * appid claim of an emulator's, none for an anonymous request (authentication disabled).
 */
function appIdOf(claims: ClaimsIdentity): string | null {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid');
}

function remember<V>(
  cache: LruCache<Promise<V>>,
  key: string,
  build: () => Promise<V>,
): Promise<V> {
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const built = build();
  cache.set(key, built);
  // A failed build (say, credentials refused for this app id) is not kept: the next call retries.
  built.catch(() => {
    if (cache.peek(key) === built) cache.delete(key);
  });
  return built;
}
