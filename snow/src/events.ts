// The typed result of parsing a ServiceNow callback: what happened, in the order ServiceNow sent it.
// The bot renders these; it never looks at raw body[] items. Every URL in an event is absolute
// http(s) (relative ones are resolved against the instance URL; anything else is dropped), and
// every text is ServiceNow's as sent: rendering must escape it for the target surface.

/** Who sent an agent message, as far as ServiceNow tells (names and avatars are an instance setting). */
export interface AgentInfo {
  readonly name?: string;
  /** Absolute URL: relative avatar paths are resolved against the instance URL. */
  readonly avatarUrl?: string;
  /** live_profile sys_id (app 3.14.3+). */
  readonly id?: string;
}

/** One link of an OutputLink or a GroupedPartsOutputControl. */
export interface SnowLink {
  /** Absolute http(s) URL; often ServiceNow's `va_link.do?…&target_url=…` redirect. */
  readonly url: string;
  readonly label?: string;
  readonly description?: string;
  /** Taxonomy shown beside the link, e.g. `KB`. */
  readonly context?: string;
}

/** One option of a Picker, TopicPickerControl or Boolean. */
export interface SnowChoice {
  readonly label: string;
  /** What to send back (`typed: false`) when the user picks it; the label when ServiceNow gave none. */
  readonly value: string;
  readonly description?: string;
  /** Picture of a carousel option. */
  readonly imageUrl?: string;
}

/** What the user is asked to enter. `file` asks for an upload. */
export type InputKind = 'text' | 'date' | 'time' | 'dateTime' | 'file';

/** Dynamic content of a Now Assist progress loader. */
export interface ProgressUpdate {
  readonly header?: string;
  readonly messages: readonly string[];
  /** The message this one updates, when ServiceNow says so. */
  readonly parentMessageId?: string;
}

