// Contract: every documented Virtual Agent API control parses into its typed event, and a control
// that breaks its documented shape becomes an unsupported event instead of failing the callback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SnowEvent } from '../../../snow/src/events.js';
import { controls, instance } from '../support/control-fixtures.js';
import { envelope } from '../support/callback-fixtures.js';
import { eventsOf, parser } from '../support/parse-helpers.js';

const one = (item: Record<string, unknown>): SnowEvent | undefined => eventsOf([item])[0];
const kb = (n: string) =>
  `${instance}/va_link.do?token=t0k3n&target_url=${encodeURIComponent(`https://kb.example.com/${n}`)}`;

describe('parseCallback: output controls', () => {
  it('keeps OutputText markdown as sent', () => {
    assert.deepEqual(one(controls.outputText()), {
      type: 'message',
      text: '**Restart** the VPN client, then [check the status](https://status.example.com).',
      fromAgent: false,
    });
  });

  it('passes OutputHtml through raw, with its image rendering and links made absolute', () => {
    assert.deepEqual(one(controls.outputHtml()), {
      type: 'html',
      html: '<table><tr><th>Site</th></tr><tr><td><a href="https://a.example.com">A</a></td></tr></table>',
      imageUrl: `${instance}/api/now/v1/cs/media/abc123`,
      links: [{ url: 'https://a.example.com/', label: 'A' }],
    });
  });

  it('maps OutputImage to an image with its alt text', () => {
    assert.deepEqual(one(controls.outputImage()), {
      type: 'image',
      url: 'https://cdn.example.com/vpn-diagram.png',
      altText: 'VPN diagram',
    });
  });

  it('maps OutputLink to a link with label and header', () => {
    assert.deepEqual(one(controls.outputLink()), {
      type: 'link',
      url: kb('vpn'),
      label: 'VPN guide',
      header: 'Read this first',
    });
  });

  it('maps GroupedPartsOutputControl to a list of links', () => {
    assert.deepEqual(one(controls.multiLink()), {
      type: 'links',
      header: 'Related articles',
      links: [
        { url: kb('1'), label: 'Article 1', description: 'Reset your token', context: 'KB' },
        { url: kb('2'), label: 'Article 2' },
      ],
    });
  });

  it('parses the JSON string of an OutputCard into its data', () => {
    const record = one(controls.recordCard());
    assert.equal(record?.type, 'card');
    assert.equal(record.templateName, 'Card');
    assert.equal(record.data.subtitle, 'INC0010042');
    assert.deepEqual(record.data.fields, [
      { fieldLabel: 'Short description', fieldValue: 'VPN drops' },
    ]);
    assert.deepEqual(one(controls.imageCard()), {
      type: 'card',
      templateName: 'Large image with text',
      data: {
        image: 'https://cdn.example.com/a.png',
        description: 'A',
        title: 'Large',
        imageAlt: 'alt',
        url: '',
        target: '_blank',
      },
    });
  });

  it('takes card data already sent as an object', () => {
    const card = { ...controls.imageCard(), data: { title: 'Parsed' } };
    assert.deepEqual(one(card), {
      type: 'card',
      templateName: 'Large image with text',
      data: { title: 'Parsed' },
    });
  });

  it('maps MultiPartOutput to its label and the events of its content', () => {
    assert.deepEqual(one(controls.multiPart()), {
      type: 'multipart',
      navigationLabel: 'Click for more',
      content: [{ type: 'message', text: 'Part one of the answer', fromAgent: false }],
    });
  });

  it('maps OutputTable to headers and rows of text', () => {
    assert.deepEqual(one(controls.table()), {
      type: 'table',
      headers: ['Number', 'State', 'Priority'],
      rows: [
        ['INC0010042', 'In Progress', '2'],
        ['INC0010043', '', 'true'],
      ],
    });
  });
});

