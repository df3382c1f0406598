// One employee's chat in Microsoft 365 Agents Playground: the sandbox bot, the emulator pointed at
// it with a fresh conversation, and a headless browser on its page, with the few ways a test
// reads and acts on the chat. Each end-to-end suite opens its own and closes it after.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { findBrowser } from './browser.js';
import { root, startPlayground, startSandboxBot, type RunningProcess } from './processes.js';

export const artifacts = join(root, 'test-artifacts');
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Bound for each step the emulator shows (the scripted agent accepts after about 2 s). */
export const stepMs = 20_000;

export class PlaygroundChat {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly processes: RunningProcess[],
  ) {}

  /** Starts the bot (with `env` added to sandbox mode's), the emulator and the browser. */
  static async open(env: Record<string, string> = {}): Promise<PlaygroundChat> {
    const processes: RunningProcess[] = [];
    let browser: Browser | undefined;
    try {
      const found = await findBrowser();
      const bot = await startSandboxBot(env);
      processes.push(bot.process);
      const playground = await startPlayground(bot.url, `e2e-${randomUUID()}`);
      processes.push(playground.process);
      browser = await chromium.launch({
        executablePath: found.executablePath,
        args: [
          ...[
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-sync',
          ],
          ...found.args,
        ],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      // The page loads fonts and telemetry from the internet: nothing may leave the machine.
      await page.route('**/*', (route) =>
        loopback.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort(),
      );
      await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
      return new PlaygroundChat(page, browser, processes);
    } catch (err) {
      await browser?.close();
      for (const p of processes.reverse()) await p.stop();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    for (const p of this.processes.reverse()) await p.stop();
  }

  /** A message or card text in the chat (the chat list's previews are spans, not paragraphs). */
  shown(text: string | RegExp): Locator {
    return this.page.locator('p').filter({ hasText: text }).last();
  }

  /** How many messages or card texts in the chat match. */
  count(text: string | RegExp): Promise<number> {
    return this.page.locator('p').filter({ hasText: text }).count();
  }

  /** The newest button with exactly this title (card actions render as buttons). */
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true }).last();
  }

  /** Types a message into the compose box and sends it. */
  async type(text: string): Promise<void> {
    // The compose box, not a card's text input (the survey card has a comment box).
    await this.page.locator('[role="textbox"][contenteditable="true"]').click({ timeout: stepMs });
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Walks from a request to a chat Jordan Taylor has joined, waiting for each card before using
   * it (the journey test checks each step; other suites only need to get there).
   */
  async joinLiveChat(request: string): Promise<void> {
    await this.type(request);
    await this.button('Get Help').click({ timeout: stepMs });
    await this.button('Live Chat').click({ timeout: stepMs });
    const description = this.page.locator('textarea').last();
    await description.waitFor({ timeout: stepMs });
    await this.button('Submit').click({ timeout: stepMs });
    await this.shown('Connecting you to a live agent').waitFor({ timeout: stepMs });
    await this.shown(/Hi Alex, this is Jordan Taylor/).waitFor({ timeout: stepMs });
  }

  /** Saves a screenshot of the chat as test-artifacts/<name>.png. */
  async screenshot(name: string): Promise<void> {
    mkdirSync(artifacts, { recursive: true });
    await this.page.screenshot({ path: join(artifacts, `${name}.png`) });
  }
}
