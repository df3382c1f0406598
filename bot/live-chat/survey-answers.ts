// Teams → ServiceNow after the chat: while ServiceNow's own post-chat survey runs (post-chat.ts),
// the employee's pick on its picker, or what they type when its question asks for text, goes to
// the VA API under the chat's clientSessionId, through the session's outbox like any message (a
// pick marked as not typed). Anything else, and everything once the survey's time is up, is the
// bot's dialogs' again: a late click gets the usual "no longer active".
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { CardAction, cardActionOf } from '../../dialogs/actions.js';
import { commandOf } from '../../dialogs/commands.js';
import type { UserRecord } from '../store/types.js';
import type { DirectRelay } from './direct-relay.js';
import { textOf } from './identity.js';
import type { PostChatWindow } from './post-chat.js';
import type { Sessions } from './sessions.js';
import { pickedValue, userMessageOf } from './user-relay.js';

export interface ServiceNowSurveyAnswersOptions {
  readonly sessions: Sessions;
  readonly direct: DirectRelay;
  readonly window: PostChatWindow;
  readonly log: Logger;
}

interface Answer {
  readonly text: string;
  readonly typed: boolean;
}

export class ServiceNowSurveyAnswers {
  constructor(private readonly o: ServiceNowSurveyAnswersOptions) {}

  /** Relays the turn's answer to ServiceNow's survey; false when it is not one (dialogs' turn). */
  async answer(context: TurnContext, user: UserRecord): Promise<boolean> {
    const sessionId = user.surveySessionId;
    if (sessionId === undefined) return false;
    const answer = answerOf(context.activity);
    if (answer === undefined) return false;
    const session = (await this.o.sessions.get(sessionId))?.value;
    if (session?.userKey !== user.id || !this.o.window.isOpen(session)) {
      await this.forget(user.id, sessionId);
      return false;
    }
    // Still waiting to see whether ServiceNow asks anything, or it asked no text now.
    if (!this.o.window.takesAnswers(session)) return false;
    if (answer.typed && session.serviceNowSurveyAsksText !== true) return false;
    const { message, dedupKey } = userMessageOf(context.activity, sessionId, answer);
    await this.o.direct.relay(session, message, dedupKey);
    // One typed answer per question: what the user types next is theirs again.
    if (answer.typed) {
      await this.o.sessions.update(sessionId, (s) =>
        s.serviceNowSurveyAsksText === true
          ? { ...s, serviceNowSurveyAsksText: undefined }
          : undefined,
      );
    }
    this.o.log.info({ sessionId, typed: answer.typed }, "answer to ServiceNow's survey relayed");
    return true;
  }

  /** The survey is over: the user's record stops pointing at it. */
  private async forget(userKey: string, sessionId: string): Promise<void> {
    await this.o.sessions.updateUser(userKey, (u) =>
      u.surveySessionId === sessionId ? { ...u, surveySessionId: undefined } : undefined,
    );
  }
}

/** A pick on a picker (its value), or typed text that is not one of the bot's commands. */
function answerOf(activity: Partial<Activity>): Answer | undefined {
  const action = cardActionOf(activity.value);
  if (action === CardAction.pickOption) {
    const picked = pickedValue(activity.value);
    return picked === undefined ? undefined : { text: picked, typed: false };
  }
  if (action !== undefined) return undefined;
  const text = textOf(activity).trim();
  return text === '' || commandOf(text) !== undefined ? undefined : { text, typed: true };
}
