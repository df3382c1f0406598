// The live-agent side of a conversation: routing to a queue, an agent accepting, agent messages and
// typing, closing and idle timeouts, each followed by the callbacks ServiceNow sends for it. Agent
// actions run in the conversation's serial queue, so they interleave with user requests in
// arrival order.
import type { CallbackSender } from './callbacks.js';
import { conversationKey, envelopeContext, type Conversation } from './conversations.js';
import type { ConversationStore } from './conversations.js';
import type { AgentRegistry, UserDirectory } from './directory.js';
import * as out from './envelope.js';
import { SimulatorError, SimulatorErrorCode } from './errors.js';
import { IdleTimers } from './idle.js';
import { InteractionState, type InteractionStore } from './interactions.js';
import type { PostChatSurvey } from './post-chat-survey.js';
import { ineligibility, type QueueProfile, type QueueRegistry } from './routing.js';
import type { Scheduler } from './scheduler.js';
import { GUEST_USER_SYS_ID } from './seed.js';
import type { KeyedSerialQueue } from './serial-queue.js';
import type { SimulatorLog, UserMessageSeen } from './types.js';

/** Told about chat events; the scripted agent reacts to them. */
export interface ChatObserver {
  queued(conversation: Conversation): void;
  userMessage(conversation: Conversation, message: UserMessageSeen): void;
  /** The chat is over: its agent has room for another. */
  closed(conversation: Conversation): void;
}

export interface LiveChatOptions {
  readonly conversations: ConversationStore;
  readonly interactions: InteractionStore;
  readonly users: UserDirectory;
  readonly agents: AgentRegistry;
  readonly queues: QueueRegistry;
  readonly sender: CallbackSender;
  readonly queue: KeyedSerialQueue;
  readonly scheduler: Scheduler;
  readonly idleTimeoutMs: number;
  /**
   * Whether requests carry message authentication (a token or a signature): without it ServiceNow
   * treats every chat user as a guest and never links them to a sys_user by email.
   */
  readonly messageAuth: boolean;
  readonly log: SimulatorLog;
  /** The wait announced in the spinner of a queue that states none. */
  readonly waitSeconds: (queue: QueueProfile) => number;
  /** The instance's own survey after an agent closed a chat. */
  readonly survey: PostChatSurvey;
}

export class LiveChat {
  private observer: ChatObserver | undefined;
  private readonly idle: IdleTimers;

  constructor(private readonly o: LiveChatOptions) {
    this.idle = new IdleTimers(o.scheduler, o.idleTimeoutMs, (c) => {
      this.o.queue
        .run(c.key, () => this.timeOut(c))
        .catch((error: unknown) => {
          const name = error instanceof Error ? error.name : 'unknown';
          this.o.log('conversation.timeout_failed', {
            clientSessionId: c.clientSessionId,
            error: name,
          });
        });
    });
  }

  observe(observer: ChatObserver): void {
    this.observer = observer;
  }

  /** Activity on the conversation: restarts its idle clock. */
  touch(c: Conversation): void {
    this.idle.touch(c);
  }

  /** Posts one envelope; a 5xx or no answer in time abandons the interaction (KB2701890). */
  async emit(c: Conversation, body: readonly out.BodyItem[], flags?: out.EnvelopeFlags) {
    if (c.faulted) return;
    const result = await this.o.sender.post(
      c.clientSessionId,
      out.envelope(envelopeContext(c), body, flags),
    );
    const failed = (result.status !== undefined && result.status >= 500) || result.timedOut;
    if (failed === true) this.abandon(c);
  }

  ensureInteraction(c: Conversation, liveAgent: boolean): void {
    if (c.interaction !== undefined) return;
    const linked = this.o.messageAuth ? this.o.users.linkByEmail(c.emailId) : undefined;
    const openedFor = linked?.sys_id ?? GUEST_USER_SYS_ID;
    const shortDescription = c.issue ?? '';
    c.interaction = this.o.interactions.create({ openedFor, liveAgent, shortDescription });
    this.o.log('interaction.created', {
      clientSessionId: c.clientSessionId,
      interactionId: c.interaction.sys_id,
      number: c.interaction.number,
      guest: openedFor === GUEST_USER_SYS_ID,
    });
  }

  /** Hands the conversation to AWA: queued in the matching queue, or closed when none can route it. */
  async toQueue(c: Conversation, contextVariables: Readonly<Record<string, unknown>>) {
    this.ensureInteraction(c, true);
    const queue = this.o.queues.route(contextVariables);
    if (queue !== undefined) c.queue = queue;
    if (c.interaction !== undefined) {
      this.o.interactions.queue(c.interaction, c.issue ?? '', queue?.sysId ?? '');
    }
    c.phase = 'queued';
    await this.emit(c, [out.outputText(out.Text.standBy)], { agentChat: true });
    if (queue === undefined || !queue.assignmentRule) return this.notRouted(c);
    const wait = queue.waitSeconds ?? this.o.waitSeconds(queue);
    await this.emit(c, [out.startWaitSpinner(wait), out.action('SubscribeToSupportQueue')], {
      agentChat: true,
    });
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
    return this.o.queue.run(key, async () => {
      const c = this.o.conversations.get(key) ?? found;
      const result = await action(c);
      this.touch(c);
      return result;
    });
  }

