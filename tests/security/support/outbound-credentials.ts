// The bot's own tokens towards the (fake) connector, without Entra ID: real app-id checks from
// botbuilder's configuration factory, but a fixed bearer token on outgoing calls.
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';

export const OUTBOUND_TOKEN = 'outbound-test-token';

type Credentials = Awaited<
  ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>
>;

interface SignableRequest {
  readonly headers: { set(name: string, value: string): void };
}

export class FixedTokenCredentialsFactory extends ConfigurationServiceClientCredentialFactory {
  override createCredentials(): Promise<Credentials> {
    const credentials = {
      signRequest: (request: SignableRequest) => {
        request.headers.set('authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return Promise.resolve(request);
      },
    };
    return Promise.resolve(credentials as unknown as Credentials);
  }
}