export type SnowEvent =
  // --- Conversation content (body items other than ActionMsg) -------------------------------
  /** OutputText: a message from the live agent (fromAgent) or from ServiceNow's virtual agent. */
  | {
      readonly type: 'message';
      readonly text: string;
      readonly fromAgent: boolean;
      readonly agent?: AgentInfo;
      readonly messageId?: string;
    }
  /** OutputLink: one link, with an optional header line above it. */
  | {
      readonly type: 'link';
      readonly url: string;
      readonly label?: string;
      readonly header?: string;
    }
  /** GroupedPartsOutputControl ("multi link"): a list of links under a header. */
  | { readonly type: 'links'; readonly header?: string; readonly links: readonly SnowLink[] }
  /** OutputImage. */
  | { readonly type: 'image'; readonly url: string; readonly altText?: string }
  /**
   * A file: an `attachment` object or array on a body item, or an OutputLink to a file of the
   * instance (see callback/attachments.ts). A URL on the instance needs its credentials.
   */
  | {
      readonly type: 'file';
      readonly url: string;
      readonly fromAgent: boolean;
      readonly fileName?: string;
      readonly contentType?: string;
      readonly size?: number;
    }
  /**
   * Picker (list or carousel), TopicPickerControl or Boolean: the user is asked to pick. The
   * pick is sent back as a message with `typed: false` and the option's `value`.
   */
  | {
      readonly type: 'choices';
      readonly control: 'picker' | 'topics' | 'boolean';
      readonly prompt?: string;
      readonly options: readonly SnowChoice[];
      readonly multiSelect: boolean;
      readonly required: boolean;
      /** Picker style as sent: `list`, `carousel` or `button`. */
      readonly style?: string;
    }
  /**
   * OutputHtml: raw HTML as ServiceNow sent it, untrusted. The renderer must convert it to
   * something safe (e.g. plain text or sanitised markdown), never pass it through.
   */
  | {
      readonly type: 'html';
      readonly html: string;
      /** A rendering of the HTML as an image, when the instance converts HTML to images. */
      readonly imageUrl?: string;
      /** The links found in the HTML, when the instance extracts them. */
      readonly links?: readonly SnowLink[];
    }
  /**
   * OutputCard: `data` is the card's JSON string, parsed (fields depend on `templateName`:
   * `Card` has title, subtitle, fields[{fieldLabel, fieldValue}], url; the image templates
   * have title, description, image, imageAlt, url; `Youtube Video Card` has title, link, id).
   * Its values are untrusted and its URLs are not resolved: the renderer checks what it uses.
   */
  | {
      readonly type: 'card';
      readonly templateName: string;
      readonly data: Readonly<Record<string, unknown>>;
    }
  /** OutputTable: rows of cells as text; the user may reply `DONE`. */
  | {
      readonly type: 'table';
      readonly headers: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  /** InputText, Date, Time, DateTime, FileUpload (or OutputText asking for a file). */
  | {
      readonly type: 'inputRequest';
      readonly kind: InputKind;
      readonly label?: string;
      readonly required: boolean;
      /** InputText with maskType SECURE: the answer is a secret (e.g. a password). */
      readonly masked: boolean;
      /** FileUpload: `image` when only images are asked for. */
      readonly fileKind?: 'file' | 'image';
      readonly maxFiles?: number;
      readonly maxSizeMb?: number;
    }
  /**
   * MultiPartOutput: one part of a longer answer; `content` is the part's own events (text,
   * image, html, link or card). The user asks for the next part by sending `click_for_more`.
   */
  | {
      readonly type: 'multipart';
      readonly navigationLabel?: string;
      readonly content: readonly SnowEvent[];
    }
  // --- ActionMsg: the live-agent lifecycle -------------------------------------------------
  /** SwitchToLiveAgent: an agent accepted the chat. */
  | { readonly type: 'agentJoined'; readonly agent?: AgentInfo }
  /** StartSpinner with spinnerType wait_time: the user is waiting in the queue. */
  | { readonly type: 'waitTime'; readonly message?: string; readonly waitTime?: string }
  /**
   * StartSpinner other than wait_time (`processing`, `none`), and every EndSpinner: ServiceNow's
   * own progress indicator. Nothing the user needs to read.
   */
  | { readonly type: 'spinner'; readonly active: boolean; readonly spinnerType?: string }
  /** SubscribeToSupportQueue: the chat was placed in the support queue. */
  | { readonly type: 'queued' }
  /** SubscribeToChatPresence: a live-agent conversation has begun. */
  | { readonly type: 'liveChatStarted' }
  /** Start/EndTypingIndicator. */
  | { readonly type: 'typing'; readonly active: boolean }
  /** ActionMsg System: ServiceNow's own (localised) notice, e.g. "Beth Anglin has entered the chat". */
  | { readonly type: 'system'; readonly text: string }
  /** ChatSubHeader: a sub-header line (dynamic translation failed, autopilot started or ended). */
  | { readonly type: 'subHeader'; readonly text: string }
  /** DynamicLoader: Now Assist reports progress on a longer task. */
  | ({ readonly type: 'progress' } & ProgressUpdate)
  /** StartConversation / CreateConversation / SwitchConversation: conversation bookkeeping. */
  | {
      readonly type: 'conversation';
      readonly change: 'started' | 'created' | 'switched';
      readonly conversationId?: string;
      readonly interactionId?: string;
      readonly messageId?: string;
    }
  /** TopicFinished or Separator: a topic of the virtual agent ended; nothing to show. */
  | { readonly type: 'topicBoundary'; readonly actionType: 'TopicFinished' | 'Separator' }
  /**
   * The live chat is over. Derived only from structured signals, always the last event of a callback:
   * `completed: true`, an `ActionMsg` `SwitchToVirtualAgent`, or `takeControl: true`.
   */
  | { readonly type: 'chatEnded'; readonly reason: ChatEndReason }
  /**
   * A body item this version does not render, or one that does not match its documented shape
   * (e.g. an OutputCard whose data is not JSON): kept, not rejected, so nothing is silently lost.
   */
  | {
      readonly type: 'unsupported';
      readonly uiType: string;
      /** For an `ActionMsg` whose actionType this version does not map. */
      readonly actionType?: string;
      /** The item's label, caption or text, when it has one. */
      readonly text?: string;
      /** Absolute http(s) URL the item points to, when it has one. */
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
  /** When ServiceNow stamped the callback, in epoch milliseconds (it sends seconds or ms). */
  readonly timestamp?: number;
  readonly agentChat: boolean;
  readonly events: readonly SnowEvent[];
  /**
   * Body items that did not match their documented shape, as JSON paths and what is wrong there
   * (never their contents). Each became an `unsupported` event; the rest of the callback stands.
   */
  readonly issues?: readonly string[];
}
