// "Survey": whether the service account can write a survey answer where the bot puts it: the
// configured field (`work_notes` by default) of the chat's `interaction` record. Without
// --survey-test it only reads `interaction`; with it, it writes that field of one interaction
// without changing anything (an empty journal entry, which ServiceNow does not keep, or the
// field's own value), so that an ACL refusing the update shows. Findings are warnings at worst:
// the bot keeps every answer with the chat whatever ServiceNow says.
import { SnowRecordRefusedError } from '@live-agent/snow';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';
import { isJournalField } from '../../live-chat/survey.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

export const surveyCheck: Check = {
  id: CheckId.survey,
  title: 'Survey answers on the interaction',
  needs: [CheckId.serviceNow],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    if (sn === undefined) return notInSandbox();
    const fields = surveyFields(context);
    if (fields.length === 0) {
      return { status: CheckStatus.skip, detail: 'the survey is not sent (survey.enabled)' };
    }
    let rows: Awaited<ReturnType<typeof sn.tables.list>>;
    try {
      rows = await sn.tables.list('interaction', { fields: ['sys_id', ...fields], limit: 1 });
    } catch (error) {
      return warning(describeSnowError(error, sn.instanceUrl, 'reading interaction'));
    }
    const target = fields.join(', ');
    if (!context.surveyTest) {
      return {
        status: CheckStatus.warn,
        detail: `interaction: can read (writing ${target} not tested)`,
        fix: 'Run `npm run doctor -- --survey-test` once: it writes the field of one interaction without changing it.',
      };
    }
    const row = rows[0];
    const sysId = typeof row?.sys_id === 'string' ? row.sys_id : undefined;
    if (row === undefined || sysId === undefined) {
      return {
        status: CheckStatus.warn,
        detail: 'interaction: no record to test writing on yet',
        fix: 'Run `npm run doctor -- --survey-test` again after a first chat with an agent.',
      };
    }
    for (const field of fields) {
      const current = row[field];
      const unchanged = isJournalField(field) ? '' : current;
      if (typeof unchanged !== 'string') {
        return {
          status: CheckStatus.warn,
          detail: `interaction.${field}: cannot test writing it without changing it`,
          fix: `Check that the service account may write interaction.${field} (survey.field takes work_notes, comments or a plain field).`,
        };
      }
      try {
        await sn.records.update('interaction', sysId, { [field]: unchanged });
      } catch (error) {
        if (!(error instanceof SnowRecordRefusedError)) {
          return warning(describeSnowError(error, sn.instanceUrl, `writing interaction.${field}`));
        }
        return {
          status: CheckStatus.warn,
          detail: `ServiceNow refused writing interaction.${field} (HTTP ${error.status}): ${error.reason ?? 'no reason given'}`,
          fix: `Give the service account write on interaction and its ${field} field (an ACL, or a role such as interaction_agent); until then survey answers stay with the chat only.`,
        };
      }
    }
    return { status: CheckStatus.pass, detail: `interaction: can write ${target}` };
  },
};

/** The fields survey answers go to, globally or by an enabled option that sends the survey. */
function surveyFields(context: DoctorContext): string[] {
  const handoff = context.config?.handoff;
  if (handoff === undefined) return [];
  const settings = [
    handoff.survey,
    ...handoff.options.filter((o) => o.enabled).map((o) => o.survey),
  ];
  return [...new Set(settings.filter((s) => s.enabled).map((s) => s.field))];
}

/** Survey answers are best effort: what would fail another check only warns here. */
function warning(finding: Finding): Finding {
  return finding.status === CheckStatus.fail ? { ...finding, status: CheckStatus.warn } : finding;
}
