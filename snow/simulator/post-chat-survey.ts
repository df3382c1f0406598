// ServiceNow's own post-chat survey, as its virtual agent runs it once a live agent has closed the
// chat: a rating picker (in the closing callback, or in the next one once the virtual agent is back
// in control), optionally a free-text question, then a thank-you with `completed: true`. The answers
// come back as ordinary VA API messages for the same clientSessionId, the pick with `typed: false`.
// The reference documents no survey payload; pickers and InputText are its documented controls.
import type { Conversation } from './conversations.js';
import * as out from './envelope.js';
import type { SimulatorLog } from './types.js';

/** Whether, and how, the instance asks its own survey after an agent closed a chat. */
export interface PostChatSurveyOptions {
  /**
   * `withEnd`: the rating picker comes in the callback that closes the live chat;
   * `afterEnd`: in the next callback, from the virtual agent.
   */
  readonly delivery: 'withEnd' | 'afterEnd';
  /** Ask for a typed comment after the rating. */
  readonly comment?: boolean;
}

/** One answer the survey took. */
export interface PostChatSurveyAnswer {
  readonly clientSessionId: string;
  readonly interactionId?: string;
  readonly question: 'rating' | 'comment';
  /** The option's value for the rating, the text for the comment. */
  readonly answer: string;
  /** As the request said (`message.typed`); a pick is sent as not typed. */
  readonly typed: boolean;
}

export const SurveyText = {
  rating: 'How satisfied are you with the support you received?',
  comment: 'Is there anything else you would like to tell us about this chat?',
  pickOne: 'Please choose one of the options.',
  thanks: 'Thank you for completing our survey. Have a great day!',
} as const;

export const SURVEY_RATINGS = [
  { label: 'Very satisfied', value: 'very_satisfied' },
  { label: 'Satisfied', value: 'satisfied' },
  { label: 'Dissatisfied', value: 'dissatisfied' },
  { label: 'Very dissatisfied', value: 'very_dissatisfied' },
] as const;

type Emit = (c: Conversation, body: readonly out.BodyItem[], flags?: out.EnvelopeFlags) => unknown;

export class PostChatSurvey {
  private readonly taken: PostChatSurveyAnswer[] = [];

  constructor(
    private settings: PostChatSurveyOptions | undefined,
    private readonly log: SimulatorLog,
  ) {}

  get answers(): readonly PostChatSurveyAnswer[] {
    return this.taken;
  }

  /** Applies to chats an agent closes from now on (undefined: no survey). */
  set(settings: PostChatSurveyOptions | undefined): void {
    this.settings = settings === undefined ? undefined : { ...settings };
  }

  /** Items the closing callback carries: the rating picker when it comes with the end. */
  withEnd(c: Conversation): out.BodyItem[] {
    if (this.settings?.delivery !== 'withEnd') return [];
    c.surveyStep = 'rating';
    return [ratingPicker()];
  }

  /** After the close: asks the rating now when it comes after the end. False: no survey runs. */
  async afterEnd(c: Conversation, emit: Emit): Promise<boolean> {
    if (c.surveyStep !== undefined) return true;
    if (this.settings?.delivery !== 'afterEnd') return false;
    c.surveyStep = 'rating';
    await emit(c, [ratingPicker()]);
    return true;
  }

  /** Whether the conversation's survey waits for an answer. */
  pending(c: Conversation): boolean {
    return c.surveyStep !== undefined;
  }

  /** The user's message answers the current question. */
  async answer(c: Conversation, text: string, typed: boolean, emit: Emit): Promise<void> {
    if (c.surveyStep === 'rating') {
      const wanted = text.trim().toLowerCase();
      const picked = SURVEY_RATINGS.find(
        (o) => o.value === wanted || o.label.toLowerCase() === wanted,
      );
      if (picked === undefined) {
        await emit(c, [out.outputText(SurveyText.pickOne), ratingPicker()]);
        return;
      }
      this.record(c, 'rating', picked.value, typed);
      if (this.settings?.comment === true) {
        c.surveyStep = 'comment';
        await emit(c, [commentInput()]);
        return;
      }
    } else if (c.surveyStep === 'comment') {
      this.record(c, 'comment', text, typed);
    }
    c.surveyStep = undefined;
    await emit(c, [out.outputText(SurveyText.thanks)], { completed: true });
  }

  private record(c: Conversation, question: 'rating' | 'comment', answer: string, typed: boolean) {
    this.taken.push({
      clientSessionId: c.clientSessionId,
      ...(c.interaction === undefined ? {} : { interactionId: c.interaction.sys_id }),
      question,
      answer,
      typed,
    });
    this.log('survey.answered', { clientSessionId: c.clientSessionId, question });
  }
}

function ratingPicker(): out.BodyItem {
  return {
    uiType: 'Picker',
    group: 'DefaultPicker',
    required: true,
    nluTextEnabled: false,
    label: SurveyText.rating,
    itemType: 'List',
    style: 'button',
    multiSelect: false,
    options: SURVEY_RATINGS.map((o) => ({ ...o, enabled: true })),
  };
}

function commentInput(): out.BodyItem {
  return {
    uiType: 'InputText',
    group: 'DefaultText',
    required: false,
    nluTextEnabled: false,
    label: SurveyText.comment,
    maskType: 'NONE',
  };
}
