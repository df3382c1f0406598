// What a queue asks of the code that delivers its items (one handler per direction), and what
// that code gets to work with: the item, the session as it was read, and how far earlier attempts
// got.
import type { LiveChatSession } from '../store/types.js';

/** An item to deliver, with its payload. */
export interface QueueEntry<P> {
  readonly sessionId: string;
  readonly seq: number;
  readonly appendedAt: string;
  readonly dedupKey?: string;
  readonly payload: P;
}

export interface EntryContext {
  /** The session as it was when the item was taken up (no need to read it again). */
  readonly session: LiveChatSession;
  /** Whether something with this dedup key was delivered recently (so this is a repeat). */
  seen(key: string): boolean;
  /** How many parts of this item an interrupted earlier attempt delivered already. */
  readonly done: number;
  readonly notes: Readonly<Record<string, boolean>>;
}

export interface EntryResult {
  /** Dedup keys to remember besides the item's own (e.g. message ids inside a callback). */
  readonly remember?: readonly string[];
  /** Replaces the queue's notes when given. */
  readonly notes?: Readonly<Record<string, boolean>>;
  /** A change to the session written together with the item's removal (undefined: none). */
  readonly change?: (session: LiveChatSession) => LiveChatSession | undefined;
}

/** How an item is delivered; implemented once per direction. */
export interface EntryHandler<P> {
  handle(entry: QueueEntry<P>, context: EntryContext): Promise<EntryResult>;
}
