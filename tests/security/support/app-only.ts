// The real app with the embedded store and the simulator but with Bot Framework authentication
// pointed at a local key set, for checking each app type (MultiTenant, SingleTenant, managed
// identity). No outbound call is made unless a test asks for one.
import { createSnowClient } from '@live-agent/snow';
import { startSimulator } from '@live-agent/snow/simulator';
import { createApp, type App } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config/index.js';
import { createLogger } from '../../../bot/logging.js';
import { connectStore } from '../../../bot/store/index.js';
import { TEST_ISSUER, type TokenIssuer } from './token-issuer.js';

export interface AuthApp {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

const snow = { username: 'bot.integration', password: 'snow-password-0123456789' };

export async function startAuthApp(
  issuer: TokenIssuer,
  env: Record<string, string>,
): Promise<AuthApp> {
  const simulator = await startSimulator({ credentials: snow, scriptedAgent: false });
  const config = loadConfig({
    SERVICENOW_INSTANCE_URL: simulator.url,
    SERVICENOW_USERNAME: snow.username,
    SERVICENOW_PASSWORD: snow.password,
    SERVICENOW_CALLBACK_API_KEY: 'webhook-key-0123456789abcdef',
    ...env,
  });
  const log = createLogger({ level: 'silent' });
  const store = await connectStore(config.cosmos, log);
  const app = createApp(config, {
    log,
    store,
    snow: createSnowClient({ instanceUrl: simulator.url, ...snow }),
    instanceUrl: simulator.url,
    sandbox: false,
    botAuthentication: { openIdMetadataUrl: issuer.openIdMetadataUrl, tokenIssuer: TEST_ISSUER },
  });
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', resolve);
  });
  return {
    app,
    url: `http://127.0.0.1:${app.server.address().port}`,
    async close() {
      app.server.close();
      await app.drain();
      await simulator.close();
      await store.close();
    },
  };
}
