// Injected failures: the next N calls to the VA API or the Table API get a chosen status, with the
// body and headers ServiceNow sends for it unless the test supplies its own.
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

function defaultHeaders(status: number, now: number): Record<string, string> {
  if (status !== 429) return {};
  return {
    'retry-after': '1',
    'x-ratelimit-limit': '100',
    'x-ratelimit-reset': String(Math.ceil(now / 1000) + 1),
    'x-ratelimit-rule': 'b7a0e4a2db2ef300f1d4f3d5ca9619a1',
  };
}

export class FaultInjector {
  private readonly pending: Record<FaultTarget, PendingFault[]> = { va: [], table: [] };

  constructor(private readonly now: () => number) {}

  add(target: FaultTarget, fault: InjectedFault): void {
    this.pending[target].push({ fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  /** Answers with the next pending fault for the target; returns its status, or undefined if none. */
  answer(target: FaultTarget, res: ServerResponse): number | undefined {
    const queue = this.pending[target];
    const next = queue[0];
    if (next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) queue.shift();
    const { status, body, headers } = next.fault;
    const lowered = Object.fromEntries(
      Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    sendJson(res, status, body ?? defaultBody(status), {
      ...defaultHeaders(status, this.now()),
      ...lowered,
    });
    return status;
  }
}
