// Typed commands. A message is a command only when, after normalisation, it is exactly one of the
// phrases below: "please end chatting" must stay a message for the agent, not end the chat.
import { CardAction } from './actions.js';

const phrases: ReadonlyMap<string, CardAction> = new Map<string, CardAction>([
  ['help', CardAction.getHelp],
  ['get help', CardAction.getHelp],
  ['live chat', CardAction.liveChat],
  ['agent', CardAction.liveChat],
  ['talk to an agent', CardAction.liveChat],
  ['human', CardAction.liveChat],
  ['end chat', CardAction.endChat],
  ['end', CardAction.endChat],
  ['cancel', CardAction.cancel],
]);

/** Trims, lower-cases, collapses white space and drops trailing `.`, `!` and `?`. */
export function normaliseCommand(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?]+$/, '')
    .trimEnd();
}

/** The action a typed message asks for, if the whole message is one of the known commands. */
export function commandOf(text: string | undefined): CardAction | undefined {
  if (text === undefined) return undefined;
  return phrases.get(normaliseCommand(text));
}
