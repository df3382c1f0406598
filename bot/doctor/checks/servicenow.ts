// "ServiceNow reachable and credentials accepted": one small read of each table the bot needs,
// so that a missing role shows up here, named, rather than as a failed chat later.
import { SnowErrorCode } from '@live-agent/snow';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

/** The tables the service account must read (README, "Pointing it at a real ServiceNow instance"). */
export const REQUIRED_TABLES = ['awa_agent_presence_capacity', 'interaction', 'sys_user'] as const;

export const serviceNowCheck: Check = {
  id: CheckId.serviceNow,
  title: 'ServiceNow reachable, credentials accepted',
  needs: [CheckId.config],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    if (sn === undefined) return notInSandbox();
    const denied: string[] = [];
    for (const table of REQUIRED_TABLES) {
      try {
        await sn.tables.list(table, { fields: ['sys_id'], limit: 1 });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const status = (error as { status?: unknown }).status;
        if (code === SnowErrorCode.auth && status === 403) {
          denied.push(table);
          continue;
        }
        // Unreachable, wrong password, not ServiceNow: the next table would say the same.
        return describeSnowError(error, sn.instanceUrl, `reading ${table}`);
      }
    }
    if (denied.length > 0) {
      return {
        status: CheckStatus.fail,
        detail: `the service account may not read ${denied.join(', ')} (403)`,
        fix: `Grant the service account read access to ${denied.join(', ')} (a role with read ACLs on them; see infra/servicenow).`,
      };
    }
    return {
      status: CheckStatus.pass,
      detail: `${sn.instanceUrl} answers; the service account reads ${REQUIRED_TABLES.join(', ')}`,
    };
  },
};
