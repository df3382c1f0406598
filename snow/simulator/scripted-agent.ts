// A demo agent that works the queue by itself: accepts chats, greets the user by first name about
// their issue, answers each message by quoting it (typing first), and closes the chat on "bye".
// Sandbox mode uses it so that a new user sees the whole loop without a ServiceNow instance.
import type { Conversation, ConversationStore } from './conversations.js';
import type { AgentRegistry, UserDirectory } from './directory.js';
import type { InteractionStore } from './interactions.js';
import type { KbArticle } from './knowledge-base.js';
import * as out from './envelope.js';
import type { ChatObserver, LiveChat } from './live-chat.js';
import type { MediaLibrary } from './media.js';
import { ineligibility } from './routing.js';
import type { Scheduler } from './scheduler.js';
import { GUEST_USER_SYS_ID } from './seed.js';
import type { ScriptedAgentOptions, SimulatorLog, UserMessageSeen } from './types.js';

export interface ScriptedAgentDeps {
  readonly chat: LiveChat;
  readonly agents: AgentRegistry;
  readonly users: UserDirectory;
  readonly conversations: ConversationStore;
  readonly interactions: InteractionStore;
  readonly scheduler: Scheduler;
  readonly media: MediaLibrary;
  readonly log: SimulatorLog;
  /** The instance's knowledge articles, to name the ones the user tried. */
  readonly articles: readonly KbArticle[];
}

export const ScriptedText = {
  greeting: (first: string, agent: string, issue: string | undefined) =>
    issue === undefined
      ? `Hi ${first}, this is ${agent}. How can I help you today?`
      : `Hi ${first}, this is ${agent}. I see you need help with "${issue}". Let me take a look.`,
  /** The agent read the articles the user already tried (numbers and titles). */
  alreadyTried: (articles: readonly string[]) =>
    `I can see you already tried ${articles.join(' and ')}, so let's go beyond those.`,
  reply: (text: string) => `You said: "${text}". Let me check that for you.`,
  goodbye: (first: string) => `Thanks for reaching out, ${first}. Goodbye!`,
  fileReceived: (name: string, size: number | undefined) =>
    size === undefined ? `Thanks, I got ${name}.` : `Thanks, I got ${name} (${sizeText(size)}).`,
  guide: 'Here is the VPN guide, and a picture of the settings to check.',
} as const;

/** A size as an agent would write it: 182 KB, 1.4 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export class ScriptedAgent implements ChatObserver {
  private readonly chains = new Map<Conversation, Promise<void>>();
  private readonly acceptPending = new Set<Conversation>();

  constructor(
    private readonly options: ScriptedAgentOptions,
    private readonly deps: ScriptedAgentDeps,
  ) {}

  queued(c: Conversation): void {
    this.scheduleAccept(c);
  }

  userMessage(c: Conversation, message: UserMessageSeen): void {
    if (c.agent?.name !== this.options.name) return;
    this.enqueue(c, () => this.respondTo(c, message));
  }

  /** A chat ended: there may be room for one that is waiting. */
  closed(): void {
    this.pickUpWaiting();
  }

  /** Picks up chats that queued while the agent was away. */
  availabilityChanged(name: string, available: boolean): void {
    if (name !== this.options.name || !available) return;
    this.pickUpWaiting();
  }

  private pickUpWaiting(): void {
    for (const c of this.deps.conversations.inPhase('queued')) this.scheduleAccept(c);
  }

  /** Whether AWA would offer this chat to the agent now: present, eligible, with free capacity. */
  private canTake(c: Conversation): boolean {
    const agent = this.deps.agents.get(this.options.name);
    if (agent === undefined) return false;
    const workload = this.deps.interactions.workloadOf(agent.userSysId);
    return ineligibility(agent, c.queue, workload) === undefined;
  }

  private scheduleAccept(c: Conversation): void {
    if (!this.canTake(c) || this.acceptPending.has(c)) return;
    this.acceptPending.add(c);
    this.deps.scheduler.after(this.options.acceptAfterMs, () => {
      this.acceptPending.delete(c);
      void this.acceptNow(c);
    });
  }

  private async acceptNow(c: Conversation): Promise<void> {
    if (c.phase !== 'queued' || !this.canTake(c)) return;
    let shown: readonly UserMessageSeen[];
    try {
      shown = await this.deps.chat.accept(this.options.name, c.clientSessionId);
    } catch (error) {
      this.stopped(c, error);
      return;
    }
    this.enqueue(c, async () => {
      await this.reply(c, this.greeting(c));
      for (const message of shown) await this.respondTo(c, message);
    });
  }

  /** About the issue's first paragraph; the rest of the first message is the bot's briefing. */
  private greeting(c: Conversation): string {
    const issue = c.issue?.split(/\n\s*\n/)[0]?.trim();
    const hello = ScriptedText.greeting(this.firstName(c), this.options.name, issue || undefined);
    const tried = (c.triedArticles ?? []).map((number) => {
      const title = this.deps.articles.find((a) => a.number === number)?.short_description;
      return title === undefined ? number : `${number} "${title}"`;
    });
    return tried.length === 0 ? hello : `${hello} ${ScriptedText.alreadyTried(tried)}`;
  }

  private async respondTo(c: Conversation, message: UserMessageSeen): Promise<void> {
    for (const file of message.attachments ?? []) {
      await this.reply(c, ScriptedText.fileReceived(file.fileName, file.size));
    }
    const said = message.text.trim().toLowerCase();
    if (said === '') return;
    if (said.includes('guide')) {
      await this.sendGuide(c);
      return;
    }
    if (said === 'bye') {
      await this.reply(c, ScriptedText.goodbye(this.firstName(c)));
      await this.deps.chat.endByAgent(this.options.name, c.clientSessionId);
      return;
    }
    await this.reply(c, ScriptedText.reply(message.text));
  }

  /** "Send me the guide": a picture of the settings and the PDF, as files of the instance. */
  private async sendGuide(c: Conversation): Promise<void> {
    const { image, pdf } = this.deps.media.guide();
    await this.reply(c, ScriptedText.guide);
    await this.deps.chat.send(this.options.name, c.clientSessionId, (agent) => [
      out.agentImage(agent, image.url, image.fileName),
      out.agentFile(agent, '', pdf),
    ]);
  }

  private async reply(c: Conversation, text: string): Promise<void> {
    const { chat, scheduler } = this.deps;
    await chat.typing(this.options.name, c.clientSessionId, true);
    await scheduler.delay(this.options.replyAfterMs);
    await chat.typing(this.options.name, c.clientSessionId, false);
    await chat.say(this.options.name, c.clientSessionId, text);
  }

  /** One reaction at a time per chat, so replies never interleave. */
  private enqueue(c: Conversation, step: () => Promise<void>): void {
    const previous = this.chains.get(c) ?? Promise.resolve();
    const next = previous.then(step).catch((error: unknown) => {
      this.stopped(c, error);
    });
    this.chains.set(c, next);
  }

  private firstName(c: Conversation): string {
    const openedFor = c.interaction?.opened_for;
    if (openedFor === undefined || openedFor === GUEST_USER_SYS_ID) return 'there';
    const first = this.deps.users.bySysId(openedFor)?.first_name ?? '';
    return first === '' ? 'there' : first;
  }

  private stopped(c: Conversation, error: unknown): void {
    this.deps.log('scripted_agent.stopped', {
      clientSessionId: c.clientSessionId,
      code: error instanceof Error && 'code' in error ? error.code : undefined,
    });
  }
}
