// End to end in Microsoft 365 Agents Playground: an employee who cannot get an agent leaves with
// a ticket number in one click. The sandbox bot's agent is taken offline with the sandbox-only
// "no agents" request; Get Help then explains that no agent is available on the ticket card,
// prefilled with the request, and Create a ticket shows INC0010001.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlaygroundChat, stepMs } from './support/playground-page.js';

describe('a ticket in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  before(async () => {
    chat = await PlaygroundChat.open();
  });

  after(async () => {
    await chat.close();
  });

  it('turns "no agent available" into a ticket number in one click', async () => {
    await chat.shown('Welcome to IT help').waitFor({ timeout: stepMs });
    await chat.type('no agents');
    await chat.shown(/Jordan Taylor is now offline/).waitFor({ timeout: stepMs });

    await chat.type('The projector in room 4 is broken');
    await chat.shown("Thanks, I've noted that").waitFor({ timeout: stepMs });
    await chat.button('Get Help').click({ timeout: stepMs });
    await chat.shown(/no agents are available right now/).waitFor({ timeout: stepMs });

    const description = chat.page.locator('textarea').last();
    await description.waitFor({ timeout: stepMs });
    assert.equal(await description.inputValue(), 'The projector in room 4 is broken');
    await chat.button('Create a ticket').click({ timeout: stepMs });

    await chat.shown(/Your ticket INC0010001 has been created/).waitFor({ timeout: stepMs });
    // The submitted card was replaced, so it cannot create a second ticket.
    await chat.shown('Creating your ticket…').waitFor({ timeout: stepMs });
    await chat.screenshot('playground-ticket');
    assert.equal(await chat.count(/Your ticket INC\d{7} has been created/), 1);
  });
});
