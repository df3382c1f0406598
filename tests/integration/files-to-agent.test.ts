// Employee → agent files over real HTTP, against the real app, the simulator's media upload and
// the fake connector's file hosting: each shape Teams sends, the bytes arriving intact, the
// message.attachment ServiceNow gets, and the bot's token going to the Bot Connector only.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Harness } from '../support/harness.js';
import { attachButtonFile, pastedImage, png, startFilesHarness } from '../support/files.js';
import { connectedChat } from '../support/live-chat.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('files from the employee to the agent', () => {
  let harness: Harness;
  before(async () => {
    harness = await startFilesHarness();
  });
  after(async () => {
    await harness.close();
  });

  /** The user messages the agent saw in the chat. */
  const seen = (sessionId: string) => harness.simulator.conversation(sessionId)?.userMessages ?? [];
  const lastVaMessage = (sessionId: string) =>
    harness.simulator.requests
      .filter((r) => r.body.clientSessionId === sessionId && r.body.action === undefined)
      .map((r) => r.body.message as { text?: string; attachment?: unknown })
      .at(-1);

  it('uploads a file from the attach button and sends it with the text', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const pdf = Buffer.from('%PDF-1.4\n% a report\n%%EOF\n');
    const url = harness.connector.hostFile(pdf, 'application/octet-stream');
    await user.post({
      type: 'message',
      text: 'Here is the error report',
      attachments: [attachButtonFile('report.pdf', url, 'pdf')],
    });
    const message = await harness.simulator.waitFor(
      () => seen(sessionId).find((m) => m.attachments !== undefined),
      { what: 'the message with its file at the agent' },
    );
    assert.equal(message.text, 'Here is the error report');
    assert.deepEqual(
      message.attachments?.map((a) => [a.fileName, a.contentType, a.size]),
      [['report.pdf', 'application/pdf', pdf.length]],
    );
    const upload = harness.simulator.uploads.at(-1);
    assert.equal(upload?.sha256, sha256(pdf), 'the bytes arrived intact');
    const sent = lastVaMessage(sessionId)?.attachment as Record<string, unknown>;
    assert.ok(!Array.isArray(sent), 'one file goes as an object');
    assert.match(String(sent.url), /\/api\/now\/v1\/cs\/media\//);
    const request = harness.connector.fileRequests.find((r) => r.path.startsWith('/files/'));
    assert.equal(request?.authorization, undefined, 'a pre-authorised link gets no token');
  });

  it('fetches a pasted image with the bot token, ignores the HTML copy, and sends no text', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const image = png(4096);
    const contentUrl = harness.connector.hostInlineImage(image);
    await user.post({ type: 'message', text: '', attachments: pastedImage(contentUrl) });
    const message = await harness.simulator.waitFor(
      () => seen(sessionId).find((m) => m.attachments !== undefined),
      { what: 'the pasted image at the agent' },
    );
    assert.equal(message.text, '');
    assert.deepEqual(
      message.attachments?.map((a) => [a.contentType, a.size]),
      [['image/png', image.length]],
    );
    const request = harness.connector.fileRequests.find((r) => r.path.includes('/v3/attachments/'));
    assert.match(request?.authorization ?? '', /^Bearer /, 'the connector got the bot token');
    const uploadHeaders = harness.simulator.requests.at(-1)?.headers ?? {};
    assert.doesNotMatch(JSON.stringify(uploadHeaders), /outbound-test-token/);
  });

  it('sends several files of one message as an array, in their order', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const files = ['a.txt', 'b.txt', 'c.txt'].map((name) => ({
      name,
      url: harness.connector.hostFile(Buffer.from(`contents of ${name}`)),
    }));
    await user.post({
      type: 'message',
      text: 'three logs',
      attachments: files.map((f) => attachButtonFile(f.name, f.url, 'txt')),
    });
    const message = await harness.simulator.waitFor(
      () => seen(sessionId).find((m) => m.attachments !== undefined),
      { what: 'the three files at the agent' },
    );
    assert.deepEqual(
      message.attachments?.map((a) => a.fileName),
      ['a.txt', 'b.txt', 'c.txt'],
    );
    assert.ok(Array.isArray(lastVaMessage(sessionId)?.attachment), 'several files go as an array');
  });

  it('keeps the order of text and files the employee sends one after another', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const big = harness.connector.hostFile(Buffer.alloc(3 * 1024 * 1024, 7));
    await Promise.all([
      user.post({
        type: 'message',
        text: 'order-1',
        attachments: [attachButtonFile('big.txt', big, 'txt')],
      }),
      // Sent while the first message's file is still moving.
      new Promise((resolve) => setImmediate(resolve)).then(() => user.say('order-2')),
    ]);
    await user.say('order-3');
    await harness.simulator.waitFor(() => seen(sessionId).length >= 3, {
      what: 'the three messages at the agent',
    });
    assert.deepEqual(
      seen(sessionId).map((m) => [m.text, m.attachments?.length ?? 0]),
      [
        ['order-1', 1],
        ['order-2', 0],
        ['order-3', 0],
      ],
    );
  });

  it('sanitises a hostile file name before ServiceNow or the employee sees it', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const url = harness.connector.hostFile(Buffer.from('plain text'));
    await user.post({
      type: 'message',
      text: 'hostile',
      attachments: [attachButtonFile('../../etc/\u202epasswd"\r\n.txt', url, 'txt')],
    });
    const message = await harness.simulator.waitFor(
      () => seen(sessionId).find((m) => m.attachments !== undefined),
      { what: 'the file at the agent' },
    );
    assert.deepEqual(
      message.attachments?.map((a) => a.fileName),
      ['passwd.txt'],
    );
  });
});
