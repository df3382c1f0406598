// Teams → ServiceNow, the turn's side: while a live chat is open, what the user writes goes to the
// agent before the turn answers, straight to the VA API or, when that cannot be done at once,
// through the session's outbox (see direct-relay.ts); "end chat" (typed or the card button) ends the chat from the user's side.
import type { VirtualAgentApi } from '@live-agent/snow';
import { MessageFactory, TurnContext, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { CardAction, cardActionOf } from '../../dialogs/actions.js';
import { commandOf } from '../../dialogs/commands.js';
import { textsFor } from '../../dialogs/texts.js';
import { incomingFiles, type IncomingFile } from '../files/teams-attachments.js';
import type { UserFiles } from '../files/user-files.js';
import type { LiveChatSession } from '../store/types.js';
import type { DirectRelay } from './direct-relay.js';
import type { ChatFollowUps } from './follow-ups.js';
import type { UserMessage } from './servicenow-delivery.js';
import { textOf, timezoneOf } from './identity.js';
import type { SessionLifecycle } from './lifecycle.js';
import { EndReasons, type Sessions } from './sessions.js';

export interface UserRelayOptions {
  readonly va: VirtualAgentApi;
  readonly sessions: Sessions;
  /** Relays messages straight to ServiceNow, or through the outbox when that is needed. */
  readonly direct: DirectRelay;
  readonly lifecycle: SessionLifecycle;
  readonly log: Logger;
  /** The survey after a chat the user ended. */
  readonly followUps?: ChatFollowUps;
  /** Files the user sends go to the agent (absent: they are not relayed). */
  readonly files?: UserFiles;
}

export class UserToAgentRelay {
  constructor(private readonly options: UserRelayOptions) {}

  /** Handles one message of a user whose live chat is open. */
  async handle(context: TurnContext, session: LiveChatSession): Promise<void> {
    const { activity } = context;
    if (this.options.lifecycle.isUnanswered(session)) {
      // ServiceNow never answered the request: end it now (rather than at the next sweep) so
      // that the user's next message reaches the bot's dialogs and they can ask again.
      await this.options.lifecycle.end(
        session,
        EndReasons.startTimeout,
        textsFor(activity.locale).noAgentAnswered,
        'ticket',
      );
      return;
    }
    const action = cardActionOf(activity.value) ?? commandOf(textOf(activity));
    if (action === CardAction.endChat) {
      await this.endByUser(context, session);
      return;
    }
    if (action === CardAction.getHelp || action === CardAction.liveChat) {
      // One open chat per user: asking for another one is answered, not relayed.
      await context.sendActivity(textsFor(activity.locale).alreadyChatting);
      return;
    }
    // A choice on the agent's picker goes back as its value, marked as not typed.
    const picked = action === CardAction.pickOption ? pickedValue(activity.value) : undefined;
    const text = picked ?? textOf(activity).trim();
    const files = this.options.files === undefined ? [] : incomingFiles(activity);
    if (text === '' && files.length === 0) {
      // A click on an old card (or an empty message) while chatting: nothing to relay.
      await context.sendActivity(textsFor(activity.locale).stillChatting);
      return;
    }
    const { message, dedupKey } = userMessageOf(activity, session.id, {
      text,
      typed: picked === undefined,
    });
    await this.options.direct.relay(
      session,
      files.length === 0 ? message : () => this.withFiles(context, session, message, files),
      dedupKey,
    );
    if (!this.options.sessions.isFresh(session)) await this.options.sessions.touch(session.id);
    this.options.log.debug(
      { sessionId: session.id, activityId: message.clientMessageId },
      'user message relayed to ServiceNow',
    );
  }

  /**
   * Uploads the message's files (in the session's turn order) and tells the user about any that
   * did not go; the text goes whatever happened to the files. Undefined: nothing left to send.
   */
  private async withFiles(
    context: TurnContext,
    session: LiveChatSession,
    message: UserMessage,
    files: readonly IncomingFile[],
  ): Promise<UserMessage | undefined> {
    const userFiles = this.options.files;
    if (userFiles === undefined) return message;
    const reference = TurnContext.getConversationReference(context.activity);
    const prepared = await userFiles.prepare(files, {
      sessionId: session.id,
      userId: session.snowUserId,
      reference,
    });
    if (prepared.problems.length > 0) {
      const t = textsFor(context.activity.locale);
      await context.sendActivity(userFiles.problemsText(t, prepared.problems));
    }
    if (message.text === '' && prepared.attachments.length + prepared.pending.length === 0) {
      return undefined;
    }
    return {
      ...message,
      ...(prepared.attachments.length > 0 && { attachments: prepared.attachments }),
      ...(prepared.pending.length > 0 && { pendingFiles: prepared.pending }),
    };
  }

  /**
   * The user ended the chat: close the session, queue END_CONVERSATION behind what they wrote
   * before (so ServiceNow gets those first), confirm to the user.
   */
  async endByUser(context: TurnContext, session: LiveChatSession): Promise<void> {
    const ended = await this.options.sessions.end(session.id, EndReasons.user);
    if (ended === undefined) return;
    await this.options.direct.queue(
      session,
      { kind: 'end', timezone: timezoneOf(context.activity) },
      'end',
    );
    const endedText = textsFor(context.activity.locale).sessionEnded;
    const survey =
      session.state === 'connected' ? (this.options.followUps?.survey(ended) ?? []) : [];
    await context.sendActivities([MessageFactory.text(endedText), ...survey]);
  }

  /** The user is typing in Teams: show it to the agent (best effort, not queued). */
  async typing(context: TurnContext, session: LiveChatSession): Promise<void> {
    if (session.state !== 'connected') return;
    await this.options.va.sendTyping(
      {
        clientSessionId: session.id,
        userId: session.snowUserId,
        emailId: session.email,
        timezone: timezoneOf(context.activity),
      },
      true,
    );
  }
}

/**
 * What the user wrote (typed, or picked on a picker) as the message for ServiceNow, with its
 * outbox dedup key. Teams repeats an activity (same id) when the bot answered slowly: the id
 * makes the repeat recognisable, so the agent sees the message once.
 */
export function userMessageOf(
  activity: Partial<Activity>,
  sessionId: string,
  written: { readonly text: string; readonly typed: boolean },
): { readonly message: UserMessage; readonly dedupKey: string | undefined } {
  const message: UserMessage = {
    kind: 'message',
    text: written.text,
    clientMessageId: activity.id ?? `${sessionId}:${Date.now()}`,
    timezone: timezoneOf(activity),
    ...(!written.typed && { typed: false }),
  };
  return { message, dedupKey: activity.id === undefined ? undefined : `a:${activity.id}` };
}

/** The value of a picked option (Action.Submit data or the drop-down's input), if any. */
export function pickedValue(value: unknown): string | undefined {
  const picked = (value as { value?: unknown } | null | undefined)?.value;
  return typeof picked === 'string' && picked.trim() !== '' ? picked : undefined;
}
