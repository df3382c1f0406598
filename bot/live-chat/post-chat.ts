// The rules of ServiceNow's own post-chat survey. When ServiceNow closes a chat an agent had joined,
// its virtual agent may ask a survey of its own: a question (a picker, or text to type) with the
// close, or in a callback after it. While that survey runs, for a bounded time, the ended session
// still shows ServiceNow's callbacks and relays the employee's answers with the same
// clientSessionId, and the bot never asks its own survey as well. When ServiceNow only handed the
// chat back to its virtual agent, the bot's survey waits a little: ServiceNow's next callback
// says which survey it is. Rules only, on a clock; the relays, the webhook and the sweep apply them.
import type { SnowEvent } from '@live-agent/snow';
import type { LiveChatConfig } from '../config/index.js';
import type { LiveChatSession } from '../store/types.js';
import type { PostChatFields } from './sessions.js';

export type PostChatTiming = Pick<LiveChatConfig, 'serviceNowSurveyMs' | 'serviceNowSurveyWaitMs'>;

/** What ServiceNow's end of a chat means for the survey. */
export interface SurveyAtEnd {
  /** The bot does not ask its own survey now: ServiceNow asks its own, or may be about to. */
  readonly serviceNowSurvey: boolean;
  /** Written with the end: the survey window, or the wait for ServiceNow's next callback. */
  readonly fields?: PostChatFields;
}

export class PostChatWindow {
  constructor(
    private readonly timing: PostChatTiming,
    private readonly now: () => number = Date.now,
  ) {}

  /** At ServiceNow's end of a chat, with the end's callback events (before the session ended). */
  atEnd(before: LiveChatSession, events: readonly SnowEvent[]): SurveyAtEnd {
    const asks = this.asks(events);
    const { serviceNowSurveyMs, serviceNowSurveyWaitMs } = this.timing;
    if (before.state !== 'connected' || serviceNowSurveyMs <= 0) return { serviceNowSurvey: asks };
    if (asks) return { serviceNowSurvey: true, fields: this.surveyFields(events) };
    // Back to the virtual agent, which may ask next; `completed` or takeControl end it for good.
    const handedBack = events.some(
      (e) => e.type === 'chatEnded' && e.reason === 'switchedToVirtualAgent',
    );
    if (!handedBack || serviceNowSurveyWaitMs <= 0) return { serviceNowSurvey: false };
    return {
      serviceNowSurvey: true,
      fields: { surveyHeldUntil: this.iso(this.now() + serviceNowSurveyWaitMs) },
    };
  }

  /** Whether the events ask the user something: a picker, or text to type. */
  asks(events: readonly SnowEvent[]): boolean {
    return events.some(isQuestion);
  }

  /** Whether ServiceNow's callbacks for the ended session are still taken and looked at. */
  isOpen(session: LiveChatSession): boolean {
    return (
      session.state === 'ended' &&
      (this.future(session.surveyHeldUntil) || this.future(session.serviceNowSurveyUntil))
    );
  }

  /** Whether ServiceNow's own survey of the ended session takes answers now. */
  takesAnswers(session: LiveChatSession): boolean {
    return session.state === 'ended' && this.future(session.serviceNowSurveyUntil);
  }

  /** Whether a message the user wrote at `writtenAt` (ISO) answered ServiceNow's survey. */
  answered(session: LiveChatSession, writtenAt: string): boolean {
    const { endedAt, serviceNowSurveyUntil: until } = session;
    if (session.state !== 'ended' || endedAt === undefined || until === undefined) return false;
    const at = Date.parse(writtenAt);
    return at >= Date.parse(endedAt) && at <= Date.parse(until);
  }

  /**
   * The session after a callback of ServiceNow's survey (undefined: unchanged). A new question
   * opens the window again for its answer; an end without one closes it.
   */
  afterCallback(
    session: LiveChatSession,
    events: readonly SnowEvent[],
  ): LiveChatSession | undefined {
    if (this.asks(events)) {
      return { ...session, surveyHeldUntil: undefined, ...this.surveyFields(events) };
    }
    if (!events.some((e) => e.type === 'chatEnded')) return undefined;
    return {
      ...session,
      serviceNowSurveyUntil: this.iso(this.now()),
      serviceNowSurveyAsksText: undefined,
    };
  }

  private surveyFields(events: readonly SnowEvent[]): PostChatFields {
    const asksText = events.some((e) => e.type === 'inputRequest' && e.kind === 'text');
    return {
      serviceNowSurveyUntil: this.iso(this.now() + this.timing.serviceNowSurveyMs),
      serviceNowSurveyAsksText: asksText ? true : undefined,
    };
  }

  private future(iso: string | undefined): boolean {
    return iso !== undefined && Date.parse(iso) > this.now();
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }
}

/** Something ServiceNow asks the user: a picker, or text to type. */
function isQuestion(event: SnowEvent): boolean {
  return event.type === 'choices' || (event.type === 'inputRequest' && event.kind === 'text');
}
