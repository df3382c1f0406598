// End to end in Microsoft's own Teams emulator: the bot runs in sandbox mode as its own process,
// Microsoft 365 Agents Playground plays Teams and its Bot Connector, and headless Chromium
// (driven by playwright-core; support/browser.ts says which one) is the employee. The whole
// journey: a request, Get Help, Live Chat, the description, the agent's greeting and a quoted
// reply, End chat.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlaygroundChat, stepMs } from './support/playground-page.js';

describe('the journey in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  before(async () => {
    chat = await PlaygroundChat.open();
  });

  after(async () => {
    await chat.close();
  });

  it('welcomes the user once, with the Get Help card', async () => {
    await chat.shown('Welcome to IT help').waitFor({ timeout: stepMs });
    assert.equal(await chat.count('Welcome to IT help'), 1);
  });

  it('takes the user from a request to a live agent, and back', async () => {
    await chat.type('My laptop will not charge');
    await chat.shown("Thanks, I've noted that").waitFor({ timeout: stepMs });

    await chat.button('Get Help').click({ timeout: stepMs });
    await chat.button('Live Chat').click({ timeout: stepMs });
    // The clicked card was replaced, so it cannot be submitted twice.
    await chat.shown('You selected: Get Help').waitFor({ timeout: stepMs });

    const description = chat.page.locator('textarea').last();
    await description.waitFor({ timeout: stepMs });
    assert.equal(await description.inputValue(), 'My laptop will not charge');
    await description.fill('My laptop will not charge since this morning');
    await chat.button('Submit').click({ timeout: stepMs });

    await chat.shown('Connecting you to a live agent').waitFor({ timeout: stepMs });
    // ServiceNow names the agent in its own notice; the joined card carries End chat.
    await chat.shown('An agent has joined the chat.').waitFor({ timeout: stepMs });
    await chat.shown('Jordan Taylor has entered the chat.').waitFor({ timeout: stepMs });
    await chat.shown(/Hi Alex, this is Jordan Taylor/).waitFor({ timeout: stepMs });
    await chat.screenshot('playground-connected');

    await chat.type('The light on the charger is off');
    await chat
      .shown(/Jordan Taylor:.*The light on the charger is off/)
      .waitFor({ timeout: stepMs });

    await chat.button('End chat').click({ timeout: stepMs });
    await chat.shown('Your live agent session has ended.').waitFor({ timeout: stepMs });
    await chat.shown('You ended this chat.').waitFor({ timeout: stepMs });

    // The bot's own dialogs answer again.
    await chat.type('thanks');
    await chat.page
      .locator('p')
      .filter({ hasText: "Thanks, I've noted that" })
      .nth(1)
      .waitFor({ timeout: stepMs });
  });
});
