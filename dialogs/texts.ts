// Every user-facing string of the bot, in one place, so wording stays consistent and can be
// reviewed (or translated) without reading the dialogs. The relay in bot/ imports these too.
// Values from outside (agent names, opening times) only ever end up in plain message text, and
// user text is never inserted here at all.

type UnavailableReason = 'noAgents' | 'outsideHours' | 'unreachable';

const whatToDoInstead =
  'In the meantime, you can raise a ticket through the IT portal and we will get back to you.';

const unavailableReasons: Readonly<Record<UnavailableReason, string>> = {
  noAgents: 'Sorry, no agents are available right now. Please try again a little later.',
  outsideHours: 'Our live agents are only available during business hours, and we are closed now.',
  unreachable:
    "Sorry, I couldn't check whether an agent is available. Please try again in a few minutes.",
};

export const texts = {
  welcome:
    "Hi! I'm the IT help bot. Tell me what you need help with, or select Get Help to talk to a live agent.",
  acknowledged: "Thanks, I've noted that. Select Get Help if you'd like a live agent to help you.",
  useTheCard: 'Please use the buttons on the card above, or type "cancel" to stop.',
  cardExpired: 'That card is no longer active. Select Get Help to start again.',

  getHelpTitle: 'Need help?',
  getHelpExplanation:
    'A live IT agent can chat with you right here in Teams. Select Get Help to see who is available.',
  getHelpButton: 'Get Help',

  offerTitle: 'An agent can help you with this',
  offerExplanation: 'Choose how you would like to reach them.',
  offerHint: 'Please choose an option on the card above, or type "cancel" to stop.',

  describeTitle: 'Describe your issue',
  describeExplanation: 'The agent will see this before they join, so a few details help.',
  descriptionLabel: 'What do you need help with?',
  descriptionPlaceholder: 'For example: I cannot connect to the VPN since this morning.',
  descriptionRequired: 'Please describe your issue before submitting.',
  descriptionHint: 'Please describe your issue on the card above and select Submit, or Cancel.',
  descriptionEmpty: 'Your description is empty. Please tell the agent what you need help with.',
  descriptionTooLong: (length: number, max: number) =>
    `Your description is ${length} characters long; please shorten it to at most ${max}.`,
  submitButton: 'Submit',
  cancelButton: 'Cancel',

  cancelled: 'No problem, I have cancelled that. Write to me whenever you need help.',
  unavailable(reason: UnavailableReason, nextOpening?: string): string {
    const parts = [unavailableReasons[reason]];
    if (nextOpening !== undefined && nextOpening.trim() !== '') {
      parts.push(`Agents are expected to be available again: ${nextOpening.trim()}.`);
    }
    parts.push(whatToDoInstead);
    return parts.join(' ');
  },

  connecting: 'Connecting you to a live agent…',
  endChatExplanation: 'You can end the chat with the agent at any time.',
  endChatButton: 'End chat',
  agentJoined: (name?: string) =>
    name !== undefined && name.trim() !== ''
      ? `${name.trim()} has joined the chat.`
      : 'An agent has joined the chat.',
  waitTime(message?: string, waitTime?: string): string {
    const parts = [message?.trim() || 'You are in the queue for a live agent.'];
    if (waitTime !== undefined && waitTime.trim() !== '') {
      parts.push(`Estimated wait: ${waitTime.trim()}.`);
    }
    return parts.join(' ');
  },
  stillChatting:
    'You are still in a live chat. Type your message for the agent, or select End chat to leave.',
  sessionEnded: 'Your live agent session has ended.',
  noOpenChat: "You don't have a live chat open right now. Write to me whenever you need help.",
  endChatConfirmed: 'You have ended the chat with the agent.',
  alreadyChatting: 'You already have a live chat open. Type your message for the agent there.',
  optionNoLongerAvailable:
    'That option is no longer available. Select Get Help to see what is available now.',

  genericError: 'Sorry, something went wrong on my side. Please try again in a moment.',
  tryAgainLater: 'Sorry, I could not do that just now. Please try again in a few minutes.',
  serviceNowUnavailable:
    "Sorry, I couldn't reach the IT service desk just now. Please try again in a few minutes.",
  serviceNowMisconfigured:
    'Sorry, live chat is not set up correctly at the moment. Please raise a ticket through the IT portal.',
  tenantNotAllowed: 'Sorry, this bot is not available for your organisation.',
} as const;
