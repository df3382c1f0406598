// The one turn-error boundary: every error that escapes a turn ends here, is logged with the
// turn's ids, and becomes a friendly message chosen by the error's stable code (never its text).
import type { ConversationState, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { textsFor, type Texts } from '../dialogs/texts.js';

/** The texts that are plain strings (not built from values). */
type TextKey = { [K in keyof Texts]: Texts[K] extends string ? K : never }[keyof Texts];

/** Error code → what the user is told, in their language. Unknown codes get the generic apology. */
const userTexts: Readonly<Record<string, TextKey>> = {
  SNOW_UNAVAILABLE: 'serviceNowUnavailable',
  SNOW_RATE_LIMITED: 'serviceNowUnavailable',
  SNOW_AUTH: 'serviceNowMisconfigured',
  SNOW_REJECTED: 'serviceNowMisconfigured',
  SNOW_BAD_RESPONSE: 'serviceNowUnavailable',
  STORE_UNAVAILABLE: 'tryAgainLater',
  STORE_CONFLICT: 'tryAgainLater',
  ALREADY_OPEN: 'alreadyChatting',
  UNKNOWN_HANDOFF_OPTION: 'optionNoLongerAvailable',
  NO_EMAIL: 'noEmail',
};

export function userTextFor(err: unknown, locale?: string): string {
  const code = codeOf(err);
  const key = code === undefined ? undefined : userTexts[code];
  return textsFor(locale)[key ?? 'genericError'];
}

/**
 * The stable code of an error, looking through wrappers: botbuilder-dialogs rethrows a step's
 * error as a DialogContextError holding it in `error`; our own wrappers use `cause`.
 */
function codeOf(err: unknown): string | undefined {
  let current = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, error, cause } = current as { code?: unknown; error?: unknown; cause?: unknown };
    if (typeof code === 'string' && code in userTexts) return code;
    current = error ?? cause;
  }
  return undefined;
}

export function turnErrorHandler(
  log: Logger,
  conversationState: ConversationState,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const { activity } = context;
    log.error(
      {
        err: error,
        activityId: activity.id,
        activityType: activity.type,
        conversationId: activity.conversation.id,
      },
      'turn failed',
    );
    // A proactive turn has no user message to answer; its caller handles its own failures.
    if (activity.type === 'event' && activity.name === 'ContinueConversation') return;
    try {
      await conversationState.delete(context);
      await context.sendActivity(userTextFor(error, activity.locale));
    } catch (err) {
      log.error({ err, activityId: activity.id }, 'could not tell the user about the failed turn');
    }
  };
}
