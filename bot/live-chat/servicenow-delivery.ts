// Teams → ServiceNow, the delivery side: sends the session's outbox entries to the VA API in order.
// ServiceNow being unreachable (5xx, 429, timeouts, even wrong credentials) never loses a message:
// after a few quick retries the entry stays in the outbox, the user is told once that their
// messages are kept, and the entry is sent when ServiceNow answers again (then the user is told
// that too). A message ServiceNow refuses outright, or one left when ServiceNow closed the chat,
// is dropped and the user is told it was not delivered (an answer to ServiceNow's own post-chat
// survey, written after the close, still goes).
import {
  SnowError,
  SnowErrorCode,
  type VaAttachment,
  type VaSessionRef,
  type VirtualAgentApi,
} from '@live-agent/snow';
import type { Logger } from 'pino';
import { textsFor, type Texts } from '../../dialogs/texts.js';
import { Backoff, serviceNowBackoff, sleep, type BackoffPolicy } from '../delivery/backoff.js';
import { DeliveryDeferredError } from '../delivery/errors.js';
import type { SessionQueues } from '../delivery/queues.js';
import type {
  EntryContext,
  EntryHandler,
  EntryResult,
  QueueEntry,
} from '../delivery/entry-handler.js';
import type { RelayMetrics } from '../metrics.js';
import type { LiveChatSession, OutboxPayload } from '../store/types.js';

/** A user message on its way to the agent. */
export type UserMessage = Extract<OutboxPayload, { kind: 'message' }>;
import { EndReasons, serviceNowEndPrefix } from './sessions.js';
import { lazyChild } from '../logging.js';
import { FileErrorCode, FileTransferError } from '../files/errors.js';
import type { PreparedFiles, UserFiles } from '../files/user-files.js';

export interface ServiceNowDeliveryOptions {
  readonly va: VirtualAgentApi;
  readonly queues: SessionQueues;
  readonly log: Logger;
  readonly metrics?: RelayMetrics;
  readonly backoff?: BackoffPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uploads files that waited in the outbox (absent: files are not relayed). */
  readonly files?: UserFiles;
  /** Answers to ServiceNow's own post-chat survey, which go after the chat ended. */
  readonly postChat?: { answered(session: LiveChatSession, writtenAt: string): boolean };
}

/** Ended on our side with the chat under way: what the user wrote before still goes to ServiceNow. */
const ourEnds = new Set<string>([EndReasons.user, EndReasons.idle, EndReasons.unreachable]);

/** Note kept on the outbox while the user knows that ServiceNow is not taking their messages. */
const outageNote = 'serviceNowDown';

export class ServiceNowDelivery implements EntryHandler<OutboxPayload> {
  constructor(private readonly options: ServiceNowDeliveryOptions) {}

  /**
   * Sends a user message straight to the VA API, once, without queueing it (the caller checked
   * that nothing is queued before it). True when it is dealt with: ServiceNow took it, or refused
   * it outright and the user is told. False when ServiceNow did not answer as it should: the
   * caller then queues the message, and the outbox retries it in order.
   */
  async direct(
    session: LiveChatSession,
    message: UserMessage,
    acceptedAt: number,
  ): Promise<boolean> {
    const { text, clientMessageId, typed = true, timezone, attachments } = message;
    // Files that still have to be uploaded go through the outbox, which keeps them in order.
    if (message.pendingFiles !== undefined && message.pendingFiles.length > 0) return false;
    try {
      await this.options.va.sendMessage({
        ...refOf(session, timezone),
        text,
        clientMessageId,
        typed,
        ...(attachments === undefined ? {} : { attachments }),
      });
      this.options.metrics?.messageRelayed('to_agent', acceptedAt);
      return true;
    } catch (error) {
      // Whatever went wrong, unless ServiceNow refused the message, the outbox tries again.
      if (!(error instanceof SnowError) || error.code !== SnowErrorCode.rejected) {
        this.options.log.warn(
          { sessionId: session.id, activityId: clientMessageId, err: error },
          'ServiceNow did not take the message at once; queued',
        );
        return false;
      }
      await this.tell(
        session,
        `n:direct:${clientMessageId}:rejected`,
        (t) => t.messageNotDelivered,
        false,
      );
      return true;
    }
  }

  async handle(entry: QueueEntry<OutboxPayload>, context: EntryContext): Promise<EntryResult> {
    const log = lazyChild(this.options.log, {
      sessionId: entry.sessionId,
      seq: entry.seq,
      // The Teams activity the message came from (its id is the VA API's clientMessageId).
      activityId: entry.payload.kind === 'message' ? entry.payload.clientMessageId : undefined,
    });
    const { session } = context;
    const ended = session.state === 'ended';
    const deliverable =
      !ended ||
      ourEnds.has(session.endReason ?? '') ||
      this.options.postChat?.answered(session, entry.appendedAt) === true;
    if (entry.payload.kind === 'end') {
      // Whatever ServiceNow still holds open for this chat is closed, unless it closed it itself.
      if (session.endReason?.startsWith(serviceNowEndPrefix) !== true) {
        await this.call(entry, session, context, (va, ref) => va.endChat(ref));
      }
      return this.recovered(entry, session, context);
    }
    if (!deliverable) {
      log.info('message written before ServiceNow closed the chat; not delivered');
      if (session.endReason?.startsWith(serviceNowEndPrefix) === true) {
        await this.tell(
          session,
          noticeKey(entry, 'undelivered'),
          (t) => t.messageNotDelivered,
          true,
        );
      }
      return {};
    }
    if (session.state === 'requested' && session.startedAt === undefined) {
      // The start request is still on its way: ServiceNow must see it first.
      throw new DeliveryDeferredError('The live chat has not started yet');
    }
    const { text, clientMessageId, typed = true } = entry.payload;
    const attachments = await this.filesOf(entry, entry.payload, session, context);
    if (text === '' && attachments.length === 0) return this.recovered(entry, session, context);
    const sent = await this.call(entry, session, context, (va, ref) =>
      va.sendMessage({ ...ref, text, clientMessageId, typed, attachments }),
    );
    if (sent) this.options.metrics?.messageRelayed('to_agent', Date.parse(entry.appendedAt));
    else
      await this.tell(session, noticeKey(entry, 'rejected'), (t) => t.messageNotDelivered, false);
    return this.recovered(entry, session, context);
  }

