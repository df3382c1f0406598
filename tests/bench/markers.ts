// Names shared by the benchmark's processes, and the markers that tie a message sent by the load
// generator to its arrival on the far side (a Teams activity id, or a token in the text).

/** The simulated ServiceNow agent who answers every benchmark chat. */
export const BENCH_AGENT = 'Casey Benchmark';

/** Conversation ids are derived from session ids, so the floor needs no lookup to route. */
export const CONVERSATION_PREFIX = 'a:bench-';

const MARKER = /\bbm(\d+)x(\d+)\b/;

/** A token that survives markdown escaping and rendering: letters and digits only. */
export function marker(phase: number, seq: number): string {
  return `bm${phase}x${seq}`;
}

export function markerIn(text: string): string | undefined {
  return MARKER.exec(text)?.[0];
}

export function conversationIdOf(sessionId: string): string {
  return `${CONVERSATION_PREFIX}${sessionId}`;
}

export function sessionIdOf(conversationId: string): string | undefined {
  return conversationId.startsWith(CONVERSATION_PREFIX)
    ? conversationId.slice(CONVERSATION_PREFIX.length)
    : undefined;
}
