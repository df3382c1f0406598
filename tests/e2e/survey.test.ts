// End to end in Microsoft 365 Agents Playground: a chat with the sandbox's scripted agent ends,
// and the employee rates it in one click on the survey card; then, after a typed
// "servicenow survey", the simulated instance asks its own survey, which the bot relays instead.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SurveyText } from '@live-agent/snow/simulator';
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

  it('relays ServiceNow\'s own survey instead of asking, after a typed "servicenow survey"', async () => {
    await chat.type('servicenow survey');
    await chat.shown(/ServiceNow asks its own survey/).waitFor({ timeout: stepMs });
    await chat.joinLiveChat('My laptop will not charge');
    // The first chat's greeting is on the page too: wait for this chat's.
    const greetings = chat.page.locator('p').filter({ hasText: /Hi Alex, this is Jordan Taylor/ });
    await greetings.nth(1).waitFor({ timeout: stepMs });
    await chat.type('bye');
    await chat.shown(SurveyText.rating).waitFor({ timeout: stepMs });
    await chat.button('Satisfied').click({ timeout: stepMs });
    await chat.shown(SurveyText.comment).waitFor({ timeout: stepMs });
    await chat.type('Quick and friendly');
    await chat.shown(SurveyText.thanks).waitFor({ timeout: stepMs });
    await chat.screenshot('playground-servicenow-survey');
    assert.equal(await chat.count('How did the chat go?'), 1, 'only the first chat had ours');
  });
});
