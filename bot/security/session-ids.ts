// Live chat session ids are random UUIDs (version 4, from node:crypto, made by the starter), so
// they cannot be guessed, and nothing else is ever looked up as one. The store cannot even hold ids with "/", "?" or "#".
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Whether `value` could be one of our session ids: anything else is unknown, not an error. */
export function isSessionId(value: string): boolean {
  return UUID_V4.test(value);
}
