// An answer as a person types it, read into the value the charter schema wants: `1.6` whole-time
// equivalents, `£250,000`, `250k` or `GBP 250,000` pounds, `1 April 2025` or `2025-04-01`. What
// cannot be read is refused with the form wanted and an example. Dates, e-mail and web addresses
// are judged by the schema's own format functions, so an answer taken here is one the schema takes.
import { matchesFormat } from './formats.js';
import { writtenDay } from './text/dates.js';

/** What the schema says the answer is. `money`: a number of pounds. */
export type TypedKind = 'number' | 'money' | 'date' | 'email' | 'uri';

export interface TypedRules {
  /** The schema's `minimum`. */
  minimum?: number;
  /** The schema's `type: integer`. */
  integer?: boolean;
}

export type TypedAnswer = { ok: true; value: string | number } | { ok: false; message: string };

/** What each kind wants, with an example: the words a refused answer shows. */
export function wantedForm(kind: TypedKind, rules: TypedRules = {}): string {
  switch (kind) {
    case 'money':
      return 'Write an amount in pounds, e.g. £250,000, 250k or GBP 250,000.';
    case 'number':
      return rules.integer ? 'Write a whole number, e.g. 12.' : 'Write a number; decimals are fine, e.g. 1.6 or 0.5.';
    case 'date':
      return 'Write a date, e.g. 1 April 2025 or 2025-04-01.';
    case 'email':
      return 'Write an e-mail address, e.g. jo.bloggs@nhs.net.';
    case 'uri':
      return 'Write the full web address, starting https://, e.g. https://www.example.nhs.uk/partnership.';
  }
}

/** Reads `typed` as `kind`. A blank answer is not read here: the caller leaves the field out. */
export function readTyped(kind: TypedKind, typed: string, rules: TypedRules = {}): TypedAnswer {
  const text = typed.trim();
  const refuse = (why = ''): TypedAnswer => ({ ok: false, message: `${why}${wantedForm(kind, rules)}` });
  switch (kind) {
    case 'number':
    case 'money': {
      const value = kind === 'money' ? readMoney(text) : readNumber(text);
      if (value === 'other-currency') return refuse('The amount is in pounds. ');
      if (value === null) return refuse();
      if (rules.integer && !Number.isInteger(value)) return refuse('It must be a whole number. ');
      if (rules.minimum !== undefined && value < rules.minimum) return refuse(`It cannot be less than ${rules.minimum}. `);
      return { ok: true, value };
    }
    case 'date': {
      const value = writtenDay(text);
      return value !== null && matchesFormat('date', value) ? { ok: true, value } : refuse(value !== null ? 'There is no such day. ' : '');
    }
    case 'email':
    case 'uri':
      return matchesFormat(kind, text) ? { ok: true, value: text } : refuse();
  }
}

/** 1.6, 0.5, .5, 1,234.5, -2; null when it is not a number. */
function readNumber(text: string): number | null {
  const compact = text.replace(/\s+/g, '');
  // Thousands separators only where they separate thousands: 1,234 but not 1,6.
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(compact) || !/\d/.test(compact)) return null;
  const value = Number(compact.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** £250,000, 250k, £1.2m, GBP 250,000, 250,000 pounds; 'other-currency' for $ or €. */
function readMoney(text: string): number | 'other-currency' | null {
  let rest = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^(\$|€|usd|eur)|(\$|€|usd|eur|dollars?|euros?)$/.test(rest)) return 'other-currency';
  rest = rest.replace(/^(£|gbp)\s*/, '').replace(/\s*(gbp|pounds?|sterling)$/, '').trim();
  const scale = /^(.*?)\s*(k|thousand|m|million|mn|bn|billion)$/.exec(rest);
  const factor = scale ? { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, mn: 1e6, bn: 1e9, billion: 1e9 }[scale[2]!]! : 1;
  const number = readNumber(scale ? scale[1]! : rest);
  // Pence are kept; floating point is not let add its own (0.1 × 1e6).
  return number === null ? null : Math.round(number * factor * 100) / 100;
}