  /** The agent joins a queued chat; returns the messages the user sent while waiting. */
  accept(agentName: string, clientSessionId: string): Promise<readonly UserMessageSeen[]> {
    const agent = this.o.agents.require(agentName);
    return this.agentAction(clientSessionId, async (c) => {
      if (c.phase !== 'queued') throw this.stateError(SimulatorErrorCode.NotQueued, c, 'queued');
      const why = ineligibility(agent, c.queue, this.o.interactions.workloadOf(agent.userSysId));
      if (why !== undefined) {
        const message = `${agent.name} ${why}: cannot take ${c.clientSessionId}`;
        throw new SimulatorError(SimulatorErrorCode.NotEligible, message);
      }
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

  /** The agent sends items other than text (an image, a file), built for the agent's identity. */
  send(
    agentName: string,
    clientSessionId: string,
    items: (agent: out.AgentIdentity) => readonly out.BodyItem[],
  ): Promise<void> {
    return this.asAssignedAgent(agentName, clientSessionId, (c, agent) =>
      this.emit(c, items(agent), { agentChat: true }),
    );
  }

  typing(agentName: string, clientSessionId: string, active: boolean): Promise<void> {
    const type = active ? 'StartTypingIndicator' : 'EndTypingIndicator';
    return this.asAssignedAgent(agentName, clientSessionId, (c) =>
      this.emit(c, [out.action(type)], { agentChat: true }),
    );
  }

  /** The agent closes the chat; the instance's post-chat survey follows, when it has one. */
  endByAgent(agentName: string, clientSessionId: string): Promise<void> {
    return this.asAssignedAgent(agentName, clientSessionId, async (c, agent) => {
      const notice = out.Text.closed(agent.name);
      const { survey } = this.o;
      await this.endLive(c, notice, InteractionState.ClosedComplete, 'Agent Ended', survey);
    });
  }

  /** A message to the closed chat's survey, when it waits for one. False: none does. */
  async answerSurvey(c: Conversation, text: string, typed: boolean): Promise<boolean> {
    if (!this.o.survey.pending(c)) return false;
    await this.o.survey.answer(c, text, typed, (conv, body, flags) => this.emit(conv, body, flags));
    return true;
  }

  /** The user ended the chat (END_CONVERSATION). */
  async endByUser(c: Conversation): Promise<void> {
    if (c.phase !== 'closed') this.close(c, InteractionState.ClosedComplete, 'User Ended');
    await this.emit(c, [out.outputText(out.Text.ended)], { completed: true });
  }

  close(c: Conversation, state: InteractionState, reason: string): void {
    const wasOpen = c.phase !== 'closed';
    c.phase = 'closed';
    this.idle.stop(c);
    if (c.interaction !== undefined) this.o.interactions.close(c.interaction, state, reason);
    if (!wasOpen) return;
    this.o.log('conversation.closed', { clientSessionId: c.clientSessionId, state, reason });
    this.observer?.closed(c);
  }

  /**
   * The live part ends: a System notice, back to the virtual agent, then the final envelope, or
   * instead the post-chat survey (its first question with the close, or just after it).
   */
  private async endLive(
    c: Conversation,
    notice: string,
    state: InteractionState,
    reason: string,
    survey?: PostChatSurvey,
  ) {
    const first = survey?.withEnd(c) ?? [];
    await this.emit(c, [out.system(notice), ...first, out.action('SwitchToVirtualAgent')], {
      agentChat: true,
    });
    this.close(c, state, reason);
    const emit = (conv: Conversation, body: readonly out.BodyItem[]) => this.emit(conv, body);
    if (survey !== undefined && !c.faulted && (await survey.afterEnd(c, emit))) return;
    await this.emit(c, [out.outputText(out.Text.ended)], { completed: true });
  }

  /** No queue, or no assignment rule: AWA cannot route it, and the interaction closes at once. */
  private notRouted(c: Conversation): Promise<void> {
    this.o.log('conversation.not_routed', { clientSessionId: c.clientSessionId });
    return this.endLive(c, out.Text.notRouted, InteractionState.ClosedAbandoned, 'Auto Closed');
  }

  private async timeOut(c: Conversation): Promise<void> {
    if (c.phase === 'closed') return;
    if (c.phase === 'virtual_agent') {
      // The virtual agent gives the conversation back to the bot: take control.
      this.close(c, InteractionState.ClosedAbandoned, 'No Activity');
      await this.emit(c, [], { takeControl: true, score: 0 });
      return;
    }
    await this.endLive(c, out.Text.timedOut, InteractionState.ClosedAbandoned, 'No Activity');
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
