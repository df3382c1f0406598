// Agent → employee files over real HTTP: every plausible shape of an agent's attachment on the
// callback becomes a picture or a file card in Teams, opened through a short-lived signed link the
// bot serves with its own ServiceNow credentials (which the employee never sees); a FileUpload
// request says how to attach a file, and the next file answers it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { texts } from '../../dialogs/texts.js';
import type { SentActivity } from '../support/fake-connector.js';
import type { Harness } from '../support/harness.js';
import { attachButtonFile, png, startFilesHarness } from '../support/files.js';
import { connectedChat, postCallback, type LiveChat } from '../support/live-chat.js';

const agentInfo = { sentFromAgent: true, agentName: 'Jordan Taylor' };

/** The URL of the card's Download button, or of its picture. */
function cardUrls(sent: SentActivity): { download?: string; image?: string } {
  const card = sent.activity.attachments?.[0]?.content as
    { body?: { type: string; url?: string }[]; actions?: { url?: string }[] } | undefined;
  return {
    download: card?.actions?.[0]?.url,
    image: card?.body?.find((e) => e.type === 'Image')?.url,
  };
}

describe('files from the agent to the employee', () => {
  let harness: Harness;
  let clock = 0;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
  before(async () => {
    harness = await startFilesHarness({}, {}, { now: () => Date.now() + clock });
  });
  after(async () => {
    await harness.close();
  });

  async function agentSends(chat: LiveChat, items: unknown[]): Promise<void> {
    const res = await postCallback(harness, {
      requestId: randomUUID(),
      clientSessionId: chat.sessionId,
      userId: 'user',
      body: items,
      agentChat: true,
    });
    assert.equal(res.status, 200);
  }

  const fileCard = (chat: LiveChat, name: string, after = 0) =>
    chat.user.waitFor(
      `the card for ${name}`,
      (t) => t.includes(name) && t.includes(texts.download),
      after,
    );

  it('shows an attachment object on agent text as a card whose link serves the file', async () => {
    const chat = await connectedChat(harness);
    const url = harness.simulator.attachFile('guide.pdf', 'application/pdf', pdf);
    await agentSends(chat, [
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        value: 'Here is the guide',
        agentInfo,
        attachment: {
          url,
          fileName: 'guide.pdf',
          contentType: 'application/pdf',
          size: pdf.length,
        },
      },
    ]);
    await chat.user.waitFor('the text', (t) => t.includes('Here is the guide'));
    const card = await fileCard(chat, 'guide.pdf');
    const { download } = cardUrls(card);
    assert.ok(download?.startsWith(`${harness.url}/api/files/`), 'the link is served by the bot');
    assert.ok(!download?.includes(harness.simulator.url), 'the instance URL is not in the link');
    const res = await fetch(download ?? '');
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="guide.pdf"/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  it('shows each file of an attachment array, and an OutputImage of the instance inline', async () => {
    const chat = await connectedChat(harness);
    const image = png(2048);
    const imageUrl = harness.simulator.attachFile('screen.png', 'image/png', image);
    const a = harness.simulator.attachFile('a.pdf', 'application/pdf', pdf);
    const b = harness.simulator.attachFile('b.pdf', 'application/pdf', pdf);
    await agentSends(chat, [
      { uiType: 'OutputImage', group: 'DefaultOutputImage', value: imageUrl, altText: 'screen' },
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        value: '',
        agentInfo,
        attachment: [
          { url: a, fileName: 'a.pdf', contentType: 'application/pdf' },
          { url: b, fileName: 'b.pdf', contentType: 'application/pdf' },
        ],
      },
    ]);
    await fileCard(chat, 'b.pdf');
    const cards = chat.user.received.filter((s) => s.activity.attachments !== undefined);
    const picture = cards
      .map(cardUrls)
      .find((c) => c.image !== undefined && c.download === undefined);
    assert.ok(
      picture?.image?.startsWith(`${harness.url}/api/files/`),
      'the picture goes through the bot',
    );
    const res = await fetch(picture?.image ?? '');
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.match(res.headers.get('content-disposition') ?? '', /^inline/);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), image);
    const names = cards
      .map((c) => JSON.stringify(c.activity.attachments))
      .filter((j) => /[ab]\.pdf/.test(j));
    assert.equal(names.length, 2, 'one card per file, in order');
    assert.ok(names[0]?.includes('a.pdf') && names[1]?.includes('b.pdf'));
  });

  it('serves an HTML file from the agent as a download, never as a page', async () => {
    const chat = await connectedChat(harness);
    const html = Buffer.from('<script>alert(document.cookie)</script>');
    const url = harness.simulator.attachFile('page.html', 'text/html', html);
    await agentSends(chat, [
      {
        uiType: 'OutputText',
        value: '',
        agentInfo,
        attachment: { url, fileName: '<b>page</b>.html', contentType: 'text/html' },
      },
    ]);
    const card = await fileCard(chat, 'page');
    assert.ok(!JSON.stringify(card.activity).includes('<b>'), 'the name is escaped for the card');
    const res = await fetch(cardUrls(card).download ?? '');
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
  });

  it('treats an OutputLink to an attachment of the instance as a file', async () => {
    const chat = await connectedChat(harness);
    const url = harness.simulator.attachFile('form.pdf', 'application/pdf', pdf);
    await agentSends(chat, [
      {
        uiType: 'OutputLink',
        group: 'DefaultOutputLink',
        label: 'form.pdf',
        value: { action: url },
      },
    ]);
    const { download } = cardUrls(await fileCard(chat, 'form.pdf'));
    const res = await fetch(download ?? '');
    assert.equal(res.status, 200);
  });

  it('refuses a tampered link and an expired one', async () => {
    const chat = await connectedChat(harness);
    const url = harness.simulator.attachFile('old.pdf', 'application/pdf', pdf);
    await agentSends(chat, [
      { uiType: 'OutputText', value: '', agentInfo, attachment: { url, fileName: 'old.pdf' } },
    ]);
    const { download = '' } = cardUrls(await fileCard(chat, 'old.pdf'));
    const tampered = download.replace(/\?t=(.)/, (_m, c: string) => `?t=${c === 'e' ? 'f' : 'e'}`);
    assert.equal((await fetch(tampered)).status, 404);
    clock += 60 * 60 * 1000;
    assert.equal((await fetch(download)).status, 410);
    clock -= 60 * 60 * 1000;
  });

  it('says how to attach a file when ServiceNow asks for one, and the next file answers it', async () => {
    const chat = await connectedChat(harness);
    await agentSends(chat, [
      {
        uiType: 'FileUpload',
        group: 'DefaultText',
        label: 'Please upload a screenshot',
        itemType: 'image',
      },
    ]);
    await chat.user.waitFor(
      'the request',
      (t) => t.includes('upload a screenshot') && t.includes(texts.fileRequested),
    );
    const shot = png(1024);
    await chat.user.post({
      type: 'message',
      text: '',
      attachments: [attachButtonFile('screenshot.png', harness.connector.hostFile(shot), 'png')],
    });
    const answer = await harness.simulator.waitFor(
      () => harness.simulator.conversation(chat.sessionId)?.userMessages.find((m) => m.attachments),
      { what: 'the screenshot at the agent' },
    );
    assert.deepEqual(
      answer.attachments?.map((f) => [f.fileName, f.size]),
      [['screenshot.png', shot.length]],
    );
  });
});
