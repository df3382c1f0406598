// Drives a dialog through botbuilder-testing's DialogTestClient on the Teams channel, one user
// turn at a time, returning every reply of the turn.
import type { Activity } from 'botbuilder';
import type { DialogTestClient } from 'botbuilder-testing';

export async function userTurn(
  client: DialogTestClient,
  activity: Partial<Activity> | string,
): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  let reply = (await client.sendActivity(activity)) as Partial<Activity> | undefined;
  while (reply !== undefined) {
    replies.push(reply);
    // Typed as always present, but undefined once the turn's replies are used up.
    const next: Partial<Activity> | undefined = client.getNextReply();
    reply = next;
  }
  return replies;
}

/** An Action.Submit click as Teams sends it: the data (and inputs) in `value`, no text. */
export function submit(value: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', value };
}
