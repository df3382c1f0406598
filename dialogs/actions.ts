// The `action` values that card buttons put in `activity.value` (Action.Submit) or in
// `value.action.verb` (Action.Execute). The bot and the dialogs both route on these.
export const CardAction = {
  getHelp: 'getHelp',
  liveChat: 'liveChat',
  submitDescription: 'submitDescription',
  cancel: 'cancel',
  endChat: 'endChat',
  /** A choice on an agent's picker: its value goes back to the agent. */
  pickOption: 'pickOption',
  /** On the knowledge articles card: an article solved the problem. */
  articleSolved: 'articleSolved',
  /** On the knowledge articles card: the user still needs help. */
  articleNotSolved: 'articleNotSolved',
  /** Show the ticket card (Get Help card button, typed command). */
  offerTicket: 'offerTicket',
  /** Submit the ticket card: creates the record (at most once per card). */
  createTicket: 'createTicket',
  /** A rating on the survey card after a chat with an agent. */
  rateChat: 'rateChat',
} as const;

export type CardAction = (typeof CardAction)[keyof typeof CardAction];

const known = new Set<string>(Object.values(CardAction));

/** The card action carried by an activity value, if it is one of ours. */
export function cardActionOf(value: unknown): CardAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  return typeof action === 'string' && known.has(action) ? (action as CardAction) : undefined;
}
