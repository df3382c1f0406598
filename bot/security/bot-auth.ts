// Bot Framework authentication of /api/messages. The endpoint verifies every token through this
// object, built from our validated configuration only, and answers 401 to whatever error the
// verification raised (a forged signature surfaces as a generic error); each refusal is logged
// here, without the token. The Bot Connector clients it hands out are kept across turns (see
// cached-connectors.ts).
import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/index.js';
import {
  CachedConnectors,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from './cached-connectors.js';

type AuthenticateResult = ReturnType<
  ConfigurationBotFrameworkAuthentication['authenticateRequest']
>;

/**
 * For tests only: verify tokens against a local key set instead of Microsoft's, and obtain the
 * bot's own outbound tokens without Entra ID. Never set by configuration.
 */
export interface BotAuthenticationOverrides {
  /** OpenID metadata document whose `jwks_uri` lists the keys tokens are signed with. */
  readonly openIdMetadataUrl: string;
  /** The `iss` of channel tokens. */
  readonly tokenIssuer: string;
  readonly credentialsFactory?: ConfigurationServiceClientCredentialFactory;
}

export class VerifiedBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new CachedConnectors();

  constructor(
    bot: BotConfig,
    private readonly log: Logger,
    overrides?: BotAuthenticationOverrides,
  ) {
    // botbuilder's factory `implements` the abstract class it is typed as rather than extending it.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    super({ ...settingsOf(bot), ...overrideSettings(overrides) }, overrides?.credentialsFactory);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): AuthenticateResult {
    const result = await this.verify(activity, authHeader);
    const inner = result.connectorFactory;
    if (inner === undefined) return result;
    return {
      ...result,
      connectorFactory: this.connectors.connectorFactory(result.claimsIdentity, inner),
    };
  }

  /**
   * Used by proactive turns (continueConversationAsync), conversation creation, and the relay's
   * proactive sends and file downloads (for their credentials).
   */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return this.connectors.connectorFactory(claimsIdentity, inner);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.connectors.userTokenClient(claimsIdentity, () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  private async verify(activity: Activity, authHeader: string): AuthenticateResult {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      this.log.warn(
        {
          reason: reasonOf(err),
          hasToken: authHeader.trim() !== '',
          channelId: activity.channelId,
        },
        'request to /api/messages refused: no valid Bot Framework token',
      );
      throw err;
    }
  }
}

/** The settings ConfigurationBotFrameworkAuthentication reads; an empty app id disables auth. */
function settingsOf(bot: BotConfig): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId ?? '',
  };
}

function overrideSettings(
  overrides: BotAuthenticationOverrides | undefined,
): ConfigurationBotFrameworkAuthenticationOptions {
  if (overrides === undefined) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: overrides.tokenIssuer,
    // Tokens with an Entra issuer take the emulator path: keep that one local as well.
    ToBotFromEmulatorOpenIdMetadataUrl: overrides.openIdMetadataUrl,
  };
}

/** The verifier's reason: its messages name claims and key ids, never the token itself. */
function reasonOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : 'unknown';
}
