// Errors of durable delivery, named for what happens next: a deferred item stays in its queue
// and is tried again later; an unreachable user ends the session; a lost lease stops delivery on
// this instance (another one took over).

export const DeliveryErrorCodes = {
  /** Not deliverable now (Teams or ServiceNow down, retries used up): kept and tried again later. */
  DELIVERY_DEFERRED: 'DELIVERY_DEFERRED',
  /** Teams refused for good (403/404: app removed, user gone): the session is ended. */
  USER_UNREACHABLE: 'USER_UNREACHABLE',
  /** Another instance took over the queue's lease: this one stops processing it. */
  LEASE_LOST: 'LEASE_LOST',
} as const;

export type DeliveryErrorCode = (typeof DeliveryErrorCodes)[keyof typeof DeliveryErrorCodes];

export abstract class DeliveryError extends Error {
  abstract readonly code: DeliveryErrorCode;
}

export class DeliveryDeferredError extends DeliveryError {
  override readonly name = 'DeliveryDeferredError';
  readonly code = DeliveryErrorCodes.DELIVERY_DEFERRED;

  constructor(
    message: string,
    /** How many parts of the entry were delivered before it stopped (so they are not repeated). */
    readonly done = 0,
    /** Flags to keep for the next attempt (e.g. that the user was told of the delay). */
    readonly notes?: Readonly<Record<string, boolean>>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class UserUnreachableError extends DeliveryError {
  override readonly name = 'UserUnreachableError';
  readonly code = DeliveryErrorCodes.USER_UNREACHABLE;

  constructor(
    message: string,
    /** The HTTP status Teams answered (403 or 404). */
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class LeaseLostError extends DeliveryError {
  override readonly name = 'LeaseLostError';
  readonly code = DeliveryErrorCodes.LEASE_LOST;
}
