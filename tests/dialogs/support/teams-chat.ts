// A 1:1 Teams chat with the main dialog, over botbuilder's TestAdapter: each call is one user turn
// and returns everything the bot sent in that turn. State lives in MemoryStorage, which stores
// JSON copies, so anything that would not survive Cosmos DB does not survive here either.
import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../../dialogs/main-dialog.js';

export class TeamsChat {
  private readonly adapter: TestAdapter;

  constructor(dialog: MainDialog) {
    const state = new ConversationState(new MemoryStorage());
    const accessor = state.createProperty<DialogState>('DialogState');
    this.adapter = new TestAdapter(
      async (context: TurnContext) => {
        await dialog.run(context, accessor);
        await state.saveChanges(context);
      },
      { channelId: 'msteams' },
    );
  }

  /** The user types a message. */
  say(text: string): Promise<Partial<Activity>[]> {
    return this.turn({ type: ActivityTypes.Message, text });
  }

  /** The user clicks an Action.Submit button: Teams sends its data in `value`, with no text. */
  click(value: Record<string, unknown>): Promise<Partial<Activity>[]> {
    return this.turn({ type: ActivityTypes.Message, value });
  }

  async turn(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity);
    return this.adapter.activeQueue.splice(0);
  }
}
