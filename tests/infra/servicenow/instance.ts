// A ServiceNow instance set up the way the guide describes, for the setup scripts' tests.
import { FakeInstance } from './fake-glide.js';
import { AVAILABLE_STATE, CHAT_CHANNEL, PLUGINS } from './schema.js';

export const WEBHOOK = 'https://bot.contoso.com/api/servicenow/messages';

export const VERIFY_SETTINGS = {
  webhookUrl: WEBHOOK,
  serviceAccount: 'svc_teams_live_agent',
  serviceAccountRole: 'teams_live_agent_reader',
  appInboundId: '',
  callbackUser: 'servicenow',
  chatQueue: '',
};

export interface Ids {
  readonly agent: string;
  readonly group: string;
  readonly queue: string;
  readonly pool: string;
  readonly provider: string;
  readonly restMessage: string;
}

/** Everything the verify script checks, in place; `ids` names the records tests break. */
export function configuredInstance(): { instance: FakeInstance; ids: Ids } {
  const sn = new FakeInstance(new Set(PLUGINS), {
    'com.glide.cs.b2b_conversation_idle_timeout': '3600',
  });
  sn.add('sys_store_app', { scope: 'sn_va_as_service', active: 'true', version: '4.2.1' });
  sn.add('sys_ws_operation', {
    operation_uri: '/api/sn_va_as_service/bot/integration',
    requires_authentication: 'true',
  });
  const account = sn.add('sys_user', {
    user_name: 'svc_teams_live_agent',
    active: 'true',
    locked_out: 'false',
    web_service_access_only: 'true',
  });
  const reader = sn.add('sys_user_role', { name: 'teams_live_agent_reader' });
  sn.add('sys_user_role', { name: 'awa_agent' });
  sn.add('sys_user_has_role', { user: account, role: reader });
  const token = sn.add('token_verification', { name: 'Teams bot token', token: 'x' });
  const auth = sn.add('message_auth', {
    name: 'Teams bot auth',
    inbound_message_verification: token,
  });
  const provider = sn.add('sys_cs_provider_application', {
    name: 'VA Bot to Bot Provider Application',
    message_auth: auth,
  });
  sn.add('sys_cs_provider', {
    name: 'VA Bot to Bot Provider',
    automatic_link_enabled: 'true',
    link_account_enabled: 'true',
    automatic_link_action: 'sn_va_as_service.virtual_agent__bot_to_bot_auto_link_account',
  });
  const profile = sn.add('sys_auth_profile_basic', {
    name: 'Teams bot webhook',
    username: 'servicenow',
  });
  const restMessage = sn.add('sys_rest_message', {
    name: 'VA Bot to Bot',
    rest_endpoint: WEBHOOK,
    authentication_type: 'basic',
    basic_auth_profile: profile,
  });
  sn.add('sys_rest_message_fn', {
    rest_message: restMessage,
    function_name: 'postMessage',
    http_method: 'post',
  });
  sn.add('awa_service_channel', { sys_id: CHAT_CHANNEL, name: 'Chat', active: 'true' });
  sn.add('awa_presence_state', { sys_id: AVAILABLE_STATE, name: 'Available' });
  const group = sn.add('sys_user_group', { name: 'Service Desk' });
  const queue = sn.add('awa_queue', {
    name: 'IT chat',
    service_channel: CHAT_CHANNEL,
    active: 'true',
    condition: 'liveagent_language=en',
  });
  const pool = sn.add('awa_eligibility_pool', {
    queue,
    groups: group,
    assignment_rule: 'f'.repeat(32),
  });
  const agent = sn.add('sys_user', { user_name: 'abel.tuter', active: 'true' });
  sn.add('awa_agent_presence_capacity', {
    ap_agent: agent,
    ap_current_presence_state: AVAILABLE_STATE,
    ac_channel: CHAT_CHANNEL,
    aca_available: 'true',
    ac_workload: '0',
    ac_applied_max_capacity: '3',
  });
  return { instance: sn, ids: { agent, group, queue, pool, provider, restMessage } };
}