  /**
   * Calls the VA API with quick retries; true when ServiceNow took it, false when it refused it.
   * Throws DeliveryDeferredError (the entry stays) when ServiceNow did not answer in time.
   */
  private async call(
    entry: QueueEntry<OutboxPayload>,
    session: LiveChatSession,
    context: EntryContext,
    operation: (va: VirtualAgentApi, ref: VaSessionRef) => Promise<unknown>,
  ): Promise<boolean> {
    const ref = refOf(session, entry.payload.timezone);
    const backoff = new Backoff(this.options.backoff ?? serviceNowBackoff);
    for (;;) {
      try {
        await operation(this.options.va, ref);
        return true;
      } catch (error) {
        if (!(error instanceof SnowError)) throw error;
        if (error.code === SnowErrorCode.rejected) return false;
        const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
        const wait = backoff.next(retryAfter);
        if (wait === undefined) return this.defer(entry, session, context, error);
        await (this.options.sleep ?? sleep)(wait);
      }
    }
  }

  /**
   * The message's files: those uploaded in the turn, and those that waited for ServiceNow,
   * uploaded now. Defers the entry while ServiceNow still does not take them; a file that cannot
   * go any more (its Teams link expired, say) is dropped and the user told.
   */
  private async filesOf(
    entry: QueueEntry<OutboxPayload>,
    message: UserMessage,
    session: LiveChatSession,
    context: EntryContext,
  ): Promise<readonly VaAttachment[]> {
    const { attachments = [], pendingFiles = [] } = message;
    const files = this.options.files;
    if (pendingFiles.length === 0 || files === undefined) return attachments;
    const sender = {
      sessionId: session.id,
      userId: session.snowUserId,
      reference: session.conversationReference,
    };
    let resolved: PreparedFiles;
    try {
      resolved = await files.resolve(pendingFiles, sender);
    } catch (error) {
      if (error instanceof FileTransferError && error.code === FileErrorCode.unavailable) {
        return this.defer(entry, session, context, error);
      }
      throw error;
    }
    if (resolved.problems.length > 0) {
      await this.tell(
        session,
        noticeKey(entry, 'files'),
        (t) => files.problemsText(t, resolved.problems),
        false,
      );
    }
    return [...attachments, ...resolved.attachments];
  }

  /** ServiceNow stays unreachable: tell the user once, keep the entry for later. */
  private async defer(
    entry: QueueEntry<OutboxPayload>,
    session: LiveChatSession,
    context: EntryContext,
    cause: Error & { readonly code: string },
  ): Promise<never> {
    this.options.log.warn(
      { sessionId: entry.sessionId, seq: entry.seq, code: cause.code },
      'ServiceNow is not taking messages; kept for later',
    );
    if (context.notes[outageNote] !== true) {
      await this.tell(session, noticeKey(entry, 'delayed'), (t) => t.messagesDelayed, false);
    }
    throw new DeliveryDeferredError(
      'ServiceNow did not take the message',
      0,
      { [outageNote]: true },
      {
        cause,
      },
    );
  }

  /** After an outage the user was told about, say that their messages went through. */
  private async recovered(
    entry: QueueEntry<OutboxPayload>,
    session: LiveChatSession,
    context: EntryContext,
  ): Promise<EntryResult> {
    if (context.notes[outageNote] !== true) return {};
    await this.tell(session, noticeKey(entry, 'recovered'), (t) => t.messagesDelivered, false);
    return { notes: {} };
  }

  /** A notice to the user, through the inbox so it is ordered with the agent's messages. */
  private tell(
    session: LiveChatSession,
    dedupKey: string,
    text: (t: Texts) => string,
    afterEnd: boolean,
  ): Promise<void> {
    // Worded in the user's language now: the inbox keeps finished text.
    const notice = text(textsFor(session.conversationReference.locale));
    return this.options.queues.toUser(
      session.id,
      { kind: 'notice', text: notice, afterEnd },
      dedupKey,
    );
  }
}

function refOf(session: LiveChatSession, timezone: string | undefined): VaSessionRef {
  return {
    clientSessionId: session.id,
    userId: session.snowUserId,
    emailId: session.email,
    timezone,
  };
}

/** Identifies a notice about an outbox entry, so a retried entry tells the user once. */
function noticeKey(entry: QueueEntry<OutboxPayload>, what: string): string {
  return `n:outbox:${entry.seq}:${what}`;
}
