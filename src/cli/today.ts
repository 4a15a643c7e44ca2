// "Today" for checks such as "not in the future": the date in England, where the charters are
// written, so that between midnight and 1 am in British Summer Time it is already tomorrow's date
// (the UTC date would still say yesterday).
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in Europe/London at `time` (milliseconds since 1970), as YYYY-MM-DD. */
export function londonDate(time: number): string {
  const parts = Object.fromEntries(LONDON_DATE.formatToParts(time).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
