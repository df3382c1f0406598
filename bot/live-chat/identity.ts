// Who is writing: the keys under which the bot stores a Teams user and names them to ServiceNow.
import type { Activity } from 'botbuilder';

export interface TeamsIdentity {
  /** Key of the user document: the AAD object id when Teams sends it, else the Teams user id. */
  readonly userKey: string;
  /** The `userId` sent to ServiceNow: stable per person, the AAD object id when known. */
  readonly snowUserId: string;
  readonly teamsUserId: string;
  readonly name?: string;
  readonly tenantId?: string;
}

export function identityOf(activity: Partial<Activity>): TeamsIdentity | undefined {
  const from = activity.from;
  if (from?.id === undefined || from.id === '') return undefined;
  const key = from.aadObjectId ?? from.id;
  return {
    userKey: key,
    snowUserId: key,
    teamsUserId: from.id,
    name: from.name,
    tenantId: tenantOf(activity),
  };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannel = channelData?.tenant?.id;
  if (typeof fromChannel === 'string' && fromChannel !== '') return fromChannel;
  return activity.conversation?.tenantId;
}

/** ISO 639-1 language from a Teams locale such as "en-US"; undefined when absent or malformed. */
export function languageOf(locale: string | undefined): string | undefined {
  const match = /^([a-z]{2})(?:[-_]|$)/i.exec(locale ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * Activity fields that botbuilder's types declare as always present but that channels may omit:
 * read through Partial<Activity> so the absence is handled rather than assumed away.
 */
export function textOf(activity: Partial<Activity>): string {
  return activity.text ?? '';
}

export function timezoneOf(activity: Partial<Activity>): string | undefined {
  return activity.localTimezone === '' ? undefined : activity.localTimezone;
}

export function localeOf(activity: Partial<Activity>): string {
  return activity.locale ?? '';
}
