/*
 * Teams <-> ServiceNow Live Agent: checks the ServiceNow side of the integration and prints
 * what is missing, with the fix for each item.
 *
 * Run as an admin in System Definition > Scripts - Background (scope: global). It only reads:
 * nothing is changed. Fill in the settings at the bottom first (the same values as the bot's
 * configuration), then read the report: every line marked MISSING must be fixed; WARN lines are
 * worth a look. The guide next to this file (README.md) explains each step.
 *
 * Written in ES5 so that it runs in every release's background-script engine.
 */
/* global GlideRecord, GlidePluginManager, gs */
(function verifyLiveAgentSetup(settings) {
  // Out-of-box sys_ids: the Chat service channel and the Available presence state.
  var CHAT_CHANNEL = '27f675e3739713004a905ee515f6a7c3';
  var AVAILABLE_STATE = '0b10223c57a313005baaaa65ef94f970';
  var INBOUND_URI = '/api/sn_va_as_service/bot/integration';
  var WEBHOOK_PATH = '/api/servicenow/messages';

  var lines = [];
  var missing = 0;
  var warnings = 0;

  function ok(text) {
    lines.push('[ OK    ] ' + text);
  }
  function miss(text, fix) {
    missing++;
    lines.push('[MISSING] ' + text);
    lines.push('          fix: ' + fix);
  }
  function warn(text, fix) {
    warnings++;
    lines.push('[ WARN  ] ' + text);
    if (fix) lines.push('          hint: ' + fix);
  }
  function info(text) {
    lines.push('[ INFO  ] ' + text);
  }

  function find(table, field, value) {
    var gr = new GlideRecord(table);
    if (!gr.isValid()) return null;
    gr.addQuery(field, value);
    gr.query();
    return gr.next() ? gr : null;
  }

  function checkPlugins() {
    var plugins = [
      ['com.glide.cs.chatbot', 'Glide Virtual Agent'],
      ['com.glide.interaction.awa', 'Agent Chat'],
      ['com.glide.awa', 'Advanced Work Assignment'],
    ];
    for (var i = 0; i < plugins.length; i++) {
      if (GlidePluginManager.isActive(plugins[i][0]))
        ok('plugin ' + plugins[i][1] + ' (' + plugins[i][0] + ') is active');
      else
        miss(
          'plugin ' + plugins[i][1] + ' (' + plugins[i][0] + ') is not active',
          'activate it in System Applications > All Available Applications'
        );
    }
    var app = new GlideRecord('sys_store_app');
    app.addQuery('scope', 'sn_va_as_service');
    app.addQuery('active', true);
    app.query();
    if (app.next())
      ok('Virtual Agent API (sn_va_as_service) ' + app.getValue('version') + ' is installed');
    else
      miss(
        'the Virtual Agent API application (sn_va_as_service) is not installed',
        'install "Virtual Agent API" from the ServiceNow Store'
      );
  }

  function checkInboundApi() {
    var op = find('sys_ws_operation', 'operation_uri', INBOUND_URI);
    if (op === null) {
      miss(
        'the VA Bot Integration resource ' + INBOUND_URI + ' was not found',
        'install the Virtual Agent API application'
      );
    } else if (String(op.getValue('requires_authentication')) !== 'true') {
      miss(
        'the BOT Integration resource accepts anonymous requests',
        'Scripted REST APIs > VA Bot Integration > BOT Integration: tick "Requires authentication"'
      );
    } else {
      ok('the BOT Integration resource requires authentication');
    }
  }

  function roleNamesOf(userId) {
    var names = [];
    var has = new GlideRecord('sys_user_has_role');
    has.addQuery('user', userId);
    has.query();
    while (has.next()) {
      var role = new GlideRecord('sys_user_role');
      if (role.get(has.getValue('role'))) names.push(role.getValue('name'));
    }
    return names;
  }

  function checkServiceAccount() {
    var user = find('sys_user', 'user_name', settings.serviceAccount);
    if (user === null) {
      miss(
        'service account "' + settings.serviceAccount + '" (SERVICENOW_USERNAME) does not exist',
        'create it (see README.md, "Service account")'
      );
      return;
    }
    if (
      String(user.getValue('active')) !== 'true' ||
      String(user.getValue('locked_out')) === 'true'
    ) {
      miss(
        'service account "' + settings.serviceAccount + '" is inactive or locked out',
        'activate and unlock it'
      );
      return;
    }
    ok('service account "' + settings.serviceAccount + '" exists and is active');
    var roles = roleNamesOf(user.getUniqueValue());
    if (roles.indexOf(settings.serviceAccountRole) < 0) {
      miss(
        'service account lacks the role "' + settings.serviceAccountRole + '"',
        'grant it the role that has read access to awa_agent_presence_capacity, interaction and sys_user'
      );
    } else {
      ok(
        'service account has the role "' +
          settings.serviceAccountRole +
          '" (npm run doctor checks the reads themselves)'
      );
    }
    if (String(user.getValue('web_service_access_only')) !== 'true') {
      warn(
        'service account can log in interactively',
        'tick "Web service access only" on its user record'
      );
    }
  }

  function providerApplication() {
    if (settings.appInboundId)
      return find('sys_cs_provider_application', 'inbound_id', settings.appInboundId);
    return find('sys_cs_provider_application', 'name', 'VA Bot to Bot Provider Application');
  }

  function checkMessageAuth() {
    var app = providerApplication();
    var which = settings.appInboundId
      ? 'with Inbound Id "' + settings.appInboundId + '"'
      : '"VA Bot to Bot Provider Application"';
    if (app === null) {
      miss(
        'provider application ' + which + ' was not found',
        settings.appInboundId
          ? 'create it (Provider: VA Bot to Bot Provider) or clear SERVICENOW_APP_INBOUND_ID'
          : 'install the Virtual Agent API application'
      );
      return;
    }
    ok('provider application ' + which + ' exists');
    var authId = app.getValue('message_auth');
    var auth = new GlideRecord('message_auth');
    if (!authId || !auth.get(authId)) {
      miss(
        'the provider application has no Message auth: users are not linked to their sys_user (they chat as guests)',
        'create a token_verification and a message_auth record and set Message auth on the provider application; put the token in SERVICENOW_VA_TOKEN'
      );
    } else {
      ok(
        'message auth "' +
          auth.getValue('name') +
          '" is set (its token must equal SERVICENOW_VA_TOKEN, or its hash secret SERVICENOW_VA_SIGNING_SECRET)'
      );
    }
    var provider = find('sys_cs_provider', 'name', 'VA Bot to Bot Provider');
    if (provider === null) return;
    var linking =
      String(provider.getValue('automatic_link_enabled')) === 'true' &&
      String(provider.getValue('link_account_enabled')) === 'true';
    var action =
      String(provider.getValue('automatic_link_action') || '') +
      ' ' +
      String(provider.getDisplayValue('automatic_link_action') || '');
    if (linking && action.indexOf('bot_to_bot_auto_link_account') >= 0)
      ok('automatic account linking is enabled on "VA Bot to Bot Provider"');
    else
      warn(
        'automatic account linking is not fully enabled on "VA Bot to Bot Provider"',
        'set Automatic link enabled, Link account enabled and the bot-to-bot auto link action'
      );
  }

  function sameEndpoint(url) {
    return (
      String(url || '')
        .replace(/\/+$/, '')
        .toLowerCase() === settings.webhookUrl.replace(/\/+$/, '').toLowerCase()
    );
  }

  function checkRestMessage() {
    var message = find('sys_rest_message', 'name', 'VA Bot to Bot');
    if (message === null) return false;
    var fn = new GlideRecord('sys_rest_message_fn');
    fn.addQuery('rest_message', message.getUniqueValue());
    fn.addQuery('function_name', 'postMessage');
    fn.query();
    var endpoint =
      fn.next() && fn.getValue('rest_endpoint')
        ? fn.getValue('rest_endpoint')
        : message.getValue('rest_endpoint');
    if (!sameEndpoint(endpoint)) return false;
    ok('REST message "VA Bot to Bot" posts to the webhook');
    var auth = message.getValue('authentication_type');
    var profile = new GlideRecord('sys_auth_profile_basic');
    if (auth !== 'basic' || !profile.get(message.getValue('basic_auth_profile'))) {
      miss(
        'REST message "VA Bot to Bot" does not use Basic auth',
        'Authentication tab: type Basic, with a profile whose password is SERVICENOW_CALLBACK_API_KEY'
      );
    } else if (settings.callbackUser && profile.getValue('username') !== settings.callbackUser) {
      miss(
        'the Basic auth profile user is not SERVICENOW_CALLBACK_USER ("' +
          settings.callbackUser +
          '")',
        'set the same user name in the profile and in the bot'
      );
    } else {
      ok(
        'Basic auth profile "' +
          profile.getValue('name') +
          '" is set (its password must equal SERVICENOW_CALLBACK_API_KEY)'
      );
    }
    return true;
  }

  function checkConnection() {
    var connection = new GlideRecord('http_connection');
    if (!connection.isValid()) return false;
    connection.addQuery('active', true);
    connection.query();
    while (connection.next()) {
      if (!sameEndpoint(connection.getValue('connection_url'))) continue;
      ok('connection "' + connection.getValue('name') + '" posts to the webhook');
      if (connection.getValue('credential'))
        ok(
          'the connection has a credential (Basic auth: its password must equal SERVICENOW_CALLBACK_API_KEY)'
        );
      else
        miss(
          'the connection to the webhook has no credential',
          'set a Basic auth credential whose password is SERVICENOW_CALLBACK_API_KEY'
        );
      return true;
    }
    return false;
  }

  function checkCallback() {
    if (
      !/^https:\/\//i.test(settings.webhookUrl) ||
      settings.webhookUrl.indexOf(WEBHOOK_PATH) < 0
    ) {
      miss(
        'webhookUrl "' + settings.webhookUrl + '" is not https://<bot host>' + WEBHOOK_PATH,
        'correct the setting at the bottom of this script'
      );
      return;
    }
    var modern = new GlideRecord('sn_va_as_service_outbound_configuration').isValid();
    if (checkRestMessage() || checkConnection()) return;
    miss(
      "nothing posts ServiceNow's responses to " + settings.webhookUrl,
      modern
        ? 'Bot to Bot Outbound Configurations > VA Bot to Bot Provider Application > Rest connection > Bot Connection: set the Connection URL and a Basic auth credential'
        : 'System Web Services > Outbound > REST Message > VA Bot to Bot: set the Endpoint (also on postMessage) and Basic auth'
    );
  }

  function checkQueue(queue) {
    var label = 'queue "' + queue.getValue('name') + '"';
    var pool = new GlideRecord('awa_eligibility_pool');
    pool.addQuery('queue', queue.getUniqueValue());
    pool.query();
    var pools = 0;
    while (pool.next()) {
      pools++;
      if (!pool.getValue('groups'))
        miss(
          label + ' has an eligibility pool without groups',
          "add the agents' group to the Assignment Eligibility record"
        );
      if (!pool.getValue('assignment_rule'))
        miss(
          label + ' has an eligibility pool without an agent assignment rule',
          'select an assignment rule (e.g. the chat assignment rule) on the Assignment Eligibility record'
        );
    }
    if (pools === 0)
      miss(
        label + ' has no assignment eligibility pool: chats are routed to it but never assigned',
        'Advanced Work Assignment > Queues > ' +
          queue.getValue('name') +
          ' > Assignment Eligibility > New'
      );
    else ok(label + ' has ' + pools + ' eligibility pool(s)');
    if (queue.getValue('condition'))
      info(label + ' routes chats matching: ' + queue.getValue('condition'));
  }

  function checkRouting() {
    var channel = new GlideRecord('awa_service_channel');
    if (!channel.get(CHAT_CHANNEL) || String(channel.getValue('active')) !== 'true') {
      miss(
        'the Chat service channel is missing or inactive',
        'Advanced Work Assignment > Service Channels > Chat: activate it'
      );
      return;
    }
    ok('the Chat service channel is active');
    var queue = new GlideRecord('awa_queue');
    queue.addQuery('service_channel', CHAT_CHANNEL);
    queue.addQuery('active', true);
    if (settings.chatQueue) queue.addQuery('name', settings.chatQueue);
    queue.query();
    var queues = 0;
    while (queue.next()) {
      queues++;
      checkQueue(queue);
    }
    if (queues === 0)
      miss(
        (settings.chatQueue
          ? 'no active Chat queue named "' + settings.chatQueue + '"'
          : 'no active queue on the Chat channel') + ': every live chat closes at once',
        'Advanced Work Assignment > Queues > New (Service channel: Chat), with an assignment eligibility pool'
      );
  }

  function checkAgents() {
    var available = new GlideRecord('awa_agent_presence_capacity');
    available.addQuery('ac_channel', CHAT_CHANNEL);
    available.addQuery('aca_available', true);
    available.addQuery('ap_current_presence_state', AVAILABLE_STATE);
    available.query();
    var count = 0;
    while (available.next()) count++;
    if (count > 0) ok(count + ' agent(s) available for Chat right now');
    else
      warn(
        'no agent is available for Chat right now: the bot will not offer Live Chat',
        'an agent sets their status to Available in Service Operations Workspace (or run setup-test-agent.js)'
      );
  }

  function checkProperties() {
    info(
      'idle bot-to-bot conversations close after ' +
        gs.getProperty('com.glide.cs.b2b_conversation_idle_timeout', '3600') +
        ' s (com.glide.cs.b2b_conversation_idle_timeout)'
    );
  }

  checkPlugins();
  checkInboundApi();
  checkServiceAccount();
  checkMessageAuth();
  checkCallback();
  checkRouting();
  checkAgents();
  checkProperties();
  lines.push('');
  lines.push(
    missing === 0
      ? 'Result: nothing missing (' + warnings + ' warning(s)).'
      : 'Result: ' + missing + ' item(s) MISSING, ' + warnings + ' warning(s).'
  );
  for (var i = 0; i < lines.length; i++) gs.print(lines[i]);
})({
  // The bot's webhook: https://<bot host>/api/servicenow/messages (the deployment prints it).
  webhookUrl: 'https://bot.example.com/api/servicenow/messages',
  // SERVICENOW_USERNAME: the account the bot calls ServiceNow with.
  serviceAccount: 'svc_teams_live_agent',
  // The role that gives the service account read access (README.md, "Service account").
  serviceAccountRole: 'teams_live_agent_reader',
  // SERVICENOW_APP_INBOUND_ID, or '' for the default VA Bot to Bot Provider Application.
  appInboundId: '',
  // SERVICENOW_CALLBACK_USER, or '' if the bot does not check the user name.
  callbackUser: '',
  // The name of the queue for these chats, or '' to check every Chat queue.
  chatQueue: '',
});
