// What the queues do to a session document, as pure functions: append an item (taking the lease
// when it is free), remove the delivered head (giving the lease back when nothing follows),
// release the lease keeping how far an attempt got. The delivery loop applies these through
// compare-and-swap, so each is written to be applied again to a newer version of the document.
import { hash } from 'node:crypto';
import type {
  InboxPayload,
  LiveChatSession,
  OutboxPayload,
  QueueItem,
  SessionQueue,
} from '../store/types.js';
import { LeaseLostError } from './errors.js';

export type Direction = 'inbox' | 'outbox';

export interface QueuePayloads {
  readonly inbox: InboxPayload;
  readonly outbox: OutboxPayload;
}

/** How many dedup keys a queue remembers (repeats arrive soon after the original). */
export const RECENT_KEYS = 200;

const empty: SessionQueue<never> = { appended: 0, items: [], recent: [] };

export function queueOf<D extends Direction>(
  session: LiveChatSession,
  direction: D,
): SessionQueue<QueuePayloads[D]> {
  return (session[direction] as SessionQueue<QueuePayloads[D]> | undefined) ?? empty;
}

/** The session with `queue` in place and `pendingSince` recomputed from both queues. */
export function withQueue<D extends Direction>(
  session: LiveChatSession,
  direction: D,
  queue: SessionQueue<QueuePayloads[D]>,
): LiveChatSession {
  const next = { ...session, [direction]: queue };
  const oldest = [next.inbox?.items[0]?.appendedAt, next.outbox?.items[0]?.appendedAt]
    .filter((at): at is string => at !== undefined)
    .sort()[0];
  return { ...next, pendingSince: oldest };
}

/** Whether `owner` may take the lease now: free, expired or its own. */
export function leaseAvailable(queue: SessionQueue<unknown>, owner: string, now: number): boolean {
  const { lease } = queue;
  return lease === undefined || lease.owner === owner || lease.until <= now;
}

/**
 * How a dedup key is kept in `recent`: keys longer than a digest are kept as 72 bits of their
 * SHA-256 (12 characters instead of 34 to 50), which keeps the session document, written with
 * every delivery, small. Among the few hundred keys a queue remembers, a collision is as likely
 * as guessing a 72-bit number.
 */
export function recentKey(key: string): string {
  if (key.length <= DIGEST_CHARS) return key;
  return `#${hash('sha256', key, 'base64url').slice(0, DIGEST_CHARS - 1)}`;
}

const DIGEST_CHARS = 13;

/** Whether `key` was delivered recently (kept as recentKey, or in full by earlier versions). */
export function deliveredRecently(queue: SessionQueue<unknown>, key: string): boolean {
  return queue.recent.includes(recentKey(key)) || queue.recent.includes(key);
}

/** Whether the item is a repeat of one queued or delivered recently. */
export function isRepeat(queue: SessionQueue<unknown>, dedupKey: string | undefined): boolean {
  if (dedupKey === undefined) return false;
  return deliveredRecently(queue, dedupKey) || queue.items.some((i) => i.dedupKey === dedupKey);
}

export interface Holder {
  readonly owner: string;
  readonly now: number;
  readonly leaseMs: number;
}

/** The queue with `item` appended under the next number, and the lease taken if available. */
export function appended<P>(
  queue: SessionQueue<P>,
  item: Omit<QueueItem<P>, 'seq'>,
  holder: Holder,
): SessionQueue<P> {
  const seq = queue.appended + 1;
  const take = leaseAvailable(queue, holder.owner, holder.now);
  return {
    ...queue,
    appended: seq,
    items: [...queue.items, { ...item, seq }],
    lease: take ? leaseFor(holder) : queue.lease,
  };
}

/** The queue with the lease taken by `holder` (for a drain that found it free). */
export function leased<P>(queue: SessionQueue<P>, holder: Holder): SessionQueue<P> {
  return { ...queue, lease: leaseFor(holder) };
}

export interface Delivered {
  readonly seq: number;
  /** Dedup keys to remember: the item's own and any the handler named. */
  readonly keys: readonly string[];
  readonly notes?: Readonly<Record<string, boolean>>;
}

/**
 * The queue without its delivered head. The lease is kept (renewed) while items follow and given
 * back when none does. Throws LeaseLostError when another instance took over meanwhile.
 */
export function withoutHead<P>(
  queue: SessionQueue<P>,
  delivered: Delivered,
  holder: Holder,
): SessionQueue<P> {
  assertHeld(queue, holder.owner, delivered.seq);
  const items = queue.items.slice(1);
  return {
    appended: queue.appended,
    items,
    recent: [...queue.recent, ...delivered.keys.map(recentKey)].slice(-RECENT_KEYS),
    notes: delivered.notes ?? queue.notes,
    lease: items.length > 0 ? leaseFor(holder) : undefined,
  };
}

/** The queue with the lease given back and `change` kept (e.g. how far an attempt got). */
export function released<P>(
  queue: SessionQueue<P>,
  owner: string,
  change: Partial<Pick<SessionQueue<P>, 'partial' | 'failures' | 'notes'>> = {},
): SessionQueue<P> {
  if (queue.lease?.owner !== owner) throw lostLease();
  return { ...queue, ...change, lease: undefined };
}

/** The queue with the lease extended (a long delivery keeps it). */
export function renewed<P>(queue: SessionQueue<P>, holder: Holder): SessionQueue<P> {
  if (queue.lease?.owner !== holder.owner) throw lostLease();
  return { ...queue, lease: leaseFor(holder) };
}

function assertHeld(queue: SessionQueue<unknown>, owner: string, seq: number): void {
  if (queue.lease?.owner !== owner || queue.items[0]?.seq !== seq) throw lostLease();
}

function leaseFor(holder: Holder): { owner: string; until: number } {
  return { owner: holder.owner, until: holder.now + holder.leaseMs };
}

function lostLease(): LeaseLostError {
  return new LeaseLostError('Another instance took over the queue');
}
