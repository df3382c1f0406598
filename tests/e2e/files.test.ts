// Files in Microsoft 365 Agents Playground, end to end: the sandbox bot, the Playground as Teams
// and headless Chromium as the employee. The Playground offers no way to attach a file or paste
// an image (its page has no file input; the "+" beside the compose box triggers message
// extensions), so the employee → agent direction is covered by the integration tests against the
// fake Bot Connector. Agent → employee is walked here: asked for the guide, Jordan sends a
// picture and a PDF; the picture shows inline through the bot's signed link, the PDF as a card.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlaygroundChat, stepMs } from './support/playground-page.js';

describe('agent files in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  before(async () => {
    chat = await PlaygroundChat.open();
  });

  after(async () => {
    await chat.close();
  });

  it('shows the picture and the guide Jordan sends when asked', async () => {
    await chat.shown('Welcome to IT help').waitFor({ timeout: stepMs });
    // A request the sandbox knowledge base has no article for: straight to the Live Chat offer.
    await chat.joinLiveChat('My laptop will not charge');

    await chat.type('Could you send me the guide?');
    await chat.shown('vpn-guide.pdf').waitFor({ timeout: stepMs });
    await chat.page.getByText('Download', { exact: true }).last().waitFor({ timeout: stepMs });
    const picture = chat.page.locator('img.ac-image[src*="/api/files/"]').last();
    await picture.waitFor({ timeout: stepMs });
    // The browser loaded the picture through the bot: it has pixels.
    await chat.page.waitForFunction(
      (img) =>
        img !== null &&
        (img as { complete: boolean }).complete &&
        (img as { naturalWidth: number }).naturalWidth > 0,
      await picture.elementHandle(),
      { timeout: stepMs },
    );
    const width = await picture.evaluate(
      (img) => (img as unknown as { naturalWidth: number }).naturalWidth,
    );
    assert.equal(width, 96, 'the guide picture Jordan sent');
    await chat.screenshot('playground-agent-files');
  });
});
