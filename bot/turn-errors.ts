// The one turn-error boundary: every error that escapes a turn ends here, is logged with the
// turn's ids, and becomes a friendly message chosen by the error's stable code (never its text).
import type { ConversationState, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { texts } from '../dialogs/texts.js';

/** Error code → what the user is told. Unknown codes get the generic apology. */
const userTexts: Readonly<Record<string, string>> = {
  SNOW_UNAVAILABLE: texts.serviceNowUnavailable,
  SNOW_RATE_LIMITED: texts.serviceNowUnavailable,
  SNOW_AUTH: texts.serviceNowMisconfigured,
  SNOW_REJECTED: texts.serviceNowMisconfigured,
  SNOW_BAD_RESPONSE: texts.serviceNowUnavailable,
  STORE_UNAVAILABLE: texts.tryAgainLater,
  STORE_CONFLICT: texts.tryAgainLater,
  ALREADY_OPEN: texts.alreadyChatting,
  UNKNOWN_HANDOFF_OPTION: texts.optionNoLongerAvailable,
};

export function userTextFor(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return (typeof code === 'string' ? userTexts[code] : undefined) ?? texts.genericError;
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
      await context.sendActivity(userTextFor(error));
    } catch (err) {
      log.error({ err, activityId: activity.id }, 'could not tell the user about the failed turn');
    }
  };
}
