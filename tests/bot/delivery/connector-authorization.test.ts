// The bot's Authorization header for proactive sends comes from the credentials of its own
// authentication, built as for a botbuilder proactive turn (the app id, the channel's default
// scope), once per serviceUrl; with authentication off there is none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudAdapter } from 'botbuilder';
import { ConnectorClientAuthorization } from '../../../bot/delivery/connector-authorization.js';
import { createLogger } from '../../../bot/logging.js';
import { VerifiedBotAuthentication } from '../../../bot/security/index.js';
import {
  FixedTokenCredentialsFactory,
  OUTBOUND_TOKEN,
} from '../../security/support/outbound-credentials.js';
import { APP_ID } from '../../security/support/secure-harness.js';

const log = createLogger({ level: 'silent' });
const emea = 'https://smba.trafficmanager.net/emea/';
const amer = 'https://smba.trafficmanager.net/amer/';
const reference = {
  channelId: 'msteams',
  serviceUrl: emea,
  conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' },
  bot: { id: '28:bot', name: 'Live Agent' },
  user: { id: '29:user', name: 'Abel Tuter' },
};
const settings = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'app-password',
  MicrosoftAppType: 'MultiTenant',
};

/** The test factory's fixed token, and what it was asked to build credentials for. */
class RecordingCredentialsFactory extends FixedTokenCredentialsFactory {
  readonly built: unknown[][] = [];

  override createCredentials(
    ...args: Parameters<FixedTokenCredentialsFactory['createCredentials']>
  ): ReturnType<FixedTokenCredentialsFactory['createCredentials']> {
    this.built.push(args);
    return super.createCredentials();
  }
}

function authentication(credentialsFactory?: RecordingCredentialsFactory) {
  const overrides = {
    openIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openid-configuration',
    tokenIssuer: 'https://api.botframework.test',
    credentialsFactory,
  };
  return credentialsFactory === undefined
    ? new VerifiedBotAuthentication({ appType: 'MultiTenant' }, log)
    : new VerifiedBotAuthentication(
        { appId: APP_ID, appPassword: 'app-password', appType: 'MultiTenant' },
        log,
        overrides,
      );
}

describe('ConnectorClientAuthorization', () => {
  it('signs with the bot’s credentials, asked for as a botbuilder proactive turn asks', async () => {
    const factory = new RecordingCredentialsFactory(settings);
    const tokens = new ConnectorClientAuthorization(authentication(factory), APP_ID);
    assert.equal(await tokens.authorization(emea), `Bearer ${OUTBOUND_TOKEN}`);

    const turnFactory = new RecordingCredentialsFactory(settings);
    const adapter = new CloudAdapter(authentication(turnFactory));
    await adapter.continueConversationAsync(APP_ID, reference, () => Promise.resolve());
    // The turn's connector client is built first, then its user token client.
    assert.deepEqual(factory.built, turnFactory.built.slice(0, 1));
  });

  it('builds the credentials once per serviceUrl and asks them for each request', async () => {
    const factory = new RecordingCredentialsFactory(settings);
    const tokens = new ConnectorClientAuthorization(authentication(factory), APP_ID);
    const headers = [
      await tokens.authorization(emea),
      await tokens.authorization(emea),
      await tokens.authorization(amer),
      await tokens.authorization(emea),
    ];
    assert.deepEqual(new Set(headers), new Set([`Bearer ${OUTBOUND_TOKEN}`]));
    assert.equal(factory.built.length, 2);
  });

  it('gives no header when Bot Framework authentication is off', async () => {
    const tokens = new ConnectorClientAuthorization(authentication(), '');
    assert.equal(await tokens.authorization(emea), undefined);
  });
});
