// Callback payloads from the reference's example section (ServiceNow docs and a public broker's
// test fixtures). Where the documentation's own example is unusable as sent (an empty
// clientSessionId, a missing comma) that is noted; each function returns a fresh object.

/** (1) Live agent transfer acknowledged. The docs send clientSessionId "", which we must reject. */
export function transferAcknowledged(clientSessionId = 'conv-1'): Record<string, unknown> {
  return {
    requestId: '322bas2be70-sadsa-we32-3eq2-1231ra9',
    clientSessionId,
    message: { text: 'Live Agent Support.', typed: true },
    userId: 'abel.tuter',
    body: [
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        value: 'Please stand by while I connect you to a live agent.',
      },
    ],
    agentChat: true,
    score: 1,
  };
}

/** (2) Agent message with agent info; the avatar is relative to the instance. */
export function agentMessage(): Record<string, unknown> {
  return {
    requestId: 'f42f3550-5b44-4cde-aa52-9b6756b3131c',
    clientSessionId: 'U94CSJLEN',
    message: { text: 'Live Agent support.', typed: true },
    userId: 'U94CSJLEN',
    body: [
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        agentInfo: {
          sentFromAgent: true,
          agentName: 'Beth Anglin',
          agentAvatar: 'ee4eebf30a0004d963b5c5ac0d734dc4.iix?t=small',
        },
        value:
          'Thank you for contacting support. I am looking into your question now and will be with you shortly.',
      },
    ],
    agentChat: true,
    score: 1,
  };
}

/** (3) Live agent conversation ended by END_CONVERSATION. The docs send clientSessionId "". */
export function conversationEnded(clientSessionId = 'conv-1'): Record<string, unknown> {
  return {
    requestId: 'sad-sjg554-qwe23-we23',
    clientSessionId,
    nowSessionId: '',
    message: { text: '', typed: true, clientMessageId: 'ABC-123' },
    userId: 'beth.anglin',
    body: [
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        value: 'The conversation has ended. If you need help again, type hi.',
        maskType: 'NONE',
      },
    ],
    completed: true,
    score: 1,
  };
}

/** (4) Queue wait spinner item. */
export function waitTimeSpinner(): Record<string, unknown> {
  return {
    uiType: 'ActionMsg',
    actionType: 'StartSpinner',
    spinnerType: 'wait_time',
    message: 'Routing you to a live agent...',
    waitTime: '8 Seconds',
  };
}

/** (5) Take control (the docs' JSON misses a comma after `message`; restored here). */
export function takeControl(): Record<string, unknown> {
  return {
    requestId: 'req-5',
    clientSessionId: 'conv-1',
    message: { text: 'invalid3', typed: true },
    body: [
      { uiType: 'OutputText', group: 'DefaultText', value: "Sorry, I didn't get that." },
      {
        uiType: 'Boolean',
        group: 'DefaultPicker',
        required: true,
        nluTextEnabled: false,
        label: 'Choose a value',
        options: [{ label: 'Yes' }, { label: 'No' }],
      },
    ],
    takeControl: true,
    score: 0,
  };
}

/** (6) A public broker's composite fixture: several events and the end in one envelope. */
export function composite(): Record<string, unknown> {
  return {
    requestId: 'req-123',
    clientSessionId: 'client-session-id-123',
    nowSessionId: 'now-session-id-123',
    message: { text: 'Test Message', typed: true, clientMessageId: 'client-message-id-123' },
    userId: 'user-123',
    body: [
      { actionType: 'StartTypingIndicator', uiType: 'ActionMsg' },
      { uiType: 'ActionMsg', actionType: 'System', message: 'ended' },
      { uiType: 'OutputText', group: 'DefaultText', value: 'I am new message' },
      { actionType: 'SwitchToLiveAgent', uiType: 'ActionMsg' },
    ],
    agentChat: true,
    completed: true,
    score: 1,
    clientVariables: { any: 'thing' },
  };
}

/** An envelope around the given body items. */
export function envelope(
  body: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    requestId: 'req-1',
    clientSessionId: 'conv-1',
    userId: 'aad-1',
    body,
    agentChat: true,
    score: 1,
    ...extra,
  };
}

export function action(
  actionType: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return { uiType: 'ActionMsg', actionType, ...fields };
}
