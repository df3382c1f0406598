// The Adaptive Card (schema 1.5) elements the bot uses, as typed plain objects. Text from
// outside only ever becomes a property value, never card JSON built as a string, so it cannot
// add elements or actions, and nothing in it is evaluated as a template.
import { CardFactory, type Attachment } from 'botbuilder';
import type { CardAction } from './actions.js';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly style?: 'heading';
  readonly size?: 'small' | 'medium' | 'large';
  readonly weight?: 'bolder';
  readonly isSubtle?: boolean;
  readonly spacing?: 'none' | 'small' | 'medium';
}

export interface TextInput {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly isMultiline: boolean;
  readonly isRequired: boolean;
  readonly maxLength: number;
  readonly value: string;
  readonly placeholder: string;
  readonly errorMessage: string;
}

export interface Image {
  readonly type: 'Image';
  readonly url: string;
  readonly altText: string;
  readonly size?: 'small' | 'medium' | 'large' | 'auto';
  readonly style?: 'person';
}

export interface Column {
  readonly type: 'Column';
  readonly width: 'auto' | 'stretch';
  readonly verticalContentAlignment?: 'center';
  readonly items: readonly CardElement[];
}

export interface ColumnSet {
  readonly type: 'ColumnSet';
  readonly columns: readonly Column[];
}

export interface TableCell {
  readonly type: 'TableCell';
  readonly items: readonly TextBlock[];
}

export interface Table {
  readonly type: 'Table';
  readonly firstRowAsHeader: boolean;
  readonly columns: readonly { readonly width: number }[];
  readonly rows: readonly { readonly type: 'TableRow'; readonly cells: readonly TableCell[] }[];
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

export interface ChoiceSetInput {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label?: string;
  readonly style: 'compact' | 'expanded';
  readonly isRequired: boolean;
  readonly choices: readonly { readonly title: string; readonly value: string }[];
  readonly value?: string;
}

export type CardElement =
  TextBlock | TextInput | Image | ColumnSet | Table | FactSet | ChoiceSetInput;

/** Data of our buttons: the action, plus plain string fields (option id, label, value). */
export type ActionData = { readonly action: CardAction } & Readonly<Record<string, string>>;

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: ActionData;
  /** `none` lets Cancel through even when a required input is empty. */
  readonly associatedInputs?: 'auto' | 'none';
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

export type CardActionElement = SubmitAction | OpenUrlAction;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: readonly CardElement[];
  readonly actions: readonly CardActionElement[];
}

export function adaptiveCard(
  body: AdaptiveCard['body'],
  actions: AdaptiveCard['actions'] = [],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
  };
}

export function cardAttachment(
  body: AdaptiveCard['body'],
  actions: AdaptiveCard['actions'] = [],
): Attachment {
  return CardFactory.adaptiveCard(adaptiveCard(body, actions));
}

export const heading = (text: string): TextBlock => ({
  type: 'TextBlock',
  text,
  wrap: true,
  style: 'heading',
});

export const paragraph = (text: string): TextBlock => ({ type: 'TextBlock', text, wrap: true });

export const subtle = (text: string): TextBlock => ({
  type: 'TextBlock',
  text,
  wrap: true,
  isSubtle: true,
  spacing: 'small',
});

export function submit(title: string, data: ActionData): SubmitAction {
  return { type: 'Action.Submit', title, data };
}

/** Shows outside text as it is: Teams renders TextBlock text as markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_`~[\]()<>#|!]/g, (c) => `\\${c}`);
}
