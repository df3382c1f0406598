// The TicketDesk over ServiceNow: which ticket form an option offers (from the handoff
// configuration), and filing a submitted card as exactly one Table API record, with the caller
// looked up by email as for chats. Expected failures come back as outcomes the dialogs explain;
// the admin gets a log line naming the cause (ServiceNow's own reason for a refused insert).
import {
  SnowAmbiguousResultError,
  SnowAuthError,
  SnowError,
  SnowErrorCode,
  SnowQueryValueError,
  SnowRecordRefusedError,
  type Records,
  type TaskRecord,
  type Users,
} from '@live-agent/snow';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { renderTemplates, ContextTemplate } from '../../dialogs/handoff-rules.js';
import type {
  DomainClassifier,
  TicketDesk,
  TicketForm,
  TicketOutcome,
  TicketSubmission,
} from '../../dialogs/ports.js';
import { languageFor } from '../../dialogs/texts.js';
import type { HandoffConfig } from '../config/index.js';
import { PORTAL_TEMPLATE_FIELDS, type TicketSettings } from '../config/ticket-config.js';
import { identityOf, languageOf, localeOf, timezoneOf } from './identity.js';
import { chosenValue, recordFields } from './ticket-record.js';
import type { TicketClaims } from './ticket-claims.js';
import type { UserDirectory } from './user-directory.js';

/** What /metrics counts of tickets: one outcome per submitted card (bounded labels). */
export interface TicketMetrics {
  ticketFiled(outcome: 'created' | 'repeat' | TicketProblemLabel): void;
}
type TicketProblemLabel =
  'refused' | 'unavailable' | 'in_progress' | 'no_user' | 'not_offered' | 'foreign';

export interface ServiceNowTicketDeskOptions {
  readonly records: Records;
  readonly users: Users;
  readonly directory: UserDirectory;
  readonly claims: TicketClaims;
  readonly handoff: HandoffConfig;
  readonly classifier: DomainClassifier;
  /** Base URL of the instance, for `context.instance_url` in the portal link. */
  readonly instanceUrl: string;
  readonly log: Logger;
  readonly metrics?: TicketMetrics;
}

export class ServiceNowTicketDesk implements TicketDesk {
  constructor(private readonly o: ServiceNowTicketDeskOptions) {}

  form(optionId: string | undefined, locale: string | undefined): TicketForm | undefined {
    const settings = this.settings(optionId);
    if (!settings.enabled) return undefined;
    const choice = settings.choice;
    if (choice === undefined) return {};
    const language = languageFor(locale);
    return {
      choice: {
        label: choice.labels?.[language] ?? choice.label,
        choices: choice.options.map((o) => ({
          title: o.labels?.[language] ?? o.label,
          value: o.value,
        })),
        ...(choice.default === undefined ? {} : { value: choice.default }),
      },
    };
  }

  async file(context: TurnContext, ticket: TicketSubmission): Promise<TicketOutcome> {
    const settings = this.settings(ticket.optionId);
    const log = this.o.log.child({ ticketKey: ticket.key, table: settings.table });
    if (!settings.enabled) return this.problem('notOffered', 'not_offered');
    try {
      const caller = await this.caller(context, log);
      if (typeof caller === 'string') return this.problem(caller, 'no_user');
      const values = await this.values(context, ticket, settings, caller.email);
      const fields = recordFields({
        ticket,
        settings,
        callerSysId: caller.sysId,
        values,
        timeZone: timezoneOf(context.activity),
      });
      const records = {
        find: () => this.o.records.findByCorrelationId(settings.table, ticket.key),
        create: () => this.o.records.create(settings.table, fields),
      };
      const userKey = identityOf(context.activity)?.userKey;
      const outcome = await this.o.claims.file(ticket.key, settings.table, records, userKey);
      if (outcome.kind === 'inProgress') return this.problem('inProgress', 'in_progress');
      if (outcome.kind === 'foreign') {
        log.warn({ userKey }, "ticket: a card of another user's was submitted; refused");
        return this.problem('expired', 'foreign');
      }
      this.o.metrics?.ticketFiled(outcome.repeat ? 'repeat' : 'created');
      log.info({ number: outcome.record.number, repeat: outcome.repeat }, 'ticket filed');
      return this.created(outcome.record, outcome.repeat, settings, values, log);
    } catch (error) {
      return this.failed(error, log);
    }
  }

