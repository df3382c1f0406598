// Which handoff options to offer for a request: those whose trigger rule holds, best display
// score first, that are within business hours and have agents available in ServiceNow's AWA
// presence table. Presence answers are cached briefly so a burst of users does not turn into a
// burst of Table API calls.
import type { AgentPresence } from '@live-agent/snow';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { HandoffRanking } from '../../dialogs/handoff-ranking.js';
import type { HandoffContext } from '../../dialogs/handoff-rules.js';
import type {
  AgentAvailability,
  AvailabilityResult,
  HandoffOption as OfferedOption,
  HelpRequest,
  Opening,
} from '../../dialogs/ports.js';
import type { HandoffConfig, HandoffOption } from '../config/index.js';
import { BusinessHoursCalendar } from './business-hours.js';
import { languageOf, localeOf, timezoneOf } from './identity.js';

export interface AvailabilityOptions {
  readonly presence: Pick<AgentPresence, 'availableAgents'>;
  readonly handoff: HandoffConfig;
  readonly log: Logger;
  readonly now?: () => number;
}

type Verdict = 'offered' | 'closed' | 'noAgents' | 'unreachable';

export class ServiceNowAgentAvailability implements AgentAvailability {
  private readonly cache = new Map<string, { readonly until: number; readonly agents: number }>();
  private readonly ranking: HandoffRanking<HandoffOption>;
  private readonly calendars = new Map<string, BusinessHoursCalendar>();
  private readonly now: () => number;

  /** Forgets cached presence answers (sandbox mode, when its agent was switched). */
  forget(): void {
    this.cache.clear();
  }

  constructor(private readonly options: AvailabilityOptions) {
    this.now = options.now ?? Date.now;
    this.ranking = new HandoffRanking(options.handoff.options);
    for (const option of options.handoff.options) {
      const hours = option.businessHours ?? options.handoff.availability.businessHours;
      if (hours !== undefined) this.calendars.set(option.id, new BusinessHoursCalendar(hours));
    }
  }

  async check(context: TurnContext, request: HelpRequest): Promise<AvailabilityResult> {
    const { ranked, problems } = this.ranking.rank(handoffContextOf(context.activity, request));
    for (const p of problems) {
      this.options.log.warn(
        { option: p.optionId, field: p.field, problem: p.message },
        'handoff rule failed; the option is not offered',
      );
    }
    if (ranked.length === 0) return { available: false, reason: 'notOffered' };
    const language = languageOf(context.activity.locale);
    const offered: OfferedOption[] = [];
    const verdicts = new Set<Verdict>();
    let nextOpening: Opening | undefined;
    for (const { option } of ranked) {
      const closed = this.closedUntil(option);
      const verdict = closed === undefined ? await this.agentsVerdict(option) : 'closed';
      verdicts.add(verdict);
      if (verdict === 'offered') offered.push({ id: option.id, label: labelOf(option, language) });
      if (closed?.nextOpening !== undefined)
        nextOpening = earliest(nextOpening, closed.nextOpening);
    }
    if (offered.length > 0) return { available: true, options: offered };
    if (verdicts.has('noAgents')) return { available: false, reason: 'noAgents' };
    if (verdicts.has('unreachable')) return { available: false, reason: 'unreachable' };
    return { available: false, reason: 'outsideHours', ...(nextOpening && { nextOpening }) };
  }

  /** Undefined while the option's business hours are open (or it has none). */
  private closedUntil(option: HandoffOption): { nextOpening?: Opening } | undefined {
    const calendar = this.calendars.get(option.id);
    if (calendar === undefined) return undefined;
    const state = calendar.state(new Date(this.now()));
    if (state.open) return undefined;
    return state.nextOpening === undefined
      ? {}
      : { nextOpening: { at: state.nextOpening.toISOString(), timeZone: calendar.timeZone } };
  }

  private async agentsVerdict(option: HandoffOption): Promise<Verdict> {
    if (this.options.handoff.availability.agentsAlwaysAvailable) return 'offered';
    try {
      return (await this.agentsFor(option.serviceChannel)) > 0 ? 'offered' : 'noAgents';
    } catch (err) {
      this.options.log.warn({ err, option: option.id }, 'could not check agent availability');
      return 'unreachable';
    }
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

/** What rules can read about a request before the chat starts (no email or description yet). */
export function handoffContextOf(
  activity: Partial<Activity>,
  request: HelpRequest,
): HandoffContext {
  const classification = request.classification;
  return {
    ...(classification?.domain !== undefined && { domain: classification.domain }),
    domain_candidates: classification?.candidates ?? [],
    articles: request.articles ?? { count: 0 },
    ...optional('language', languageOf(activity.locale)),
    ...optional('locale', localeOf(activity) || undefined),
    ...optional('timezone', timezoneOf(activity)),
  };
}

function labelOf(option: HandoffOption, language: string | undefined): string {
  return (language === undefined ? undefined : option.labels[language]) ?? option.label;
}

function earliest(a: Opening | undefined, b: Opening): Opening {
  return a === undefined || Date.parse(b.at) < Date.parse(a.at) ? b : a;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
