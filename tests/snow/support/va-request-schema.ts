// The documented VA API request body (reference §1.2-§1.3), as a JSON schema written from the
// reference, not from the client: only documented fields, with their documented types and the
// rules between them. The client's requests are checked against it.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';

const addFormats = addFormatsPkg.default;

const actions = [
  'START_CONVERSATION',
  'AGENT',
  'END_CONVERSATION',
  'CREATE_CONVERSATION',
  'START_CREATED_CONVERSATION',
  'FAULT_CONVERSATION',
  'SEND_HISTORY',
  'SET_USER_TIMEZONE',
  'SWITCH',
  'TYPING',
  'VIEWING',
  'UPDATE_MESSAGES',
];

const attachment = {
  type: 'object',
  additionalProperties: false,
  required: ['contentType', 'fileName', 'url'],
  properties: {
    clientAttachmentId: { type: 'string' },
    contentType: { type: 'string', minLength: 1 },
    fileName: { type: 'string', minLength: 1 },
    url: { type: 'string', format: 'uri' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const message = {
  type: 'object',
  additionalProperties: false,
  required: ['typed'],
  properties: {
    text: { type: 'string' },
    // A boolean, not the string some doc examples show.
    typed: { type: 'boolean' },
    clientMessageId: { type: 'string' },
    // Absent when there is no file: never null.
    attachment: { anyOf: [attachment, { type: 'array', items: attachment, minItems: 1 }] },
    status: { type: 'string' },
    id: { type: 'string' },
  },
  // Text is required unless a file is sent.
  anyOf: [{ required: ['text'] }, { required: ['attachment'] }],
};

export const vaRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['requestId', 'userId'],
  properties: {
    requestId: { type: 'string', minLength: 1 },
    clientSessionId: { type: 'string', minLength: 1 },
    nowSessionId: { type: 'string' },
    nowBotId: { type: 'string' },
    enterpriseId: { type: 'string' },
    userId: { type: 'string', minLength: 1 },
    emailId: { type: 'string', format: 'email' },
    message,
    action: { enum: actions },
    botToBot: { type: 'boolean' },
    silentMessage: { type: 'boolean' },
    // Documented as epoch milliseconds.
    timestamp: { type: 'integer', minimum: 1e12 },
    timezone: { type: 'string', minLength: 1 },
    contextVariables: { type: 'object', additionalProperties: { type: 'string' } },
    clientVariables: { type: 'object' },
    history: { type: 'array' },
    intent: { type: 'object' },
    topic: { type: 'object' },
    cause: { type: 'string' },
    appInboundId: { type: 'string', minLength: 1 },
    token: { type: 'string' },
  },
  allOf: [
    // A message is required, except for pure action messages (app 4.0.0+).
    { if: { not: { required: ['action'] } }, then: { required: ['message'] } },
    // END_CONVERSATION: message.text must be empty.
    {
      if: { required: ['action'], properties: { action: { const: 'END_CONVERSATION' } } },
      then: { properties: { message: { properties: { text: { const: '' } } } } },
    },
    // Starting a conversation says who and which conversation.
    {
      if: {
        required: ['action'],
        properties: { action: { enum: ['START_CONVERSATION', 'AGENT'] } },
      },
      then: { required: ['clientSessionId', 'message'] },
    },
  ],
};

export function compileVaRequestValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(vaRequestSchema);
}
