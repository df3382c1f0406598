// The live-agent side of a conversation: queueing, an agent accepting, agent messages and typing,
// and closing, each followed by the callbacks ServiceNow sends for it. Agent actions run in the
// conversation's serial queue, so they interleave with user requests in arrival order.
import type { CallbackSender } from './callbacks.js';
import { conversationKey, envelopeContext, type Conversation } from './conversations.js';
import type { ConversationStore } from './conversations.js';
import type { AgentRegistry, UserDirectory } from './directory.js';
import * as out from './envelope.js';
import { SimulatorError, SimulatorErrorCode } from './errors.js';
import { InteractionState, type InteractionStore } from './interactions.js';
import { GUEST_USER_SYS_ID } from './seed.js';
import type { KeyedSerialQueue } from './serial-queue.js';
import type { SimulatorLog, UserMessageSeen } from './types.js';

/** Told about chat events; the scripted agent reacts to them. */
export interface ChatObserver {
  queued(conversation: Conversation): void;
  userMessage(conversation: Conversation, message: UserMessageSeen): void;
}

export interface LiveChatOptions {
  readonly conversations: ConversationStore;
  readonly interactions: InteractionStore;
  readonly users: UserDirectory;
  readonly agents: AgentRegistry;
  readonly sender: CallbackSender;
  readonly queue: KeyedSerialQueue;
  readonly log: SimulatorLog;
  /** The wait time announced in the queue spinner. */
  readonly waitSeconds: () => number;
}

export class LiveChat {
  private observer: ChatObserver | undefined;

  constructor(private readonly o: LiveChatOptions) {}

  observe(observer: ChatObserver): void {
    this.observer = observer;
  }

  /** Posts one envelope; a 5xx answer abandons the interaction, as ServiceNow does (KB2701890). */
  async emit(c: Conversation, body: readonly out.BodyItem[], flags?: out.EnvelopeFlags) {
    if (c.faulted) return;
    const result = await this.o.sender.post(
      c.clientSessionId,
      out.envelope(envelopeContext(c), body, flags),
    );
    if (result.status !== undefined && result.status >= 500) this.abandon(c);
  }

  ensureInteraction(c: Conversation, liveAgent: boolean): void {
    if (c.interaction !== undefined) return;
    const openedFor = this.o.users.linkByEmail(c.emailId)?.sys_id ?? GUEST_USER_SYS_ID;
    const shortDescription = c.issue ?? '';
    c.interaction = this.o.interactions.create({ openedFor, liveAgent, shortDescription });
    this.o.log('interaction.created', {
      clientSessionId: c.clientSessionId,
      interactionId: c.interaction.sys_id,
      number: c.interaction.number,
      guest: openedFor === GUEST_USER_SYS_ID,
    });
  }

  /** Moves a conversation into the live-agent queue and tells the bot. */
  async toQueue(c: Conversation): Promise<void> {
    this.ensureInteraction(c, true);
    if (c.interaction !== undefined) this.o.interactions.queue(c.interaction, c.issue ?? '');
    c.phase = 'queued';
    await this.emit(c, [out.outputText(out.Text.standBy)], { agentChat: true });
    await this.emit(
      c,
      [out.startWaitSpinner(this.o.waitSeconds()), out.action('SubscribeToSupportQueue')],
      { agentChat: true },
    );
    if (!c.faulted) this.observer?.queued(c);
  }

  /** A user message while live: kept for the agent, or delivered at once. */
  deliverToAgent(c: Conversation, message: UserMessageSeen): void {
    if (c.phase === 'queued') {
      c.waitingForAgent.push(message);
      return;
    }
    c.userMessages.push(message);
    this.observer?.userMessage(c, message);
  }

  /** Runs an agent action in the conversation's queue; resolves to what the action returns. */
  agentAction<T>(clientSessionId: string, action: (c: Conversation) => Promise<T>): Promise<T> {
    const found = this.o.conversations.latest(clientSessionId);
    if (found === undefined) {
      const message = `No conversation ${clientSessionId}`;
      return Promise.reject(new SimulatorError(SimulatorErrorCode.UnknownConversation, message));
    }
    const key = conversationKey(found.clientSessionId, found.appInboundId);
    return this.o.queue.run(key, () => action(this.o.conversations.get(key) ?? found));
  }

