// The survey on the dialogs' side: a click on one of the survey card's ratings is checked and
// handed to the ChatSurvey, which keeps one answer per chat; the user is thanked either way.
import type { TurnContext } from 'botbuilder';
import type { ChatSurvey } from './ports.js';
import { stringField, type UserReply } from './replies.js';
import { SURVEY_COMMENT_INPUT_ID, SURVEY_COMMENT_MAX_LENGTH } from './survey-card.js';
import { textsFor } from './texts.js';

const sessionIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function answerSurvey(
  survey: ChatSurvey | undefined,
  context: TurnContext,
  reply: UserReply,
): Promise<void> {
  const t = textsFor(context.activity.locale);
  const sessionId = stringField(reply, 'sessionId') ?? '';
  const rating = Number(stringField(reply, 'rating'));
  if (
    survey === undefined ||
    !sessionIdPattern.test(sessionId) ||
    !Number.isInteger(rating) ||
    rating < 1 ||
    rating > 5
  ) {
    await context.sendActivity(t.cardExpired);
    return;
  }
  const comment = stringField(reply, SURVEY_COMMENT_INPUT_ID)
    ?.trim()
    .slice(0, SURVEY_COMMENT_MAX_LENGTH);
  const outcome = await survey.answer(context, {
    sessionId,
    rating,
    ...(comment ? { comment } : {}),
  });
  if (outcome === 'unknownChat') await context.sendActivity(t.cardExpired);
  else if (outcome === 'alreadyAnswered') await context.sendActivity(t.surveyAlreadyAnswered);
  else await context.sendActivity(t.surveyThanks);
}
