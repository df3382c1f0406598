// AWA-like routing: which queue a chat goes to (the first whose conditions its context variables
// meet), whether that queue can route at all (an assignment rule), and which agents may take its
// work (presence Available, eligible for the queue, and below their capacity).
import type { AgentProfile } from './directory.js';
import { newSysId } from './ids.js';
import type { SimulatedQueue } from './types.js';

export interface QueueProfile {
  readonly sysId: string;
  readonly name: string;
  readonly conditions: Readonly<Record<string, string>>;
  readonly assignmentRule: boolean;
  readonly waitSeconds?: number;
}

export const DEFAULT_QUEUES: readonly SimulatedQueue[] = [{ name: 'IT Support' }];

export class QueueRegistry {
  private readonly queues: readonly QueueProfile[];

  constructor(queues: readonly SimulatedQueue[]) {
    this.queues = queues.map((q) => ({
      sysId: newSysId(),
      name: q.name,
      conditions: { ...q.conditions },
      assignmentRule: q.assignmentRule ?? true,
      ...(q.waitSeconds === undefined ? {} : { waitSeconds: q.waitSeconds }),
    }));
  }

  all(): readonly QueueProfile[] {
    return this.queues;
  }

  /** The queue a chat with these context variables lands in; undefined when none matches. */
  route(contextVariables: Readonly<Record<string, unknown>>): QueueProfile | undefined {
    return this.queues.find((q) =>
      Object.entries(q.conditions).every(([name, value]) => contextVariables[name] === value),
    );
  }
}

/** Why an agent cannot take a chat of `queue` now; undefined when it can. */
export function ineligibility(
  agent: AgentProfile,
  queue: QueueProfile | undefined,
  workload: number,
): string | undefined {
  if (!agent.available) return 'is not available';
  if (queue !== undefined && agent.queues !== undefined && !agent.queues.includes(queue.name)) {
    return `is not eligible for the queue ${queue.name}`;
  }
  if (workload >= agent.capacity) return 'is at capacity';
  return undefined;
}
