// Reads a VA API request body the way ServiceNow's worker does: what makes it unusable is not an
// HTTP error (the caller already got 200) but a silent drop, so this returns a reason instead.

export const SUPPORTED_ACTIONS = [
  'START_CONVERSATION',
  'AGENT',
  'END_CONVERSATION',
  'TYPING',
  'VIEWING',
  'FAULT_CONVERSATION',
] as const;

export type VaAction = (typeof SUPPORTED_ACTIONS)[number];

export interface VaRequest {
  readonly requestId: string;
  readonly clientSessionId: string;
  readonly userId: string;
  readonly emailId?: string;
  readonly appInboundId?: string;
  readonly action?: VaAction;
  /** The `message` object as sent, echoed back in callbacks. */
  readonly message?: Readonly<Record<string, unknown>>;
  readonly text: string;
  readonly clientMessageId?: string;
  readonly contextVariables: Readonly<Record<string, unknown>>;
  readonly clientVariables?: unknown;
}

export type ReadResult = { readonly request: VaRequest } | { readonly rejected: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readAction(value: unknown): VaAction | undefined | { readonly unsupported: string } {
  if (value === undefined || value === null || value === '') return undefined;
  const found = SUPPORTED_ACTIONS.find((a) => a === value);
  return found ?? { unsupported: typeof value === 'string' ? value : typeof value };
}

type MessageRead =
  | { readonly message?: Record<string, unknown>; readonly text: string }
  | { readonly rejected: string };

function readMessage(body: Record<string, unknown>, action: VaAction | undefined): MessageRead {
  const message = body.message;
  if (message === undefined && action !== undefined) return { text: '' };
  if (!isObject(message)) return { rejected: 'message missing' };
  const text = typeof message.text === 'string' ? message.text : undefined;
  if (action === undefined && text === undefined && message.attachment === undefined) {
    return { rejected: 'message.text missing' };
  }
  if (action === 'END_CONVERSATION' && (text ?? '') !== '') {
    return { rejected: 'END_CONVERSATION needs an empty message.text' };
  }
  return { message, text: text ?? '' };
}

export function readVaRequest(body: Record<string, unknown>): ReadResult {
  const userId = optionalString(body.userId);
  if (userId === undefined) return { rejected: 'userId missing' };
  const clientSessionId = optionalString(body.clientSessionId);
  if (clientSessionId === undefined) return { rejected: 'clientSessionId missing' };
  const action = readAction(body.action);
  if (isObject(action)) return { rejected: `unsupported action ${action.unsupported}` };
  const read = readMessage(body, action);
  if ('rejected' in read) return { rejected: read.rejected };
  const emailId = optionalString(body.emailId);
  const appInboundId = optionalString(body.appInboundId);
  const clientMessageId = optionalString(read.message?.clientMessageId);
  return {
    request: {
      requestId: typeof body.requestId === 'string' ? body.requestId : '',
      clientSessionId,
      userId,
      text: read.text,
      contextVariables: isObject(body.contextVariables) ? body.contextVariables : {},
      ...(emailId === undefined ? {} : { emailId }),
      ...(appInboundId === undefined ? {} : { appInboundId }),
      ...(action === undefined ? {} : { action }),
      ...(read.message === undefined ? {} : { message: read.message }),
      ...(clientMessageId === undefined ? {} : { clientMessageId }),
      ...(body.clientVariables === undefined ? {} : { clientVariables: body.clientVariables }),
    },
  };
}
