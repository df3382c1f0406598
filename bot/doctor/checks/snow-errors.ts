// What a failed ServiceNow call means for the admin, by the client's stable error code.
import { SnowErrorCode } from '@live-agent/snow';
import { CheckStatus, type Finding } from '../types.js';

export function notInSandbox(): Finding {
  return {
    status: CheckStatus.skip,
    detail: 'sandbox mode (no SERVICENOW_INSTANCE_URL): the bot talks to its built-in simulator',
  };
}

/** A failure of `doing` (e.g. "reading interaction") against the instance, as a finding. */
export function describeSnowError(error: unknown, instanceUrl: string, doing: string): Finding {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  const shown = typeof status === 'number' ? ` (HTTP ${status})` : '';
  switch (code) {
    case SnowErrorCode.unavailable:
      return {
        status: CheckStatus.fail,
        detail: `cannot reach ${instanceUrl} while ${doing}${shown}`,
        fix: 'Check SERVICENOW_INSTANCE_URL, that the instance is awake (developer instances hibernate), and that this host may reach it (proxy, firewall, IP allow-list).',
      };
    case SnowErrorCode.auth:
      return status === 403
        ? {
            status: CheckStatus.fail,
            detail: `the service account is not allowed ${doing} (HTTP 403)`,
            fix: 'Give the service account the roles listed in infra/servicenow (read on awa_agent_presence_capacity, interaction, sys_user; the VA Bot Integration API).',
          }
        : {
            status: CheckStatus.fail,
            detail: `ServiceNow rejected the credentials while ${doing}${shown}`,
            fix: 'Check SERVICENOW_USERNAME and SERVICENOW_PASSWORD: the user must exist, be active and not locked out.',
          };
    case SnowErrorCode.rateLimited:
      return {
        status: CheckStatus.warn,
        detail: `ServiceNow is rate-limiting the service account while ${doing} (HTTP 429)`,
        fix: 'Raise or exempt the service account in the REST rate limit rules (sys_rate_limit_rules); the bot backs off but chats slow down.',
      };
    case SnowErrorCode.badResponse:
      return {
        status: CheckStatus.fail,
        detail: `${instanceUrl} did not answer like a ServiceNow instance while ${doing}${shown}`,
        fix: 'SERVICENOW_INSTANCE_URL must be the instance origin, e.g. https://acme.service-now.com (no path).',
      };
    case SnowErrorCode.rejected:
      return {
        status: CheckStatus.fail,
        detail: `ServiceNow refused the request while ${doing}${shown}`,
        fix: 'Check that the Virtual Agent API plugin (sn_va_as_service) is active and SERVICENOW_APP_INBOUND_ID (if set) names an existing provider application.',
      };
    default:
      return {
        status: CheckStatus.fail,
        detail: `unexpected failure while ${doing}: ${typeof code === 'string' ? code : 'unknown error'}`,
        fix: 'Run again with LOG_LEVEL=debug and read the bot log for the cause.',
      };
  }
}
