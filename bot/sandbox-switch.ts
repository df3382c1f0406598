// Sandbox mode only: typed "no agents" takes the scripted agent offline (and "agents back" brings
// them back), so a new user can walk the ticket path: no agent available → Create a ticket →
// INC0010001. The message is answered here and goes no further; nothing of this exists with a
// real ServiceNow instance.
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { normaliseCommand } from '../dialogs/commands.js';
import { textsFor } from '../dialogs/texts.js';

export interface SandboxControls {
  /** Makes the simulator's agents available or not (presence and AWA routing). */
  setAgentsAvailable(available: boolean): void;
}

const away = new Set(['no agents', 'keine mitarbeiter', 'sin agentes']);
const back = new Set(['agents back', 'mitarbeiter zurück', 'agentes de vuelta']);

export class SandboxAgentSwitch implements Middleware {
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
    const available = away.has(text) ? false : back.has(text) ? true : undefined;
    if (available === undefined) {
      await next();
      return;
    }
    this.controls.setAgentsAvailable(available);
    this.forgetAvailability();
    this.log.warn({ available }, 'sandbox: the scripted agent was switched by a typed request');
    const t = textsFor(activity.locale);
    await context.sendActivity(available ? t.sandboxAgentsBack : t.sandboxAgentsAway);
  }
}
