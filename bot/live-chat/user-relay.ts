// Teams → ServiceNow: while a live chat is open, what the user writes goes to the agent, and
// "end chat" (typed or the card button) ends the chat from the user's side.
import type { VirtualAgentApi } from '@live-agent/snow';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { CardAction, cardActionOf } from '../../dialogs/actions.js';
import { commandOf } from '../../dialogs/commands.js';
import { texts } from '../../dialogs/texts.js';
import type { LiveChatSession } from '../store/types.js';
import { textOf, timezoneOf } from './identity.js';
import type { Sessions } from './sessions.js';

export interface UserRelayOptions {
  readonly va: VirtualAgentApi;
  readonly sessions: Sessions;
  readonly log: Logger;
}

export class UserToAgentRelay {
  constructor(private readonly options: UserRelayOptions) {}

  /** Handles one message of a user whose live chat is open. */
  async handle(context: TurnContext, session: LiveChatSession): Promise<void> {
    const { activity } = context;
    const action = cardActionOf(activity.value) ?? commandOf(textOf(activity));
    if (action === CardAction.endChat) {
      await this.endByUser(context, session);
      return;
    }
    const text = textOf(activity).trim();
    if (text === '') {
      // A click on an old card (or an empty message) while chatting: nothing to relay.
      await context.sendActivity(texts.stillChatting);
      return;
    }
    await this.options.va.sendMessage({
      ...refOf(session, timezoneOf(activity)),
      text,
      clientMessageId: activity.id ?? `${session.id}:${Date.now()}`,
      typed: true,
    });
    this.options.log.debug({ sessionId: session.id }, 'user message relayed to ServiceNow');
  }

  /** The user ended the chat: tell ServiceNow, close the session, confirm to the user. */
  async endByUser(context: TurnContext, session: LiveChatSession): Promise<void> {
    const ended = await this.options.sessions.end(session.id, 'user');
    if (ended === undefined) return;
    try {
      await this.options.va.endChat(refOf(session, timezoneOf(context.activity)));
    } catch (err) {
      // The session is closed on our side either way; ServiceNow closes idle chats itself.
      this.options.log.warn(
        { err, sessionId: session.id },
        'could not tell ServiceNow that the user ended the chat',
      );
    }
    await context.sendActivity(texts.sessionEnded);
  }

  /** The user is typing in Teams: show it to the agent. */
  async typing(context: TurnContext, session: LiveChatSession): Promise<void> {
    if (session.state !== 'connected') return;
    await this.options.va.sendTyping(refOf(session, timezoneOf(context.activity)), true);
  }
}

function refOf(session: LiveChatSession, timezone: string | undefined) {
  return {
    clientSessionId: session.id,
    userId: session.snowUserId,
    emailId: session.email,
    timezone,
  };
}
