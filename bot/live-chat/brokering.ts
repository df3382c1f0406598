// Wires durable brokering for the composition root: the inbox and outbox queues with their
// handlers (to the user in Teams, to ServiceNow), the session lifecycle and the periodic sweep.
import { randomUUID } from 'node:crypto';
import type { CallbackParser, VirtualAgentApi } from '@live-agent/snow';
import type { Logger } from 'pino';
import type { DeliveryConfig, LiveChatConfig } from '../config/index.js';
import { serviceNowBackoff, teamsBackoff, type BackoffPolicy } from '../delivery/backoff.js';
import { BotConnector, type BotAuthorization } from '../delivery/bot-connector.js';
import { ConversationPacer, teamsPace, type PaceLimit } from '../delivery/pacer.js';
import { DurableQueues } from '../delivery/queues.js';
import { PeriodicSweeper } from '../delivery/sweeper.js';
import { TeamsSender } from '../delivery/teams-sender.js';
import type { RelayMetrics } from '../metrics.js';
import type { ChatFollowUps } from './follow-ups.js';
import type { Store } from '../store/index.js';
import { AgentToUserRelay } from './agent-relay.js';
import { DirectRelay } from './direct-relay.js';
import { SessionLifecycle } from './lifecycle.js';
import { PostChatWindow } from './post-chat.js';
import { PostChatDelivery } from './post-chat-delivery.js';
import { ServiceNowDelivery } from './servicenow-delivery.js';
import type { Sessions } from './sessions.js';
import type { UserFiles } from '../files/user-files.js';
import type { AgentFileLinks } from './render-files.js';

/** Knobs tests turn to make time-based behaviour fast and deterministic. */
export interface BrokeringTuning {
  readonly teamsBackoff: BackoffPolicy;
  readonly serviceNowBackoff: BackoffPolicy;
  readonly pace: readonly PaceLimit[];
  /** Delivery passes an instance runs at once (the rest wait their turn). */
  readonly concurrency: number;
  /** Whether the periodic sweep runs on a timer (tests may call `sweep()` instead). */
  readonly timer: boolean;
}

export const defaultTuning: BrokeringTuning = {
  teamsBackoff,
  serviceNowBackoff,
  pace: teamsPace,
  concurrency: 16,
  timer: true,
};

export interface BrokeringOptions {
  readonly store: Store;
  readonly sessions: Sessions;
  readonly va: VirtualAgentApi;
  readonly parser: CallbackParser;
  /** The bot's Authorization header on the proactive sends. */
  readonly authorization: BotAuthorization;
  readonly liveChat: LiveChatConfig;
  readonly delivery: DeliveryConfig;
  readonly log: Logger;
  /** Relayed messages and their delivery latency. */
  readonly metrics?: RelayMetrics;
  /** Files both ways: uploads that waited in the outbox, links to the agent's files. */
  readonly files?: { readonly user: UserFiles; readonly links: AgentFileLinks };
  readonly tuning?: Partial<BrokeringTuning>;
  readonly now?: () => number;
  /** Names this instance in delivery leases; random by default. */
  readonly instanceId?: string;
  /** The ticket card or survey shown after a chat ends. */
  readonly followUps?: ChatFollowUps;
}

export interface Brokering {
  readonly queues: DurableQueues;
  /** User messages: straight to ServiceNow, or through the outbox when that is needed. */
  readonly direct: DirectRelay;
  readonly lifecycle: SessionLifecycle;
  /** ServiceNow's own post-chat survey: its callbacks after the chat, and its rules. */
  readonly postChat: PostChatDelivery;
  /** One sweep now: unfinished deliveries, then session deadlines. */
  sweep(): Promise<void>;
  /** Stops the sweep and new deliveries, and waits for those in progress. */
  stop(): Promise<void>;
}

export function createBrokering(options: BrokeringOptions): Brokering {
  const { store, sessions, log, delivery } = options;
  const tuning = { ...defaultTuning, ...options.tuning };
  const now = options.now ?? Date.now;
  const instanceId = options.instanceId ?? randomUUID();
  const connector = new BotConnector({ authorization: options.authorization });
  const sender = new TeamsSender({
    connector,
    metrics: options.metrics,
    pacer: new ConversationPacer(tuning.pace, now),
    backoff: tuning.teamsBackoff,
    log: log.child({ component: 'teams-sender' }),
  });
  const postChatWindow = new PostChatWindow(options.liveChat, now);
  let toServiceNow: ServiceNowDelivery | undefined;
  let postChat: PostChatDelivery | undefined;
  const queues = new DurableQueues({
    sessions: store.sessions,
    spill: { inbox: store.inbox, outbox: store.outbox },
    handlers: (q) => {
      toServiceNow = new ServiceNowDelivery({
        va: options.va,
        queues: q,
        backoff: tuning.serviceNowBackoff,
        log,
        metrics: options.metrics,
        files: options.files?.user,
        postChat: postChatWindow,
      });
      postChat = new PostChatDelivery({
        window: postChatWindow,
        sessions,
        queues: q,
        log: log.child({ component: 'post-chat' }),
        files: options.files?.links,
        now,
      });
      const toUser = new AgentToUserRelay({
        sessions,
        sender,
        parser: options.parser,
        queues: q,
        log,
        metrics: options.metrics,
        followUps: options.followUps,
        files: options.files?.links,
        postChat,
      });
      return { toUser, toServiceNow };
    },
    instanceId,
    timing: {
      leaseMs: delivery.leaseMs,
      stalledAfterMs: delivery.sweepIntervalMs,
      concurrency: tuning.concurrency,
    },
    log: log.child({ component: 'delivery' }),
    now,
  });
  if (toServiceNow === undefined || postChat === undefined) {
    throw new Error('The queues did not build their handlers');
  }
  const afterChat = postChat;
  const direct = new DirectRelay({
    delivery: toServiceNow,
    queues,
    log,
    now,
    direct: delivery.userMessages === 'direct',
  });
  const lifecycle = new SessionLifecycle({
    sessions,
    queues,
    timing: options.liveChat,
    log: log.child({ component: 'lifecycle' }),
    now,
  });
  const sweeper = new PeriodicSweeper(
    [
      { name: 'deliveries', run: () => queues.sweep() },
      ...lifecycle.rules,
      { name: 'post-chat', run: () => afterChat.sweep() },
    ],
    delivery.sweepIntervalMs,
    log,
  );
  if (tuning.timer) sweeper.start();
  return {
    queues,
    direct,
    lifecycle,
    postChat: afterChat,
    sweep: () => sweeper.runOnce(),
    async stop() {
      await sweeper.stop();
      await queues.idle(true);
      connector.close();
    },
  };
}
