// Turns ServiceNow events into what the Teams user sees, in the user's language. Pure: no I/O,
// so every rule is testable. Long texts are split to fit Teams' message size; wait-time notices
// are capped per session so a long queue does not flood the chat.
import type { SnowEvent } from '@live-agent/snow';
import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { escapeMarkdown } from '../../dialogs/card-elements.js';
import { agentJoinedCard, connectingCard } from '../../dialogs/cards.js';
import { textsFor, type Texts } from '../../dialogs/texts.js';
import { neutraliseAgentText } from '../security/agent-text.js';
import { HtmlToMarkdown } from './html-markdown.js';
import {
  markdownLink,
  moreButton,
  renderChoices,
  renderImage,
  renderLink,
  renderLinks,
  renderOutputCard,
  renderTable,
} from './render-rich.js';
import { renderFile, viewableImage, type AgentFileLinks } from './render-files.js';
import { splitText } from './split-text.js';

/** How many wait-time notices a session shows at most, and how far apart. */
export const WAIT_NOTICE_LIMIT = 3;
export const WAIT_NOTICE_INTERVAL_MS = 60_000;

export interface WaitNotices {
  readonly count: number;
  /** ISO instant of the last one shown. */
  readonly lastAt?: string;
}

export interface RenderContext {
  /** The agent's name as known before this callback (from an earlier join or message). */
  readonly agentName?: string;
  /** The user's Teams locale (from the conversation reference); English when absent. */
  readonly locale?: string;
  /** Wait-time notices already shown in this session (none when absent). */
  readonly waitNotices?: WaitNotices;
  readonly now?: Date;
  /** Links the employee can open for the agent's files (absent: files are named only). */
  readonly files?: AgentFileLinks;
}

/**
 * The activities to send for one callback's events, in order. State changes (joined, ended) are
 * not decided here; only what the user is shown.
 */
export function renderEvents(
  events: readonly SnowEvent[],
  context: RenderContext,
): Partial<Activity>[] {
  const t = textsFor(context.locale);
  const html = new HtmlToMarkdown();
  // ServiceNow announces the agent itself (a System notice); a joined card naming the agent says
  // it already. Without a name the notice is the only place the user learns who joined.
  const joined = events.some((e) => e.type === 'agentJoined' && e.agent?.name?.trim());
  const showWait = waitNoticeAllowed(context.waitNotices, context.now ?? new Date());
  let waitShown = false;
  const out: Partial<Activity>[] = [];
  for (const event of events) {
    if (event.type === 'system' && joined) continue;
    if (event.type === 'waitTime') {
      if (!showWait || waitShown) continue;
      waitShown = true;
    }
    out.push(
      ...renderEvent(event, { t, html, agentName: context.agentName, files: context.files }),
    );
  }
  return out;
}

/** The session's wait-notice record after this callback, when it showed one. */
export function waitNoticesAfter(
  events: readonly SnowEvent[],
  context: RenderContext,
): WaitNotices | undefined {
  const now = context.now ?? new Date();
  if (!events.some((e) => e.type === 'waitTime')) return undefined;
  if (!waitNoticeAllowed(context.waitNotices, now)) return undefined;
  return { count: (context.waitNotices?.count ?? 0) + 1, lastAt: now.toISOString() };
}

function waitNoticeAllowed(shown: WaitNotices | undefined, now: Date): boolean {
  if (shown === undefined || shown.count === 0) return true;
  if (shown.count >= WAIT_NOTICE_LIMIT) return false;
  const last = shown.lastAt === undefined ? Number.NaN : Date.parse(shown.lastAt);
  return Number.isNaN(last) || now.getTime() - last >= WAIT_NOTICE_INTERVAL_MS;
}

interface Renderer {
  readonly t: Texts;
  readonly html: HtmlToMarkdown;
  readonly agentName?: string;
  readonly files?: AgentFileLinks;
}

function renderEvent(event: SnowEvent, r: Renderer): Partial<Activity>[] {
  const { t } = r;
  switch (event.type) {
    case 'message': {
      const name = event.fromAgent ? (event.agent?.name ?? r.agentName) : undefined;
      const prefix = name === undefined ? '' : `**${escapeMarkdown(name)}:** `;
      return texts(neutraliseAgentText(event.text), prefix);
    }
    case 'agentJoined':
      return [MessageFactory.attachment(agentJoinedCard({ name: r.agentName, ...event.agent }, t))];
    case 'waitTime':
      return [MessageFactory.attachment(connectingCard(t, event))];
    case 'typing':
      return event.active ? [{ type: ActivityTypes.Typing }] : [];
    case 'system':
    case 'subHeader':
      return event.text.trim() === ''
        ? []
        : [MessageFactory.text(`_${escapeMarkdown(event.text.trim())}_`)];
    case 'chatEnded':
      return [MessageFactory.text(t.sessionEnded)];
    case 'link':
      return [renderLink(event)];
    case 'html':
      return renderHtml(event, r);
    case 'multipart':
      return [
        ...event.content.flatMap((e) => renderEvent(e, r)),
        moreButton(event.navigationLabel, t),
      ];
    case 'progress':
      return texts([event.header, ...event.messages].filter((x) => x?.trim()).join('\n\n'));
    case 'inputRequest':
      return renderInputRequest(event, t);
    case 'unsupported':
      return renderUnsupported(event);
    case 'file':
      return [renderFile(event, t, r.files)];
    case 'image':
      return optional(renderImage(viewableImage(event, r.files), t));
    case 'links':
    case 'choices':
    case 'card':
    case 'table':
      return optional(renderAttachment(event, t));
    case 'queued':
    case 'spinner':
    case 'liveChatStarted':
    case 'conversation':
    case 'topicBoundary':
      return [];
  }
}

function renderAttachment(
  event: Extract<SnowEvent, { type: 'links' | 'choices' | 'card' | 'table' }>,
  t: Texts,
): Partial<Activity> | undefined {
  switch (event.type) {
    case 'links':
      return renderLinks(event);
    case 'choices':
      return renderChoices(event, t);
    case 'card':
      return renderOutputCard(event, t);
    case 'table':
      return renderTable(event);
  }
}

function renderHtml(event: Extract<SnowEvent, { type: 'html' }>, r: Renderer): Partial<Activity>[] {
  const markdown = r.html.convert(event.html);
  if (markdown !== '') return texts(markdown);
  return event.imageUrl === undefined
    ? []
    : optional(renderImage({ type: 'image', url: event.imageUrl }, r.t));
}

function renderInputRequest(
  event: Extract<SnowEvent, { type: 'inputRequest' }>,
  t: Texts,
): Partial<Activity>[] {
  const lines = [event.label?.trim() ? escapeMarkdown(event.label.trim()) : ''];
  if (event.kind === 'file') lines.push(t.fileRequested);
  if (event.masked) lines.push(t.secretWarning);
  return texts(lines.filter((l) => l !== '').join('\n\n'));
}

function renderUnsupported(
  event: Extract<SnowEvent, { type: 'unsupported' }>,
): Partial<Activity>[] {
  const text = event.text?.trim() ?? '';
  const link = event.url === undefined ? '' : markdownLink({ url: event.url });
  return texts([text, link].filter((x) => x !== '').join('\n\n'));
}

/** Text messages, split to fit Teams; the prefix (the agent's name) starts the first part only. */
function texts(text: string, prefix = ''): Partial<Activity>[] {
  if (text.trim() === '') return [];
  return splitText(`${prefix}${text}`).map((part) => MessageFactory.text(part));
}

function optional(activity: Partial<Activity> | undefined): Partial<Activity>[] {
  return activity === undefined ? [] : [activity];
}
