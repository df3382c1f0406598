// The bot's Authorization header towards the Bot Connector, from the very credentials botbuilder's
// proactive turns use: the connector client the bot's authentication builds for a serviceUrl (kept
// per serviceUrl by CachedConnectors, so this costs a cache look-up) holds them, and they get,
// cache and renew the token themselves, whatever the kind (password, certificate, managed
// identity, federated). Signing a stand-in request with them yields the header botbuilder's
// pipeline would set on each request; without an app id (authentication off) they set none.
import type { ClaimsIdentity, ConnectorFactory } from '../security/cached-connectors.js';
import type { BotAuthorization } from './bot-connector.js';

/** The part of the bot's authentication this needs (VerifiedBotAuthentication). */
export interface ConnectorFactorySource {
  createConnectorFactory(claims: ClaimsIdentity): ConnectorFactory;
}

interface SignableRequest {
  readonly headers: { set(name: string, value: string): void };
}

export class ConnectorClientAuthorization implements BotAuthorization {
  private readonly factory: ConnectorFactory;

  constructor(auth: ConnectorFactorySource, botAppId: string) {
    this.factory = auth.createConnectorFactory(proactiveClaims(botAppId));
  }

  async authorization(serviceUrl: string): Promise<string | undefined> {
    // No audience, as in CloudAdapter's proactive turns: the credentials' default scope.
    const { credentials } = await this.factory.create(serviceUrl);
    let header: string | undefined;
    const request: SignableRequest = {
      headers: {
        set: (name, value) => {
          if (name.toLowerCase() === 'authorization') header = value;
        },
      },
    };
    await credentials.signRequest(request as never);
    return header;
  }
}

/**
 * The identity CloudAdapter gives a proactive turn (`createClaimsIdentity(botAppId)`): the app id
 * as audience and appid claims, not authenticated. Only `getClaimValue` is read from it.
 */
function proactiveClaims(botAppId: string): ClaimsIdentity {
  const claims = [
    { type: 'aud', value: botAppId },
    { type: 'appid', value: botAppId },
  ];
  // botbuilder does not export ClaimsIdentity as a value; this object has its public shape.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return {
    claims,
    isAuthenticated: false,
    getClaimValue: (type: string) => claims.find((c) => c.type === type)?.value ?? null,
  };
}
