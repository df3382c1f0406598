// Are agents available? Asks ServiceNow's AWA presence table for each enabled handoff option,
// with a short cache so a burst of users does not turn into a burst of Table API calls.
import type { AgentPresence } from '@live-agent/snow';
import type { Logger } from 'pino';
import type { AgentAvailability, AvailabilityResult, HandoffOption } from '../../dialogs/ports.js';
import type { HandoffConfig } from '../config/index.js';

export interface AvailabilityOptions {
  readonly presence: AgentPresence;
  readonly handoff: HandoffConfig;
  readonly log: Logger;
  readonly now?: () => number;
}

export class ServiceNowAgentAvailability implements AgentAvailability {
  private readonly cache = new Map<string, { readonly until: number; readonly agents: number }>();
  private readonly now: () => number;

  constructor(private readonly options: AvailabilityOptions) {
    this.now = options.now ?? Date.now;
  }

  async check(): Promise<AvailabilityResult> {
    const { handoff } = this.options;
    const enabled = handoff.options.filter((o) => o.enabled);
    const offered: HandoffOption[] = [];
    let unreachable = 0;
    for (const option of enabled) {
      try {
        const agents = handoff.availability.agentsAlwaysAvailable
          ? 1
          : await this.agentsFor(option.serviceChannel ?? undefined);
        if (agents > 0) offered.push({ id: option.id, label: option.label });
      } catch (err) {
        unreachable++;
        this.options.log.warn({ err, option: option.id }, 'could not check agent availability');
      }
    }
    if (offered.length > 0) return { available: true, options: offered };
    return { available: false, reason: unreachable > 0 ? 'unreachable' : 'noAgents' };
  }

  private async agentsFor(serviceChannel: string | undefined): Promise<number> {
    const key = serviceChannel ?? '*';
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.until > this.now()) return cached.agents;
    const agents = await this.options.presence.availableAgents(
      serviceChannel === undefined ? {} : { serviceChannel },
    );
    const ttl = this.options.handoff.availability.cacheSeconds * 1000;
    this.cache.set(key, { until: this.now() + ttl, agents });
    return agents;
  }
}
