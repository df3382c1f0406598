import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallbackParser } from '../../../snow/src/callback/parse.js';
import { SnowConfigError, type SnowCallbackError } from '../../../snow/src/errors.js';
import { envelope } from '../support/callback-fixtures.js';
import { eventsOf, instanceUrl, issuesOf, parser } from '../support/parse-helpers.js';

describe('parseCallback: lenient forms', () => {
  it('accepts booleans sent as strings', () => {
    const callback = parser.parse(
      envelope(
        [
          {
            uiType: 'OutputText',
            value: 'hi',
            agentInfo: { sentFromAgent: 'true', agentName: 'Beth' },
          },
        ],
        {
          agentChat: 'true',
          completed: 'false',
          takeControl: 'false',
        },
      ),
    );
    assert.equal(callback.agentChat, true);
    assert.deepEqual(callback.events, [
      { type: 'message', text: 'hi', fromAgent: true, agent: { name: 'Beth' } },
    ]);
  });

  it('accepts the score as a number or a string', () => {
    assert.equal(parser.parse(envelope([], { score: '0.92' })).clientSessionId, 'conv-1');
    assert.equal(parser.parse(envelope([], { score: 0 })).clientSessionId, 'conv-1');
  });

  it('accepts null where ServiceNow may leave an optional field empty', () => {
    const callback = parser.parse(
      envelope([{ uiType: 'OutputText', value: 'hi', agentInfo: null, messageId: null }], {
        requestId: null,
        userId: null,
        interactionId: null,
        score: null,
        message: null,
      }),
    );
    assert.deepEqual(callback, {
      clientSessionId: 'conv-1',
      agentChat: true,
      events: [{ type: 'message', text: 'hi', fromAgent: false }],
    });
  });

  it('rejects a score that is neither a number nor a string', () => {
    assert.deepEqual(issuesOf(envelope([], { score: { value: 1 } })), [
      '/score must be number,string,null',
    ]);
  });

  it('reads the text from label when value is absent', () => {
    assert.deepEqual(
      eventsOf([{ uiType: 'OutputText', itemType: 'outputtext', label: 'From the label' }]),
      [{ type: 'message', text: 'From the label', fromAgent: false }],
    );
  });

  it('keeps absolute avatars, and drops avatars that are not http(s)', () => {
    const avatar = (agentAvatar: string) =>
      eventsOf([
        { uiType: 'OutputText', value: 'x', agentInfo: { sentFromAgent: true, agentAvatar } },
      ])[0];
    assert.deepEqual(avatar('https://cdn.example.com/a.png'), {
      type: 'message',
      text: 'x',
      fromAgent: true,
      agent: { avatarUrl: 'https://cdn.example.com/a.png' },
    });
    assert.deepEqual(avatar('/ee4e.iix?t=small'), {
      type: 'message',
      text: 'x',
      fromAgent: true,
      agent: { avatarUrl: `${instanceUrl}/ee4e.iix?t=small` },
    });
    assert.deepEqual(avatar('javascript:alert(1)'), {
      type: 'message',
      text: 'x',
      fromAgent: true,
    });
  });

  it('reads the timestamp in seconds or milliseconds, as a number or a string', () => {
    const at = (timestamp: unknown) => parser.parse(envelope([], { timestamp })).timestamp;
    assert.equal(at(1588824102), 1588824102000);
    assert.equal(at(1588824102123), 1588824102123);
    assert.equal(at('1588824102'), 1588824102000);
    assert.equal(at(null), undefined);
    assert.equal(at('soon'), undefined);
  });

  it('accepts the echoed attachment as an object or as an array', () => {
    const file = { contentType: 'image/png', fileName: 'a.png', url: 'https://x.example.com/a' };
    for (const attachment of [file, [file, file], null]) {
      const message = { text: '', typed: 'true', attachment };
      assert.equal(parser.parse(envelope([], { message })).clientSessionId, 'conv-1');
    }
  });

  it('treats a missing body as no events', () => {
    const withoutBody = envelope([]);
    delete withoutBody.body;
    assert.deepEqual(parser.parse(withoutBody).events, []);
  });

  it('passes the interaction id through when ServiceNow sends one', () => {
    const id = '11112222333344445555666677778888';
    assert.equal(parser.parse(envelope([], { interactionId: id })).interactionId, id);
    assert.equal('interactionId' in parser.parse(envelope([])), false);
  });

  it('turns unknown uiTypes into unsupported events, keeping their caption', () => {
    assert.deepEqual(
      eventsOf([
        { uiType: 'SomethingNew' },
        { uiType: 'CustomControl', group: 'DefaultCustomControl', name: 'x', label: 'Custom' },
        { uiType: 'constructor', value: 'not a prototype lookup' },
      ]),
      [
        { type: 'unsupported', uiType: 'SomethingNew' },
        { type: 'unsupported', uiType: 'CustomControl', text: 'Custom' },
        { type: 'unsupported', uiType: 'constructor', text: 'not a prototype lookup' },
      ],
    );
  });
});

