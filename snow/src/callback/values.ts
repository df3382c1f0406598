// Small readers for the loosely typed values in a validated callback: ServiceNow sends booleans as
// strings, numbers as strings, empty strings for "nothing", and URLs relative to the instance.

/** true for `true` and `"true"`; everything else is false. */
export function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A scalar as text: numbers and booleans are written out, null and objects become undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return text(value);
}

/** A positive number, from a number or a numeric string. */
export function positiveNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `{ [key]: value }` when value is defined, else `{}`: keeps absent fields absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/**
 * Avatars and images may be relative to the instance (`abc.iix?t=small`). Only http(s) results are
 * kept: anything else (`javascript:`, `data:`) is dropped rather than rendered.
 */
export function absoluteUrl(value: unknown, base: URL): string | undefined {
  const raw = text(value)?.trim();
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    // Not a URL at all: there is nothing to show.
    return undefined;
  }
}

// Epoch seconds stay below this until the year 5138; epoch milliseconds passed it in 1973.
const millisecondsFrom = 100_000_000_000;

/**
 * Epoch milliseconds from a timestamp ServiceNow sends as seconds or milliseconds (its docs say
 * milliseconds, its examples send seconds), as a number or a numeric string.
 */
export function epochMillis(value: unknown): number | undefined {
  const n = positiveNumber(value);
  if (n === undefined) return undefined;
  return n < millisecondsFrom ? Math.round(n * 1000) : Math.round(n);
}
