// Typed commands, in every language the bot speaks. A message is a command only when, after
// normalisation, it is exactly one of the phrases below: "please end chatting" must stay a
// message for the agent, not end the chat. The Teams manifest lists the English ones.
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
  ['ticket', CardAction.offerTicket],
  ['create a ticket', CardAction.offerTicket],
  // German
  ['hilfe', CardAction.getHelp],
  ['hilfe holen', CardAction.getHelp],
  ['mitarbeiter', CardAction.liveChat],
  ['chat beenden', CardAction.endChat],
  ['beenden', CardAction.endChat],
  ['abbrechen', CardAction.cancel],
  ['ticket erstellen', CardAction.offerTicket],
  // Spanish
  ['ayuda', CardAction.getHelp],
  ['obtener ayuda', CardAction.getHelp],
  ['chat en vivo', CardAction.liveChat],
  ['agente', CardAction.liveChat],
  ['terminar chat', CardAction.endChat],
  ['terminar', CardAction.endChat],
  ['cancelar', CardAction.cancel],
  ['crear ticket', CardAction.offerTicket],
  ['crear un ticket', CardAction.offerTicket],
]);

/**
 * Trims, lower-cases, collapses white space, drops trailing `.`, `!` and `?` and the leading `¡`
 * or `¿`, and removes the bot's mention Teams puts in front when the command was picked from the
 * command menu in a group chat.
 */
export function normaliseCommand(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[¡¿]+/, '')
    .replace(/[.!?]+$/, '')
    .trimEnd();
}

/** The action a typed message asks for, if the whole message is one of the known commands. */
export function commandOf(text: string | undefined): CardAction | undefined {
  if (text === undefined) return undefined;
  return phrases.get(normaliseCommand(text));
}
