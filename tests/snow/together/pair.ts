// The client and the simulator together over real HTTP: a simulator, a client pointed at it, and
// a minimal webhook that parses every callback with the client's CallbackParser (answering 400
// to what it rejects, as the bot does), so tests read typed events, not raw payloads.
import { createServer, type Server } from 'node:http';
import {
  startSimulator,
  type SimulatorOptions,
  type SnowSimulator,
} from '@live-agent/snow/simulator';
import { CallbackParser } from '../../../snow/src/callback/parse.js';
import {
  createSnowClient,
  type SnowClient,
  type SnowClientOptions,
} from '../../../snow/src/client.js';
import { SnowCallbackError } from '../../../snow/src/errors.js';
import type { SnowCallback, SnowEvent } from '../../../snow/src/events.js';
import { close, listen, readBody } from '../../support/http.js';

export const credentials = { username: 'va.integration', password: 'pw-0123456789abcdef' };
const hookAuth = { username: 'servicenow', password: 'hook-secret-0123456789' };

export class Webhook {
  readonly raw: string[] = [];
  readonly callbacks: SnowCallback[] = [];
  readonly rejected: string[][] = [];
  answerDelayMs = 0;
  private readonly server: Server;
  url = '';

  constructor(private readonly parser: CallbackParser) {
    this.server = createServer((req, res) => {
      void readBody(req).then((text) => {
        this.raw.push(text);
        const status = this.take(text);
        setTimeout(() => res.writeHead(status).end(), this.answerDelayMs);
      });
    });
  }

  async start(): Promise<void> {
    this.url = `${await listen(this.server)}/api/servicenow/messages`;
  }

  /** Every event of one chat, in arrival order. */
  events(clientSessionId = 'chat-1'): SnowEvent[] {
    return this.callbacks
      .filter((c) => c.clientSessionId === clientSessionId)
      .flatMap((c) => [...c.events]);
  }

  types(clientSessionId = 'chat-1'): string[] {
    return this.events(clientSessionId).map((e) => e.type);
  }

  close(): Promise<void> {
    return close(this.server);
  }

  private take(text: string): number {
    try {
      this.callbacks.push(this.parser.parse(JSON.parse(text)));
      return 200;
    } catch (err) {
      if (!(err instanceof SnowCallbackError)) throw err;
      this.rejected.push(err.issues);
      return 400;
    }
  }
}

export interface Pair {
  readonly sim: SnowSimulator;
  readonly client: SnowClient;
  readonly hook: Webhook;
  close(): Promise<void>;
}

type ClientExtra = Partial<
  Omit<SnowClientOptions, 'instanceUrl' | 'username' | 'password' | 'oauth'>
>;

export async function startPair(
  simOptions: Partial<SimulatorOptions> = {},
  clientOptions: ClientExtra & { readonly oauth?: { clientId: string; clientSecret: string } } = {},
): Promise<Pair> {
  const sim = await startSimulator({ credentials, scriptedAgent: false, ...simOptions });
  const hook = new Webhook(new CallbackParser({ instanceUrl: sim.url }));
  await hook.start();
  sim.setCallback({ url: hook.url, ...hookAuth });
  const { oauth, ...rest } = clientOptions;
  const auth = oauth === undefined ? credentials : { oauth };
  const client = createSnowClient({
    instanceUrl: sim.url,
    ...auth,
    retry: { limit: 2, baseDelayMs: 10, maxDelayMs: 2000 },
    ...rest,
  });
  return {
    sim,
    client,
    hook,
    async close() {
      await sim.close();
      await hook.close();
    },
  };
}

export const chat = {
  clientSessionId: 'chat-1',
  userId: 'aad-user-1',
  emailId: 'alexw@example.com',
  timezone: 'Europe/Berlin',
};

/** Starts a live chat and waits until it is queued (as the webhook saw it). */
export async function queued(pair: Pair, id = 'chat-1'): Promise<void> {
  await pair.client.va.startLiveChat({
    ...chat,
    clientSessionId: id,
    text: 'My VPN keeps dropping',
    clientMessageId: `${id}-m0`,
  });
  await pair.sim.waitFor(() => pair.hook.types(id).includes('queued'), { what: `${id} queued` });
}
