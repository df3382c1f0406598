// CloudAdapter with one more entry point: run a turn for an activity whose request the endpoint
// has already authenticated. CloudAdapter's own `process` authenticates inside a catch that writes
// every refused token to console.error and re-validates the body with schemas built per request;
// the endpoint does both itself (see messages-endpoint.ts), so it needs the step after them.
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { VerifiedBotAuthentication } from './bot-auth.js';

export type AuthenticatedRequest = Awaited<
  ReturnType<VerifiedBotAuthentication['authenticateRequest']>
>;

export class TurnAdapter extends CloudAdapter {
  /** Runs the turn; resolves to the invoke response, if the turn left one. */
  runTurn(
    authenticated: AuthenticatedRequest,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
