// The knowledge step's cost, measured on the real app (built in-process over loopback, with the
// ServiceNow simulator as the knowledge stand-in and the fake Bot Connector): the time from a Get
// Help click to the bot's next card with the step off (the Live Chat offer) and on (the articles
// card), the search alone at the stand-in, and, with the stand-in slower than the step's timeout,
// the time to the Live Chat offer, which must not exceed the timeout by more than a little.
import { createSnowClient } from '@live-agent/snow';
import { SELF_SERVICE_KB } from '@live-agent/snow/simulator';
import { handoffFile } from '../support/handoff-file.js';
import { snowCredentials, startHarness, TeamsUser, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { round, summarize, type LatencySummary } from './stats.js';

export interface KnowledgeBenchResults {
  readonly requests: number;
  /** Get Help → Live Chat offer, knowledge step off. */
  readonly offerWithoutStep: LatencySummary;
  /** Get Help → articles card, knowledge step on. */
  readonly articlesWithStep: LatencySummary;
  /** One search at the simulator, as the client makes it. */
  readonly searchAtStandIn: LatencySummary;
  /** Get Help → Live Chat offer while every search is slower than the timeout. */
  readonly offerAfterTimeout: LatencySummary;
  readonly timeoutMs: number;
  /** The offer came within the timeout plus this margin, every time. */
  readonly withinTimeout: boolean;
}

const REQUESTS = 200;
const TIMEOUT_REQUESTS = 20;
const TIMEOUT_MS = 2000;
const TIMEOUT_MARGIN_MS = 250;
const queries = [
  'my VPN keeps disconnecting',
  'How do I reset my password',
  'printer shows offline',
  'add a network printer',
  'account locked after sign-in attempts',
];

/** Milliseconds from the Get Help click to the connector receiving the bot's next card. */
async function timeGetHelp(harness: Harness, request: string, expect: RegExp): Promise<number> {
  const user = new TeamsUser(harness);
  await user.say(request);
  await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
  const seen = harness.connector.attempts.length;
  const sent = harness.connector.sent.length;
  const clicked = Date.now();
  await user.click({ action: 'getHelp' });
  await user.waitFor('the next card', (t) => expect.test(t), sent);
  const arrived = await waitFor(
    () =>
      harness.connector.attempts.slice(seen).find((a) => a.conversationId === user.conversationId),
    'the send time',
  );
  return arrived.at - clicked;
}

async function series(
  harness: Harness,
  count: number,
  expect: RegExp,
  parallel = 1,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) =>
      // A fresh query each time: the bench measures searches, not the cache.
      timeGetHelp(harness, `${queries[(i + j) % queries.length] ?? ''} ${i + j}`, expect),
    );
    samples.push(...(await Promise.all(batch)));
  }
  return samples;
}

async function searchesAtStandIn(harness: Harness, count: number): Promise<number[]> {
  const client = createSnowClient({ instanceUrl: harness.simulator.url, ...snowCredentials });
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await client.knowledge.search({
      query: queries[i % queries.length] ?? '',
      knowledgeBases: [SELF_SERVICE_KB],
      languages: ['en'],
      limit: 8,
      timeoutMs: TIMEOUT_MS,
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export async function knowledgeBench(
  progress: (step: string) => void,
): Promise<KnowledgeBenchResults> {
  const on = {
    enabled: true,
    knowledgeBases: [SELF_SERVICE_KB],
    cacheSeconds: 0,
    timeoutMs: TIMEOUT_MS,
  };
  const without = await startHarness({ HANDOFF_CONFIG: handoffFile() });
  const withStep = await startHarness({ HANDOFF_CONFIG: handoffFile({ knowledge: on }) });
  try {
    progress(`knowledge step: ${REQUESTS} Get Help clicks without the step`);
    const offer = await series(without, REQUESTS, /liveChat/);
    progress(`knowledge step: ${REQUESTS} Get Help clicks with the step`);
    const articles = await series(withStep, REQUESTS, /articleSolved/);
    const search = await searchesAtStandIn(withStep, REQUESTS);
    progress(
      `knowledge step: ${TIMEOUT_REQUESTS} Get Help clicks with searches slower than the timeout`,
    );
    withStep.simulator.setKnowledge({ delayMs: TIMEOUT_MS * 3 });
    const timedOut = await series(withStep, TIMEOUT_REQUESTS, /liveChat/, 5);
    return {
      requests: REQUESTS,
      offerWithoutStep: summarize(offer),
      articlesWithStep: summarize(articles),
      searchAtStandIn: summarize(search),
      offerAfterTimeout: summarize(timedOut),
      timeoutMs: TIMEOUT_MS,
      withinTimeout: timedOut.every((ms) => ms <= TIMEOUT_MS + TIMEOUT_MARGIN_MS),
    };
  } finally {
    await without.close();
    await withStep.close();
  }
}

export function knowledgeMarkdown(r: KnowledgeBenchResults): string {
  const row = (name: string, s: LatencySummary) =>
    `| ${name} | ${s.count} | ${round(s.p50)} | ${round(s.p99)} | ${round(s.max)} |`;
  return [
    '### Knowledge step',
    '',
    'Milliseconds from the Get Help click to the bot\u2019s next card reaching the Bot Connector (the app in-process, the simulator as the knowledge stand-in).',
    '',
    '| Measured | n | p50 | p99 | max |',
    '| --- | --- | --- | --- | --- |',
    row('Get Help → Live Chat offer, step off', r.offerWithoutStep),
    row('Get Help → articles card, step on', r.articlesWithStep),
    row('One search at the stand-in (client)', r.searchAtStandIn),
    row(
      `Get Help → Live Chat offer, search slower than the ${r.timeoutMs} ms timeout`,
      r.offerAfterTimeout,
    ),
    '',
    `Added latency of the step (p50 / p99): ${round(r.articlesWithStep.p50 - r.offerWithoutStep.p50)} / ${round(r.articlesWithStep.p99 - r.offerWithoutStep.p99)} ms. ` +
      `A timed-out search delays the offer by at most its timeout (+${TIMEOUT_MARGIN_MS} ms): ${r.withinTimeout ? 'met' : 'NOT met'}.`,
    '',
  ].join('\n');
}
