import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SnowEvent } from '@live-agent/snow';
import type { Activity } from 'botbuilder';
import {
  renderEvents,
  waitNoticesAfter,
  WAIT_NOTICE_INTERVAL_MS,
  WAIT_NOTICE_LIMIT,
} from '../../../bot/live-chat/render.js';
import { jsonBytes, MAX_TEXT_BYTES } from '../../../bot/live-chat/split-text.js';
import { texts } from '../../../dialogs/texts.js';
import { elementsOfType } from '../../dialogs/support/cards.js';

interface Card {
  body: unknown[];
  actions: { type: string; title: string; data?: Record<string, string>; url?: string }[];
}

function cardOf(activity: Partial<Activity> | undefined): Card {
  const content = activity?.attachments?.[0]?.content as Card | undefined;
  assert.ok(content, 'expected a card');
  return JSON.parse(JSON.stringify(content)) as Card;
}

const render = (events: SnowEvent[], context = {}) => renderEvents(events, context);

describe('renderEvents', () => {
  it("shows an agent's message with the agent's name", () => {
    const [activity] = render([
      { type: 'message', text: 'Hello!', fromAgent: true, agent: { name: 'Beth Anglin' } },
    ]);
    assert.equal(activity?.text, '**Beth Anglin:** Hello!');
  });

  it('falls back to the name already known for the session', () => {
    const [activity] = render([{ type: 'message', text: 'Still there?', fromAgent: true }], {
      agentName: 'Jordan Taylor',
    });
    assert.equal(activity?.text, '**Jordan Taylor:** Still there?');
  });

  it('keeps a hostile agent name from being read as markdown', () => {
    const [activity] = render([
      { type: 'message', text: 'hi', fromAgent: true, agent: { name: '*[click](http://x)*' } },
    ]);
    assert.equal(activity?.text, '**\\*\\[click\\]\\(http://x\\)\\*:** hi');
  });

  it("shows ServiceNow's own messages as they are", () => {
    const text = 'Please stand by while I connect you to a live agent.';
    const [activity] = render([{ type: 'message', text, fromAgent: false }]);
    assert.equal(activity?.text, text);
  });

  it('shows the agent joining as a card with name, picture and End chat', () => {
    const out = render([
      {
        type: 'agentJoined',
        agent: { name: 'Beth Anglin', avatarUrl: 'https://acme.service-now.com/beth.iix' },
      },
      { type: 'system', text: 'Beth Anglin has entered the chat.' },
    ]);
    assert.equal(out.length, 1, 'the System notice repeats the card and is left out');
    const card = cardOf(out[0]);
    assert.ok(JSON.stringify(card.body).includes(texts.agentJoined('Beth Anglin')));
    const [image] = elementsOfType(card, 'Image') as { url: string; style: string }[];
    assert.equal(image?.url, 'https://acme.service-now.com/beth.iix');
    assert.equal(image.style, 'person');
    assert.deepEqual(
      card.actions.map((a) => a.data?.action),
      ['endChat'],
    );
  });

  it('leaves out an avatar that is not an http(s) URL', () => {
    const out = render([
      { type: 'agentJoined', agent: { name: 'Eve', avatarUrl: 'javascript:alert(1)' } },
    ]);
    assert.deepEqual(elementsOfType(cardOf(out[0]), 'Image'), []);
  });

  it('shows ServiceNow notices in italics when no card says the same', () => {
    const [activity] = render([{ type: 'system', text: 'Beth has closed the support session' }]);
    assert.equal(activity?.text, '_Beth has closed the support session_');
  });

  it('turns agent typing into a Teams typing indicator and ignores its end', () => {
    const out = render([
      { type: 'typing', active: true },
      { type: 'typing', active: false },
    ]);
    assert.deepEqual(
      out.map((a) => a.type),
      ['typing'],
    );
  });

  it('tells the user when the session ends, after everything else', () => {
    const out = render([
      { type: 'message', text: 'Bye now', fromAgent: true, agent: { name: 'A' } },
      { type: 'chatEnded', reason: 'completed' },
    ]);
    assert.equal(out.at(-1)?.text, texts.sessionEnded);
  });

  it('shows the wait time on a connecting card and drops silent events', () => {
    const out = render([
      { type: 'queued' },
      { type: 'spinner', active: false },
      { type: 'waitTime', message: 'Routing you to a live agent...', waitTime: '8 Seconds' },
      { type: 'message', text: '   ', fromAgent: true },
      { type: 'unsupported', uiType: 'CustomControl' },
    ]);
    assert.equal(out.length, 1);
    const card = JSON.stringify(cardOf(out[0]));
    assert.ok(card.includes('Routing you to a live agent...'));
    assert.ok(card.includes('Estimated wait: 8 Seconds.'));
    assert.ok(card.includes('endChat'));
  });

  it('caps wait-time notices per session by number and spacing', () => {
    const wait: SnowEvent = { type: 'waitTime', waitTime: '1 Minute' };
    const now = new Date('2026-03-02T10:00:00Z');
    const first = waitNoticesAfter([wait, wait], { now });
    assert.deepEqual(first, { count: 1, lastAt: now.toISOString() });
    assert.equal(render([wait, wait], { now }).length, 1, 'one per callback');
    const soon = new Date(now.getTime() + WAIT_NOTICE_INTERVAL_MS - 1);
    assert.deepEqual(render([wait], { now: soon, waitNotices: first }), []);
    assert.equal(waitNoticesAfter([wait], { now: soon, waitNotices: first }), undefined);
    const later = new Date(now.getTime() + WAIT_NOTICE_INTERVAL_MS);
    assert.equal(render([wait], { now: later, waitNotices: first }).length, 1);
    const full = { count: WAIT_NOTICE_LIMIT, lastAt: now.toISOString() };
    assert.deepEqual(render([wait], { now: new Date('2027-01-01'), waitNotices: full }), []);
  });

  it('speaks the user’s language', () => {
    const out = render(
      [
        { type: 'agentJoined', agent: { name: 'Beth' } },
        { type: 'chatEnded', reason: 'completed' },
      ],
      { locale: 'de-DE' },
    );
    assert.ok(JSON.stringify(cardOf(out[0])).includes('Beth ist dem Chat beigetreten.'));
    assert.equal(out[1]?.text, 'Ihre Sitzung mit dem Mitarbeiter wurde beendet.');
  });

  it('splits a long agent message within Teams limits, at paragraph boundaries', () => {
    const paragraph = 'word '.repeat(2000).trim();
    const text = Array.from({ length: 8 }, () => paragraph).join('\n\n');
    const out = render([{ type: 'message', text, fromAgent: true, agent: { name: 'A' } }]);
    assert.ok(out.length > 1);
    for (const activity of out) {
      assert.ok(jsonBytes(activity.text ?? '') <= MAX_TEXT_BYTES);
      assert.ok(jsonBytes(JSON.stringify(activity)) < 28 * 1024);
    }
    assert.ok(out[0]?.text?.startsWith('**A:** word'));
    assert.equal(
      out
        .map((a) => a.text)
        .join('')
        .replace(/\s/g, ''),
      `**A:**${text}`.replace(/\s/g, ''),
    );
  });
});

