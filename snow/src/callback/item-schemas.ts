// One JSON schema per documented body[] item type (the controls of the Virtual Agent API), each
// as lenient as ServiceNow's own documentation requires: text in `label` instead of `value`,
// booleans and numbers as strings, nulls for absent values, option values left out. An item of a
// type listed here that fails its schema becomes an `unsupported` event, never a crash.
import type { Ajv, SchemaObject, ValidateFunction } from 'ajv';
import { boolish, optionalText } from './schema.js';

const optionalFlag: SchemaObject = { anyOf: [boolish, { type: 'null' }] };
const count: SchemaObject = { type: ['number', 'string', 'null'] };
const scalar: SchemaObject = { type: ['string', 'number', 'boolean', 'null'] };

const agentInfo: SchemaObject = {
  type: ['object', 'null'],
  properties: {
    sentFromAgent: optionalFlag,
    agentName: optionalText,
    agentAvatar: optionalText,
    agentId: optionalText,
  },
};

/** Fields every item may carry. */
const common = { uiType: { type: 'string' }, group: optionalText, messageId: optionalText };

function item(properties: Record<string, SchemaObject>, extra: SchemaObject = {}): SchemaObject {
  return {
    type: 'object',
    required: ['uiType'],
    properties: { ...common, ...properties },
    ...extra,
  };
}

const prompt = { label: optionalText, required: optionalFlag, nluTextEnabled: optionalFlag };

const choice: SchemaObject = {
  type: 'object',
  required: ['label'],
  properties: {
    label: { type: 'string' },
    value: scalar,
    description: optionalText,
    // A carousel option's picture: a URL, relative to the instance or absolute.
    attachment: optionalText,
    enabled: optionalFlag,
  },
};

const choices: SchemaObject = { type: 'array', items: choice };

const link: SchemaObject = {
  type: 'object',
  required: ['action'],
  properties: {
    action: { type: 'string' },
    label: optionalText,
    description: optionalText,
    context: optionalText,
  },
};

const htmlLink: SchemaObject = {
  type: 'object',
  required: ['link'],
  properties: { link: { type: 'string' }, label: optionalText },
};

const dateInput = item(prompt);

export const itemSchemas: Readonly<Record<string, SchemaObject>> = {
  // Some responses carry the text in `label` (itemType "outputtext") instead of `value`.
  OutputText: item(
    {
      value: optionalText,
      label: optionalText,
      maskType: optionalText,
      itemType: optionalText,
      agentInfo,
    },
    { anyOf: [{ required: ['value'] }, { required: ['label'] }] },
  ),
  InputText: item({ ...prompt, maskType: optionalText, entityType: optionalText }),
  FileUpload: item({ ...prompt, itemType: optionalText, maxCount: count, maxSize: count }),
  Picker: item(
    {
      ...prompt,
      itemType: optionalText,
      style: optionalText,
      multiSelect: optionalFlag,
      options: choices,
    },
    { required: ['uiType', 'options'] },
  ),
  TopicPickerControl: item(
    { ...prompt, promptMsg: optionalText, options: choices },
    { required: ['uiType', 'options'] },
  ),
  // The Yes/No options may be left out, and their values often are.
  Boolean: item({ ...prompt, options: { anyOf: [choices, { type: 'null' }] } }),
  Date: dateInput,
  Time: dateInput,
  DateTime: dateInput,
  OutputLink: item(
    {
      label: optionalText,
      header: optionalText,
      value: { type: 'object', required: ['action'], properties: { action: { type: 'string' } } },
    },
    { required: ['uiType', 'value'] },
  ),
  GroupedPartsOutputControl: item(
    { header: optionalText, groupPartType: optionalText, values: { type: 'array', items: link } },
    { required: ['uiType', 'values'] },
  ),
  OutputImage: item(
    { value: { type: 'string' }, altText: optionalText },
    { required: ['uiType', 'value'] },
  ),
  OutputHtml: item(
    {
      value: { type: 'string' },
      imageUrl: optionalText,
      links: { type: 'array', items: htmlLink },
    },
    { required: ['uiType', 'value'] },
  ),
  // `data` is documented as a JSON string; an object is taken as already parsed.
  OutputCard: item(
    { templateName: { type: 'string' }, data: { type: ['string', 'object'] } },
    { required: ['uiType', 'templateName', 'data'] },
  ),
  MultiPartOutput: item(
    {
      navigationBtnLabel: optionalText,
      content: { type: 'object', required: ['uiType'], properties: { uiType: { type: 'string' } } },
    },
    { required: ['uiType', 'content'] },
  ),
  OutputTable: item(
    {
      headers: { type: 'array', items: scalar },
      data: { type: 'array', items: { type: 'array', items: scalar } },
    },
    { required: ['uiType', 'data'] },
  ),
  ActionMsg: item(
    {
      actionType: { type: 'string', minLength: 1 },
      message: optionalText,
      spinnerType: optionalText,
      waitTime: { type: ['string', 'number', 'null'] },
      conversationId: optionalText,
      interactionId: optionalText,
      header: optionalText,
      parentMessageId: optionalText,
      progressMessages: { type: ['array', 'null'] },
      agentInfo,
    },
    { required: ['uiType', 'actionType'] },
  ),
};

export type ItemValidators = ReadonlyMap<string, ValidateFunction>;

/** Compiles every item schema once; items of other types are not validated. */
export function compileItemValidators(ajv: Ajv): ItemValidators {
  return new Map(
    Object.entries(itemSchemas).map(([uiType, schema]) => [uiType, ajv.compile(schema)]),
  );
}
