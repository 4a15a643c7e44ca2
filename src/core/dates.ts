// Dates as charters write them, YYYY-MM-DD: valid exactly when the schema's `date` format says so.
import { matchesFormat } from './formats.js';

/** Days since 1970-01-01 for a date the schema accepts (a real day), else null. */
export function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !matchesFormat('date', value)) return null;
  // A date-only ISO string is read as UTC midnight, whatever the year (Date.UTC would read 0099 as 1999).
  return Date.parse(value) / 86_400_000;
}
