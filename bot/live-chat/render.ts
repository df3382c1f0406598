// Turns ServiceNow events into what the Teams user sees. Pure: no I/O, so every rule is testable.
import type { SnowEvent } from '@live-agent/snow';
import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { texts } from '../../dialogs/texts.js';

export interface RenderContext {
  /** The agent's name as known before this callback (from an earlier join or message). */
  readonly agentName?: string;
}

/**
 * The activities to send for one callback's events, in order. State changes (joined, ended) are
 * not decided here; only what the user is shown.
 */
export function renderEvents(
  events: readonly SnowEvent[],
  context: RenderContext,
): Partial<Activity>[] {
  const hasSystemNotice = events.some((e) => e.type === 'system');
  const out: Partial<Activity>[] = [];
  for (const event of events) {
    const activity = renderEvent(event, context, hasSystemNotice);
    if (activity !== undefined) out.push(activity);
  }
  return out;
}

function renderEvent(
  event: SnowEvent,
  context: RenderContext,
  hasSystemNotice: boolean,
): Partial<Activity> | undefined {
  switch (event.type) {
    case 'message': {
      if (event.text.trim() === '') return undefined;
      if (!event.fromAgent) return MessageFactory.text(event.text);
      const name = event.agent?.name ?? context.agentName;
      return MessageFactory.text(
        name === undefined ? event.text : `**${escapeMarkdown(name)}:** ${event.text}`,
      );
    }
    case 'agentJoined':
      // ServiceNow usually announces the agent itself (a System notice); say it only once.
      return hasSystemNotice
        ? undefined
        : MessageFactory.text(texts.agentJoined(event.agent?.name));
    case 'waitTime':
      return MessageFactory.text(texts.waitTime(event.message, event.waitTime));
    case 'system':
      return MessageFactory.text(`_${escapeMarkdown(event.text)}_`);
    case 'typing':
      return event.active ? { type: ActivityTypes.Typing } : undefined;
    case 'chatEnded':
      return MessageFactory.text(texts.sessionEnded);
    case 'unsupported':
      return event.text === undefined || event.text.trim() === ''
        ? undefined
        : MessageFactory.text(event.text);
    case 'queued':
      return undefined;
  }
}

/** Keeps a name or notice from being read as Teams markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_`~[\]<>#|]/g, (c) => `\\${c}`);
}