describe('renderEvents with rich content', () => {
  it('shows links as markdown, with only http(s) targets', () => {
    const [link, list] = render([
      { type: 'link', url: 'https://kb.example/a(1)', label: 'Reset [VPN]', header: 'See' },
      {
        type: 'links',
        header: 'Articles',
        links: [
          { url: 'https://kb.example/1', label: 'One', context: 'KB', description: 'first' },
          { url: 'javascript:alert(1)', label: 'Evil' },
        ],
      },
    ]);
    assert.equal(link?.text, '**See**\n\n[Reset \\[VPN\\]](https://kb.example/a%281%29)');
    assert.equal(list?.text, '**Articles**\n\n- [One](https://kb.example/1) — KB: first\n- Evil');
  });

  it('shows an image as a card with its alternative text', () => {
    const [activity] = render([{ type: 'image', url: 'https://img.example/a.png' }]);
    const [image] = elementsOfType(cardOf(activity), 'Image') as { url: string; altText: string }[];
    assert.deepEqual([image?.url, image?.altText], ['https://img.example/a.png', texts.agentImage]);
  });

  it('offers picker options as buttons that send their value back', () => {
    const [activity] = render([
      {
        type: 'choices',
        control: 'boolean',
        prompt: 'Did that help?',
        options: [
          { label: 'Yes', value: 'yes_value' },
          { label: 'No', value: 'No' },
        ],
        multiSelect: false,
        required: true,
      },
    ]);
    const card = cardOf(activity);
    assert.ok(JSON.stringify(card.body).includes('Did that help?'));
    assert.deepEqual(
      card.actions.map((a) => [a.title, a.data]),
      [
        [
          'Yes',
          { action: 'pickOption', value: 'yes_value', label: 'Yes', prompt: 'Did that help?' },
        ],
        ['No', { action: 'pickOption', value: 'No', label: 'No', prompt: 'Did that help?' }],
      ],
    );
  });

  it('offers a long picker as a drop-down with one button', () => {
    const options = Array.from({ length: 9 }, (_, i) => ({ label: `Topic ${i}`, value: `t${i}` }));
    const [activity] = render([
      { type: 'choices', control: 'topics', options, multiSelect: false, required: true },
    ]);
    const card = cardOf(activity);
    const [choiceSet] = elementsOfType(card, 'Input.ChoiceSet') as {
      id: string;
      choices: unknown[];
    }[];
    assert.equal(choiceSet?.id, 'value');
    assert.equal(choiceSet.choices.length, 9);
    assert.equal(card.actions.length, 1);
    assert.equal(card.actions[0]?.data?.action, 'pickOption');
  });

  it('shows an OutputCard as an Adaptive Card with its fields and link', () => {
    const [activity] = render([
      {
        type: 'card',
        templateName: 'Card',
        data: {
          title: 'INC0010001',
          subtitle: 'VPN *down*',
          fields: [{ fieldLabel: 'State', fieldValue: 'In progress' }],
          url: 'https://acme.service-now.com/inc',
        },
      },
    ]);
    const card = cardOf(activity);
    const text = JSON.stringify(card.body);
    assert.ok(text.includes('INC0010001'));
    assert.ok(text.includes('VPN \\\\*down\\\\*'));
    assert.deepEqual(elementsOfType(card, 'FactSet'), [
      { type: 'FactSet', facts: [{ title: 'State', value: 'In progress' }] },
    ]);
    assert.deepEqual(card.actions, [
      { type: 'Action.OpenUrl', title: texts.openLink, url: 'https://acme.service-now.com/inc' },
    ]);
  });

  it('drops OutputCard links and images that are not http(s)', () => {
    const [activity] = render([
      {
        type: 'card',
        templateName: 'Card',
        data: { title: 'x', url: 'javascript:x', image: 'data:y' },
      },
    ]);
    const card = cardOf(activity);
    assert.deepEqual(card.actions, []);
    assert.deepEqual(elementsOfType(card, 'Image'), []);
  });

  it('shows a table as an Adaptive Card table with a header row', () => {
    const [activity] = render([
      { type: 'table', headers: ['Number', 'State'], rows: [['INC1', 'New'], ['INC2']] },
    ]);
    const [table] = elementsOfType(cardOf(activity), 'Table') as {
      firstRowAsHeader: boolean;
      rows: { cells: unknown[] }[];
    }[];
    assert.equal(table?.firstRowAsHeader, true);
    assert.deepEqual(
      table.rows.map((r) => r.cells.length),
      [2, 2, 2],
    );
  });

  it('converts HTML to markdown safely', () => {
    const [activity] = render([
      {
        type: 'html',
        html:
          '<p>Try <b>this</b>: <a href="https://kb.example/x">guide</a> ' +
          '<a href="javascript:alert(1)">bad</a></p><script>alert(1)</script>' +
          '<iframe src="https://evil.example"></iframe><style>p{}</style>' +
          '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>',
      },
    ]);
    assert.equal(
      activity?.text,
      'Try **this**: [guide](https://kb.example/x) bad\n\n**A** | **B**\n1 | 2',
    );
  });

  it('shows the parts of a multi-part answer and a button for the next part', () => {
    const out = render([
      {
        type: 'multipart',
        navigationLabel: 'Show more',
        content: [{ type: 'message', text: 'Part one', fromAgent: false }],
      },
    ]);
    assert.equal(out[0]?.text, 'Part one');
    assert.deepEqual(cardOf(out[1]).actions[0]?.data, {
      action: 'pickOption',
      value: 'click_for_more',
      label: 'Show more',
    });
  });

  it('asks for input in words, warning about secrets and saying how to attach a file', () => {
    const out = render([
      { type: 'inputRequest', kind: 'text', label: 'Your password', required: true, masked: true },
      { type: 'inputRequest', kind: 'file', required: false, masked: false },
    ]);
    assert.equal(out[0]?.text, `Your password\n\n${texts.secretWarning}`);
    assert.equal(out[1]?.text, texts.fileRequested);
  });
});
