// The typed result of parsing a ServiceNow callback: what happened, in the order ServiceNow sent it.
// The bot renders these; it never looks at raw body[] items.

/** Who sent an agent message, as far as ServiceNow tells (names and avatars are an instance setting). */
export interface AgentInfo {
  readonly name?: string;
  /** Absolute URL: relative avatar paths are resolved against the instance URL. */
  readonly avatarUrl?: string;
  /** live_profile sys_id (app 3.14.3+). */
  readonly id?: string;
}

export type SnowEvent =
  /** OutputText: a message from the live agent (fromAgent) or from ServiceNow's virtual agent. */
  | {
      readonly type: 'message';
      readonly text: string;
      readonly fromAgent: boolean;
      readonly agent?: AgentInfo;
      readonly messageId?: string;
    }
  /** SwitchToLiveAgent: an agent accepted the chat. */
  | { readonly type: 'agentJoined'; readonly agent?: AgentInfo }
  /** StartSpinner with spinnerType wait_time: the user is waiting in the queue. */
  | { readonly type: 'waitTime'; readonly message?: string; readonly waitTime?: string }
  /** SubscribeToSupportQueue: the chat was placed in the support queue. */
  | { readonly type: 'queued' }
  /** Start/EndTypingIndicator. */
  | { readonly type: 'typing'; readonly active: boolean }
  /** ActionMsg System: ServiceNow's own (localised) notice, e.g. "Beth Anglin has entered the chat". */
  | { readonly type: 'system'; readonly text: string }
  /**
   * The live chat is over. Derived only from structured signals, always the last event of a callback:
   * `completed: true`, an `ActionMsg` `SwitchToVirtualAgent`, or `takeControl: true`.
   */
  | { readonly type: 'chatEnded'; readonly reason: ChatEndReason }
  /** A body item this version does not render (kept, not rejected, so nothing is silently lost). */
  | {
      readonly type: 'unsupported';
      readonly uiType: string;
      /** For an `ActionMsg` whose actionType this version does not map (e.g. `ChatSubHeader`). */
      readonly actionType?: string;
      /** The item's label, caption or text, when it has one. */
      readonly text?: string;
      /** Absolute http(s) URL of an `OutputImage` or `OutputLink`. */
      readonly url?: string;
    };

export type ChatEndReason = 'completed' | 'switchedToVirtualAgent' | 'takeControl';

export interface SnowCallback {
  /** Our conversation id, echoed by ServiceNow: the correlation key. */
  readonly clientSessionId: string;
  readonly requestId?: string;
  readonly userId?: string;
  /** interaction sys_id (app 4.0.0+). */
  readonly interactionId?: string;
  readonly agentChat: boolean;
  readonly events: readonly SnowEvent[];
}