describe('parseCallback: invalid payloads', () => {
  it('rejects anything that is not an object', () => {
    for (const payload of [null, undefined, 'text', 42, [], true]) {
      assert.deepEqual(issuesOf(payload), ['/ must be object'], String(payload));
    }
  });

  it('requires a non-empty clientSessionId string', () => {
    const missing = envelope([]);
    delete missing.clientSessionId;
    assert.deepEqual(issuesOf(missing), ["/ must have required property 'clientSessionId'"]);
    assert.deepEqual(issuesOf(envelope([], { clientSessionId: '' })), [
      '/clientSessionId must NOT have fewer than 1 characters',
    ]);
    assert.deepEqual(issuesOf(envelope([], { clientSessionId: 7 })), [
      '/clientSessionId must be string',
    ]);
  });

  it('rejects a body that is not an array', () => {
    assert.deepEqual(issuesOf(envelope([], { body: { uiType: 'OutputText', value: 'x' } })), [
      '/body must be array',
    ]);
  });

  it('keeps the rest of a callback when some items are malformed, naming their paths', () => {
    const callback = parser.parse(
      envelope([
        { uiType: 'OutputText', value: 'fine' },
        { value: 'no uiType' },
        'not an object',
        { uiType: 'ActionMsg' },
        { uiType: 'OutputText' },
        { uiType: 'OutputImage', value: 42, altText: 'Diagram' },
      ]),
    );
    assert.deepEqual(callback.events, [
      { type: 'message', text: 'fine', fromAgent: false },
      { type: 'unsupported', uiType: 'ActionMsg' },
      { type: 'unsupported', uiType: 'OutputText' },
      { type: 'unsupported', uiType: 'OutputImage', text: 'Diagram' },
    ]);
    const issues = callback.issues ?? [];
    assert.ok(issues.includes('/body/1 is not an object with a uiType'), issues.join('\n'));
    assert.ok(issues.includes('/body/2 is not an object with a uiType'));
    assert.ok(issues.includes("/body/3 must have required property 'actionType'"));
    assert.ok(issues.some((i) => i.startsWith('/body/4 ')));
    assert.ok(issues.includes('/body/5/value must be string'));
    assert.ok(!issues.some((i) => i.startsWith('/body/0')));
  });

  it('reports no issues for a callback whose items all match', () => {
    assert.equal('issues' in parser.parse(envelope([{ uiType: 'OutputText', value: 'x' }])), false);
  });

  it('rejects flags that are neither booleans nor "true"/"false"', () => {
    assert.deepEqual(issuesOf(envelope([], { completed: 'yes' })), [
      '/completed must be equal to one of the allowed values',
    ]);
  });

  it('never puts payload contents into the error', () => {
    const error = (() => {
      try {
        parser.parse(
          envelope([{ uiType: 'ActionMsg', message: 'my password is hunter2' }], {
            completed: 'hunter2',
          }),
        );
      } catch (err) {
        return err as SnowCallbackError;
      }
      assert.fail('accepted');
    })();
    assert.ok(![error.message, ...error.issues].some((text) => text.includes('hunter2')));
  });

  it('keeps working after an invalid payload (no state carried between callbacks)', () => {
    issuesOf({ clientSessionId: '' });
    assert.equal(parser.parse(envelope([])).clientSessionId, 'conv-1');
  });

  it('refuses an instance URL that is not http(s)', () => {
    assert.throws(
      () => new CallbackParser({ instanceUrl: 'example.service-now.com' }),
      SnowConfigError,
    );
  });
});