  /** The agent joins a queued chat; returns the messages the user sent while waiting. */
  accept(agentName: string, clientSessionId: string): Promise<readonly UserMessageSeen[]> {
    const agent = this.o.agents.require(agentName);
    return this.agentAction(clientSessionId, async (c) => {
      if (c.phase !== 'queued') throw this.stateError(SimulatorErrorCode.NotQueued, c, 'queued');
      c.phase = 'connected';
      c.agent = agent;
      if (c.interaction !== undefined) this.o.interactions.assign(c.interaction, agent.userSysId);
      const shown = c.waitingForAgent.splice(0);
      c.userMessages.push(...shown);
      this.o.log('agent.accepted', { clientSessionId, agent: agent.name });
      await this.emit(
        c,
        [
          out.action('EndSpinner', { spinnerType: 'wait_time' }),
          out.action('SubscribeToChatPresence'),
          out.action('SwitchToLiveAgent'),
          out.system(out.Text.entered(agent.name)),
        ],
        { agentChat: true },
      );
      return shown;
    });
  }

  say(agentName: string, clientSessionId: string, text: string): Promise<void> {
    return this.asAssignedAgent(agentName, clientSessionId, (c, agent) =>
      this.emit(c, [out.agentText(agent, text)], { agentChat: true }),
    );
  }

  typing(agentName: string, clientSessionId: string, active: boolean): Promise<void> {
    const type = active ? 'StartTypingIndicator' : 'EndTypingIndicator';
    return this.asAssignedAgent(agentName, clientSessionId, (c) =>
      this.emit(c, [out.action(type)], { agentChat: true }),
    );
  }

  endByAgent(agentName: string, clientSessionId: string): Promise<void> {
    return this.asAssignedAgent(agentName, clientSessionId, async (c, agent) => {
      await this.emit(
        c,
        [out.system(out.Text.closed(agent.name)), out.action('SwitchToVirtualAgent')],
        {
          agentChat: true,
        },
      );
      this.close(c, InteractionState.ClosedComplete, 'Agent Ended');
      await this.emit(c, [out.outputText(out.Text.ended)], { completed: true });
    });
  }

  /** The user ended the chat (END_CONVERSATION). */
  async endByUser(c: Conversation): Promise<void> {
    if (c.phase !== 'closed') this.close(c, InteractionState.ClosedComplete, 'User Ended');
    await this.emit(c, [out.outputText(out.Text.ended)], { completed: true });
  }

  close(c: Conversation, state: InteractionState, reason: string): void {
    c.phase = 'closed';
    if (c.interaction !== undefined) this.o.interactions.close(c.interaction, state, reason);
    this.o.log('conversation.closed', { clientSessionId: c.clientSessionId, state, reason });
  }

  private abandon(c: Conversation): void {
    c.faulted = true;
    this.close(c, InteractionState.ClosedAbandoned, 'Faulted/Error');
  }

  private asAssignedAgent(
    agentName: string,
    clientSessionId: string,
    action: (c: Conversation, agent: out.AgentIdentity) => Promise<void>,
  ): Promise<void> {
    const agent = this.o.agents.require(agentName);
    return this.agentAction(clientSessionId, async (c) => {
      if (c.phase !== 'connected') {
        throw this.stateError(SimulatorErrorCode.NotConnected, c, 'connected');
      }
      if (c.agent?.name !== agent.name) {
        throw this.stateError(SimulatorErrorCode.NotAssigned, c, `assigned to ${agent.name}`);
      }
      await action(c, agent);
    });
  }

  private stateError(code: SimulatorErrorCode, c: Conversation, wanted: string): SimulatorError {
    return new SimulatorError(
      code,
      `Conversation ${c.clientSessionId} is ${c.phase}${c.agent ? ` with ${c.agent.name}` : ''}, not ${wanted}`,
    );
  }
}
