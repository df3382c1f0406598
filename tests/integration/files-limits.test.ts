// Every limit and failure of employee files, over real HTTP: the employee is told which file did
// not go and why (in their language), the text of the same message still goes, and a file
// ServiceNow cannot take now waits in the outbox, in order, until it can.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { de } from '../../dialogs/locales/de.js';
import { texts } from '../../dialogs/texts.js';
import type { Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { attachButtonFile, pastedImage, png, startFilesHarness } from '../support/files.js';
import { connectedChat, type LiveChat } from '../support/live-chat.js';

describe('limits and failures of employee files', () => {
  let harness: Harness;
  let clock = 0;
  before(async () => {
    harness = await startFilesHarness(
      { FILES_MAX_MB: '0.01', FILES_MAX_PER_MESSAGE: '2' },
      {},
      { now: () => Date.now() + clock },
    );
  });
  after(async () => {
    await harness.close();
  });

  const seen = (sessionId: string) => harness.simulator.conversation(sessionId)?.userMessages ?? [];

  /** Sends text with files; waits for the text at the agent and the notice naming `name`. */
  async function sendAndExpectNotice(
    chat: LiveChat,
    text: string,
    attachments: unknown[],
    name: string,
    fragment: string,
  ) {
    const before = chat.user.received.length;
    await chat.user.post({ type: 'message', text, attachments });
    const notice = await chat.user.waitFor(
      `the notice about ${name}`,
      (t) => t.includes(name) && t.includes(fragment),
      before,
    );
    await harness.simulator.waitFor(() => seen(chat.sessionId).find((m) => m.text === text), {
      what: 'the text at the agent',
    });
    return notice;
  }

  it('tells the employee a file is over the size limit and still sends the text', async () => {
    const chat = await connectedChat(harness);
    const url = harness.connector.hostFile(Buffer.alloc(20 * 1024, 1));
    await sendAndExpectNotice(
      chat,
      'big one',
      [attachButtonFile('big.log', url, 'log')],
      'big.log',
      '10 KB',
    );
    assert.equal(seen(chat.sessionId).at(-1)?.attachments, undefined);
  });

  it('refuses a type that is not allowed, before downloading it', async () => {
    const chat = await connectedChat(harness);
    const url = harness.connector.hostFile(Buffer.from('MZ'));
    const requests = harness.connector.fileRequests.length;
    await sendAndExpectNotice(
      chat,
      'a tool',
      [attachButtonFile('tool.exe', url, 'exe')],
      'tool.exe',
      'type of file is not accepted',
    );
    assert.equal(harness.connector.fileRequests.length, requests, 'nothing was downloaded');
  });

  it('names each file over the per-message limit and sends the others', async () => {
    const chat = await connectedChat(harness);
    const files = ['one.txt', 'two.txt', 'three.txt'].map((n) =>
      attachButtonFile(n, harness.connector.hostFile(Buffer.from(n)), 'txt'),
    );
    await sendAndExpectNotice(chat, 'three files', files, 'three.txt', 'at most 2 files');
    assert.deepEqual(
      seen(chat.sessionId)
        .at(-1)
        ?.attachments?.map((a) => a.fileName),
      ['one.txt', 'two.txt'],
    );
  });

  it('says so when Teams no longer gives the file (an expired link)', async () => {
    const chat = await connectedChat(harness);
    const url = harness.connector.hostFile(Buffer.from('gone'));
    harness.connector.expireFile(url, 403);
    await sendAndExpectNotice(
      chat,
      'expired',
      [attachButtonFile('gone.txt', url, 'txt')],
      'gone.txt',
      "couldn't get it",
    );
  });

  it('never fetches a file from a host Teams does not use', async () => {
    const chat = await connectedChat(harness);
    const file = attachButtonFile('x.txt', 'https://files.example.invalid/x.txt', 'txt');
    await sendAndExpectNotice(chat, 'elsewhere', [file], 'x.txt', "couldn't get it");
    assert.ok(!harness.logs.some((l) => l.includes('files.example.invalid')), 'not even logged');
  });

  it('refuses an "image" whose bytes are not an image', async () => {
    const chat = await connectedChat(harness);
    const url = harness.connector.hostInlineImage(Buffer.from('<script>alert(1)</script>'));
    await sendAndExpectNotice(
      chat,
      'fake image',
      pastedImage(url),
      'image-1.png',
      'does not match',
    );
  });

  it('tells the employee, in German, that ServiceNow refused a file', async () => {
    const chat = await connectedChat(harness);
    chat.user.locale = 'de-DE';
    harness.simulator.injectFault('media', { status: 400 });
    const url = harness.connector.hostFile(png(1024));
    const notice = await sendAndExpectNotice(
      chat,
      'abgelehnt',
      [attachButtonFile('bild.png', url, 'png')],
      'bild.png',
      'Service-Desk',
    );
    assert.equal(notice.activity.text, de.fileRefused?.('**bild.png**'));
  });

  it('keeps a file in the outbox while ServiceNow is down, in order, and sends it once it is back', async () => {
    const chat = await connectedChat(harness);
    // The turn's upload, and the outbox's first tries, find ServiceNow down.
    harness.simulator.injectFault('media', { status: 503, times: 3 });
    const url = harness.connector.hostFile(Buffer.from('kept log'));
    await chat.user.post({
      type: 'message',
      text: 'kept-1',
      attachments: [attachButtonFile('kept.log', url, 'log')],
    });
    await chat.user.say('kept-2');
    await chat.user.waitFor('the outage notice', (t) => t === texts.messagesDelayed);
    const stored = await harness.store.sessions.get(chat.sessionId);
    const waiting = stored?.value.outbox?.items.map((i) => i.payload);
    assert.equal(waiting?.length, 2, 'both messages wait');
    assert.equal(JSON.stringify(waiting).includes('kept log'), false, 'no bytes are stored');
    assert.deepEqual(seen(chat.sessionId), []);
    await waitFor(async () => {
      clock += 10_000;
      await harness.app.sweep();
      return seen(chat.sessionId).length >= 2;
    }, 'both messages at the agent');
    assert.deepEqual(
      seen(chat.sessionId).map((m) => [m.text, m.attachments?.map((a) => a.fileName)]),
      [
        ['kept-1', ['kept.log']],
        ['kept-2', undefined],
      ],
    );
  });
});
