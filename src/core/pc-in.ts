// The `pcIn` keyword's test, shared by ajv at run time and the validators generated at build time.
import { valueAtPointer } from './parse.js';

export interface PcInOptions {
  /** JSON Pointer, from the charter's root, to a list. */
  array: string;
  /** Compare with this field of each item rather than the item itself. */
  key?: string;
  /** `exact` (default, ignoring case) or `words`: one side's words all appear in the other's. */
  match?: 'exact' | 'words';
}

/** True when `data` equals (or with match: words, names the same thing as) an item of the list. */
export function pcInHolds(options: PcInOptions, data: unknown, rootData: unknown): boolean {
  if (typeof data !== 'string' && typeof data !== 'number') return false;
  const list = valueAtPointer(rootData, options.array);
  if (!Array.isArray(list)) return false;
  const wanted = normalise(data);
  return list.some((item) => {
    const candidate = options.key === undefined ? item : isRecord(item) ? item[options.key] : undefined;
    if (typeof candidate !== 'string' && typeof candidate !== 'number') return false;
    const other = normalise(candidate);
    return other === wanted || (options.match === 'words' && (wordsWithin(other, wanted) || wordsWithin(wanted, other)));
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalise(value: string | number): string {
  return String(value).trim().toLowerCase().replace(/\s+/g, ' ');
}

/** True when every word of `part` appears, in order and whole, in `whole`. */
function wordsWithin(part: string, whole: string): boolean {
  if (part === '') return false;
  return ` ${whole.replace(/[^a-z0-9]+/g, ' ')} `.includes(` ${part.replace(/[^a-z0-9]+/g, ' ').trim()} `);
}
