// Sends activities to a Teams user proactively, in order, paced per conversation, retrying what
// Teams asks to retry (429 with or without Retry-After, 412, 502, 504, other 5xx and network
// errors) with capped exponential backoff and jitter. The sends go straight to the Bot Connector
// (bot-connector.ts) rather than through a botbuilder proactive turn: the relay used nothing of
// the turn but its connector client, and building the turn, its state and the client's request
// pipeline for every message cost more CPU than the rest of the delivery. This module is the one
// retry layer of these sends, and it counts their failed attempts for /metrics, as the adapter's
// middleware (TeamsFailureMetrics) does for the sends of turns.
import { randomUUID } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { FailureSource, teamsFailureCode, type RelayMetrics } from '../metrics.js';
import { Backoff, parseRetryAfter, sleep, teamsBackoff, type BackoffPolicy } from './backoff.js';
import type { BotConnector, ConversationAddress } from './bot-connector.js';
import { BotConnectorError } from './connector-errors.js';
import { DeliveryDeferredError, UserUnreachableError } from './errors.js';
import type { ConversationPacer } from './pacer.js';

export interface TeamsSenderOptions {
  readonly connector: BotConnector;
  readonly pacer: ConversationPacer;
  readonly log: Logger;
  /** Failed attempts towards Teams, by HTTP status (or error code when there was no answer). */
  readonly metrics?: RelayMetrics;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

type Verdict = 'retry' | 'unreachable' | 'skip';

interface Failure {
  readonly verdict: Exclude<Verdict, 'skip'>;
  readonly status?: number;
  readonly error: unknown;
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
   * retries ran out or the reference cannot be addressed.
   */
  async send(
    reference: Partial<ConversationReference>,
    activities: readonly Partial<Activity>[],
    from = 0,
  ): Promise<void> {
    if (from >= activities.length) return;
    // One retry budget covers all the sends, so a delivery stays within its lease.
    const since = Date.now();
    const address = this.addressOf(reference, from);
    for (let done = from; done < activities.length; done++) {
      const activity = activities[done];
      if (activity === undefined) continue;
      await this.options.pacer.take(address.conversationId);
      const failure = await this.sendOne(address, activity, since);
      if (failure === undefined) continue;
      if (failure.verdict === 'unreachable') {
        throw new UserUnreachableError('Teams refused delivery for good', failure.status ?? 0, {
          cause: failure.error,
        });
      }
      throw new DeliveryDeferredError('Teams did not take the message in time', done, undefined, {
        cause: failure.error,
      });
    }
  }

  /**
   * The conversation's address. A botbuilder proactive turn answers a synthetic activity with a
   * fresh id (ActivityEx.getContinuationActivity), so each of its sends is a reply to that id:
   * the same is done here, one id per call, so that Teams gets what it got before.
   */
  private addressOf(reference: Partial<ConversationReference>, from: number): ConversationAddress {
    try {
      return this.options.connector.address({ ...reference, activityId: randomUUID() });
    } catch (error) {
      throw new DeliveryDeferredError(
        'The conversation reference has no address',
        from,
        undefined,
        {
          cause: error,
        },
      );
    }
  }

  /** One activity, retried within the backoff budget; returns the failure that stopped it. */
  private async sendOne(
    address: ConversationAddress,
    activity: Partial<Activity>,
    since: number,
  ): Promise<Failure | undefined> {
    const policy = this.options.backoff ?? teamsBackoff;
    const backoff = new Backoff(policy, this.options.random, Date.now, since);
    for (;;) {
      try {
        await this.options.connector.send(address, activity);
        return undefined;
      } catch (error) {
        this.options.metrics?.callFailed(FailureSource.teams, teamsFailureCode(error));
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
  return error instanceof BotConnectorError ? error.statusCode : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  return error instanceof BotConnectorError
    ? parseRetryAfter(error.headers['retry-after'])
    : undefined;
}
