// What ServiceNow does with an accepted VA API request, by action: start, hand to an agent, relay a
// message, record typing, end. Runs inside the conversation's serial queue.
import type { Conversation, ConversationStore } from './conversations.js';
import { conversationKey } from './conversations.js';
import * as out from './envelope.js';
import { commaList } from './http-util.js';
import { InteractionState } from './interactions.js';
import type { LiveChat } from './live-chat.js';
import type { MediaLibrary } from './media.js';
import type { VaRequest } from './va-request.js';

const AGENT_UTTERANCES = new Set(['agent', 'live agent']);
const GREETING_UTTERANCES = new Set(['hi', 'hello', 'hey']);

function isLive(c: Conversation | undefined): boolean {
  return c !== undefined && (c.phase === 'queued' || c.phase === 'connected');
}

function echoOf(req: VaRequest): out.EchoedRequest {
  return {
    requestId: req.requestId,
    ...(req.message === undefined ? {} : { message: req.message }),
    ...(req.clientVariables === undefined ? {} : { clientVariables: req.clientVariables }),
  };
}

export class UserRequests {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly chat: LiveChat,
    private readonly media: MediaLibrary,
  ) {}

  async handle(req: VaRequest): Promise<void> {
    const current = this.conversations.get(conversationKey(req.clientSessionId, req.appInboundId));
    const open = current?.phase === 'closed' ? undefined : current;
    if (req.action === 'TYPING' || req.action === 'VIEWING') {
      if (open !== undefined) this.recordTyping(open, req.action);
      if (open !== undefined) this.chat.touch(open);
      return;
    }
    if (current !== undefined) current.echo = echoOf(req);
    await this.dispatch(req, current, open);
    const after = this.conversations.get(conversationKey(req.clientSessionId, req.appInboundId));
    if (after !== undefined) this.chat.touch(after);
  }

  private dispatch(
    req: VaRequest,
    current: Conversation | undefined,
    open: Conversation | undefined,
  ): Promise<void> {
    switch (req.action) {
      case 'END_CONVERSATION':
        return this.chat.endByUser(current ?? this.openConversation(req));
      case 'FAULT_CONVERSATION':
        return this.fault(open);
      case 'AGENT':
        return this.toAgent(req, open);
      case 'START_CONVERSATION':
        return req.contextVariables.live_agent_only === 'true'
          ? this.toAgent(req, open)
          : this.start(req, open);
      default:
        return this.message(req, open, current);
    }
  }

  private openConversation(req: VaRequest): Conversation {
    return this.conversations.open({
      clientSessionId: req.clientSessionId,
      userId: req.userId,
      echo: echoOf(req),
      ...(req.appInboundId === undefined ? {} : { appInboundId: req.appInboundId }),
      ...(req.emailId === undefined ? {} : { emailId: req.emailId }),
    });
  }

  private recordTyping(c: Conversation, signal: 'TYPING' | 'VIEWING'): void {
    c.userTyping = signal === 'TYPING';
    c.typingSignals.push(signal);
  }

  private async toAgent(req: VaRequest, open: Conversation | undefined): Promise<void> {
    if (isLive(open)) return; // already queued or with an agent
    const c = open ?? this.openConversation(req);
    const described =
      req.text.trim() !== '' && !AGENT_UTTERANCES.has(req.text.trim().toLowerCase());
    const fromContext = req.contextVariables.short_description;
    if (described) c.issue = req.text.trim();
    else if (typeof fromContext === 'string' && fromContext !== '') c.issue = fromContext;
    const tried = req.contextVariables.kb_articles_tried;
    if (typeof tried === 'string' && tried.trim() !== '') {
      c.triedArticles = commaList(tried);
    }
    await this.chat.toQueue(c, req.contextVariables);
  }

  private async start(req: VaRequest, open: Conversation | undefined): Promise<void> {
    if (isLive(open)) return;
    const c = open ?? this.openConversation(req);
    this.chat.ensureInteraction(c, false);
    await this.greet(c);
  }

  private async greet(c: Conversation): Promise<void> {
    await this.chat.emit(c, [out.outputText(out.Text.greeting), out.topicPicker()]);
  }

  private async message(
    req: VaRequest,
    open: Conversation | undefined,
    current: Conversation | undefined,
  ): Promise<void> {
    // The agent closed the chat and the post-chat survey waits: the message answers it.
    const flag = req.message?.typed;
    const typed = flag !== false && flag !== 'false';
    if (current?.phase === 'closed' && (await this.chat.answerSurvey(current, req.text, typed))) {
      return;
    }
    if (open !== undefined && isLive(open)) {
      const attachments = this.media.resolve(req.message?.attachment);
      this.chat.deliverToAgent(open, {
        text: req.text,
        requestId: req.requestId,
        ...(req.clientMessageId === undefined ? {} : { clientMessageId: req.clientMessageId }),
        ...(attachments.length === 0 ? {} : { attachments }),
      });
      return;
    }
    const c = open ?? this.openConversation(req);
    this.chat.ensureInteraction(c, false);
    const utterance = req.text.trim().toLowerCase();
    if (AGENT_UTTERANCES.has(utterance)) return this.toAgent(req, c);
    if (GREETING_UTTERANCES.has(utterance)) return this.greet(c);
    await this.chat.emit(c, [out.outputText(out.Text.notUnderstood)]);
  }

  /** FAULT_CONVERSATION: the bot gives up; ServiceNow answers with an empty, take-control body. */
  private async fault(open: Conversation | undefined): Promise<void> {
    if (open === undefined) return;
    this.chat.close(open, InteractionState.ClosedAbandoned, 'Faulted/Error');
    await this.chat.emit(open, [], { takeControl: true, score: 0 });
  }
}
