// Sandbox mode only: typed phrases switch the simulated ServiceNow, so a new user can walk the paths
// a real instance decides. "no agents" takes the scripted agent offline (and "agents back" brings
// them back): no agent available → Create a ticket → INC0010001. "servicenow survey" makes the
// instance ask its own post-chat survey when the agent closes a chat, which the bot then relays
// instead of asking its own ("bot survey" goes back). The message is answered here and goes no
// further; nothing of this exists with a real ServiceNow instance.
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { normaliseCommand } from '../dialogs/commands.js';
import { textsFor, type Texts } from '../dialogs/texts.js';

export interface SandboxControls {
  /** Makes the simulator's agents available or not (presence and AWA routing). */
  setAgentsAvailable(available: boolean): void;
  /** Makes the simulator ask (or stop asking) its own survey when its agent closes a chat. */
  setServiceNowSurvey(on: boolean): void;
}

interface Switch {
  readonly phrases: ReadonlySet<string>;
  readonly apply: (controls: SandboxControls) => void;
  readonly reply: (t: Texts) => string;
  /** Cached availability is stale after the switch (it must show on the very next Get Help). */
  readonly availability?: boolean;
}

const switches: readonly Switch[] = [
  {
    phrases: new Set(['no agents', 'keine mitarbeiter', 'sin agentes']),
    apply: (c) => {
      c.setAgentsAvailable(false);
    },
    reply: (t) => t.sandboxAgentsAway,
    availability: true,
  },
  {
    phrases: new Set(['agents back', 'mitarbeiter zurück', 'agentes de vuelta']),
    apply: (c) => {
      c.setAgentsAvailable(true);
    },
    reply: (t) => t.sandboxAgentsBack,
    availability: true,
  },
  {
    phrases: new Set(['servicenow survey', 'servicenow-umfrage', 'encuesta de servicenow']),
    apply: (c) => {
      c.setServiceNowSurvey(true);
    },
    reply: (t) => t.sandboxServiceNowSurvey,
  },
  {
    phrases: new Set(['bot survey', 'bot-umfrage', 'encuesta del bot']),
    apply: (c) => {
      c.setServiceNowSurvey(false);
    },
    reply: (t) => t.sandboxBotSurvey,
  },
];

export class SandboxSwitch implements Middleware {
  constructor(
    private readonly controls: SandboxControls,
    /** Forgets cached availability, so the switch shows on the very next Get Help. */
    private readonly forgetAvailability: () => void,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    // Typed as always present, but a card click comes without text.
    const typed: string | undefined = activity.type === 'message' ? activity.text : undefined;
    const text = typed === undefined ? '' : normaliseCommand(typed);
    const found = switches.find((s) => s.phrases.has(text));
    if (found === undefined) {
      await next();
      return;
    }
    found.apply(this.controls);
    if (found.availability === true) this.forgetAvailability();
    this.log.warn(
      { phrase: text },
      'sandbox: the simulated ServiceNow was switched by a typed request',
    );
    await context.sendActivity(found.reply(textsFor(activity.locale)));
  }
}
