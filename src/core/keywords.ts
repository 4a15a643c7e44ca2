// The tests behind partner-check's own JSON Schema keywords, shared by ajv at run time and the
// validators generated at build time. JSON Schema alone cannot look from one part of a charter
// into another (is this goal measured by some outcome?), compare dates, or add up shares; these
// three keywords let criteria say so as data.
import { valueAtPointer } from './parse.js';

/** What a validator is called with (`validate.call(context, data)`): the facts a charter cannot hold. */
export interface CheckContext {
  /** Today, YYYY-MM-DD, for "not in the future"; date bounds naming `today` are skipped without it. */
  today?: string;
}

export interface PcInOptions {
  /** JSON Pointer, from the charter's root, to a list (or several lists, searched together). */
  array: string | string[];
  /** Compare with this field of each item rather than the item itself. */
  key?: string;
  /** `exact` (default, ignoring case) or `words`: one side's words all appear in the other's. */
  match?: 'exact' | 'words';
  /** Only items whose fields equal these values count, e.g. `{ committed: true }`. */
  where?: Record<string, unknown>;
}

/** `pcIn`: true when `data` equals (or with match: words, names the same thing as) an item of the list. */
export function pcInHolds(options: PcInOptions, data: unknown, rootData: unknown): boolean {
  if (typeof data !== 'string' && typeof data !== 'number') return false;
  const wanted = normalise(data);
  return listItems(rootData, options.array, options.where).some((item) => {
    const candidate = options.key === undefined ? item : isRecord(item) ? item[options.key] : undefined;
    return (typeof candidate === 'string' || typeof candidate === 'number') && namesMatch(normalise(candidate), wanted, options.match);
  });
}

/** A date bound: a JSON Pointer to another date in the charter, `today`, or either shifted by some days. */
export type DateBound = string | { pointer: string; days?: number };

export interface PcDateOptions {
  after?: DateBound;
  notBefore?: DateBound;
  before?: DateBound;
  notAfter?: DateBound;
}

/**
 * `pcDate`: true when a date keeps its bounds. A bound whose date is missing or malformed is
 * skipped: the criterion that needs that date reports it, and one gap is not reported twice.
 */
export function pcDateHolds(options: PcDateOptions, data: unknown, rootData: unknown, context?: CheckContext): boolean {
  const day = dayNumber(data);
  if (day === null) return true;
  const bound = (spec: DateBound | undefined) => (spec === undefined ? null : boundDay(spec, rootData, context));
  const after = bound(options.after);
  const notBefore = bound(options.notBefore);
  const before = bound(options.before);
  const notAfter = bound(options.notAfter);
  return (after === null || day > after) && (notBefore === null || day >= notBefore) && (before === null || day < before) && (notAfter === null || day <= notAfter);
}

export interface PcShareOptions {
  /** Lists of resource lines whose amounts in pounds are shared out. */
  lines: string[];
  /** The field naming who gives a line (matched against `data` by words). */
  key: string;
  /** The fields that may hold a line's value in pounds, first found wins. */
  amount: string[];
  /** The smallest share of the committed pounds that counts as significant, 0..1. */
  min: number;
  /** Staff lines: committed whole-time equivalents from the same giver count as significant on their own. */
  staff?: { lines: string; fte: string; min: number };
}

/**
 * `pcShare`: true when the named giver's committed contribution is significant: its share of all
 * committed pounds reaches `min`, or it commits at least `staff.min` whole-time staff.
 */
export function pcShareHolds(options: PcShareOptions, data: unknown, rootData: unknown): boolean {
  if (typeof data !== 'string') return true;
  const giver = normalise(data);
  const fromGiver = (item: unknown) => isRecord(item) && typeof item[options.key] === 'string' && namesMatch(normalise(item[options.key] as string), giver, 'words');
  if (options.staff) {
    const fte = listItems(rootData, options.staff.lines, { committed: true })
      .filter(fromGiver)
      .reduce((sum: number, item) => sum + numberField(item, [options.staff!.fte]), 0);
    if (fte >= options.staff.min) return true;
  }
  const committed = listItems(rootData, options.lines, { committed: true });
  const total = committed.reduce((sum: number, item) => sum + numberField(item, options.amount), 0);
  if (total === 0) return false;
  const given = committed.filter(fromGiver).reduce((sum: number, item) => sum + numberField(item, options.amount), 0);
  return given / total >= options.min;
}

function listItems(rootData: unknown, pointers: string | string[], where: Record<string, unknown> | undefined): unknown[] {
  const lists = (Array.isArray(pointers) ? pointers : [pointers]).map((pointer) => valueAtPointer(rootData, pointer));
  const items = lists.flatMap((list) => (Array.isArray(list) ? list : []));
  if (!where) return items;
  return items.filter((item) => isRecord(item) && Object.entries(where).every(([field, value]) => item[field] === value));
}

function numberField(item: unknown, fields: string[]): number {
  if (!isRecord(item)) return 0;
  for (const field of fields) {
    const value = item[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return 0;
}

function boundDay(spec: DateBound, rootData: unknown, context: CheckContext | undefined): number | null {
  const { pointer, days = 0 } = typeof spec === 'string' ? { pointer: spec } : spec;
  const day = dayNumber(pointer === 'today' ? context?.today : valueAtPointer(rootData, pointer));
  return day === null ? null : day + days;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970 for a valid YYYY-MM-DD, else null. */
export function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time / 86_400_000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalise(value: string | number): string {
  return String(value).trim().toLowerCase().replace(/\s+/g, ' ');
}

function namesMatch(candidate: string, wanted: string, match: PcInOptions['match']): boolean {
  return candidate === wanted || (match === 'words' && (wordsWithin(candidate, wanted) || wordsWithin(wanted, candidate)));
}

/**
 * True when every word of `part` appears, in order and whole, in `whole`; a word of `part` may
 * also stand for a run of words by their initials (CCG for Clinical Commissioning Group).
 */
function wordsWithin(part: string, whole: string): boolean {
  const wanted = words(part);
  const within = words(whole);
  if (wanted.length === 0) return false;
  for (let start = 0; start < within.length; start += 1) {
    if (matchesFrom(wanted, within, start)) return true;
  }
  return false;
}

function matchesFrom(wanted: string[], within: string[], start: number): boolean {
  let at = start;
  for (const word of wanted) {
    if (within[at] === word) {
      at += 1;
      continue;
    }
    const run = word.length >= 2 ? within.slice(at, at + word.length) : [];
    if (run.length !== word.length || !run.every((next, index) => next[0] === word[index])) return false;
    at += word.length;
  }
  return true;
}

function words(text: string): string[] {
  return text.split(/[^a-z0-9]+/).filter((word) => word !== '');
}
