// An AgentAvailability that answers with whatever result the test configured, and remembers
// which requests it was asked about.
import type { TurnContext } from 'botbuilder';
import type { AgentAvailability, AvailabilityResult, HelpRequest } from '../../../dialogs/ports.js';

export class InMemoryAgentAvailability implements AgentAvailability {
  readonly requests: HelpRequest[] = [];
  private result: AvailabilityResult;

  constructor(result: AvailabilityResult) {
    this.result = result;
  }

  answer(result: AvailabilityResult): void {
    this.result = result;
  }

  check(_context: TurnContext, request: HelpRequest): Promise<AvailabilityResult> {
    this.requests.push({ ...request });
    return Promise.resolve(this.result);
  }
}
