import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCallback } from '../../../snow/src/callback/parse.js';
import {
  action,
  agentMessage,
  composite,
  conversationEnded,
  takeControl,
  transferAcknowledged,
  waitTimeSpinner,
} from '../support/callback-fixtures.js';
import { eventsOf, instanceUrl, issuesOf, parser } from '../support/parse-helpers.js';

const beth = {
  name: 'Beth Anglin',
  avatarUrl: `${instanceUrl}/ee4eebf30a0004d963b5c5ac0d734dc4.iix?t=small`,
};

describe('parseCallback: documented payloads', () => {
  it('maps an agent message with name and avatar, resolving the relative avatar against the instance', () => {
    assert.deepEqual(parseCallback(agentMessage(), { instanceUrl }), {
      clientSessionId: 'U94CSJLEN',
      requestId: 'f42f3550-5b44-4cde-aa52-9b6756b3131c',
      userId: 'U94CSJLEN',
      agentChat: true,
      events: [
        {
          type: 'message',
          text: 'Thank you for contacting support. I am looking into your question now and will be with you shortly.',
          fromAgent: true,
          agent: beth,
        },
      ],
    });
  });

  it('maps the transfer acknowledgement to a message from ServiceNow, not from an agent', () => {
    const callback = parser.parse(transferAcknowledged());
    assert.equal(callback.agentChat, true);
    assert.deepEqual(callback.events, [
      {
        type: 'message',
        text: 'Please stand by while I connect you to a live agent.',
        fromAgent: false,
      },
    ]);
  });

  it('ends the chat after the closing message when completed is true', () => {
    assert.deepEqual(parser.parse(conversationEnded()).events, [
      {
        type: 'message',
        text: 'The conversation has ended. If you need help again, type hi.',
        fromAgent: false,
      },
      { type: 'chatEnded', reason: 'completed' },
    ]);
  });

  it('rejects the documented examples as sent, with an empty clientSessionId', () => {
    assert.ok(issuesOf(transferAcknowledged('')).some((i) => i.startsWith('/clientSessionId ')));
    assert.ok(issuesOf(conversationEnded('')).some((i) => i.startsWith('/clientSessionId ')));
  });

  it('maps the wait-time spinner', () => {
    assert.deepEqual(eventsOf([waitTimeSpinner()]), [
      { type: 'waitTime', message: 'Routing you to a live agent...', waitTime: '8 Seconds' },
    ]);
  });

  it('maps take control: the message, the yes/no choice, then the end', () => {
    assert.deepEqual(parser.parse(takeControl()).events, [
      { type: 'message', text: "Sorry, I didn't get that.", fromAgent: false },
      {
        type: 'choices',
        control: 'boolean',
        prompt: 'Choose a value',
        options: [
          { label: 'Yes', value: 'Yes' },
          { label: 'No', value: 'No' },
        ],
        multiSelect: false,
        required: true,
      },
      { type: 'chatEnded', reason: 'takeControl' },
    ]);
  });

  it('keeps the order of a composite envelope and ends it exactly once, last', () => {
    assert.deepEqual(parser.parse(composite()).events, [
      { type: 'typing', active: true },
      { type: 'system', text: 'ended' },
      { type: 'message', text: 'I am new message', fromAgent: false },
      { type: 'agentJoined' },
      { type: 'chatEnded', reason: 'completed' },
    ]);
  });
});

