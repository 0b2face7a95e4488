/**
 * Wire timestamps: RFC 3339 date-times and epoch seconds, read strictly (no `Date.parse`
 * leniency) and kept within the years 1000–9999, so that every timestamp the server stores or
 * answers is one the AWS SDKs read back as the same instant. These are the years of the model's
 * `Date` pattern (`^[1-9][0-9]{3}-…`); RFC 3339 writes no year past 9999, and the JavaScript SDK
 * reads years before 100 as 19xx.
 */

/** 1000-01-01T00:00:00.000Z. */
export const MIN_TIME_MS = -30_610_224_000_000;
/** 9999-12-31T23:59:59.999Z. */
export const MAX_TIME_MS = 253_402_300_799_999;

export const TIME_RANGE_TEXT = "between 1000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z";

export const isRepresentableTime = (ms: number): boolean =>
  Number.isFinite(ms) && ms >= MIN_TIME_MS && ms <= MAX_TIME_MS;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real day of the calendar (`2024-02-29` yes, `2025-02-29` and `2025-04-31` no). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` string naming a real day. */
export function isCalendarDate(value: string): boolean {
  const m = YMD.exec(value);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * The instant of an RFC 3339 date-time in epoch ms, or NaN when the text is not one (wrong form,
 * impossible day, hour 24, offset beyond ±23:59). Lower-case `t`/`z` and offsets are accepted;
 * digits past the millisecond are cut off and a leap second (`:60`) counts as the next second, as
 * the JavaScript SDK reads them. The result may lie outside the representable range.
 */
export function parseDateTime(value: string): number {
  const m = RFC3339.exec(value);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (!isCalendarDay(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 60) return Number.NaN;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!); // years 0–99 stay themselves (Date.UTC maps them to 19xx)
  date.setUTCHours(hour!, minute! - offsetMinutes, second!, millis);
  return date.getTime();
}

/**
 * A wire timestamp in epoch ms: an RFC 3339 string, or a JSON number of epoch seconds (the
 * awsJson 1.0 default). NaN when it is neither or lies outside the representable range.
 */
export function wireTimestampMs(value: unknown): number {
  const ms =
    typeof value === "number"
      ? Math.round(value * 1000)
      : typeof value === "string"
        ? parseDateTime(value)
        : Number.NaN;
  return isRepresentableTime(ms) ? ms : Number.NaN;
}
