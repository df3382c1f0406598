// Conversations as ServiceNow keeps them: keyed by clientSessionId (+ appInboundId), each with its
// phase, interaction, agent, and what the agent has seen.
import type { AgentProfile } from './directory.js';
import type { EchoedRequest, EnvelopeContext } from './envelope.js';
import type { InteractionRow } from './interactions.js';
import type { QueueProfile } from './routing.js';
import type { ConversationSnapshot, ConversationState, UserMessageSeen } from './types.js';

export interface Conversation {
  readonly key: string;
  readonly clientSessionId: string;
  readonly appInboundId?: string;
  readonly userId: string;
  readonly emailId?: string;
  readonly sequence: number;
  phase: ConversationState;
  interaction?: InteractionRow;
  agent?: AgentProfile;
  /** The AWA queue the chat was routed to; undefined when none matched. */
  queue?: QueueProfile;
  issue?: string;
  /** Knowledge article numbers the bot said the user had tried (`kb_articles_tried`). */
  triedArticles?: readonly string[];
  echo: EchoedRequest;
  /** Set when a callback got a 5xx: ServiceNow then stops talking to the bot for this chat. */
  faulted: boolean;
  waitingForAgent: UserMessageSeen[];
  userMessages: UserMessageSeen[];
  userTyping: boolean;
  typingSignals: ('TYPING' | 'VIEWING')[];
  /** The post-chat survey's question waiting for an answer, once the agent closed the chat. */
  surveyStep?: 'rating' | 'comment';
}

export interface NewConversation {
  readonly clientSessionId: string;
  readonly appInboundId?: string;
  readonly userId: string;
  readonly emailId?: string;
  readonly echo: EchoedRequest;
}

export function conversationKey(clientSessionId: string, appInboundId?: string): string {
  return `${appInboundId ?? ''}\u0000${clientSessionId}`;
}

export class ConversationStore {
  private readonly byKey = new Map<string, Conversation>();
  /** The newest conversation per clientSessionId, so `latest` needs no scan of every chat. */
  private readonly newestBySession = new Map<string, Conversation>();
  private sequence = 0;

  get(key: string): Conversation | undefined {
    return this.byKey.get(key);
  }

  /** Starts a conversation under the key, replacing a closed one. */
  open(fields: NewConversation): Conversation {
    this.sequence += 1;
    const conversation: Conversation = {
      ...fields,
      key: conversationKey(fields.clientSessionId, fields.appInboundId),
      sequence: this.sequence,
      phase: 'virtual_agent',
      faulted: false,
      waitingForAgent: [],
      userMessages: [],
      userTyping: false,
      typingSignals: [],
    };
    this.byKey.set(conversation.key, conversation);
    // Sequences only grow, so the conversation opened last is the newest for its session.
    this.newestBySession.set(conversation.clientSessionId, conversation);
    return conversation;
  }

  /** The newest conversation with this clientSessionId, whatever its appInboundId. */
  latest(clientSessionId: string): Conversation | undefined {
    return this.newestBySession.get(clientSessionId);
  }

  inPhase(phase: ConversationState): Conversation[] {
    return [...this.byKey.values()].filter((c) => c.phase === phase);
  }
}

export function envelopeContext(c: Conversation): EnvelopeContext {
  return {
    clientSessionId: c.clientSessionId,
    userId: c.userId,
    echo: c.echo,
    ...(c.appInboundId === undefined ? {} : { appInboundId: c.appInboundId }),
    ...(c.interaction === undefined ? {} : { interactionId: c.interaction.sys_id }),
  };
}

export function snapshot(c: Conversation): ConversationSnapshot {
  const i = c.interaction;
  return {
    clientSessionId: c.clientSessionId,
    ...(c.appInboundId === undefined ? {} : { appInboundId: c.appInboundId }),
    userId: c.userId,
    state: c.phase,
    ...(i === undefined
      ? {}
      : {
          interactionId: i.sys_id,
          interactionNumber: i.number,
          interactionState: i.state,
          stateReason: i.state_reason,
          openedFor: i.opened_for,
        }),
    ...(c.agent === undefined ? {} : { agent: c.agent.name }),
    ...(c.queue === undefined ? {} : { queue: c.queue.name }),
    ...(c.issue === undefined ? {} : { issue: c.issue }),
    ...(c.triedArticles === undefined ? {} : { triedArticles: [...c.triedArticles] }),
    waitingForAgent: [...c.waitingForAgent],
    userMessages: [...c.userMessages],
    userTyping: c.userTyping,
    typingSignals: [...c.typingSignals],
  };
}
