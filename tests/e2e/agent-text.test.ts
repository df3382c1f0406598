// What the employee sees of an agent's text in Microsoft's Teams emulator: exactly what was typed.
// Teams renders message text as markdown; the sandbox agent quotes each message it gets, so the
// quote of a message full of markdown and HTML characters shows whether any of them was eaten,
// turned into markup, or made into a link with a hidden target.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlaygroundChat, stepMs } from './support/playground-page.js';

const typed =
  'a <b>tag</b>, 2*3*4, *star*, _under_, file_name_v2, `code`, ~~struck~~, AT&T | pipe, ' +
  '[label](https://example.com/a_b), https://example.com/x_y_z, C:\\dir\\file # hash';

describe('agent text in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  before(async () => {
    chat = await PlaygroundChat.open();
  });

  after(async () => {
    await chat.close();
  });

  it('shows the agent’s text as typed, with bare web addresses as links', async () => {
    await chat.joinLiveChat('My laptop will not charge');

    await chat.type(typed);
    const quote = chat.shown(/You said:/);
    await quote.waitFor({ timeout: stepMs });
    assert.equal(
      await quote.innerText(),
      `Jordan Taylor: You said: "${typed}". Let me check that for you.`,
    );
    // No markup came of the text: the only elements are the name and the two bare addresses.
    assert.equal(await quote.locator('em, code, del, b').count(), 0);
    const anchors = quote.locator('a');
    const links: [string | null, string][] = [];
    for (let i = 0; i < (await anchors.count()); i += 1) {
      const a = anchors.nth(i);
      links.push([await a.getAttribute('href'), await a.innerText()]);
    }
    assert.deepEqual(links, [
      ['https://example.com/a_b', 'https://example.com/a_b'],
      ['https://example.com/x_y_z', 'https://example.com/x_y_z'],
    ]);
    await chat.screenshot('playground-agent-text');
  });
});
