// Business hours: whether agents work at a given instant, and when they next start, in the time
// zone the IT admin wrote the hours in (daylight saving time included). Pure; the clock is passed.
import type { BusinessHours, Weekday } from '../config/index.js';

const WEEK: readonly Weekday[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];
/** How far ahead to look for the next opening (long holidays included). */
const LOOKAHEAD_DAYS = 31;

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

export type HoursState =
  { readonly open: true } | { readonly open: false; readonly nextOpening?: Date };

export class BusinessHoursCalendar {
  private readonly format: Intl.DateTimeFormat;

  constructor(private readonly hours: BusinessHours) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  get timeZone(): string {
    return this.hours.timeZone;
  }

  state(now: Date): HoursState {
    const local = this.local(now);
    const open = this.intervals(local).some(
      ([from, to]) => from <= local.minutes && local.minutes < to,
    );
    return open ? { open: true } : { open: false, nextOpening: this.nextOpening(local) };
  }

  private nextOpening(now: LocalTime): Date | undefined {
    for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
      const date = new Date(Date.UTC(now.year, now.month - 1, now.day + offset));
      const day: LocalTime = {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        minutes: 0,
      };
      const starts = this.intervals(day)
        .map(([from]) => from)
        .filter((from) => offset > 0 || from > now.minutes)
        .sort((a, b) => a - b);
      const first = starts[0];
      if (first !== undefined) return this.instant({ ...day, minutes: first });
    }
    return undefined;
  }

  /** The day's opening intervals in minutes, none on a holiday. */
  private intervals(day: LocalTime): [number, number][] {
    const date = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
    if (this.hours.holidays.includes(date)) return [];
    const weekday = WEEK[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()];
    return (weekday === undefined ? [] : (this.hours.weekly[weekday] ?? [])).map((interval) => {
      const [from = '', to = ''] = interval.split('-');
      return [minutesOf(from), minutesOf(to)];
    });
  }

  private local(instant: Date): LocalTime {
    const parts = Object.fromEntries(
      this.format.formatToParts(instant).map((p) => [p.type, Number(p.value)]),
    ) as Record<string, number>;
    return {
      year: parts.year ?? 0,
      month: parts.month ?? 0,
      day: parts.day ?? 0,
      minutes: (parts.hour ?? 0) * 60 + (parts.minute ?? 0),
    };
  }

  /** The instant at which the zone's wall clock shows `local` (the later one if it repeats). */
  private instant(local: LocalTime): Date {
    const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
    let instant = wall - this.offset(wall);
    // Across a daylight-saving change the first guess can be an hour off; one correction suffices.
    instant = wall - this.offset(instant);
    return new Date(instant);
  }

  /** The zone's offset from UTC at an instant, in milliseconds. */
  private offset(instant: number): number {
    const l = this.local(new Date(instant));
    const seconds = new Date(instant).getUTCSeconds();
    const asUtc = Date.UTC(l.year, l.month - 1, l.day, 0, l.minutes, seconds);
    return asUtc - (instant - (instant % 1000));
  }
}

function minutesOf(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
