// Dates written in a text ("3 June 2025", "May 6, 2025", "October 2025", "2025-06-03",
// "03/06/2025"), as the span of days each covers, so that a check can ask whether a sentence
// about certifying or publishing dates it after the start.
import { dayNumber } from '../dates.js';

/** Days since 1970 of the first and the last day a written date covers (one day, or a month). */
export interface DaySpan {
  from: number;
  to: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

// One pass, longest forms first, so that "3 June 2025" is not also read as "June 2025".
const WRITTEN_DATE = new RegExp(
  [
    `\\b${YEAR}-(\\d{2})-(\\d{2})\\b`,
    `\\b(\\d{1,2})/(\\d{1,2})/${YEAR}\\b`,
    `\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`,
    `\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`,
    `\\b${MONTH},?\\s+${YEAR}\\b`,
  ].join('|'),
  'gi',
);

export function datesIn(text: string): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const found of text.matchAll(WRITTEN_DATE)) {
    const span = spanOf(found);
    if (span) spans.push(span);
  }
  return spans;
}

function spanOf(found: RegExpMatchArray): DaySpan | null {
  const [, isoYear, isoMonth, isoDay, slashDay, slashMonth, slashYear, dayFirst, monthAfterDay, yearAfterDay, monthFirst, dayAfterMonth, yearAfterMonth, monthOnly, yearOfMonth] = found;
  if (isoYear) return oneDay(Number(isoYear), Number(isoMonth), Number(isoDay));
  // Written with slashes in an English text, the day comes first.
  if (slashYear) return oneDay(Number(slashYear), Number(slashMonth), Number(slashDay));
  if (yearAfterDay) return oneDay(Number(yearAfterDay), monthNumber(monthAfterDay!), Number(dayFirst));
  if (yearAfterMonth) return oneDay(Number(yearAfterMonth), monthNumber(monthFirst!), Number(dayAfterMonth));
  const year = Number(yearOfMonth);
  const month = monthNumber(monthOnly!);
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
