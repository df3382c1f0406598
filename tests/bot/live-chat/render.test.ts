import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderEvents } from '../../../bot/live-chat/render.js';
import { texts } from '../../../dialogs/texts.js';

describe('renderEvents', () => {
  it("shows an agent's message with the agent's name", () => {
    const [activity] = renderEvents(
      [{ type: 'message', text: 'Hello!', fromAgent: true, agent: { name: 'Beth Anglin' } }],
      {},
    );
    assert.equal(activity?.text, '**Beth Anglin:** Hello!');
  });

  it('falls back to the name already known for the session', () => {
    const [activity] = renderEvents([{ type: 'message', text: 'Still there?', fromAgent: true }], {
      agentName: 'Jordan Taylor',
    });
    assert.equal(activity?.text, '**Jordan Taylor:** Still there?');
  });

  it('keeps a hostile agent name from being read as markdown', () => {
    const [activity] = renderEvents(
      [{ type: 'message', text: 'hi', fromAgent: true, agent: { name: '*[click](http://x)*' } }],
      {},
    );
    assert.equal(activity?.text, '**\\*\\[click\\](http://x)\\*:** hi');
  });

  it("shows ServiceNow's own messages as they are", () => {
    const [activity] = renderEvents(
      [
        {
          type: 'message',
          text: 'Please stand by while I connect you to a live agent.',
          fromAgent: false,
        },
      ],
      {},
    );
    assert.equal(activity?.text, 'Please stand by while I connect you to a live agent.');
  });

  it('announces the agent once when ServiceNow already sent a notice', () => {
    const withNotice = renderEvents(
      [
        { type: 'agentJoined', agent: { name: 'Beth Anglin' } },
        { type: 'system', text: 'Beth Anglin has entered the chat.' },
      ],
      {},
    );
    assert.deepEqual(
      withNotice.map((a) => a.text),
      ['_Beth Anglin has entered the chat._'],
    );
    const withoutNotice = renderEvents(
      [{ type: 'agentJoined', agent: { name: 'Beth Anglin' } }],
      {},
    );
    assert.deepEqual(
      withoutNotice.map((a) => a.text),
      [texts.agentJoined('Beth Anglin')],
    );
  });

  it('turns agent typing into a Teams typing indicator and ignores its end', () => {
    const out = renderEvents(
      [
        { type: 'typing', active: true },
        { type: 'typing', active: false },
      ],
      {},
    );
    assert.deepEqual(
      out.map((a) => a.type),
      ['typing'],
    );
  });

  it('tells the user when the session ends, after everything else', () => {
    const out = renderEvents(
      [
        { type: 'message', text: 'Bye now', fromAgent: true, agent: { name: 'A' } },
        { type: 'chatEnded', reason: 'completed' },
      ],
      {},
    );
    assert.equal(out.at(-1)?.text, texts.sessionEnded);
  });

  it('shows the wait time and drops silent events', () => {
    const out = renderEvents(
      [
        { type: 'queued' },
        { type: 'waitTime', message: 'Routing you to a live agent...', waitTime: '8 Seconds' },
        { type: 'message', text: '   ', fromAgent: true },
        { type: 'unsupported', uiType: 'CustomControl' },
      ],
      {},
    );
    assert.deepEqual(
      out.map((a) => a.text),
      [texts.waitTime('Routing you to a live agent...', '8 Seconds')],
    );
  });
});
