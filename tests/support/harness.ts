// Builds the real app (createApp) on loopback with its real parts: the Cosmos-compatible store,
// the ServiceNow simulator and a fake Bot Connector. Tests talk to it over HTTP only.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createSnowClient } from '@live-agent/snow';
import {
  startSimulator,
  type SimulatorOptions,
  type SnowSimulator,
} from '@live-agent/snow/simulator';
import { createApp, type App, type AppDeps } from '../../bot/app.js';
import { loadConfig } from '../../bot/config/index.js';
import { createLogger } from '../../bot/logging.js';
import { connectStore, type Store } from '../../bot/store/index.js';
import { FakeConnector, type Member } from './fake-connector.js';
import { FaultProxy } from './fault-proxy.js';

export const webhookCredentials = { user: 'servicenow', apiKey: 'webhook-key-0123456789abcdef' };
export const snowCredentials = {
  username: 'bot.integration',
  password: 'snow-password-0123456789',
};

export interface Harness {
  readonly app: App;
  readonly url: string;
  readonly store: Store;
  readonly simulator: SnowSimulator;
  readonly connector: FakeConnector;
  /** Between the bot and the simulator, when asked for: makes ServiceNow fail on demand. */
  readonly proxy?: FaultProxy;
  /** Everything the app logged, one JSON line each. */
  readonly logs: string[];
  /** Sent by TeamsUser on each activity, as Bot Connector sends its token. */
  readonly authorization?: string;
  close(): Promise<void>;
}

/** Test-only knobs of the app (faster retries and pacing, a clock, a manual sweep), and whether
 * the bot reaches ServiceNow through a FaultProxy. */
export type AppOptions = Pick<AppDeps, 'tuning' | 'now' | 'instanceId' | 'botAuthentication'> & {
  readonly proxy?: boolean;
};

export async function startHarness(
  env: Record<string, string> = {},
  simulatorOptions: Partial<SimulatorOptions> = {},
  appOptions: AppOptions = {},
): Promise<Harness> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const simulator = await startSimulator({
    credentials: snowCredentials,
    scriptedAgent: false,
    ...simulatorOptions,
  });
  const config = loadConfig({
    SERVICENOW_INSTANCE_URL: simulator.url,
    SERVICENOW_USERNAME: snowCredentials.username,
    SERVICENOW_PASSWORD: snowCredentials.password,
    SERVICENOW_CALLBACK_USER: webhookCredentials.user,
    SERVICENOW_CALLBACK_API_KEY: webhookCredentials.apiKey,
    LOG_LEVEL: 'debug',
    ...env,
  });
  const log = createLogger({ level: 'debug', destination: sink });
  const store = await connectStore(config.cosmos, log);
  const connector = await FakeConnector.start();
  const { proxy: withProxy, ...deps } = appOptions;
  const proxy = withProxy === true ? await FaultProxy.start(simulator.url) : undefined;
  const app = createApp(config, {
    log,
    store,
    snow: createSnowClient({ instanceUrl: proxy?.url ?? simulator.url, ...snowCredentials }),
    instanceUrl: simulator.url,
    sandbox: false,
    ...deps,
  });
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = app.server.address();
  const url = `http://127.0.0.1:${port}`;
  simulator.setCallback({
    url: `${url}/api/servicenow/messages`,
    username: webhookCredentials.user,
    password: webhookCredentials.apiKey,
  });
  return {
    app,
    url,
    store,
    simulator,
    connector,
    proxy,
    logs,
    async close() {
      app.server.close();
      await app.drain();
      await proxy?.close();
      await simulator.close();
      await connector.close();
      await store.close();
    },
  };
}

/** A Teams user in a 1:1 chat with the bot, who posts Teams-shaped activities to /api/messages. */
export class TeamsUser {
  readonly conversationId = `a:${randomUUID()}`;
  readonly teamsId = `29:${randomUUID()}`;
  /** The Teams client's locale, sent with every activity. */
  locale = 'en-US';

  constructor(
    private readonly harness: Harness,
    readonly member: Omit<Member, 'id'> = {
      name: 'Abel Tuter',
      aadObjectId: randomUUID(),
      email: 'abel.tuter@example.com',
    },
    private readonly tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47',
  ) {
    harness.connector.addMember({ id: this.teamsId, ...member });
  }

  say(text: string): Promise<Response> {
    return this.post({ type: 'message', text });
  }

  click(value: Record<string, unknown>): Promise<Response> {
    return this.post({ type: 'message', value });
  }

  /** The clientSessionId of this user's live chat, once ServiceNow got its start request. */
  async sessionId(timeoutMs?: number): Promise<string> {
    const { simulator } = this.harness;
    const start = await simulator.waitFor(
      () =>
        simulator.requests.find(
          (r) => r.body.action === 'AGENT' && r.body.userId === this.member.aadObjectId,
        ),
      { what: `the start request of ${this.member.name}`, timeoutMs },
    );
    return start.body.clientSessionId as string;
  }

  /** Walks the cards from a first message to a submitted description, as an employee would. */
  async requestLiveChat(request: string, description = request): Promise<void> {
    await this.say(request);
    await this.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    await this.click({ action: 'getHelp' });
    await this.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    await this.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    await this.waitFor('the description card', (t) => t.includes('submitDescription'));
    await this.click({ action: 'submitDescription', description });
  }

  post(activity: Record<string, unknown>): Promise<Response> {
    return this.postTo(this.harness.url, activity);
  }

  /** Posts to one bot instance (`url`) rather than the harness's own address. */
  async postTo(url: string, activity: Record<string, unknown>): Promise<Response> {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.harness.authorization === undefined
          ? {}
          : { authorization: this.harness.authorization }),
      },
      body: JSON.stringify({
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: this.harness.connector.serviceUrl,
        timestamp: new Date().toISOString(),
        locale: this.locale,
        localTimezone: 'Europe/Berlin',
        from: { id: this.teamsId, name: this.member.name, aadObjectId: this.member.aadObjectId },
        recipient: { id: '28:bot', name: 'Live Agent' },
        conversation: {
          id: this.conversationId,
          conversationType: 'personal',
          tenantId: this.tenantId,
        },
        channelData: { tenant: { id: this.tenantId } },
        ...activity,
      }),
    });
    await res.arrayBuffer();
    return res;
  }

  /** What the bot sent to this user, as seen by the connector. */
  get received() {
    return this.harness.connector.messagesTo(this.conversationId);
  }

  /** Waits for a message to this user whose text or card content satisfies `match`. */
  waitFor(what: string, match: (text: string) => boolean, after = 0) {
    return this.harness.connector.waitForActivity(
      what,
      (s) => s.conversationId === this.conversationId && match(visibleText(s.activity)),
      after,
    );
  }
}

/** The text a user would read in an activity: its text plus the text of any card it carries. */
export function visibleText(activity: {
  text?: string;
  attachments?: { content: unknown }[];
}): string {
  const parts = [activity.text ?? ''];
  for (const attachment of activity.attachments ?? [])
    parts.push(JSON.stringify(attachment.content));
  return parts.join('\n');
}
