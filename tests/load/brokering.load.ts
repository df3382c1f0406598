// Load test of durable brokering (`npm run test:load`): many concurrent live chats, each with
// messages both ways, while ServiceNow answers 10 % of the user messages with 503 and Teams
// answers 5 % of the sends of agent messages with 429. The bot runs as its own process, as in
// production. Prints and asserts: lost 0, duplicated 0, reordered 0, and every callback
// acknowledged with 200 within ServiceNow's 5 s.
// Size: LOAD_SESSIONS (default 200) × LOAD_MESSAGES (default 25) each way; each side pauses
// LOAD_THINK_MS (default 3000-6000, random) before each message: about 90 messages a second in all
// at the default size, well above what 200 people chatting write.
import { randomUUID } from 'node:crypto';
import { TeamsUser, visibleText, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { startRig, type LoadRig } from './rig.js';
import { check, type Tally } from './tally.js';

const sessions = Number(process.env.LOAD_SESSIONS ?? 200);
const messages = Number(process.env.LOAD_MESSAGES ?? 25);
/** Each side waits a random time in this range (ms) before each message, as people type. */
const [thinkMin, thinkMax] = (process.env.LOAD_THINK_MS ?? '3000-6000').split('-').map(Number);
const openBatch = 20;
const agents = Array.from({ length: 10 }, (_, i) => ({
  name: `Agent ${i + 1}`,
  available: true,
  capacity: Math.ceil(sessions / 10) + 1,
}));

interface Chat {
  readonly index: number;
  readonly user: TeamsUser;
  readonly sessionId: string;
  readonly agent: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  const rig = await startRig(
    { agents },
    {
      DELIVERY_SWEEP_SECONDS: '2',
      // Every callback comes from one ServiceNow instance: far above the per-source default.
      LOG_LEVEL: 'info',
    },
  );
  injectFaults(rig);
  const harness = rig.harness;
  try {
    // Chats are opened a batch at a time (the card walk is not what is measured), then all of
    // them converse at once.
    const chats: Chat[] = [];
    for (let i = 0; i < sessions; i += openBatch) {
      const batch = Array.from({ length: Math.min(openBatch, sessions - i) }, (_, j) => i + j);
      chats.push(...(await Promise.all(batch.map((index) => openChat(harness, index)))));
    }
    log(`${chats.length} chats connected after ${seconds(started)} s`);
    const failures = (await Promise.all(chats.map((chat) => converse(harness, chat)))).filter(
      (f) => f !== undefined,
    );
    for (const failure of failures.slice(0, 5)) log(`chat failed: ${failure}`);
    log(`all messages accepted after ${seconds(started)} s; waiting for delivery`);
    const tally = await settle(harness, chats);
    const acks = report(rig, tally, started);
    const failed = tally.lost + tally.duplicated + tally.reordered + acks.notOk > 0;
    if (failed) process.exitCode = 1;
  } finally {
    await rig.close();
  }
}

/**
 * 10 % of the VA API message posts get 503; 5 % of the Teams sends of agent messages get 429
 * (half with Retry-After). Replies within a user's own turn (the cards) are left alone: they are
 * the dialogs' answers, not relayed messages.
 */
function injectFaults(rig: LoadRig): void {
  rig.proxy.setPolicy((req) => {
    const body = req.body as { message?: { text?: unknown } } | undefined;
    const isMessage = typeof body?.message?.text === 'string' && body.message.text.startsWith('u:');
    return isMessage && Math.random() < 0.1 ? 503 : undefined;
  });
  rig.connector.setFaultPolicy((_conversation, activity) => {
    if (!/a:\d+:\d+$/.test(activity.text ?? '') || Math.random() >= 0.05) return undefined;
    return Math.random() < 0.5 ? { status: 429 } : { status: 429, headers: { 'retry-after': '1' } };
  });
}

async function openChat(harness: Harness, index: number): Promise<Chat> {
  const user = new TeamsUser(harness, {
    name: `Load User ${index}`,
    aadObjectId: randomUUID(),
    email: `load.user.${index}@example.com`,
  });
  await walkToLiveChat(harness, user, `Load test issue ${index}`);
  const { simulator } = harness;
  const sessionId = await user.sessionId(120_000);
  const agent = agents[index % agents.length]?.name ?? 'Agent 1';
  await waitFor(
    () => simulator.conversation(sessionId)?.state === 'queued',
    `chat ${index} to be queued`,
    120_000,
  );
  await simulator.agent(agent).accept(sessionId);
  return { index, user, sessionId, agent };
}

/** The card walk of TeamsUser.requestLiveChat, with waits long enough for a machine under load. */
async function walkToLiveChat(harness: Harness, user: TeamsUser, request: string): Promise<void> {
  const steps: [string, string, Record<string, unknown>][] = [
    ['the Get Help card', 'getHelp', { action: 'getHelp' }],
    [
      'the Live Chat offer',
      'liveChat',
      { action: 'liveChat', optionId: 'agent_broker_instance_1' },
    ],
    [
      'the description card',
      'submitDescription',
      { action: 'submitDescription', description: request },
    ],
  ];
  await user.say(request);
  for (const [what, marker, click] of steps) {
    await harness.connector.waitForActivity(
      what,
      (s) => s.conversationId === user.conversationId && visibleText(s.activity).includes(marker),
      0,
      120_000,
    );
    await user.click(click);
  }
}

/**
 * Both sides write `messages` messages each, one after the other, at the same time. Resolves
 * with what went wrong, if anything (the tally then shows what was lost).
 */
async function converse(harness: Harness, chat: Chat): Promise<string | undefined> {
  const fromUser = (async () => {
    for (let i = 1; i <= messages; i++) {
      await think();
      await chat.user.say(`u:${chat.index}:${i}`);
    }
  })();
  const fromAgent = (async () => {
    for (let i = 1; i <= messages; i++) {
      await think();
      await harness.simulator.agent(chat.agent).say(chat.sessionId, `a:${chat.index}:${i}`);
    }
  })();
  const outcomes = await Promise.allSettled([fromUser, fromAgent]);
  const failed = outcomes.find((o) => o.status === 'rejected');
  return failed === undefined ? undefined : `chat ${chat.index}: ${String(failed.reason)}`;
}

function think(): Promise<void> {
  const min = thinkMin ?? 0;
  const ms = min + Math.random() * Math.max(0, (thinkMax ?? min) - min);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until every message arrived (or nothing changed for a while), then counts. */
async function settle(harness: Harness, chats: readonly Chat[]): Promise<Tally> {
  const expected = chats.length * messages * 2;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const tally = count(harness, chats);
    const arrived = tally.delivered;
    if (arrived >= expected && tally.lost === 0) return tally;
    if (arrived !== last) {
      last = arrived;
      since = Date.now();
    } else if (Date.now() - since > 60_000) {
      return tally;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function count(harness: Harness, chats: readonly Chat[]): Tally {
  const byConversation = new Map<string, string[]>();
  for (const sent of harness.connector.sent) {
    const text = sent.activity.text ?? '';
    const match = /a:\d+:\d+$/.exec(text);
    if (match === null) continue;
    const list = byConversation.get(sent.conversationId) ?? [];
    list.push(match[0]);
    byConversation.set(sent.conversationId, list);
  }
  return chats
    .map((chat) => {
      const toUser = byConversation.get(chat.user.conversationId) ?? [];
      const atAgent = (harness.simulator.conversation(chat.sessionId)?.userMessages ?? [])
        .map((m) => m.text)
        .filter((t) => t.startsWith('u:'));
      const want = (side: string) =>
        Array.from({ length: messages }, (_, i) => `${side}:${chat.index}:${i + 1}`);
      return [check(want('a'), toUser), check(want('u'), atAgent)];
    })
    .flat()
    .reduce(
      (a, b) => ({
        delivered: a.delivered + b.delivered,
        lost: a.lost + b.lost,
        duplicated: a.duplicated + b.duplicated,
        reordered: a.reordered + b.reordered,
      }),
      { delivered: 0, lost: 0, duplicated: 0, reordered: 0 },
    );
}

function report(rig: LoadRig, tally: Tally, started: number): { notOk: number } {
  const harness = rig.harness;
  const teams429 = harness.connector.attempts.filter((a) => a.status === 429).length;
  const webhook = harness.simulator.callbacks;
  const webhookNot200 = webhook.filter((c) => c.status !== 200).length;
  const acks = webhook.map((c) => c.durationMs).sort((a, b) => a - b);
  const slowestAckMs = acks[acks.length - 1] ?? 0;
  const p95AckMs = acks[Math.floor(acks.length * 0.95)] ?? 0;
  const notOk = new Map<string, number>();
  for (const c of webhook.filter((w) => w.status !== 200)) {
    const key = String(c.status ?? c.error);
    notOk.set(key, (notOk.get(key) ?? 0) + 1);
  }
  if (notOk.size > 0) log(`callbacks not answered 200: ${JSON.stringify([...notOk])}`);
  const snow503 = rig.proxy.refused.length;
  log(
    JSON.stringify({
      sessions,
      messagesEachWay: messages,
      thinkMs: `${thinkMin ?? 0}-${thinkMax ?? thinkMin ?? 0}`,
      expected: sessions * messages * 2,
      ...tally,
      serviceNow503: snow503,
      teams429,
      teamsAttempts: harness.connector.attempts.length,
      callbacks: webhook.length,
      callbacksNot200: webhookNot200,
      p95AckMs,
      slowestAckMs,
      seconds: seconds(started),
    }),
  );
  log(`lost ${tally.lost}, duplicated ${tally.duplicated}, reordered ${tally.reordered}`);
  return { notOk: webhookNot200 };
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

await main();
