// The journey the issue asks for, against the scripted agent: the employee sends a screenshot and
// a PDF and Jordan confirms both by name and size; asked for the guide, Jordan sends a picture
// and a PDF, which the employee opens through the bot's links.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ScriptedText } from '@live-agent/snow/simulator';
import { texts } from '../../dialogs/texts.js';
import type { Harness } from '../support/harness.js';
import { attachButtonFile, pastedImage, png, startFilesHarness } from '../support/files.js';
import { requestChat } from '../support/live-chat.js';

describe('files in a chat with Jordan, the scripted agent', () => {
  let harness: Harness;
  before(async () => {
    harness = await startFilesHarness(
      {},
      { scriptedAgent: { name: 'Jordan Taylor', acceptAfterMs: 10, replyAfterMs: 10 } },
    );
  });
  after(async () => {
    await harness.close();
  });

  it('confirms a screenshot and a PDF by name and size, and sends the guide back', async () => {
    const { user } = await requestChat(harness);
    await user.waitFor("Jordan's greeting", (t) => t.includes('this is Jordan Taylor'));
    const screenshot = png(180 * 1024);
    const pdf = Buffer.from(`%PDF-1.4\n${'%'.repeat(3000)}\n%%EOF\n`);
    await user.post({
      type: 'message',
      text: 'This is what I see',
      attachments: [
        ...pastedImage(harness.connector.hostInlineImage(screenshot)),
        attachButtonFile('vpn-error.pdf', harness.connector.hostFile(pdf), 'pdf'),
      ],
    });
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    await user.waitFor('the screenshot confirmed', (t) =>
      t.includes(ScriptedText.fileReceived('image-1.png', screenshot.length)),
    );
    await user.waitFor('the PDF confirmed', (t) => t.includes(`vpn-error.pdf (${kb(pdf.length)})`));

    const before = user.received.length;
    await user.say('Could you send me the guide?');
    const picture = await user.waitFor('the picture', (t) => t.includes('"type":"Image"'), before);
    const guide = await user.waitFor('the PDF', (t) => t.includes('vpn-guide.pdf'), before);
    const imageUrl = (picture.activity.attachments?.[0]?.content as { body: { url?: string }[] })
      .body[0]?.url;
    const pdfUrl = (guide.activity.attachments?.[0]?.content as { actions: { url: string }[] })
      .actions[0]?.url;
    const image = await fetch(imageUrl ?? '');
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.deepEqual(
      [...Buffer.from(await image.arrayBuffer()).subarray(1, 4)].map((c) => String.fromCharCode(c)),
      ['P', 'N', 'G'],
    );
    const file = await fetch(pdfUrl ?? '');
    assert.match(Buffer.from(await file.arrayBuffer()).toString('latin1'), /^%PDF-1\.4/);
    assert.ok(JSON.stringify(guide.activity).includes(texts.download));
  });
});
