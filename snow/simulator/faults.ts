// Injected failures: the next N calls to the VA API, the Table API or the token endpoint get added
// latency, a chosen status (with the body and headers ServiceNow sends for it unless the test
// supplies its own), or a connection closed without an answer.
import type { ServerResponse } from 'node:http';
import { errorBody, sendJson } from './http-util.js';
import type { FaultTarget, InjectedFault } from './types.js';

interface PendingFault {
  readonly fault: InjectedFault;
  remaining: number;
}

function defaultBody(status: number): unknown {
  switch (status) {
    case 401:
      return errorBody('User Not Authenticated', 'Required to provide Auth information');
    case 403:
      return errorBody('Operation Failed', 'ACL restricts the record retrieval');
    case 429:
      return errorBody('Rate limit exceeded', 'Rate limit of 100 requests per hour exceeded');
    case 503:
      return errorBody('Service Unavailable', 'The instance is temporarily unavailable');
    default:
      return errorBody('Internal Server Error', null);
  }
}

/** A rate-limit rule's headers; Retry-After only when the fault keeps it (semaphore 429s may not). */
function defaultHeaders(fault: InjectedFault, now: number): Record<string, string> {
  if (fault.status !== 429) return {};
  const retryAfter = fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds;
  return {
    ...(retryAfter === null ? {} : { 'retry-after': String(retryAfter) }),
    'x-ratelimit-limit': '100',
    'x-ratelimit-reset': String(Math.ceil(now / 1000) + (retryAfter ?? 1)),
    'x-ratelimit-rule': 'b7a0e4a2db2ef300f1d4f3d5ca9619a1',
  };
}

/** What became of a call a fault applied to. */
export type FaultOutcome = number | 'reset' | undefined;

export class FaultInjector {
  private readonly pending: Record<FaultTarget, PendingFault[]> = {
    va: [],
    table: [],
    oauth: [],
    knowledge: [],
    media: [],
  };

  constructor(
    private readonly now: () => number,
    private readonly delay: (ms: number) => Promise<void>,
  ) {}

  add(target: FaultTarget, fault: InjectedFault): void {
    this.pending[target].push({ fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  /** Takes the next pending fault for the target, after waiting out its added latency. */
  async next(target: FaultTarget): Promise<InjectedFault | undefined> {
    const queue = this.pending[target];
    const next = queue[0];
    if (next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) queue.shift();
    if (next.fault.delayMs !== undefined && next.fault.delayMs > 0) {
      await this.delay(next.fault.delayMs);
    }
    return next.fault;
  }

  /**
   * Applies the next fault for a call that does nothing worth keeping before it fails: answers
   * its status, or closes the connection. Undefined: carry on normally (no fault, or latency only).
   */
  async answer(target: FaultTarget, res: ServerResponse): Promise<FaultOutcome> {
    const fault = await this.next(target);
    if (fault === undefined) return undefined;
    if (fault.status !== undefined) {
      this.send(res, { ...fault, status: fault.status });
      return fault.status;
    }
    if (fault.reset === true) {
      res.destroy();
      return 'reset';
    }
    return undefined;
  }

  /** Answers the fault's status, with ServiceNow's body and headers unless the fault has its own. */
  send(res: ServerResponse, fault: InjectedFault & { readonly status: number }): void {
    const lowered = Object.fromEntries(
      Object.entries(fault.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    sendJson(res, fault.status, fault.body ?? defaultBody(fault.status), {
      ...defaultHeaders(fault, this.now()),
      ...lowered,
    });
  }
}
