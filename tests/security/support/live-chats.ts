// Users with a live chat open: asked for help, described the issue, and accepted by an agent.
import { randomUUID } from 'node:crypto';
import type { Harness } from '../../support/harness.js';
import { TeamsUser } from '../../support/harness.js';

export interface ChattingUser {
  readonly user: TeamsUser;
  readonly sessionId: string;
}

export const AGENT = 'Jordan Taylor';

export async function chattingUser(harness: Harness, name: string): Promise<ChattingUser> {
  const user = new TeamsUser(harness, {
    name,
    aadObjectId: randomUUID(),
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
  });
  await user.requestLiveChat(`${name} needs help with the VPN`);
  const sessionId = await user.sessionId();
  await harness.simulator.agent(AGENT).accept(sessionId);
  await user.waitFor(`the agent joining ${name}'s chat`, (t) => t.includes(AGENT));
  return { user, sessionId };
}
