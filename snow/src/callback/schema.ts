// JSON schemas for what ServiceNow posts to our callback endpoint: the envelope and the body items
// this client maps. Lenient exactly where ServiceNow's documentation disagrees with itself
// (booleans sent as "true"/"false", `score` as a string, text in `label` instead of `value`);
// unknown `uiType`s are allowed here and reported as unsupported events by the parser.
import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';

/** The validated callback, before mapping. Items keep every field; the parser reads what it maps. */
export interface RawCallback {
  readonly clientSessionId: string;
  readonly requestId?: string | null;
  readonly userId?: string | null;
  readonly interactionId?: string | null;
  readonly agentChat?: boolean | 'true' | 'false';
  readonly completed?: boolean | 'true' | 'false';
  readonly takeControl?: boolean | 'true' | 'false';
  readonly score?: number | string | null;
  readonly body?: readonly RawItem[];
}

export interface RawItem {
  readonly uiType: string;
  readonly [field: string]: unknown;
}

const boolish: SchemaObject = { enum: [true, false, 'true', 'false'] };
const optionalText: SchemaObject = { type: ['string', 'null'] };

const agentInfo: SchemaObject = {
  type: ['object', 'null'],
  properties: {
    sentFromAgent: boolish,
    agentName: optionalText,
    agentAvatar: optionalText,
    agentId: optionalText,
  },
};

/** OutputText carries its text in `value`, or in some responses in `label`. */
const outputText: SchemaObject = {
  if: { properties: { uiType: { const: 'OutputText' } }, required: ['uiType'] },
  then: {
    properties: { value: optionalText, label: optionalText },
    anyOf: [{ required: ['value'] }, { required: ['label'] }],
  },
};

const actionMsg: SchemaObject = {
  if: { properties: { uiType: { const: 'ActionMsg' } }, required: ['uiType'] },
  then: {
    required: ['actionType'],
    properties: {
      actionType: { type: 'string', minLength: 1 },
      message: optionalText,
      spinnerType: optionalText,
      waitTime: { type: ['string', 'number', 'null'] },
    },
  },
};

const item: SchemaObject = {
  type: 'object',
  required: ['uiType'],
  properties: {
    uiType: { type: 'string', minLength: 1 },
    messageId: optionalText,
    agentInfo,
  },
  allOf: [outputText, actionMsg],
};

export const callbackSchema: SchemaObject = {
  type: 'object',
  required: ['clientSessionId'],
  properties: {
    clientSessionId: { type: 'string', minLength: 1 },
    // Only logged or echoed: a null here must not cost the user an agent message.
    requestId: optionalText,
    userId: optionalText,
    interactionId: optionalText,
    agentChat: boolish,
    completed: boolish,
    takeControl: boolish,
    score: { type: ['number', 'string', 'null'] },
    message: { type: ['object', 'null'] },
    body: { type: 'array', items: item },
  },
};

/** Compiles the callback validator; done once per parser, not per callback. */
export function compileCallbackValidator(): ValidateFunction<RawCallback> {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  return ajv.compile<RawCallback>(callbackSchema);
}
