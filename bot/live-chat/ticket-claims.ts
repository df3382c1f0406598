// Exactly one ServiceNow record per ticket card, whatever happens to the clicks: a double click,
// Teams repeating the invoke, two instances handling two clicks at once, or a crash between the
// insert and the answer. Two layers make it hold:
// - a claim per card in the store (created only if absent, then ETag-guarded): only its holder
//   inserts; a concurrent click waits for the holder's result instead of inserting;
// - the card's key on the record itself (correlation_id), looked up before inserting: a holder
//   that crashed after ServiceNow took the insert left the record behind, and whoever takes the
//   claim over after its lease finds it instead of inserting again.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskRecord } from '@live-agent/snow';
import { StoreConflictError } from '../store/errors.js';
import type { TicketClaim, TicketClaimStore, Versioned } from '../store/types.js';

export interface TicketClaimsOptions {
  readonly store: TicketClaimStore;
  /** Who this instance is, for the claim (diagnostics only). */
  readonly owner: string;
  /** A `creating` claim older than this may be taken over (its holder is presumed dead). */
  readonly leaseMs?: number;
  /** How long a concurrent click waits for the holder's result before saying "in progress". */
  readonly waitMs?: number;
  readonly now?: () => number;
}

/** The record a card led to, and whether it existed before this click. */
export type ClaimOutcome =
  | { readonly kind: 'record'; readonly record: TaskRecord; readonly repeat: boolean }
  | { readonly kind: 'inProgress' }
  /** The card was claimed by another user: nothing is filed or shown. */
  | { readonly kind: 'foreign' };

export interface RecordSource {
  /** The record already carrying the key, if any (the look before creating). */
  find(): Promise<TaskRecord | undefined>;
  create(): Promise<TaskRecord>;
}

/** Longer than an insert can take (the ServiceNow client's request timeout, plus the lookup). */
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_WAIT_MS = 10_000;
const POLL_MS = 200;

export class TicketClaims {
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: TicketClaimsOptions) {
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  }

  async file(
    key: string,
    table: string,
    source: RecordSource,
    userKey?: string,
  ): Promise<ClaimOutcome> {
    const waitUntil = this.now() + this.waitMs;
    for (;;) {
      const current = await this.options.store.get(key);
      const owner = current?.value.userKey;
      if (owner !== undefined && owner !== userKey) return { kind: 'foreign' };
      const done = createdRecord(current?.value);
      if (done !== undefined) return { kind: 'record', record: done, repeat: true };
      if (current !== undefined && this.held(current.value)) {
        if (this.now() >= waitUntil) return { kind: 'inProgress' };
        await sleep(POLL_MS);
        continue;
      }
      const claim = await this.take({ id: key, table, userKey }, current);
      if (claim !== undefined) return this.fileHolding(claim, source);
    }
  }

  /** Holding the claim: look, insert if nothing carries the key, record the result. */
  private async fileHolding(
    claim: Versioned<TicketClaim>,
    source: RecordSource,
  ): Promise<ClaimOutcome> {
    let record: TaskRecord;
    let repeat: boolean;
    try {
      const found = await source.find();
      repeat = found !== undefined;
      record = found ?? (await source.create());
    } catch (error) {
      await this.release(claim);
      throw error;
    }
    const created: TicketClaim = {
      ...claim.value,
      state: 'created',
      sysId: record.sysId,
      ...(record.number === undefined ? {} : { number: record.number }),
    };
    await this.options.store.replace(created, claim.etag).catch((error: unknown) => {
      // Our lease ran out and another click took the claim over: it finds our record by its key.
      if (!(error instanceof StoreConflictError)) throw error;
    });
    return { kind: 'record', record, repeat };
  }

  /** Takes a free (absent, failed or expired) claim; undefined when another click won the race. */
  private async take(
    card: { readonly id: string; readonly table: string; readonly userKey?: string },
    current: Versioned<TicketClaim> | undefined,
  ): Promise<Versioned<TicketClaim> | undefined> {
    const claim: TicketClaim = {
      ...card,
      state: 'creating',
      claimedAt: new Date(this.now()).toISOString(),
      owner: this.options.owner,
    };
    try {
      return current === undefined
        ? await this.options.store.create(claim)
        : await this.options.store.replace(claim, current.etag);
    } catch (error) {
      if (error instanceof StoreConflictError) return undefined;
      throw error;
    }
  }

  /** After a failed insert: the next click may try again at once. */
  private async release(claim: Versioned<TicketClaim>): Promise<void> {
    await this.options.store
      .replace({ ...claim.value, state: 'failed' }, claim.etag)
      .catch((error: unknown) => {
        if (!(error instanceof StoreConflictError)) throw error;
      });
  }

  private held(claim: TicketClaim): boolean {
    if (claim.state !== 'creating') return false;
    return this.now() - Date.parse(claim.claimedAt) < this.leaseMs;
  }
}

function createdRecord(claim: TicketClaim | undefined): TaskRecord | undefined {
  if (claim?.state !== 'created' || claim.sysId === undefined) return undefined;
  return { sysId: claim.sysId, ...(claim.number === undefined ? {} : { number: claim.number }) };
}
