// "Today" for checks such as "not in the future": the date in England, where the charters are
// written, so that between midnight and 1 am in British Summer Time it is already tomorrow's date
// (the UTC date would still say yesterday). Worked out from the rule rather than with
// Intl.DateTimeFormat, whose time-zone data takes longer to load than a whole check of one charter.

const HOUR = 3_600_000;

/** The date in Europe/London at `time` (milliseconds since 1970), as YYYY-MM-DD. */
export function londonDate(time: number): string {
  const summer = time >= summerTimeStart(new Date(time).getUTCFullYear()) && time < summerTimeEnd(new Date(time).getUTCFullYear());
  return new Date(time + (summer ? HOUR : 0)).toISOString().slice(0, 10);
}

// British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the Summer Time Order 2002, as the EU's directive).
function summerTimeStart(year: number): number {
  return lastSunday(year, 2) + HOUR;
}

function summerTimeEnd(year: number): number {
  return lastSunday(year, 9) + HOUR;
}

/** Midnight UTC of the last Sunday of a month (0-based). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR;
}
