// Errors the simulator's own control API throws (driving an agent, waiting for state). The HTTP
// side never throws at callers: it answers with ServiceNow's status codes and error bodies.

export const SimulatorErrorCode = {
  UnknownAgent: 'SIM_UNKNOWN_AGENT',
  UnknownConversation: 'SIM_UNKNOWN_CONVERSATION',
  NotQueued: 'SIM_NOT_QUEUED',
  NotConnected: 'SIM_NOT_CONNECTED',
  NotAssigned: 'SIM_NOT_ASSIGNED',
  NotEligible: 'SIM_NOT_ELIGIBLE',
  Closed: 'SIM_CLOSED',
  WaitTimeout: 'SIM_WAIT_TIMEOUT',
} as const;

export type SimulatorErrorCode = (typeof SimulatorErrorCode)[keyof typeof SimulatorErrorCode];

export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';

  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
