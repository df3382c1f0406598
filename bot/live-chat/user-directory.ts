// The users container: each user's latest conversation reference (refreshed from every incoming
// activity, written only when it changed) and the email address ServiceNow links them by.
import { TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { StoreConflictError } from '../store/errors.js';
import type { UserRecord, UserStore } from '../store/types.js';
import type { TeamsIdentity } from './identity.js';

export class UserDirectory {
  constructor(
    private readonly users: UserStore,
    private readonly log: Logger,
  ) {}

  /** Records where the user can be reached now and returns their record. */
  async touch(context: TurnContext, identity: TeamsIdentity): Promise<UserRecord> {
    const reference = referenceOf(context);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.users.get(identity.userKey);
      const current = stored?.value;
      if (current !== undefined && isCurrent(current, reference, context, identity)) return current;
      const next: UserRecord = {
        ...current,
        id: identity.userKey,
        conversationReference: reference,
        name: identity.name,
        locale: context.activity.locale,
        tenantId: identity.tenantId,
        updatedAt: new Date().toISOString(),
      };
      // Compare-and-swap so that a session pointer written by a concurrent turn is never lost.
      try {
        const saved =
          stored === undefined
            ? await this.users.upsert(next)
            : await this.users.replace(next, stored.etag);
        return saved.value;
      } catch (err) {
        if (!(err instanceof StoreConflictError) || attempt >= 5) throw err;
      }
    }
  }

  /**
   * The user's email address, from the record or else from Teams (the roster), then remembered.
   * Undefined when Teams does not say: ServiceNow then treats the user as a guest.
   */
  async email(context: TurnContext, identity: TeamsIdentity): Promise<string | undefined> {
    const stored = await this.users.get(identity.userKey);
    if (stored?.value.email !== undefined) return stored.value.email;
    let email: string | undefined;
    try {
      const member = await TeamsInfo.getMember(context, identity.teamsUserId);
      email = member.email ?? member.userPrincipalName ?? undefined;
    } catch (err) {
      this.log.warn(
        { err, userKey: identity.userKey },
        'could not read the user from the Teams roster',
      );
      return undefined;
    }
    if (email !== undefined && stored !== undefined) {
      // Remembering the address is an optimisation: losing a race to another write is harmless.
      await this.users
        .replace({ ...stored.value, email, updatedAt: new Date().toISOString() }, stored.etag)
        .catch((err: unknown) => {
          if (!(err instanceof StoreConflictError)) throw err;
        });
    }
    return email;
  }
}

function isCurrent(
  user: UserRecord,
  reference: Partial<ConversationReference>,
  context: TurnContext,
  identity: TeamsIdentity,
): boolean {
  return (
    sameReference(user.conversationReference, reference) &&
    user.locale === context.activity.locale &&
    user.name === identity.name
  );
}

/** The conversation reference without the per-message activity id. */
export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(context.activity);
  delete reference.activityId;
  return reference;
}

/** The same conversation, reached the same way (the per-message activity id aside). */
export function sameReference(
  a: Partial<ConversationReference>,
  b: Partial<ConversationReference>,
): boolean {
  return (
    a.serviceUrl === b.serviceUrl &&
    a.channelId === b.channelId &&
    a.conversation?.id === b.conversation?.id &&
    a.user?.id === b.user?.id &&
    a.bot?.id === b.bot?.id &&
    a.locale === b.locale
  );
}
