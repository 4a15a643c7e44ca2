// The tests behind partner-check's own JSON Schema keywords, shared by ajv at run time and the
// validators generated at build time. JSON Schema alone cannot look from one part of a charter
// into another (is this goal measured by some outcome?), compare dates, or add up shares; these
// three keywords let criteria say so as data.
import { NameIndex, normaliseName } from './name-index.js';
import { valueAtPointer } from './pointer.js';
import type { Signals } from './text/signals.js';

/** What a validator is called with (`validate.call(context, data)`): the facts a charter cannot hold. */
export interface CheckContext {
  /** Today, YYYY-MM-DD, for "not in the future"; date bounds naming `today` are skipped without it. */
  today?: string;
  /** The criteria's compiled signals, for `pcSays`. */
  signals?: Signals;
}

/**
 * `pcSays: <signal>`: true when the text says what the named signal describes (see text/signals.ts).
 * Not text, or no signals given, says nothing.
 */
export function pcSaysHolds(name: string, data: unknown, _rootData: unknown, context?: CheckContext): boolean {
  if (typeof data !== 'string') return false;
  const signal = context?.signals?.get(name);
  return signal !== undefined && signal.evidence(data) !== null;
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
  const list = prepare(rootData, options, () => {
    const names = listItems(rootData, options.array, options.where)
      .map((item) => (options.key === undefined ? item : isRecord(item) ? item[options.key] : undefined))
      .filter((name): name is string | number => typeof name === 'string' || typeof name === 'number');
    return { names, exact: new Set(names.map(normaliseName)), index: null as NameIndex<true> | null };
  });
  if (list.exact.has(normaliseName(data))) return true;
  if (options.match !== 'words') return false;
  // The word index is built only when some name is not matched exactly.
  list.index ??= new NameIndex(list.names.map((name) => ({ name: String(name), value: true as const })));
  return list.index.matches(String(data)).length > 0;
}

// Every item of a charter is checked against the same lists (each partner against the board), so
// what a keyword needs of a list is prepared once per charter and per use of the keyword (its
// options object, the same one on every call): time stays linear in the charter. Only the charter
// being checked has its lists kept: keyed weakly by every charter, they outlived it in the young
// generation and were promoted, and the old generation grew by 10 KB a charter between full GCs.
let preparedCharter: object | null = null;
let preparedLists = new Map<object, unknown>();

function prepare<T>(rootData: unknown, options: object, build: () => T): T {
  if (typeof rootData !== 'object' || rootData === null) return build();
  if (rootData !== preparedCharter) {
    preparedCharter = rootData;
    preparedLists = new Map();
  }
  if (!preparedLists.has(options)) preparedLists.set(options, build());
  return preparedLists.get(options) as T;
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
  /** Lines whose `field` says the named signal do not count (hospitality, promotional items). */
  except?: { field: string; signal: string };
}

/**
 * `pcShare`: true when the named giver's committed contribution is significant: its share of all
 * committed pounds reaches `min`, or it commits at least `staff.min` whole-time staff.
 */
export function pcShareHolds(options: PcShareOptions, data: unknown, rootData: unknown, context?: CheckContext): boolean {
  if (typeof data !== 'string') return true;
  const lines = prepare(rootData, options, () => {
    const excluded = options.except;
    const committed = listItems(rootData, options.lines, { committed: true }).filter(
      (item) => !excluded || !isRecord(item) || !pcSaysHolds(excluded.signal, item[excluded.field], rootData, context),
    );
    const staff = options.staff ? listItems(rootData, options.staff.lines, { committed: true }) : [];
    const giverOf = (item: unknown) => (isRecord(item) && typeof item[options.key] === 'string' ? (item[options.key] as string) : '');
    return {
      total: committed.reduce((sum: number, item) => sum + numberField(item, options.amount), 0),
      pounds: new NameIndex(committed.map((item) => ({ name: giverOf(item), value: { amount: numberField(item, options.amount) } }))),
      fte: new NameIndex(staff.map((item) => ({ name: giverOf(item), value: { amount: numberField(item, [options.staff!.fte]) } }))),
    };
  });
  // Each line is its own object, so that two equal amounts from one giver both count.
  const sum = (lines: { amount: number }[]) => lines.reduce((total, line) => total + line.amount, 0);
  if (options.staff && sum(lines.fte.matches(data)) >= options.staff.min) return true;
  if (lines.total === 0) return false;
  return sum(lines.pounds.matches(data)) / lines.total >= options.min;
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
