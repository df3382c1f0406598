// The ServiceNow tables and fields the setup scripts may use. The fake instance rejects any
// other name, so a typo in a script fails a test. Sources: the project's ServiceNow reference
// (servicenow-va-api.md, sections named below) and ServiceNow's product documentation.

export const CHAT_CHANNEL = '27f675e3739713004a905ee515f6a7c3'; // reference §4.2 (OOB Chat)
export const AVAILABLE_STATE = '0b10223c57a313005baaaa65ef94f970'; // reference §4.2 (OOB Available)

export const SCHEMA: Readonly<Record<string, readonly string[]>> = {
  // Reference §4.2: the presence-and-capacity view the bot queries for availability.
  awa_agent_presence_capacity: [
    'ap_agent',
    'ap_current_presence_state',
    'ac_channel',
    'aca_available',
    'ac_workload',
    'ac_applied_max_capacity',
  ],
  // Reference §4.2: the tables behind the view's prefixes (ap_, ac_), and the AWA docs.
  awa_agent_capacity: ['user', 'channel', 'max_capacity', 'workload', 'applied_max_capacity'],
  awa_service_channel: ['name', 'active'],
  awa_presence_state: ['name'],
  // Reference §5.3 pitfall 1 (queue, assignment rule, eligibility pool); AWA docs for fields.
  awa_queue: ['name', 'service_channel', 'active', 'condition'],
  awa_eligibility_pool: ['queue', 'groups', 'assignment_rule'],
  // Reference §1.1: message auth, provider application, provider auto-linking.
  sys_cs_provider_application: ['name', 'provider', 'inbound_id', 'message_auth'],
  sys_cs_provider: [
    'name',
    'automatic_link_enabled',
    'link_account_enabled',
    'automatic_link_action',
  ],
  message_auth: ['name', 'inbound_message_verification'],
  token_verification: ['name', 'token'],
  // Reference §2.1: outbound REST message (app < 4.1) and outbound configuration (4.1+).
  sys_rest_message: ['name', 'rest_endpoint', 'authentication_type', 'basic_auth_profile'],
  sys_rest_message_fn: ['rest_message', 'function_name', 'rest_endpoint', 'http_method'],
  sys_auth_profile_basic: ['name', 'username'],
  sn_va_as_service_outbound_configuration: ['name'],
  http_connection: ['name', 'connection_url', 'credential', 'active'],
  // Reference §1.1: the inbound Scripted REST resource and the VA API application.
  sys_ws_operation: ['operation_uri', 'requires_authentication'],
  sys_store_app: ['scope', 'active', 'version'],
  // Reference §4.4 and the platform's user, group and role tables.
  sys_user: ['user_name', 'email', 'active', 'locked_out', 'web_service_access_only'],
  sys_user_group: ['name'],
  sys_user_grmember: ['user', 'group'],
  sys_user_role: ['name'],
  sys_user_has_role: ['user', 'role'],
};

/** Plugin ids from the ServiceNow docs (Virtual Agent, Agent Chat, Advanced Work Assignment). */
export const PLUGINS = ['com.glide.cs.chatbot', 'com.glide.interaction.awa', 'com.glide.awa'];