describe('parseCallback: action messages', () => {
  it('takes the joining agent from any item of the envelope that has agent info', () => {
    const events = eventsOf([
      action('SwitchToLiveAgent'),
      action('System', { message: 'Beth Anglin has entered the chat.' }),
      {
        uiType: 'OutputText',
        value: 'Hi, Beth here.',
        agentInfo: { sentFromAgent: true, agentName: 'Beth Anglin', agentId: 'lp-1' },
        messageId: 'msg-1',
      },
    ]);
    const agent = { name: 'Beth Anglin', id: 'lp-1' };
    assert.deepEqual(events, [
      { type: 'agentJoined', agent },
      { type: 'system', text: 'Beth Anglin has entered the chat.' },
      { type: 'message', text: 'Hi, Beth here.', fromAgent: true, agent, messageId: 'msg-1' },
    ]);
  });

  it('maps the queue, both typing spellings, spinners and chat presence', () => {
    assert.deepEqual(
      eventsOf([
        action('SubscribeToSupportQueue'),
        action('StartTypingIndicator'),
        action('EndTypingIndicator'),
        action('StartTypingIndicatorActionMsg'),
        action('EndTypingIndicatorActionMsg'),
        action('StartSpinner', { spinnerType: 'processing' }),
        action('StartSpinner', { spinnerType: 'none' }),
        action('EndSpinner', { spinnerType: 'wait_time' }),
        action('EndSpinner'),
        action('SubscribeToChatPresence'),
      ]),
      [
        { type: 'queued' },
        { type: 'typing', active: true },
        { type: 'typing', active: false },
        { type: 'typing', active: true },
        { type: 'typing', active: false },
        { type: 'spinner', active: true, spinnerType: 'processing' },
        { type: 'spinner', active: true, spinnerType: 'none' },
        { type: 'spinner', active: false, spinnerType: 'wait_time' },
        { type: 'spinner', active: false },
        { type: 'liveChatStarted' },
      ],
    );
  });

  it('maps every other documented action: sub-headers, progress, conversations, topic ends', () => {
    assert.deepEqual(
      eventsOf([
        action('ChatSubHeader', { message: 'Autopilot started' }),
        action('DynamicLoader', {
          header: 'Working on it',
          progressMessages: ['Searching the knowledge base', { message: 'Reading 3 articles' }, 7],
          parentMessageId: 'a1b2',
          shouldUpdateParentMessage: true,
        }),
        action('StartConversation', { conversationId: 'c-1' }),
        action('CreateConversation', {
          conversationId: 'c-2',
          interactionId: 'i-2',
          messageId: 'm-2',
        }),
        action('SwitchConversation'),
        action('TopicFinished'),
        action('Separator'),
      ]),
      [
        { type: 'subHeader', text: 'Autopilot started' },
        {
          type: 'progress',
          header: 'Working on it',
          messages: ['Searching the knowledge base', 'Reading 3 articles'],
          parentMessageId: 'a1b2',
        },
        { type: 'conversation', change: 'started', conversationId: 'c-1' },
        {
          type: 'conversation',
          change: 'created',
          conversationId: 'c-2',
          interactionId: 'i-2',
          messageId: 'm-2',
        },
        { type: 'conversation', change: 'switched' },
        { type: 'topicBoundary', actionType: 'TopicFinished' },
        { type: 'topicBoundary', actionType: 'Separator' },
      ],
    );
  });

  it('ends the chat when ServiceNow switches back to the virtual agent, after the other events', () => {
    assert.deepEqual(
      eventsOf([
        action('System', { message: 'Beth Anglin has closed the support session.' }),
        action('SwitchToVirtualAgent'),
        { uiType: 'OutputText', value: 'Is there anything else?' },
      ]),
      [
        { type: 'system', text: 'Beth Anglin has closed the support session.' },
        { type: 'message', text: 'Is there anything else?', fromAgent: false },
        { type: 'chatEnded', reason: 'switchedToVirtualAgent' },
      ],
    );
  });

  it('emits a single chatEnded when several end signals arrive together', () => {
    const events = eventsOf([action('SwitchToVirtualAgent'), action('SwitchToVirtualAgent')], {
      completed: true,
      takeControl: true,
    });
    assert.deepEqual(events, [{ type: 'chatEnded', reason: 'completed' }]);
  });

  it('never infers the end from English text', () => {
    const events = eventsOf([
      action('System', { message: 'Beth Anglin has closed the support session.' }),
    ]);
    assert.deepEqual(events, [
      { type: 'system', text: 'Beth Anglin has closed the support session.' },
    ]);
  });

  it('keeps action messages it does not know as unsupported events', () => {
    assert.deepEqual(
      eventsOf([action('SomethingNewer', { message: 'Shown as is' }), action('constructor')]),
      [
        {
          type: 'unsupported',
          uiType: 'ActionMsg',
          actionType: 'SomethingNewer',
          text: 'Shown as is',
        },
        { type: 'unsupported', uiType: 'ActionMsg', actionType: 'constructor' },
      ],
    );
  });
});
