// ServiceNow → Teams: applies a callback's events to the session and delivers them to the user
// proactively, through the conversation reference stored with the session.
import type { SnowCallback, SnowEvent } from '@live-agent/snow';
import type { Activity, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { LiveChatSession } from '../store/types.js';
import { renderEvents } from './render.js';
import type { Sessions } from './sessions.js';

export interface AgentRelayOptions {
  readonly adapter: CloudAdapter;
  /** Our app id ('' when Bot Framework authentication is off). */
  readonly botAppId: string;
  readonly sessions: Sessions;
  readonly log: Logger;
}

export type DeliveryOutcome = 'delivered' | 'ignored' | 'unreachable';

/** Teams refused the message for good (app removed, user gone): retrying cannot help. */
export class UserUnreachableError extends Error {
  readonly code = 'USER_UNREACHABLE';
}

export class AgentToUserRelay {
  constructor(private readonly options: AgentRelayOptions) {}

  async deliver(sessionId: string, callback: SnowCallback): Promise<DeliveryOutcome> {
    const log = this.options.log.child({ sessionId, requestId: callback.requestId });
    const before = await this.options.sessions.get(sessionId);
    if (before === undefined || before.value.state === 'ended') {
      log.info(
        { events: callback.events.length },
        'callback for a session that is not open; ignored',
      );
      return 'ignored';
    }
    const session = (await this.applyState(sessionId, callback)) ?? before.value;
    const ended = callback.events.find((e) => e.type === 'chatEnded');
    const toSend = renderEvents(
      callback.events.filter((e) => e.type !== 'chatEnded'),
      { agentName: before.value.agentName },
    );
    if (
      ended !== undefined &&
      (await this.options.sessions.end(sessionId, `servicenow:${ended.reason}`))
    ) {
      toSend.push(...renderEvents([ended], {}));
    }
    try {
      await this.send(session, toSend);
    } catch (err) {
      if (err instanceof UserUnreachableError) {
        log.warn('the user can no longer be reached in Teams; ending the session');
        await this.options.sessions.end(sessionId, 'teams:unreachable');
        return 'unreachable';
      }
      throw err;
    }
    log.debug({ sent: toSend.length }, 'callback delivered');
    return 'delivered';
  }

  /** Sends activities in order within one proactive turn; a failure stops the rest. */
  private async send(session: LiveChatSession, activities: Partial<Activity>[]): Promise<void> {
    if (activities.length === 0) return;
    // botbuilder swallows errors thrown inside the logic (onTurnError gets them and
    // continueConversationAsync resolves), so the failure is captured here and rethrown outside.
    let failure: unknown;
    await this.options.adapter.continueConversationAsync(
      this.options.botAppId,
      session.conversationReference,
      async (context) => {
        try {
          for (const activity of activities) await context.sendActivity(activity);
        } catch (err) {
          failure = err;
        }
      },
    );
    if (failure === undefined) return;
    const status = (failure as { statusCode?: unknown }).statusCode;
    if (status === 403 || status === 404)
      throw new UserUnreachableError('Teams refused delivery', { cause: failure });
    throw failure instanceof Error
      ? failure
      : new Error('Teams delivery failed', { cause: failure });
  }

  /** Records what the callback tells about the session: queued, agent joined, interaction id. */
  private applyState(
    sessionId: string,
    callback: SnowCallback,
  ): Promise<LiveChatSession | undefined> {
    return this.options.sessions.update(sessionId, (s) => {
      const next = nextState(s, callback.events);
      const interactionId = s.interactionId ?? callback.interactionId;
      if (
        next.state === s.state &&
        next.agentName === s.agentName &&
        interactionId === s.interactionId
      ) {
        return undefined;
      }
      return { ...s, ...next, interactionId };
    });
  }
}

function nextState(
  session: LiveChatSession,
  events: readonly SnowEvent[],
): Pick<LiveChatSession, 'state' | 'agentName'> {
  let { state, agentName } = session;
  for (const event of events) {
    if (event.type === 'agentJoined') {
      state = 'connected';
      agentName = event.agent?.name ?? agentName;
    } else if ((event.type === 'queued' || event.type === 'waitTime') && state === 'requested') {
      state = 'queued';
    } else if (event.type === 'message' && event.fromAgent) {
      state = 'connected';
      agentName = event.agent?.name ?? agentName;
    }
  }
  return { state, agentName };
}
