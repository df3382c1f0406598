// JSON schema for the envelope ServiceNow posts to our callback endpoint. Lenient exactly where
// ServiceNow's documentation disagrees with itself (booleans sent as "true"/"false", `score` as a
// string, timestamps in seconds or milliseconds, `message.attachment` as an object or an array).
// Body items are checked one by one against their own schemas (item-schemas.ts), so that one odd
// item costs that item, not the agent message beside it.
import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';

/** The validated callback, before mapping. Items keep every field; the parser reads what it maps. */
export interface RawCallback {
  readonly clientSessionId: string;
  readonly requestId?: string | null;
  readonly userId?: string | null;
  readonly interactionId?: string | null;
  readonly timestamp?: number | string | null;
  readonly agentChat?: boolean | 'true' | 'false';
  readonly completed?: boolean | 'true' | 'false';
  readonly takeControl?: boolean | 'true' | 'false';
  readonly score?: number | string | null;
  readonly body?: readonly unknown[];
}

export interface RawItem {
  readonly uiType: string;
  readonly [field: string]: unknown;
}

/** A boolean, or one sent as the string `"true"`/`"false"`, as some documented payloads do. */
export const boolish: SchemaObject = { enum: [true, false, 'true', 'false'] };
export const optionalText: SchemaObject = { type: ['string', 'null'] };

const attachment: SchemaObject = { type: 'object' };

const message: SchemaObject = {
  type: ['object', 'null'],
  properties: {
    text: optionalText,
    typed: { anyOf: [boolish, { type: 'null' }] },
    clientMessageId: optionalText,
    // Older docs: one object; newer: an array of objects.
    attachment: { anyOf: [attachment, { type: 'array', items: attachment }, { type: 'null' }] },
  },
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
    timestamp: { type: ['number', 'string', 'null'] },
    agentChat: boolish,
    completed: boolish,
    takeControl: boolish,
    score: { type: ['number', 'string', 'null'] },
    message,
    body: { type: 'array' },
  },
};

/** Compiles the envelope validator; done once per parser, not per callback. */
export function compileCallbackValidator(ajv: Ajv): ValidateFunction<RawCallback> {
  return ajv.compile<RawCallback>(callbackSchema);
}

export function newAjv(): Ajv {
  return new Ajv({ allErrors: true, allowUnionTypes: true });
}
