// Sends activities to a Teams user proactively, in order, paced per conversation, retrying what
// Teams asks to retry (429 with or without Retry-After, 412, 502, 504, other 5xx and network
// errors) with capped exponential backoff and jitter. botbuilder swallows errors thrown inside
// continueConversationAsync (its onTurnError gets them and the promise resolves), so every
// outcome is captured inside the callback and acted on outside it.
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { Backoff, parseRetryAfter, sleep, teamsBackoff, type BackoffPolicy } from './backoff.js';
import { DeliveryDeferredError, UserUnreachableError } from './errors.js';
import type { ConversationPacer } from './pacer.js';

export interface TeamsSenderOptions {
  readonly adapter: CloudAdapter;
  /** Our app id ('' when Bot Framework authentication is off). */
  readonly botAppId: string;
  readonly pacer: ConversationPacer;
  readonly log: Logger;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

type Verdict = 'retry' | 'unreachable' | 'skip';

/** What became of a run of sends inside one proactive turn. */
interface RunState {
  /** When the sends began: one retry budget covers all of them, so a delivery stays within its lease. */
  readonly since: number;
  started: boolean;
  done: number;
  failure?: { verdict: Exclude<Verdict, 'skip'>; status?: number; error: unknown };
}

export class TeamsSender {
  private readonly wait: (ms: number) => Promise<void>;

  constructor(private readonly options: TeamsSenderOptions) {
    this.wait = options.sleep ?? sleep;
  }

  /**
   * Sends `activities[from..]` in order. Resolves when all were sent (an activity Teams rejects as
   * malformed is logged and skipped, so one bad message cannot block a chat). Throws
   * UserUnreachableError on 403/404, and DeliveryDeferredError (with how many were sent) when
   * retries ran out.
   */
  async send(
    reference: Partial<ConversationReference>,
    activities: readonly Partial<Activity>[],
    from = 0,
  ): Promise<void> {
    if (from >= activities.length) return;
    const run: RunState = { since: Date.now(), started: false, done: from };
    try {
      await this.options.adapter.continueConversationAsync(
        this.options.botAppId,
        reference,
        async (context) => {
          run.started = true;
          withoutSdkRetries(context);
          await this.sendAll(context, activities, run);
        },
      );
    } catch (error) {
      // Before the turn runs: no connector (e.g. no token from Entra ID). Try again later.
      throw new DeliveryDeferredError('The proactive turn failed', run.done, undefined, {
        cause: error,
      });
    }
    if (!run.started) {
      throw new DeliveryDeferredError('The proactive turn did not start', run.done);
    }
    const failure = run.failure;
    if (failure === undefined) return;
    if (failure.verdict === 'unreachable') {
      throw new UserUnreachableError('Teams refused delivery for good', failure.status ?? 0, {
        cause: failure.error,
      });
    }
    throw new DeliveryDeferredError('Teams did not take the message in time', run.done, undefined, {
      cause: failure.error,
    });
  }

  private async sendAll(
    context: TurnContext,
    activities: readonly Partial<Activity>[],
    run: RunState,
  ): Promise<void> {
    const conversationId = context.activity.conversation.id;
    for (; run.done < activities.length; run.done++) {
      const activity = activities[run.done];
      if (activity === undefined) continue;
      await this.options.pacer.take(conversationId);
      const failure = await this.sendOne(context, activity, run.since);
      if (failure !== undefined) {
        run.failure = failure;
        return;
      }
    }
  }

  /** One activity, retried within the backoff budget; returns the failure that stopped it. */
  private async sendOne(
    context: TurnContext,
    activity: Partial<Activity>,
    since: number,
  ): Promise<RunState['failure']> {
    const policy = this.options.backoff ?? teamsBackoff;
    const backoff = new Backoff(policy, this.options.random, Date.now, since);
    for (;;) {
      try {
        await context.sendActivity(activity);
        return undefined;
      } catch (error) {
        const status = statusOf(error);
        const verdict = verdictFor(status);
        if (verdict === 'skip') {
          this.options.log.error({ err: error, status }, 'Teams rejected an activity; skipped');
          return undefined;
        }
        if (verdict === 'unreachable') return { verdict, status, error };
        const wait = backoff.next(retryAfterOf(error));
        if (wait === undefined) return { verdict, status, error };
        this.options.log.warn({ status, waitMs: wait }, 'Teams send failed; retrying');
        await this.wait(wait);
      }
    }
  }
}

/** 403/404: gone; 4xx other than 401/408/412/429: this activity is bad; anything else: retry. */
function verdictFor(status: number | undefined): Verdict {
  if (status === 403 || status === 404) return 'unreachable';
  if (status === undefined || status >= 500) return 'retry';
  if ([401, 408, 412, 429].includes(status)) return 'retry';
  return status >= 400 ? 'skip' : 'retry';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (headers === undefined || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  const value =
    typeof get === 'function'
      ? (get as (name: string) => unknown).call(headers, 'retry-after')
      : (headers as Record<string, unknown>)['retry-after'];
  return parseRetryAfter(value);
}

/**
 * botbuilder's connector client retries on its own (429 only with Retry-After, 5xx up to three
 * times with a 1 s base, never 412), which would stack with the retries here and ignore the
 * pacing. For proactive sends this module is the one retry layer, so the client's policy is
 * removed from the connector client of this turn. The client is reached through fields the
 * typings keep private (botbuilder 4.23.3 is pinned); if they are not there, nothing changes.
 */
function withoutSdkRetries(context: TurnContext): void {
  const connector: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  const pipeline = (connector as { client?: { pipeline?: { removePolicy?: unknown } } } | null)
    ?.client?.pipeline;
  if (typeof pipeline?.removePolicy === 'function') {
    (pipeline.removePolicy as (policy: { name: string }) => unknown).call(pipeline, {
      name: 'defaultRetryPolicy',
    });
  }
}
