// "Tickets": whether the service account can use the ticket table the handoff configuration
// names. Without --ticket-test it only reads the table (nothing is written); with it, it inserts
// one clearly marked test record and reads it back by its correlation id, as the bot does to
// keep tickets exactly-once. A refused insert is reported with ServiceNow's own reason.
import { randomUUID } from 'node:crypto';
import { SnowRecordRefusedError } from '@live-agent/snow';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

const marker = 'Microsoft Teams bot doctor: test record (safe to close)';

export const ticketsCheck: Check = {
  id: CheckId.tickets,
  title: 'Ticket table',
  needs: [CheckId.serviceNow],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    if (sn === undefined) return notInSandbox();
    const tables = ticketTables(context);
    if (tables.length === 0) {
      return { status: CheckStatus.skip, detail: 'tickets are not offered (ticket.enabled)' };
    }
    const findings: string[] = [];
    for (const table of tables) {
      const finding = context.ticketTest
        ? await insertAndRead(context, table)
        : await readOnly(context, table);
      if (finding.status === CheckStatus.fail) return finding;
      findings.push(finding.detail);
    }
    return {
      status: context.ticketTest ? CheckStatus.pass : CheckStatus.warn,
      detail: findings.join('; '),
      ...(context.ticketTest
        ? {}
        : {
            fix: 'Run `npm run doctor -- --ticket-test` once to insert one marked test record and read it back (close it afterwards).',
          }),
    };
  },
};

/** The tables tickets are offered in, globally or by an enabled option. */
function ticketTables(context: DoctorContext): string[] {
  const handoff = context.config?.handoff;
  if (handoff === undefined) return [];
  const settings = [
    handoff.ticket,
    ...handoff.options.filter((o) => o.enabled).map((o) => o.ticket),
  ];
  return [...new Set(settings.filter((s) => s.enabled).map((s) => s.table))];
}

async function readOnly(context: DoctorContext, table: string): Promise<Finding> {
  const sn = context.serviceNow;
  if (sn === undefined) return notInSandbox();
  try {
    await sn.tables.list(table, { fields: ['sys_id'], limit: 1 });
  } catch (error) {
    return describeSnowError(error, sn.instanceUrl, `reading ${table}`);
  }
  return { status: CheckStatus.pass, detail: `${table}: can read (create not tested)` };
}

async function insertAndRead(context: DoctorContext, table: string): Promise<Finding> {
  const sn = context.serviceNow;
  if (sn === undefined) return notInSandbox();
  const key = `doctor-${randomUUID()}`;
  let number: string | undefined;
  try {
    number = (
      await sn.records.create(table, {
        short_description: marker,
        description: marker,
        correlation_id: key,
      })
    ).number;
  } catch (error) {
    if (error instanceof SnowRecordRefusedError) {
      return {
        status: CheckStatus.fail,
        detail: `ServiceNow refused a test record in ${table} (HTTP ${error.status}): ${error.reason ?? 'no reason given'}`,
        fix: `Give the service account create on ${table} (e.g. the itil role for incident), and check the table's mandatory fields and business rules against the ticket settings.`,
      };
    }
    return describeSnowError(error, sn.instanceUrl, `inserting into ${table}`);
  }
  try {
    const found = await sn.records.findByCorrelationId(table, key);
    if (found === undefined) {
      return {
        status: CheckStatus.fail,
        detail: `${table}: the test record ${number ?? ''} was created but cannot be read back by correlation_id`,
        fix: `Give the service account read on ${table} (and on its correlation_id field): without it a repeated click could file a second ticket.`,
      };
    }
  } catch (error) {
    return describeSnowError(error, sn.instanceUrl, `reading ${table} back`);
  }
  return {
    status: CheckStatus.pass,
    detail: `${table}: created and read back test record ${number ?? ''}`,
  };
}
