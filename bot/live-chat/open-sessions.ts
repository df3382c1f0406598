// Finds the live chat a Teams activity belongs to. The full way reads the user's document (which
// refreshes where the user can be reached and points at their open chat), then the chat. While a
// chat goes on, each instance remembers which chat it found open for the user, and the next
// message reads only that chat: when it is still open, still the user's, and reached through the
// conversation the activity came from, nothing the user's document holds can differ (a user has
// one open chat at a time, and the chat's conversation reference follows the user's), so that
// one read decides. Anything else (ended, moved, forgotten) takes the full way again.
import type { TurnContext } from 'botbuilder';
import { LruCache } from '../security/lru-cache.js';
import type { LiveChatSession, UserRecord } from '../store/types.js';
import type { TeamsIdentity } from './identity.js';
import type { Sessions } from './sessions.js';
import { referenceOf, sameReference, type UserDirectory } from './user-directory.js';

/** Users whose open chat an instance remembers (one short string each). */
const defaultCapacity = 20_000;

/** What a turn learns about the user's chat: the open one, if any, and the user's record when it was read. */
export interface OpenChat {
  readonly session?: LiveChatSession;
  /** Read (and refreshed) whenever no open chat was found the quick way. */
  readonly user?: UserRecord;
}

export class OpenSessions {
  private readonly remembered: LruCache<string>;

  constructor(
    private readonly directory: UserDirectory,
    private readonly sessions: Sessions,
    capacity = defaultCapacity,
  ) {
    this.remembered = new LruCache(capacity);
  }

  /** The user's open live chat, if any; refreshes the user's record when it is read. */
  async find(context: TurnContext, identity: TeamsIdentity): Promise<OpenChat> {
    const session = await this.rememberedChat(context, identity);
    return session === undefined ? this.lookUp(context, identity) : { session };
  }

  private async rememberedChat(
    context: TurnContext,
    identity: TeamsIdentity,
  ): Promise<LiveChatSession | undefined> {
    const id = this.remembered.get(identity.userKey);
    if (id === undefined) return undefined;
    const session = (await this.sessions.get(id))?.value;
    const current =
      session !== undefined &&
      session.state !== 'ended' &&
      session.userKey === identity.userKey &&
      sameReference(session.conversationReference, referenceOf(context));
    if (current) return session;
    this.remembered.delete(identity.userKey);
    return undefined;
  }

  private async lookUp(context: TurnContext, identity: TeamsIdentity): Promise<OpenChat> {
    const user = await this.directory.touch(context, identity);
    if (user.openSessionId === undefined) return { user };
    const session = await this.sessions.get(user.openSessionId);
    if (session === undefined || session.value.state === 'ended') {
      await this.sessions.updateUser(user.id, (u) =>
        u.openSessionId === user.openSessionId ? { ...u, openSessionId: undefined } : undefined,
      );
      return { user };
    }
    const followed = await this.sessions.follow(session.value, user.conversationReference);
    this.remembered.set(identity.userKey, followed.id);
    return { session: followed, user };
  }
}
