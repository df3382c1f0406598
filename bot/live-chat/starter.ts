// Starts a live chat: saves the session first (so an early callback finds it), then asks
// ServiceNow to route the conversation to an agent with the handoff option's context variables.
// A previous request ServiceNow never answered does not block asking again: it is ended first.
import { randomUUID } from 'node:crypto';
import type { VirtualAgentApi } from '@live-agent/snow';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { LiveChatRequest, LiveChatStarter } from '../../dialogs/ports.js';
import { textsFor } from '../../dialogs/texts.js';
import { renderContextVariables, type HandoffConfig } from '../config/index.js';
import type { SessionQueues } from '../delivery/queues.js';
import type { LiveChatSession } from '../store/types.js';
import { briefingText, briefingVariables, type BriefingFacts } from './agent-briefing.js';
import { identityOf, languageOf, localeOf, timezoneOf } from './identity.js';
import type { SessionLifecycle } from './lifecycle.js';
import { EndReasons, type Sessions } from './sessions.js';
import type { UserDirectory } from './user-directory.js';

export interface StarterOptions {
  readonly va: VirtualAgentApi;
  readonly sessions: Sessions;
  readonly directory: UserDirectory;
  readonly handoff: HandoffConfig;
  readonly queues: SessionQueues;
  readonly lifecycle: SessionLifecycle;
  readonly log: Logger;
}

export class LiveChatStartError extends Error {
  constructor(
    readonly code: 'UNKNOWN_HANDOFF_OPTION' | 'NO_IDENTITY' | 'ALREADY_OPEN' | 'NO_EMAIL',
    message: string,
  ) {
    super(message);
  }
}

export class ServiceNowLiveChatStarter implements LiveChatStarter {
  constructor(private readonly options: StarterOptions) {}

  async start(context: TurnContext, request: LiveChatRequest): Promise<void> {
    const { sessions, directory, log } = this.options;
    const option = this.options.handoff.options.find((o) => o.id === request.optionId && o.enabled);
    if (option === undefined)
      throw new LiveChatStartError('UNKNOWN_HANDOFF_OPTION', 'No such handoff option');
    const identity = identityOf(context.activity);
    if (identity === undefined)
      throw new LiveChatStartError('NO_IDENTITY', 'The activity has no sender');
    const user = await directory.touch(context, identity);
    if (user.openSessionId !== undefined) {
      const open = await sessions.get(user.openSessionId);
      const stuck = open !== undefined && this.options.lifecycle.isUnanswered(open.value);
      if (stuck) {
        await this.options.lifecycle.end(
          open.value,
          EndReasons.startTimeout,
          textsFor(open.value.conversationReference.locale).noAgentAnswered,
        );
      } else if (open !== undefined && open.value.state !== 'ended') {
        throw new LiveChatStartError('ALREADY_OPEN', 'The user already has a live chat open');
      }
    }
    const email = await directory.email(context, identity);
    // ServiceNow would treat a chat without an email as anonymous: the user is told instead.
    if (email === undefined) throw new LiveChatStartError('NO_EMAIL', 'No email address in Teams');
    const now = sessions.timestamp();
    const session: LiveChatSession = {
      id: randomUUID(),
      userKey: identity.userKey,
      snowUserId: identity.snowUserId,
      email,
      tenantId: identity.tenantId,
      conversationReference: user.conversationReference,
      state: 'requested',
      handoffOptionId: option.id,
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
      description: request.description,
    };
    if (!(await sessions.open(session, user.openSessionId))) {
      log.info(
        { sessionId: session.id, activityId: context.activity.id },
        'the user started a live chat elsewhere at the same moment; this request withdrawn',
      );
      throw new LiveChatStartError('ALREADY_OPEN', 'The user already has a live chat open');
    }
    const timezone = timezoneOf(context.activity);
    const language = languageOf(context.activity.locale);
    const briefing: BriefingFacts | undefined = request.tried && {
      tried: request.tried,
      domain: request.classification?.domain,
      language,
    };
    const rendered = renderContextVariables(option.contextVariables, {
      language: language ?? '',
      locale: localeOf(context.activity),
      timezone: timezone ?? '',
      email,
      description: request.description,
      domain: request.classification?.domain,
      domain_candidates: request.classification?.candidates ?? [],
      articles: { count: request.tried?.articles.length ?? 0 },
    });
    // The admin's own variables win over the briefing's, should a name be the same.
    const contextVariables = briefing ? { ...briefingVariables(briefing), ...rendered } : rendered;
    try {
      await this.options.va.startLiveChat({
        clientSessionId: session.id,
        userId: session.snowUserId,
        emailId: email,
        timezone,
        text: briefing ? briefingText(request.description, briefing) : request.description,
        clientMessageId: context.activity.id ?? session.id,
        contextVariables,
        action: option.startAction,
      });
    } catch (err) {
      await sessions.end(session.id, EndReasons.startFailed);
      log.warn({ err, sessionId: session.id }, 'ServiceNow did not start the chat');
      throw err;
    }
    // What the user writes from now on may go to ServiceNow (it waited for this in the outbox).
    await sessions.markStarted(session.id);
    this.options.queues.resume(session.id);
    log.info(
      { sessionId: session.id, option: option.id, activityId: context.activity.id },
      'live chat requested',
    );
  }
}
