// Formats values from outside for the user, in their language: when agents are back.
import type { Opening } from './ports.js';

/** E.g. "Monday, 3 March, 08:00 CET" (en) or "Montag, 3. März, 08:00 MEZ" (de). */
export function formatOpening(opening: Opening, locale: string | undefined): string {
  const at = new Date(opening.at);
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: opening.timeZone,
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, options).format(at);
  } catch (err) {
    // A malformed locale from the channel: English is better than no time at all.
    if (!(err instanceof RangeError)) throw err;
    return new Intl.DateTimeFormat('en', options).format(at);
  }
}
