// The survey's answers: one per chat, kept with the session in the store (a compare-and-swap
// that only the first answer wins, whichever instance gets it), counted for /metrics, and written
// where a ServiceNow admin sees it beside the chat: the interaction's work notes (or another
// configured field), found by the interaction id the chat already knows.
import { SnowError, type Records } from '@live-agent/snow';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ChatSurvey, SurveyAnswer, SurveyOutcome } from '../../dialogs/ports.js';
import type { HandoffConfig } from '../config/index.js';
import type { LiveChatSession } from '../store/types.js';
import { identityOf } from './identity.js';
import type { Sessions } from './sessions.js';

export interface SurveyMetrics {
  surveyAnswered(rating: number): void;
}

export interface ServiceNowChatSurveyOptions {
  readonly sessions: Sessions;
  readonly records: Records;
  readonly handoff: HandoffConfig;
  readonly log: Logger;
  readonly metrics?: SurveyMetrics;
}

export class ServiceNowChatSurvey implements ChatSurvey {
  constructor(private readonly o: ServiceNowChatSurveyOptions) {}

  async answer(context: TurnContext, answer: SurveyAnswer): Promise<SurveyOutcome> {
    const identity = identityOf(context.activity);
    const stored = await this.o.sessions.get(answer.sessionId);
    // Only the chat's own user can rate it, and only once it is over.
    if (stored === undefined || stored.value.userKey !== identity?.userKey) return 'unknownChat';
    if (stored.value.state !== 'ended') return 'unknownChat';
    if (stored.value.survey !== undefined) return 'alreadyAnswered';
    const survey = {
      rating: answer.rating,
      answeredAt: this.o.sessions.timestamp(),
      ...(answer.comment === undefined ? {} : { comment: answer.comment }),
    };
    const saved = await this.o.sessions.update(answer.sessionId, (s) =>
      s.survey === undefined ? { ...s, survey } : undefined,
    );
    if (saved === undefined) return 'alreadyAnswered';
    this.o.metrics?.surveyAnswered(answer.rating);
    await this.writeToInteraction(saved, answer);
    return 'recorded';
  }

  /** Best effort: the answer is kept with the session whatever ServiceNow says. */
  private async writeToInteraction(session: LiveChatSession, answer: SurveyAnswer): Promise<void> {
    const log = this.o.log.child({ sessionId: session.id, interactionId: session.interactionId });
    if (session.interactionId === undefined) {
      log.warn('survey answer kept, but the chat has no interaction id to write it to');
      return;
    }
    const option = this.o.handoff.options.find((o) => o.id === session.handoffOptionId);
    const field = (option?.survey ?? this.o.handoff.survey).field;
    try {
      await this.o.records.update('interaction', session.interactionId, {
        [field]: surveyNote(field, answer),
      });
      log.info({ rating: answer.rating }, 'survey answer written to the interaction');
    } catch (error) {
      if (!(error instanceof SnowError)) throw error;
      log.warn(
        { code: error.code, reason: (error as { reason?: unknown }).reason, field },
        'survey answer kept, but ServiceNow did not take it on the interaction',
      );
    }
  }
}

/** Whether `field` is a journal field (each write adds an entry rather than replacing a value). */
export function isJournalField(field: string): boolean {
  return field === 'work_notes' || field === 'comments';
}

/** A journal field gets a readable note; any other field just the rating. */
export function surveyNote(field: string, answer: SurveyAnswer): string {
  if (!isJournalField(field)) return String(answer.rating);
  const comment = answer.comment === undefined ? '' : `\nComment: ${answer.comment}`;
  return `Microsoft Teams survey after the chat: rated ${answer.rating} of 5.${comment}`;
}
