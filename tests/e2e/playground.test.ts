// End to end in Microsoft's own Teams emulator: the bot runs in sandbox mode as its own process,
// Microsoft 365 Agents Playground plays Teams and its Bot Connector, and headless Chromium
// (driven by playwright-core; see support/browser.ts for which one) is the employee. The whole journey: a request,
// Get Help, Live Chat, the description, the agent's greeting and a quoted reply, End chat.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findBrowser } from './support/browser.js';
import {
  root,
  startPlayground,
  startSandboxBot,
  type RunningProcess,
} from './support/processes.js';

const artifacts = join(root, 'test-artifacts');
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Bound for each step the emulator shows (the scripted agent accepts after about 2 s). */
const stepMs = 20_000;

describe('the journey in Microsoft 365 Agents Playground', () => {
  const processes: RunningProcess[] = [];
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    const found = await findBrowser();
    const bot = await startSandboxBot();
    processes.push(bot.process);
    const playground = await startPlayground(bot.url, `e2e-${randomUUID()}`);
    processes.push(playground.process);
    browser = await chromium.launch({
      executablePath: found.executablePath,
      args: [
        ...['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
        ...found.args,
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // The page loads fonts and telemetry from the internet: nothing may leave the machine.
    await page.route('**/*', (route) =>
      loopback.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort(),
    );
    await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
  });

  after(async () => {
    await browser?.close();
    for (const p of processes.reverse()) await p.stop();
  });

  /** A message or card text in the chat (the chat list's previews are spans, not paragraphs). */
  const shown = (text: string | RegExp) => page.locator('p').filter({ hasText: text }).last();
  const button = (name: string) => page.getByRole('button', { name, exact: true }).last();

  async function type(text: string): Promise<void> {
    const box = page.getByRole('textbox');
    await box.click({ timeout: stepMs });
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('welcomes the user once, with the Get Help card', async () => {
    await shown('Welcome to IT help').waitFor({ timeout: stepMs });
    assert.equal(await page.locator('p').filter({ hasText: 'Welcome to IT help' }).count(), 1);
  });

  it('takes the user from a request to a live agent, and back', async () => {
    await type('My laptop will not charge');
    await shown("Thanks, I've noted that").waitFor({ timeout: stepMs });

    await button('Get Help').click({ timeout: stepMs });
    await button('Live Chat').click({ timeout: stepMs });
    // The clicked card was replaced, so it cannot be submitted twice.
    await shown('You selected: Get Help').waitFor({ timeout: stepMs });

    const description = page.locator('textarea').last();
    await description.waitFor({ timeout: stepMs });
    assert.equal(await description.inputValue(), 'My laptop will not charge');
    await description.fill('My laptop will not charge since this morning');
    await button('Submit').click({ timeout: stepMs });

    await shown('Connecting you to a live agent').waitFor({ timeout: stepMs });
    // ServiceNow names the agent in its own notice; the joined card carries End chat.
    await shown('An agent has joined the chat.').waitFor({ timeout: stepMs });
    await shown('Jordan Taylor has entered the chat.').waitFor({ timeout: stepMs });
    await shown(/Hi Alex, this is Jordan Taylor/).waitFor({ timeout: stepMs });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground-connected.png') });

    await type('The light on the charger is off');
    await shown(/Jordan Taylor:.*The light on the charger is off/).waitFor({ timeout: stepMs });

    await button('End chat').click({ timeout: stepMs });
    await shown('Your live agent session has ended.').waitFor({ timeout: stepMs });
    await shown('You ended this chat.').waitFor({ timeout: stepMs });

    // The bot's own dialogs answer again.
    await type('thanks');
    await page
      .locator('p')
      .filter({ hasText: "Thanks, I've noted that" })
      .nth(1)
      .waitFor({ timeout: stepMs });
  });
});