  private settings(optionId: string | undefined): TicketSettings {
    const option = this.o.handoff.options.find((o) => o.id === optionId && o.enabled);
    return option?.ticket ?? this.o.handoff.ticket;
  }

  /** The caller's sys_user, or why there is none ('noEmail', 'unknownUser'). */
  private async caller(
    context: TurnContext,
    log: Logger,
  ): Promise<{ readonly sysId: string; readonly email: string } | 'noEmail' | 'unknownUser'> {
    const identity = identityOf(context.activity);
    if (identity === undefined) return 'noEmail';
    const email = await this.o.directory.email(context, identity);
    if (email === undefined) return 'noEmail';
    try {
      const user = await this.o.users.findByEmail(email);
      if (user !== undefined) return { sysId: user.sysId, email };
      log.warn({ userKey: identity.userKey }, 'ticket: no active ServiceNow user has this email');
    } catch (error) {
      if (!(error instanceof SnowAmbiguousResultError || error instanceof SnowQueryValueError)) {
        throw error;
      }
      log.warn({ userKey: identity.userKey, code: error.code }, 'ticket: the caller is ambiguous');
    }
    return 'unknownUser';
  }

  private async values(
    context: TurnContext,
    ticket: TicketSubmission,
    settings: TicketSettings,
    email: string,
  ) {
    const { activity } = context;
    const classification = await this.o.classifier.classify(ticket.description);
    return {
      language: languageOf(activity.locale) ?? '',
      locale: localeOf(activity),
      timezone: timezoneOf(activity) ?? '',
      email,
      description: ticket.description,
      domain: classification.domain,
      domain_candidates: classification.candidates,
      reason: ticket.reason,
      choice: chosenValue(settings, ticket.choice),
      asked_at: ticket.askedAt,
    };
  }

  private created(
    record: TaskRecord,
    repeat: boolean,
    settings: TicketSettings,
    values: Readonly<Record<string, unknown>>,
    log: Logger,
  ): TicketOutcome {
    const number = record.number ?? record.sysId;
    const url = this.portalUrl(record, settings, values, log);
    return { ok: true, number, repeat, ...(url === undefined ? {} : { url }) };
  }

  private portalUrl(
    record: TaskRecord,
    settings: TicketSettings,
    values: Readonly<Record<string, unknown>>,
    log: Logger,
  ): string | undefined {
    if (settings.portalUrl === undefined) return undefined;
    const template = ContextTemplate.compile(settings.portalUrl, PORTAL_TEMPLATE_FIELDS);
    const rendered = renderTemplates(
      { url: template },
      {
        ...values,
        number: record.number ?? '',
        sys_id: record.sysId,
        table: settings.table,
        instance_url: this.o.instanceUrl.replace(/\/+$/, ''),
      },
    ).url;
    try {
      const url = new URL(rendered ?? '');
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // Reported below.
    }
    log.warn('ticket: the portal link template does not give an http(s) URL; no link shown');
    return undefined;
  }

  private failed(error: unknown, log: Logger): TicketOutcome {
    if (error instanceof SnowRecordRefusedError) {
      log.warn({ status: error.status, reason: error.reason }, 'ServiceNow refused the ticket');
      return this.problem('refused', 'refused');
    }
    if (error instanceof SnowAuthError) {
      log.error(
        { status: error.status },
        'ServiceNow refused the service account: it needs create and read on the ticket table',
      );
      return this.problem('refused', 'refused');
    }
    if (error instanceof SnowError && error.code !== SnowErrorCode.queryValue) {
      log.warn({ code: error.code }, 'ticket not filed: ServiceNow unavailable');
      return this.problem('unavailable', 'unavailable');
    }
    throw error;
  }

  private problem(
    problem: Exclude<TicketOutcome, { ok: true }>['problem'],
    label: TicketProblemLabel,
  ): TicketOutcome {
    this.o.metrics?.ticketFiled(label);
    return { ok: false, problem };
  }
}
