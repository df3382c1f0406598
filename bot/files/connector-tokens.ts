// The bot's own Bot Framework token for fetching an inline image from the Bot Connector, the only
// host it is ever sent to (the downloader checks the URL is on the chat's serviceUrl). The token
// comes from the connector client the adapter builds for the conversation (the same cached,
// self-renewing credentials as the bot's proactive sends); without an app id (local runs) there
// is no token and none is sent.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ConnectorClient } from '../security/cached-connectors.js';
import type { ConnectorAuthorization } from './downloader.js';

interface SignableRequest {
  readonly headers: { set(name: string, value: string): void };
}

export class BotConnectorTokens implements ConnectorAuthorization {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async authorization(reference: Partial<ConversationReference>): Promise<string | undefined> {
    let header: string | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      const request: SignableRequest = {
        headers: {
          set: (name, value) => {
            if (name.toLowerCase() === 'authorization') header = value;
          },
        },
      };
      await client.credentials.signRequest(request as never);
    });
    return header;
  }
}
