/*
 * Teams <-> ServiceNow Live Agent: makes one user a test agent who can take the bot's chats
 * straight away: member of the queue's group, the awa_agent role, Chat capacity, and presence
 * Available with the Chat channel available.
 *
 * Run as an admin in System Definition > Scripts - Background (scope: global), on a test or
 * development instance. Fill in the settings at the bottom. It starts as a dry run that only
 * prints what it would change; set dryRun to false to apply. Running it twice changes nothing
 * the second time. Presence normally follows the agent's own Service Operations Workspace
 * session: for a real test, log in as the agent in the workspace as well.
 *
 * Written in ES5 so that it runs in every release's background-script engine.
 */
/* global GlideRecord, gs, sn_awa */
(function setUpTestAgent(settings) {
  // Out-of-box sys_ids: the Chat service channel and the Available presence state.
  var CHAT_CHANNEL = '27f675e3739713004a905ee515f6a7c3';
  var AVAILABLE_STATE = '0b10223c57a313005baaaa65ef94f970';
  var prefix = settings.dryRun ? '[dry run] would ' : '';

  function say(text) {
    gs.print(text);
  }

  function findOne(table, field, value) {
    var gr = new GlideRecord(table);
    gr.addQuery(field, value);
    gr.query();
    return gr.next() ? gr : null;
  }

  function ensureRow(table, values, label) {
    var gr = new GlideRecord(table);
    for (var field in values) {
      if (Object.prototype.hasOwnProperty.call(values, field)) gr.addQuery(field, values[field]);
    }
    gr.query();
    if (gr.next()) {
      say('[ OK ] ' + label + ': already done');
      return;
    }
    say('[' + (settings.dryRun ? 'PLAN' : ' SET') + '] ' + prefix + label);
    if (settings.dryRun) return;
    var row = new GlideRecord(table);
    row.initialize();
    for (var name in values) {
      if (Object.prototype.hasOwnProperty.call(values, name)) row.setValue(name, values[name]);
    }
    row.insert();
  }

  function ensureCapacity(userId) {
    var capacity = new GlideRecord('awa_agent_capacity');
    capacity.addQuery('user', userId);
    capacity.addQuery('channel', CHAT_CHANNEL);
    capacity.query();
    if (capacity.next()) {
      if (Number(capacity.getValue('max_capacity')) >= settings.chatCapacity) {
        say('[ OK ] Chat capacity ' + capacity.getValue('max_capacity') + ': already enough');
        return;
      }
      say(
        '[' +
          (settings.dryRun ? 'PLAN' : ' SET') +
          '] ' +
          prefix +
          'raise Chat capacity to ' +
          settings.chatCapacity
      );
      if (!settings.dryRun) {
        capacity.setValue('max_capacity', settings.chatCapacity);
        capacity.update();
      }
      return;
    }
    say(
      '[' +
        (settings.dryRun ? 'PLAN' : ' SET') +
        '] ' +
        prefix +
        'give the agent a Chat capacity of ' +
        settings.chatCapacity
    );
    if (settings.dryRun) return;
    var row = new GlideRecord('awa_agent_capacity');
    row.initialize();
    row.setValue('user', userId);
    row.setValue('channel', CHAT_CHANNEL);
    row.setValue('max_capacity', settings.chatCapacity);
    row.insert();
  }

  function availableState() {
    var state = new GlideRecord('awa_presence_state');
    if (state.get(AVAILABLE_STATE)) return AVAILABLE_STATE;
    state = findOne('awa_presence_state', 'name', 'Available');
    return state === null ? null : state.getUniqueValue();
  }

  function setAvailable(userId) {
    var state = availableState();
    if (state === null) {
      say('[FAIL] no "Available" presence state exists (awa_presence_state)');
      return;
    }
    say(
      '[' +
        (settings.dryRun ? 'PLAN' : ' SET') +
        '] ' +
        prefix +
        'set presence Available with the Chat channel available'
    );
    if (settings.dryRun) return;
    var agent = sn_awa.Agent.get(userId);
    var done = agent.setPresence({
      sys_id: state,
      channels: [{ sys_id: CHAT_CHANNEL, available: true }],
    });
    if (!done)
      say(
        '[FAIL] AWA refused the presence change: open Service Operations Workspace as the agent and set the status to Available'
      );
  }

  function report(userId) {
    var row = new GlideRecord('awa_agent_presence_capacity');
    row.addQuery('ap_agent', userId);
    row.addQuery('ac_channel', CHAT_CHANNEL);
    row.query();
    if (!row.next()) {
      say('[INFO] no presence and capacity row for Chat yet (it appears once the agent is online)');
      return;
    }
    var available =
      String(row.getValue('aca_available')) === 'true' &&
      row.getValue('ap_current_presence_state') === AVAILABLE_STATE;
    say(
      '[' +
        (available ? ' OK ' : 'INFO') +
        '] presence and capacity now: available for Chat = ' +
        available +
        ', work ' +
        row.getValue('ac_workload') +
        ' of ' +
        row.getValue('ac_applied_max_capacity')
    );
  }

  var user = findOne('sys_user', 'user_name', settings.agentUserName);
  if (user === null) {
    say('[FAIL] no user with user name "' + settings.agentUserName + '"');
    return;
  }
  var group = findOne('sys_user_group', 'name', settings.groupName);
  if (group === null) {
    say(
      '[FAIL] no group named "' +
        settings.groupName +
        '" (the group of the Chat queue\'s eligibility pool)'
    );
    return;
  }
  var role = findOne('sys_user_role', 'name', 'awa_agent');
  if (role === null) {
    say('[FAIL] the awa_agent role does not exist: is Advanced Work Assignment active?');
    return;
  }
  var userId = user.getUniqueValue();
  say(
    'Test agent ' +
      settings.agentUserName +
      (settings.dryRun ? ' (dry run: nothing is changed)' : '')
  );
  ensureRow(
    'sys_user_grmember',
    { user: userId, group: group.getUniqueValue() },
    'add the agent to group "' + settings.groupName + '"'
  );
  ensureRow(
    'sys_user_has_role',
    { user: userId, role: role.getUniqueValue() },
    'grant the awa_agent role'
  );
  ensureCapacity(userId);
  setAvailable(userId);
  report(userId);
})({
  // The user who will take the chats (sys_user.user_name).
  agentUserName: 'abel.tuter',
  // The group in the Chat queue's assignment eligibility pool.
  groupName: 'Service Desk',
  // How many chats the agent may handle at once.
  chatCapacity: 3,
  // true: only print what would change. Set to false to apply.
  dryRun: true,
});
