// Wires the ticket path and the survey: the TicketDesk (exactly-once records through the claims),
// what follows the end of a chat, and the survey's answers. One place, so the composition root
// only hands over its parts.
import type { SnowClient } from '@live-agent/snow';
import type { Logger } from 'pino';
import type { DomainClassifier } from '../../dialogs/ports.js';
import type { HandoffConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { ChatFollowUps } from './follow-ups.js';
import type { Sessions } from './sessions.js';
import { ServiceNowChatSurvey, type SurveyMetrics } from './survey.js';
import { TicketClaims } from './ticket-claims.js';
import { ServiceNowTicketDesk, type TicketMetrics } from './tickets.js';
import type { UserDirectory } from './user-directory.js';

export interface TicketingOptions {
  readonly handoff: HandoffConfig;
  readonly snow: Pick<SnowClient, 'records' | 'users'>;
  readonly store: Pick<Store, 'tickets'>;
  readonly sessions: Sessions;
  readonly directory: UserDirectory;
  readonly classifier: DomainClassifier;
  /** Base URL of the instance (the portal link's `context.instance_url`). */
  readonly instanceUrl: string;
  /** Names this instance in ticket claims. */
  readonly instanceId?: string;
  readonly now: () => number;
  readonly log: Logger;
  readonly metrics: TicketMetrics & SurveyMetrics;
}

export interface Ticketing {
  readonly tickets: ServiceNowTicketDesk;
  readonly followUps: ChatFollowUps;
  readonly survey: ServiceNowChatSurvey;
}

export function createTicketing(o: TicketingOptions): Ticketing {
  const tickets = new ServiceNowTicketDesk({
    records: o.snow.records,
    users: o.snow.users,
    directory: o.directory,
    claims: new TicketClaims({ store: o.store.tickets, owner: o.instanceId ?? 'bot', now: o.now }),
    handoff: o.handoff,
    classifier: o.classifier,
    instanceUrl: o.instanceUrl,
    log: o.log.child({ component: 'tickets' }),
    metrics: o.metrics,
  });
  const survey = new ServiceNowChatSurvey({
    sessions: o.sessions,
    records: o.snow.records,
    handoff: o.handoff,
    log: o.log.child({ component: 'survey' }),
    metrics: o.metrics,
  });
  return { tickets, survey, followUps: new ChatFollowUps({ tickets, handoff: o.handoff }) };
}
