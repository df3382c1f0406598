// The survey card sent when a chat with an agent ends: five rating buttons (one click answers)
// and an optional comment. Each button carries the chat's session id, so the answer finds its
// chat whichever instance receives it, and a second click finds it answered already.
import type { Attachment } from 'botbuilder';
import { CardAction } from './actions.js';
import { cardAttachment, heading, paragraph, submit, type TextInput } from './card-elements.js';
import type { Texts } from './texts.js';

export const SURVEY_COMMENT_INPUT_ID = 'comment';
export const SURVEY_COMMENT_MAX_LENGTH = 500;
export const SURVEY_RATINGS = [1, 2, 3, 4, 5] as const;

export function surveyCard(sessionId: string, t: Texts): Attachment {
  const comment: TextInput = {
    type: 'Input.Text',
    id: SURVEY_COMMENT_INPUT_ID,
    label: t.surveyCommentLabel,
    isMultiline: true,
    isRequired: false,
    maxLength: SURVEY_COMMENT_MAX_LENGTH,
    value: '',
    placeholder: '',
    errorMessage: '',
  };
  return cardAttachment(
    [heading(t.surveyTitle), paragraph(t.surveyExplanation), comment],
    SURVEY_RATINGS.map((rating) =>
      submit(`${rating} ★`, { action: CardAction.rateChat, sessionId, rating: String(rating) }),
    ),
  );
}