describe('parseCallback: input controls', () => {
  it('maps Picker, carousel, TopicPickerControl and Boolean to choices', () => {
    assert.deepEqual(one(controls.picker()), {
      type: 'choices',
      control: 'picker',
      prompt: 'Which device?',
      options: [
        { label: 'Laptop', value: 'laptop' },
        { label: 'Phone', value: 'phone' },
      ],
      multiSelect: false,
      required: true,
      style: 'list',
    });
    assert.deepEqual(one(controls.carousel()), {
      type: 'choices',
      control: 'picker',
      prompt: 'Pick a model',
      options: [
        {
          label: 'Model A',
          value: 'model_a',
          description: 'The light one',
          imageUrl: `${instance}/sys_attachment.do?sys_id=aaa`,
        },
      ],
      multiSelect: false,
      required: true,
      style: 'carousel',
    });
    assert.deepEqual(one(controls.topicPicker()), {
      type: 'choices',
      control: 'topics',
      prompt: 'Please select a topic',
      options: [{ label: 'Password Reset', value: '2f5a1d2c53130010cf8cddeeff7b1242' }],
      multiSelect: false,
      required: false,
    });
    assert.deepEqual(one(controls.booleanControl()), {
      type: 'choices',
      control: 'boolean',
      prompt: 'Did that help?',
      options: [
        { label: 'Yes', value: 'yes' },
        { label: 'No', value: 'no' },
      ],
      multiSelect: false,
      required: true,
    });
  });

  it('offers Yes and No when a Boolean comes without options, and reads multiSelect as a string', () => {
    const bare = { uiType: 'Boolean', group: 'DefaultPicker', label: 'Sure?' };
    assert.deepEqual(one(bare), {
      type: 'choices',
      control: 'boolean',
      prompt: 'Sure?',
      options: [
        { label: 'Yes', value: 'Yes' },
        { label: 'No', value: 'No' },
      ],
      multiSelect: false,
      required: false,
    });
    const multi = one({ ...controls.picker(), multiSelect: 'true', required: 'false' });
    assert.ok(multi?.type === 'choices' && multi.multiSelect && !multi.required);
  });

  it('maps InputText, Date, Time and DateTime to input requests', () => {
    assert.deepEqual(
      eventsOf([
        controls.inputText(),
        { ...controls.inputText(), maskType: 'SECURE', label: 'Password' },
        controls.date(),
        controls.time(),
        controls.dateTime(),
      ]),
      [
        {
          type: 'inputRequest',
          kind: 'text',
          label: 'Your employee number',
          required: true,
          masked: false,
        },
        { type: 'inputRequest', kind: 'text', label: 'Password', required: true, masked: true },
        { type: 'inputRequest', kind: 'date', label: 'Since when?', required: true, masked: false },
        {
          type: 'inputRequest',
          kind: 'time',
          label: 'At what time?',
          required: false,
          masked: false,
        },
        { type: 'inputRequest', kind: 'dateTime', label: 'When?', required: true, masked: false },
      ],
    );
  });

  it('maps FileUpload, and OutputText with itemType file, to a file request', () => {
    assert.deepEqual(one(controls.fileUpload()), {
      type: 'inputRequest',
      kind: 'file',
      label: 'Attach a screenshot',
      required: true,
      masked: false,
      fileKind: 'image',
      maxFiles: 2,
      maxSizeMb: 10,
    });
    assert.deepEqual(one({ uiType: 'OutputText', itemType: 'file', label: 'Upload the log' }), {
      type: 'inputRequest',
      kind: 'file',
      label: 'Upload the log',
      required: false,
      masked: false,
      fileKind: 'file',
    });
  });
});

describe('parseCallback: malformed controls', () => {
  it('turns an OutputCard whose data is not JSON into an unsupported event, and carries on', () => {
    const callback = parser.parse(
      envelope([
        { ...controls.recordCard(), data: '{"title": "Incident", broken' },
        { uiType: 'OutputText', value: 'still delivered' },
      ]),
    );
    assert.deepEqual(callback.events, [
      { type: 'unsupported', uiType: 'OutputCard', text: 'Card' },
      { type: 'message', text: 'still delivered', fromAgent: false },
    ]);
  });

  it('drops links that are not http(s), and a link control left with none', () => {
    const hostile = { ...controls.outputLink(), value: { action: 'javascript:alert(1)' } };
    assert.deepEqual(one(hostile), {
      type: 'unsupported',
      uiType: 'OutputLink',
      text: 'VPN guide',
    });
    const mixed = {
      ...controls.multiLink(),
      values: [
        { action: 'javascript:x()', label: 'bad' },
        { action: '/kb?id=1', label: 'good' },
      ],
    };
    assert.deepEqual(one(mixed), {
      type: 'links',
      header: 'Related articles',
      links: [{ url: `${instance}/kb?id=1`, label: 'good' }],
    });
  });

  it('refuses a multi-part output nested in another, however deep', () => {
    let item: Record<string, unknown> = { uiType: 'OutputText', value: 'deep' };
    for (let i = 0; i < 20_000; i++) item = { uiType: 'MultiPartOutput', content: item };
    const callback = parser.parse(envelope([item]));
    assert.deepEqual(callback.events, [
      { type: 'multipart', content: [{ type: 'unsupported', uiType: 'MultiPartOutput' }] },
    ]);
    assert.deepEqual(callback.issues, [
      '/body/0/content nests a MultiPartOutput in MultiPartOutput',
    ]);
  });

  it('reports controls missing what they are for, without their contents', () => {
    const callback = parser.parse(
      envelope([
        { uiType: 'Picker', label: 'secret-label-1' },
        { uiType: 'OutputTable', headers: ['a'], data: [[{ nested: 'secret-cell' }]] },
        { uiType: 'MultiPartOutput', content: { uiType: 'OutputImage' } },
      ]),
    );
    assert.deepEqual(
      callback.events.map((e) => e.type),
      ['unsupported', 'unsupported', 'multipart'],
    );
    const issues = callback.issues ?? [];
    assert.ok(issues.includes("/body/0 must have required property 'options'"), issues.join('\n'));
    assert.ok(issues.some((i) => i.startsWith('/body/1/data/0/0 ')));
    assert.ok(issues.includes("/body/2/content must have required property 'value'"));
    assert.ok(!issues.some((i) => i.includes('secret')));
  });
});
