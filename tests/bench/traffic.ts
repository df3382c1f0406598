// What the load generator sends: Teams activities from users with an open live chat, and
// ServiceNow callbacks carrying an agent's message, in the shapes documented for each service.
import { randomBytes, randomUUID } from 'node:crypto';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { BENCH_AGENT, conversationIdOf } from './markers.js';

export const BENCH_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:bench-bot', name: 'Live Agent' };

/** One employee with an open live chat. */
export interface BenchSession {
  readonly sessionId: string;
  /** The AAD object id: key of the user document and `userId` towards ServiceNow. */
  readonly userKey: string;
  readonly teamsUserId: string;
  readonly conversationId: string;
  readonly name: string;
  readonly email: string;
  readonly interactionId: string;
}

export function benchSession(index: number): BenchSession {
  const sessionId = randomUUID();
  return {
    sessionId,
    userKey: randomUUID(),
    teamsUserId: `29:bench-${sessionId}`,
    conversationId: conversationIdOf(sessionId),
    name: `Bench User ${index}`,
    email: `bench.user${index}@example.com`,
    interactionId: sysId(),
  };
}

/** A ServiceNow sys_id: 32 hex digits. */
export function sysId(): string {
  return randomBytes(16).toString('hex');
}

/** A Teams message activity as the Bot Connector posts it to /api/messages. */
export function userActivity(
  session: BenchSession,
  serviceUrl: string,
  id: string,
  text: string,
): Partial<Activity> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date(),
    locale: 'en-US',
    localTimezone: 'Europe/Berlin',
    from: { id: session.teamsUserId, name: session.name, aadObjectId: session.userKey },
    recipient: BOT,
    conversation: {
      id: session.conversationId,
      conversationType: 'personal',
      tenantId: BENCH_TENANT,
      isGroup: false,
      name: '',
    },
    channelData: { tenant: { id: BENCH_TENANT } },
    text,
  };
}

/** The reference the bot stores for the user: what it derives from any of their activities. */
export function conversationReference(
  session: BenchSession,
  serviceUrl: string,
): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(
    userActivity(session, serviceUrl, 'seed', ''),
  );
  delete reference.activityId;
  return reference;
}

/** A callback envelope with one message from the agent, as ServiceNow posts it to the webhook. */
export function agentMessage(session: BenchSession, text: string): Record<string, unknown> {
  return {
    requestId: randomUUID(),
    clientSessionId: session.sessionId,
    nowSessionId: '',
    userId: session.userKey,
    body: [
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        value: text,
        maskType: 'NONE',
        messageId: sysId(),
        agentInfo: {
          sentFromAgent: true,
          agentName: BENCH_AGENT,
          agentAvatar: 'bench.iix?t=small',
          agentId: sysId(),
        },
      },
    ],
    agentChat: true,
    score: 1,
    interactionId: session.interactionId,
  };
}

/** A VA API request asking for a live agent, as the bot sends it when a chat starts. */
export function startRequest(session: BenchSession): Record<string, unknown> {
  return {
    requestId: randomUUID(),
    clientSessionId: session.sessionId,
    userId: session.userKey,
    emailId: session.email,
    action: 'AGENT',
    message: { text: 'My VPN keeps disconnecting', typed: true, clientMessageId: randomUUID() },
    contextVariables: { live_agent_only: 'true', requester_session_language: 'en' },
    timestamp: Date.now(),
  };
}
