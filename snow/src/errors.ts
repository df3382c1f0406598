// The errors the ServiceNow client throws, named for what the caller does next. Callers branch on
// `code` (or the class), never on message text. Messages name the operation and the HTTP status,
// never credentials, query values, message text or payload contents.

/** Every code the client can throw; stable, documented here, checked by a test. */
export const SnowErrorCode = {
  /** 401/403: the credentials are wrong or lack a role. Fix the configuration; retrying will not help. */
  auth: 'SNOW_AUTH',
  /** Network error, timeout or 5xx: ServiceNow is unreachable or failing. Try again later. */
  unavailable: 'SNOW_UNAVAILABLE',
  /** 429: too many requests. Wait `retryAfterMs` (when ServiceNow says) before trying again. */
  rateLimited: 'SNOW_RATE_LIMITED',
  /** 400, or HTTP 200 with `{"status":"failure"}`: ServiceNow refused this request as sent. */
  rejected: 'SNOW_REJECTED',
  /** A response this client cannot read (not JSON, unexpected status or shape): check the instance URL. */
  badResponse: 'SNOW_BAD_RESPONSE',
  /** A value would change the meaning of an encoded query (or is not a valid sys_id, email, field name). */
  queryValue: 'SNOW_QUERY_VALUE',
  /** More rows matched than the one that was expected (e.g. two active users with one email). */
  ambiguousResult: 'SNOW_AMBIGUOUS_RESULT',
  /** The client options are unusable (e.g. the instance URL is not an http(s) URL). */
  config: 'SNOW_CONFIG',
  /** A callback from ServiceNow does not match the contract; `issues` names the JSON paths. */
  invalidCallback: 'SNOW_INVALID_CALLBACK',
  /** The API's path does not exist on the instance: the plugin that provides it is not active. */
  notInstalled: 'SNOW_NOT_INSTALLED',
  /** A Table API insert or update was refused (ACL, mandatory field, business rule); see `reason`. */
  recordRefused: 'SNOW_RECORD_REFUSED',
  /** 413 on a file upload, or a file from the instance larger than the caller accepts. */
  fileTooLarge: 'SNOW_FILE_TOO_LARGE',
} as const;

export type SnowErrorCode = (typeof SnowErrorCode)[keyof typeof SnowErrorCode];

/** Base class: everything the client throws on purpose is a SnowError with a stable `code`. */
export class SnowError extends Error {
  readonly code: SnowErrorCode;

  constructor(code: SnowErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class SnowAuthError extends SnowError {
  readonly status: number;

  constructor(message: string, status: number, options?: ErrorOptions) {
    super(SnowErrorCode.auth, message, options);
    this.status = status;
  }
}

export interface UnavailableErrorOptions extends ErrorOptions {
  /** See `SnowUnavailableError.safeToRetry`; default false. */
  readonly safeToRetry?: boolean;
}

export class SnowUnavailableError extends SnowError {
  /** The HTTP status when ServiceNow answered (5xx); undefined for network errors and timeouts. */
  readonly status: number | undefined;
  /**
   * True when ServiceNow provably did not act on the request (the connection never opened, or it
   * answered 503), so sending the same request again cannot duplicate it. False when it may have
   * acted (a reset connection, a response timeout, a 500): sending again could show the user's
   * message twice.
   */
  readonly safeToRetry: boolean;

  constructor(message: string, status?: number, options: UnavailableErrorOptions = {}) {
    const { safeToRetry = false, ...errorOptions } = options;
    super(SnowErrorCode.unavailable, message, errorOptions);
    this.status = status;
    this.safeToRetry = safeToRetry;
  }
}

export class SnowRateLimitedError extends SnowError {
  /** From `Retry-After`, when ServiceNow sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number, options?: ErrorOptions) {
    super(SnowErrorCode.rateLimited, message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

export class SnowRejectedError extends SnowError {
  readonly status: number;

  constructor(message: string, status: number, options?: ErrorOptions) {
    super(SnowErrorCode.rejected, message, options);
    this.status = status;
  }
}

export class SnowBadResponseError extends SnowError {
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(SnowErrorCode.badResponse, message, options);
    this.status = status;
  }
}

export class SnowQueryValueError extends SnowError {
  constructor(message: string, options?: ErrorOptions) {
    super(SnowErrorCode.queryValue, message, options);
  }
}

export class SnowAmbiguousResultError extends SnowError {
  constructor(message: string, options?: ErrorOptions) {
    super(SnowErrorCode.ambiguousResult, message, options);
  }
}

export class SnowConfigError extends SnowError {
  constructor(message: string, options?: ErrorOptions) {
    super(SnowErrorCode.config, message, options);
  }
}

export class SnowCallbackError extends SnowError {
  /** JSON paths and what is wrong there (e.g. `/body/0 must have required property 'uiType'`). */
  readonly issues: string[];

  constructor(issues: readonly string[], options?: ErrorOptions) {
    super(SnowErrorCode.invalidCallback, 'Invalid ServiceNow callback payload', options);
    this.issues = [...issues];
  }
}

/** The API is not there (e.g. the Knowledge API without its plugin); another path may serve. */
export class SnowNotInstalledError extends SnowError {
  readonly status: number;

  constructor(message: string, status: number, options?: ErrorOptions) {
    super(SnowErrorCode.notInstalled, message, options);
    this.status = status;
  }
}

export class SnowRecordRefusedError extends SnowError {
  readonly status: number;
  /**
   * ServiceNow's own explanation (its error message and detail, e.g. "Data Policy Exception: …
   * mandatory: Caller"), shortened and without control characters: for the admin's log, never for
   * the user. Not in `message`, which stays free of anything the instance sent.
   */
  readonly reason: string | undefined;

  constructor(message: string, status: number, reason?: string, options?: ErrorOptions) {
    super(SnowErrorCode.recordRefused, message, options);
    this.status = status;
    this.reason = reason;
  }
}

export class SnowFileTooLargeError extends SnowError {
  constructor(message: string, options?: ErrorOptions) {
    super(SnowErrorCode.fileTooLarge, message, options);
  }
}
