// Dates written in a text ("3 June 2025", "May 6, 2025", "October 2025", "2025-06-03",
// "03/06/2025"), as the span of days each covers, so that a check can ask whether a sentence
// about certifying or publishing dates it after the start; and a typed answer read as the day it
// writes, in the same forms.
import { dayNumber } from '../dates.js';

/** Days since 1970 of the first and the last day a written date covers (one day, or a month). */
export interface DaySpan {
  from: number;
  to: number;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));
/** A month's name or any abbreviation of it of three letters or more (Sept, Decemb), perhaps with a dot. */
const MONTH = `(${MONTH_NAMES.map((name) => name.slice(0, 3) + [...name.slice(3)].reduceRight((rest, letter) => `(?:${letter}${rest})?`, '')).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

const ISO_DAY = `${YEAR}-(\\d{2})-(\\d{2})`;
// Written with slashes in an English text, the day comes first. A typed answer may use dots too
// (01.04.2025); in a text, "version 2.1.2025" is not a date.
const numericDay = (separators: string) => `(\\d{1,2})[${separators}](\\d{1,2})[${separators}]${YEAR}`;
const DAY_MONTH = `${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}`;
const MONTH_DAY = `${MONTH}\\s+${DAY},?\\s+${YEAR}`;
const MONTH_YEAR = `${MONTH},?\\s+${YEAR}`;

// One pass, longest forms first, so that "3 June 2025" is not also read as "June 2025".
const WRITTEN_DATE = new RegExp([ISO_DAY, numericDay('/'), DAY_MONTH, MONTH_DAY, MONTH_YEAR].map((form) => `\\b${form}\\b`).join('|'), 'gi');
// A whole answer that is one day, its groups numbered as WRITTEN_DATE's.
const WHOLE_DAY = new RegExp(`^(?:${[ISO_DAY, numericDay('/.'), DAY_MONTH, MONTH_DAY].join('|')})$`, 'i');

export function datesIn(text: string): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const found of text.matchAll(WRITTEN_DATE)) {
    const span = spanOf(partsOf(found));
    if (span) spans.push(span);
  }
  return spans;
}

/**
 * The day a whole answer writes ("1 April 2025", "31st Mar 2026", "April 1, 2025", "01/04/2025",
 * "2025-04-01") as YYYY-MM-DD, the form a charter stores; not checked to be a real day (31
 * February is 2025-02-31, which the schema's date format refuses). Null when the answer is not a
 * written day.
 */
export function writtenDay(text: string): string | null {
  const found = WHOLE_DAY.exec(text.trim());
  if (!found) return null;
  const { year, month, day } = partsOf(found);
  if (day === undefined) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A written date's year, month and day (no day: it names a whole month). */
function partsOf(found: RegExpMatchArray): { year: number; month: number; day?: number } {
  const [, isoYear, isoMonth, isoDay, digitsDay, digitsMonth, digitsYear, dayFirst, monthAfterDay, yearAfterDay, monthFirst, dayAfterMonth, yearAfterMonth, monthOnly, yearOfMonth] = found;
  if (isoYear) return { year: Number(isoYear), month: Number(isoMonth), day: Number(isoDay) };
  if (digitsYear) return { year: Number(digitsYear), month: Number(digitsMonth), day: Number(digitsDay) };
  if (yearAfterDay) return { year: Number(yearAfterDay), month: monthNumber(monthAfterDay!), day: Number(dayFirst) };
  if (yearAfterMonth) return { year: Number(yearAfterMonth), month: monthNumber(monthFirst!), day: Number(dayAfterMonth) };
  return { year: Number(yearOfMonth), month: monthNumber(monthOnly!) };
}

function spanOf({ year, month, day }: { year: number; month: number; day?: number }): DaySpan | null {
  if (day !== undefined) return oneDay(year, month, day);
  return { from: Date.UTC(year, month - 1, 1) / DAY_MS, to: Date.UTC(year, month, 0) / DAY_MS };
}

const DAY_MS = 86_400_000;

function oneDay(year: number, month: number, day: number): DaySpan | null {
  // The schema's own reading of a date: 31 February and the like are not dates.
  const number = dayNumber(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  return number === null ? null : { from: number, to: number };
}

function monthNumber(written: string): number {
  return MONTHS.indexOf(written.toLowerCase().slice(0, 3)) + 1;
}
