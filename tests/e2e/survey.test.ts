// End to end in Microsoft 365 Agents Playground: a chat with the sandbox's scripted agent ends,
// and the employee rates it in one click on the survey card.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlaygroundChat, stepMs } from './support/playground-page.js';

describe('the survey in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  before(async () => {
    chat = await PlaygroundChat.open();
  });

  after(async () => {
    await chat.close();
  });

  it('asks how the chat went when it ends, and takes the rating in one click', async () => {
    await chat.shown('Welcome to IT help').waitFor({ timeout: stepMs });
    await chat.type('Outlook keeps crashing');
    await chat.shown("Thanks, I've noted that").waitFor({ timeout: stepMs });
    await chat.button('Get Help').click({ timeout: stepMs });
    await chat.button('Live Chat').click({ timeout: stepMs });
    const description = chat.page.locator('textarea').last();
    await description.waitFor({ timeout: stepMs });
    assert.equal(await description.inputValue(), 'Outlook keeps crashing');
    await chat.button('Submit').click({ timeout: stepMs });
    await chat.shown(/Hi Alex, this is Jordan Taylor/).waitFor({ timeout: stepMs });

    await chat.button('End chat').click({ timeout: stepMs });
    await chat.shown('How did the chat go?').waitFor({ timeout: stepMs });
    await chat.button('5 ★').click({ timeout: stepMs });
    await chat.shown('Thank you for your feedback!').waitFor({ timeout: stepMs });
    await chat.shown('You selected: 5 of 5').waitFor({ timeout: stepMs });
    await chat.screenshot('playground-survey');
    assert.equal(await chat.count('Thank you for your feedback!'), 1);
  });
});
