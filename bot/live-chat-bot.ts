// The activity handler: refreshes where the user can be reached, then routes each message either
// to the open live chat (relay), to ServiceNow's own survey after a chat (while it takes answers),
// or to the bot's own dialogs. Card clicks arrive as Action.Submit messages or Action.Execute
// invokes and take the same route; the clicked card is retired.
import {
  ActivityTypes,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { CardAction, cardActionOf } from '../dialogs/actions.js';
import type { MainDialog } from '../dialogs/main-dialog.js';
import { welcomeActivity } from '../dialogs/main-dialog.js';
import { textsFor } from '../dialogs/texts.js';
import {
  asSubmit,
  clickOf,
  executeDataOf,
  executeResponse,
  retireClickedCard,
} from './live-chat/card-clicks.js';
import { identityOf, tenantOf, type TeamsIdentity } from './live-chat/identity.js';
import { OpenSessions, type OpenChat } from './live-chat/open-sessions.js';
import type { Sessions } from './live-chat/sessions.js';
import type { ServiceNowSurveyAnswers } from './live-chat/survey-answers.js';
import type { UserDirectory } from './live-chat/user-directory.js';
import type { UserToAgentRelay } from './live-chat/user-relay.js';

export interface LiveChatBotOptions {
  readonly dialog: MainDialog;
  readonly conversationState: ConversationState;
  readonly directory: UserDirectory;
  readonly sessions: Sessions;
  readonly relay: UserToAgentRelay;
  /** Answers to ServiceNow's own post-chat survey, after the chat ended. */
  readonly surveyAnswers?: ServiceNowSurveyAnswers;
  readonly allowedTenantIds?: readonly string[];
  readonly log: Logger;
}

export class LiveChatBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** Greets once per conversation, even when the bot is added again. */
  private readonly welcomed: StatePropertyAccessor<boolean>;
  private readonly openSessions: OpenSessions;

  constructor(private readonly options: LiveChatBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = options.conversationState.createProperty<boolean>('welcomed');
    this.openSessions = new OpenSessions(options.directory, options.sessions);
    // Teams announces an install twice, with installationUpdate and conversationUpdate, in
    // parallel: the first only records where the user is, the second greets.
    this.onInstallationUpdateAdd(async (context, next) => {
      const identity = identityOf(context.activity);
      if (identity !== undefined) await this.options.directory.touch(context, identity);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId) === true)
        await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!(await this.admit(context))) return;
    // A message goes straight to its handler: ActivityHandler's dispatch (the turn, message and
    // dialog handler chains, none of which this bot registers) would only add its overhead on
    // the path of every relayed message. Other activities take ActivityHandler's way.
    if (context.activity.type === (ActivityTypes.Message as string))
      await this.onUserMessage(context);
    else await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  /** A message, typed or an Action.Submit click (the clicked card is retired). */
  private async onUserMessage(context: TurnContext): Promise<void> {
    const click = clickOf(context);
    if (click !== undefined) await retireClickedCard(context, click, this.options.log);
    await this.handleMessage(context);
  }

  /** An Action.Execute click: handled like the Action.Submit click, answered with its receipt. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = executeDataOf(invoke);
    let click: ReturnType<typeof clickOf>;
    await asSubmit(context, data, async () => {
      click = clickOf(context);
      await this.handleMessage(context);
    });
    return executeResponse(context, click);
  }

  /** The user is typing in Teams: relayed to the agent while a chat is connected. */
  protected override async onTypingActivity(context: TurnContext): Promise<void> {
    const { session } = await this.openChat(context, identityOf(context.activity));
    if (session !== undefined) await this.options.relay.typing(context, session);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { session, user } = await this.openChat(context, identityOf(context.activity));
    if (session !== undefined && !stateless.has(cardActionOf(context.activity.value))) {
      await this.options.relay.handle(context, session);
      return;
    }
    const answered =
      session === undefined &&
      user !== undefined &&
      (await this.options.surveyAnswers?.answer(context, user)) === true;
    if (!answered) await this.options.dialog.run(context, this.dialogState);
  }

  /** The user's open live chat, if any; the user's record when it was read to find out. */
  private async openChat(
    context: TurnContext,
    identity: TeamsIdentity | undefined,
  ): Promise<OpenChat> {
    return identity === undefined ? {} : this.openSessions.find(context, identity);
  }

  /** Saves where the user can be reached and greets them, once per conversation. */
  private async welcome(context: TurnContext): Promise<void> {
    const identity = identityOf(context.activity);
    if (identity !== undefined) await this.options.directory.touch(context, identity);
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    await context.sendActivity(welcomeActivity(context.activity.locale));
  }

  /** Applies the tenant allow-list: others are refused politely and logged. */
  private async admit(context: TurnContext): Promise<boolean> {
    const allowed = this.options.allowedTenantIds;
    if (allowed === undefined || allowed.length === 0) return true;
    const tenant = tenantOf(context.activity);
    // The allow-list is lower case; GUIDs compare without regard to case.
    if (tenant !== undefined && allowed.includes(tenant.toLowerCase())) return true;
    this.options.log.warn(
      { tenantId: tenant, activityType: context.activity.type },
      'activity from a tenant that is not allowed',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity(textsFor(context.activity.locale).tenantNotAllowed);
    }
    return false;
  }
}

/**
 * Clicks the dialogs handle even while a chat is open: a ticket card or a survey can arrive just
 * before the chat's end is recorded, and they name their own ticket or chat.
 */
const stateless: ReadonlySet<CardAction | undefined> = new Set([
  CardAction.createTicket,
  CardAction.rateChat,
]);
