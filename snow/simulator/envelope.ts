// The output ServiceNow POSTs to the bot: the envelope and its body[] items, in the documented
// forms (OutputText, TopicPickerControl, ActionMsg with its actionTypes, agentInfo on agent text).
import { newSysId } from './ids.js';
import { TOPICS } from './seed.js';

export const Text = {
  standBy: 'Please stand by while I connect you to a live agent.',
  routing: 'Routing you to a live agent...',
  ended: 'The conversation has ended. If you need help again, type hi.',
  greeting: "Hi, I'm the Virtual Agent. How can I help you today?",
  notUnderstood: 'I am sorry, I did not understand that. Type "agent" to chat with a live agent.',
  topicPrompt: 'Please select a topic',
  notRouted: 'Sorry, no live agent can take this chat. Please try again later.',
  timedOut: 'This conversation has timed out due to inactivity.',
  entered: (agent: string) => `${agent} has entered the chat.`,
  closed: (agent: string) => `${agent} has closed the support session.`,
} as const;

export type BodyItem = Readonly<Record<string, unknown>>;

/** The latest request of the conversation: agent output echoes it, as ServiceNow does. */
export interface EchoedRequest {
  readonly requestId: string;
  readonly message?: unknown;
  readonly clientVariables?: unknown;
}

export interface EnvelopeContext {
  readonly clientSessionId: string;
  readonly userId: string;
  readonly appInboundId?: string;
  readonly interactionId?: string;
  readonly echo: EchoedRequest;
}

export interface EnvelopeFlags {
  readonly agentChat?: boolean;
  readonly completed?: boolean;
  readonly takeControl?: boolean;
  readonly score?: number;
}

export function envelope(
  ctx: EnvelopeContext,
  body: readonly BodyItem[],
  flags: EnvelopeFlags = {},
): Record<string, unknown> {
  return {
    requestId: ctx.echo.requestId,
    clientSessionId: ctx.clientSessionId,
    nowSessionId: '',
    userId: ctx.userId,
    ...(ctx.echo.message === undefined ? {} : { message: ctx.echo.message }),
    body,
    ...(flags.agentChat === true ? { agentChat: true } : {}),
    ...(flags.completed === true ? { completed: true } : {}),
    ...(flags.takeControl === true ? { takeControl: true } : {}),
    score: flags.score ?? 1,
    ...(ctx.interactionId === undefined ? {} : { interactionId: ctx.interactionId }),
    ...(ctx.echo.clientVariables === undefined
      ? {}
      : { clientVariables: ctx.echo.clientVariables }),
    ...(ctx.appInboundId === undefined ? {} : { appInboundId: ctx.appInboundId }),
  };
}

export function outputText(value: string): BodyItem {
  return { uiType: 'OutputText', group: 'DefaultText', value, maskType: 'NONE' };
}

export interface AgentIdentity {
  readonly name: string;
  readonly avatar: string;
  readonly liveProfileId: string;
}

export function agentText(agent: AgentIdentity, value: string): BodyItem {
  return {
    uiType: 'OutputText',
    group: 'DefaultText',
    value,
    maskType: 'NONE',
    messageId: newSysId(),
    agentInfo: {
      sentFromAgent: true,
      agentName: agent.name,
      agentAvatar: agent.avatar,
      agentId: agent.liveProfileId,
    },
  };
}

/**
 * How a live agent's file reaches the bot is not documented (servicenow-va-api.md §2.5, §8): the
 * simulator sends an image as OutputImage and another file as agent text carrying an
 * `attachment` object, two of the forms a client has to accept.
 */
export function agentImage(agent: AgentIdentity, url: string, altText: string): BodyItem {
  return {
    ...agentText(agent, ''),
    uiType: 'OutputImage',
    group: 'DefaultOutputImage',
    value: url,
    altText,
  };
}

export interface AgentFile {
  readonly url: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size?: number;
}

export function agentFile(agent: AgentIdentity, value: string, file: AgentFile): BodyItem {
  return { ...agentText(agent, value), attachment: { ...file } };
}

export function action(actionType: string, fields: Record<string, unknown> = {}): BodyItem {
  return { uiType: 'ActionMsg', actionType, ...fields };
}

export function system(message: string): BodyItem {
  return action('System', { message });
}

export function startWaitSpinner(waitSeconds: number): BodyItem {
  return action('StartSpinner', {
    spinnerType: 'wait_time',
    message: Text.routing,
    waitTime: `${waitSeconds} Seconds`,
  });
}

export function topicPicker(): BodyItem {
  return {
    uiType: 'TopicPickerControl',
    group: 'DefaultPicker',
    promptMsg: Text.topicPrompt,
    label: Text.topicPrompt,
    options: TOPICS.map((t, i) => ({ label: t.label, value: t.value, enabled: true, order: i })),
  };
}
