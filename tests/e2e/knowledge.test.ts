// End to end in Microsoft 365 Agents Playground: a VPN request shows knowledge articles first;
// "I still need help" goes on to Live Chat, and Jordan Taylor greets the employee knowing which
// articles they already tried. The bot runs in sandbox mode with the simulator's knowledge base.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlaygroundChat, stepMs } from './support/playground-page.js';

describe('knowledge articles in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  before(async () => {
    chat = await PlaygroundChat.open();
  });

  after(async () => {
    await chat.close();
  });

  it('shows the VPN articles, then hands over to Jordan, who knows what was tried', async () => {
    await chat.shown('Welcome to IT help').waitFor({ timeout: stepMs });
    await chat.type('my VPN keeps disconnecting');
    await chat.shown("Thanks, I've noted that").waitFor({ timeout: stepMs });
    await chat.button('Get Help').click({ timeout: stepMs });

    await chat.shown('These articles might help').waitFor({ timeout: stepMs });
    await chat.shown('VPN keeps disconnecting').first().waitFor({ timeout: stepMs });
    await chat.shown('Connect to the company VPN from home').first().waitFor({ timeout: stepMs });
    assert.equal(await chat.count('IT Technicians'), 0);
    await chat.screenshot('playground-knowledge-articles');

    await chat.button('I still need help').click({ timeout: stepMs });
    await chat.shown('You said you still need help.').waitFor({ timeout: stepMs });
    await chat.button('Live Chat').click({ timeout: stepMs });
    await chat.button('Submit').click({ timeout: stepMs });

    await chat.shown('Connecting you to a live agent').waitFor({ timeout: stepMs });
    await chat
      .shown(/Hi Alex, this is Jordan Taylor.*already tried KB0010001 "VPN keeps disconnecting"/)
      .waitFor({ timeout: stepMs });
    await chat
      .shown(/KB0010002 "Connect to the company VPN from home"/)
      .waitFor({ timeout: stepMs });
    await chat.screenshot('playground-knowledge-jordan');

    await chat.button('End chat').click({ timeout: stepMs });
    await chat.shown('Your live agent session has ended.').waitFor({ timeout: stepMs });
  });

  it('ends the handoff with one click when an article solved it', async () => {
    await chat.type('How do I reset my password?');
    await chat.button('Get Help').click({ timeout: stepMs });
    await chat.shown('Reset your password').first().waitFor({ timeout: stepMs });
    await chat.button('This solved it').click({ timeout: stepMs });
    await chat.shown('Glad that helped!').waitFor({ timeout: stepMs });
    await chat.shown('You said this solved your problem.').waitFor({ timeout: stepMs });
  });
});
