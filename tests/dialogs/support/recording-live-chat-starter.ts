// A LiveChatStarter that records every request it got, and can be told to fail like the real one
// does when ServiceNow refuses the chat.
import type { TurnContext } from 'botbuilder';
import type { LiveChatRequest, LiveChatStarter } from '../../../dialogs/ports.js';

export class RecordingLiveChatStarter implements LiveChatStarter {
  readonly requests: LiveChatRequest[] = [];
  private failure: Error | undefined;

  failWith(error: Error): void {
    this.failure = error;
  }

  start(_context: TurnContext, request: LiveChatRequest): Promise<void> {
    this.requests.push({ ...request });
    return this.failure === undefined ? Promise.resolve() : Promise.reject(this.failure);
  }
}
