// Card clicks, both kinds Teams sends: Action.Submit (a message whose `value` holds the data;
// the clicked card is then replaced with updateActivity so it cannot be submitted twice) and
// Action.Execute (an `adaptiveCard/action` invoke, answered with the replacement card itself).
import {
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { cardActionOf } from '../../dialogs/actions.js';
import { receiptCard } from '../../dialogs/receipts.js';
import type { UserReply } from '../../dialogs/replies.js';
import { textsFor } from '../../dialogs/texts.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The card click in a message (Action.Submit), if it is one of ours. */
export function clickOf(context: TurnContext): UserReply | undefined {
  const value: unknown = context.activity.value;
  const action = cardActionOf(value);
  return action === undefined
    ? undefined
    : { action, data: value as Readonly<Record<string, unknown>> };
}

/** The data of an Action.Execute, in the shape Action.Submit delivers (`action` = the verb). */
export function executeDataOf(invoke: AdaptiveCardInvokeValue): Record<string, unknown> {
  const data = (invoke.action.data as Record<string, unknown> | undefined) ?? {};
  const verb = invoke.action.verb as string | undefined;
  return { ...data, action: verb ?? data.action };
}

/**
 * Replaces the clicked card with its receipt. A failure is logged, not thrown: the click still
 * counts, and the user would otherwise lose what they asked for.
 */
export async function retireClickedCard(
  context: TurnContext,
  reply: UserReply,
  log: Logger,
): Promise<void> {
  const { activity } = context;
  if (activity.replyToId === undefined || activity.replyToId === '') return;
  try {
    await context.updateActivity({
      type: ActivityTypes.Message,
      id: activity.replyToId,
      conversation: activity.conversation,
      attachments: [receiptCard(reply, textsFor(activity.locale))],
    });
  } catch (err) {
    log.warn({ err, activityId: activity.id }, 'could not update the clicked card');
  }
}

/**
 * Runs `handle` on an Action.Execute invoke as if it were the matching Action.Submit message, so
 * dialogs and prompts (which only read messages) see one kind of click. The activity is put
 * back afterwards: the adapter decides from its type that the invoke gets a response body.
 */
export async function asSubmit(
  context: TurnContext,
  data: Record<string, unknown>,
  handle: () => Promise<void>,
): Promise<void> {
  const { activity } = context;
  const original = { type: activity.type, value: activity.value as unknown };
  activity.type = ActivityTypes.Message;
  activity.value = data;
  try {
    await handle();
  } finally {
    activity.type = original.type;
    activity.value = original.value;
  }
}

/** The Action.Execute answer: the clicked card becomes its receipt. */
export function executeResponse(
  context: TurnContext,
  reply: UserReply | undefined,
): AdaptiveCardInvokeResponse {
  const t = textsFor(context.activity.locale);
  const card = reply === undefined ? undefined : receiptCard(reply, t);
  return {
    statusCode: 200,
    type: ADAPTIVE_CARD,
    value: (card?.content ?? { type: 'AdaptiveCard', version: '1.5', body: [] }) as Record<
      string,
      unknown
    >,
  };
}
