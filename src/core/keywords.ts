// The tests behind partner-check's own JSON Schema keywords, shared by ajv at run time and the
// validators generated at build time. JSON Schema alone cannot look from one part of a charter
// into another (is this goal measured by some outcome?), compare dates, or add up shares; these
// three keywords let criteria say so as data.
import { dayNumber } from './dates.js';
import { isRecord } from './is-record.js';
import { NameIndex, normaliseName, type Found, type MatchHow } from './name-index.js';
import { valueAtPointer } from './pointer.js';
import { normaliseText } from './text/normalise.js';
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

/**
 * `pcDiffers: baseline`: the value is not the same quantity as the field beside it ("31 per cent"
 * is 31%, "2,540 a year" is 2540). Holds when that field is absent: another check asks for it.
 */
export function pcDiffersHolds(field: string, data: unknown, _rootData: unknown, _context?: CheckContext, parentData?: unknown): boolean {
  if (!isRecord(parentData) || !Object.hasOwn(parentData, field)) return true;
  return quantityOf(data) !== quantityOf(parentData[field]);
}

/** A value as the quantity it states: its first number, with % when it is a percentage; else its words. */
function quantityOf(value: unknown): string {
  const text = normaliseText(String(value)).toLowerCase().replace(/\bper ?cent\b/g, '%');
  const found = /(-?\d[\d,]*(?:\.\d+)?)\s*(%?)/.exec(text);
  if (!found) return text.trim();
  return `${Number(found[1]!.replace(/,/g, ''))}${found[2]}`;
}

/** Words that name a part of an organisation, not an organisation: "the ICB's respiratory commissioning team". */
const UNIT_WORDS = new Set(['team', 'teams', 'department', 'directorate', 'division', 'unit', 'office', 'function', 'section', 'workstream']);

/**
 * `pcNotPartOf: { array: /partners, key: name }`: the value is not a team or department of another
 * item ("Humber and North Yorkshire ICB respiratory commissioning team" beside "NHS Humber and
 * North Yorkshire Integrated Care Board" is the same organisation).
 */
export function pcNotPartOfHolds(options: { array: string; key: string }, data: unknown, rootData: unknown): boolean {
  if (typeof data !== 'string') return true;
  const words = data.trim().split(/\s+/);
  if (!UNIT_WORDS.has(words.at(-1)!.toLowerCase())) return true;
  // One index of the other names per charter, with its bound on work: a charter of thousands of teams cannot stall the run.
  const names = prepare(rootData, options, () => {
    return new NameIndex(namesIn(rootData, options.array, options.key, undefined).map((name) => ({ name, value: name })));
  });
  // The longest run of its first words that names another item, leaving a short description of the unit ("respiratory commissioning team").
  for (let length = words.length - 1; length >= Math.max(1, words.length - MAX_UNIT_WORDS); length -= 1) {
    const head = words.slice(0, length).join(' ');
    if (names.find(head).some((found) => found.value !== data)) return false;
  }
  return true;
}

/** The most words a unit's own description takes after its organisation's name, "team" included. */
const MAX_UNIT_WORDS = 4;

export interface PcInOptions {
  /** JSON Pointer, from the charter's root, to a list (or several lists, searched together). */
  array: string | string[];
  /** Compare with this field of each item rather than the item itself. */
  key?: string;
  /** `exact` (default, ignoring case) or `words`: the same organisation's name, however written (name-index.ts). */
  match?: 'exact' | 'words';
  /** Only items whose fields equal these values count, e.g. `{ committed: true }`. */
  where?: Record<string, unknown>;
  /** A field beside the value listing other names for it (partners[].aka), tried too. */
  aka?: string;
  /**
   * With `match: words`, the list the value comes from (`{ array: /partners, key: name }`): a
   * name in `array` that only lies within a name (as "Trust" does) stands for one of its items
   * only when it fits no other, by name or aka.
   */
  among?: AmongOptions;
  /** Holds only when the value is in the list as written (or not found at all): for a note saying how it was found. */
  exactly?: boolean;
}

export interface AmongOptions {
  array: string;
  key: string;
}

/** `pcIn`: true when `data` (or one of its other names) equals, or with match: words names the same organisation as, an item of the list. */
export function pcInHolds(options: PcInOptions, data: unknown, rootData: unknown, _context?: CheckContext, parentData?: unknown): boolean {
  if (typeof data !== 'string' && typeof data !== 'number') return false;
  if (options.exactly) return pcInMatches(options, data, rootData, parentData).length === 0;
  const list = preparedIn(options, rootData);
  const names = namesOf(data, parentData, options.aka);
  if (names.some((name) => list.exact.has(normaliseName(name)))) return true;
  return options.match === 'words' && list.words.find(names).length > 0;
}

/** A value found in a list other than letter for letter: the list's name taken for it, and how. */
export interface InexactMatch {
  /** The list's name (a board member). */
  name: string;
  /** The value it was taken to be (a partner's name). */
  matched: string;
  /** What had to be allowed for; `aka` when the value's other name is in the list as written. */
  how: Exclude<MatchHow, 'exact'> | 'aka';
  /** The value's other name (partners[].aka) that matched, when it was one. */
  aka?: string;
}

/**
 * How `pcIn` found the value, when not as written: `{ name: 'GSK', matched: 'GlaxoSmithKline UK
 * Limited', how: 'initials' }`, for a report to say "Partner 'GlaxoSmithKline UK Limited' taken to
 * be board member 'GSK' (initials)". Empty when the value is in the list as written, or not at all.
 * Called with the options and data the keyword had (the partner as `parentData`, for its aka).
 */
export function pcInMatches(options: PcInOptions, data: unknown, rootData: unknown, parentData?: unknown): InexactMatch[] {
  if (typeof data !== 'string' && typeof data !== 'number') return [];
  const list = preparedIn(options, rootData);
  const [name, ...aka] = namesOf(data, parentData, options.aka);
  if (list.exact.has(normaliseName(name!))) return [];
  const byAka = aka.flatMap((other) => {
    const listName = list.exact.get(normaliseName(other));
    return listName === undefined ? [] : [{ name: listName, matched: name!, how: 'aka' as const, aka: other }];
  });
  if (byAka.length > 0 || options.match !== 'words') return byAka;
  const matches = new Map<string, InexactMatch>();
  for (const found of list.words.find([name!, ...aka])) {
    if (matches.has(found.name)) continue;
    const how = found.how === 'exact' ? 'aka' : found.how;
    matches.set(found.name, { name: found.name, matched: name!, how, ...(found.wanted !== name ? { aka: found.wanted } : {}) });
  }
  return [...matches.values()];
}

function preparedIn(options: PcInOptions, rootData: unknown) {
  return prepare(rootData, options, () => {
    const names = namesIn(rootData, options.array, options.key, options.where);
    // A member written as a person with their organisation in brackets ("F Example, Director of
    // Operations (Northamptonshire Healthcare)") also stands for the organisation in the brackets.
    const bracketed = names.flatMap((name) => [...name.matchAll(/[([]([^()[\]]+)[)\]]/g)].map((found) => ({ name: found[1]!.trim(), value: name })));
    return {
      exact: new Map(names.map((name) => [normaliseName(name), name])),
      words: new ListNames([...names.map((name) => ({ name, value: name })), ...bracketed.filter((entry) => entry.name !== '')], Among.of(rootData, options)),
    };
  });
}

/** The value and its other names (the strings in the field `aka` beside it). */
function namesOf(data: string | number, parentData: unknown, aka: string | undefined): string[] {
  const others = aka !== undefined && isRecord(parentData) ? parentData[aka] : undefined;
  return [String(data), ...(Array.isArray(others) ? others.filter((other): other is string => typeof other === 'string') : [])];
}

/**
 * A list's names matched by words against a value's names. With `among`, a name that only lies
 * within the value's ("Trust") counts only when it fits no other item of that list: "Trust" on a
 * board beside two trusts among the partners stands for neither. The index is built on first use.
 */
class ListNames<T> {
  private index: NameIndex<T> | null = null;

  constructor(
    private readonly names: { name: string; value: T }[],
    private readonly among: Among | null,
  ) {}

  /** The list's entries that match any of `wanted`, each with the wanted name it matched. */
  find(wanted: string[]): (Found<T> & { wanted: string })[] {
    this.index ??= new NameIndex(this.names);
    return wanted.flatMap((name) => this.index!.find(name).flatMap((found) => (found.whole || this.among?.fitsOne(found.name) !== false ? [{ ...found, wanted: name }] : [])));
  }
}

/** The items a value comes from (the partners), by name and aka, for telling whether a name fits only one of them. */
class Among {
  private index: NameIndex<number> | null = null;
  /** A name → how many items it fits. */
  private readonly fits = new Map<string, number>();

  constructor(private readonly items: () => { name: string; value: number }[]) {}

  static of(rootData: unknown, options: { among?: AmongOptions; aka?: string }): Among | null {
    const among = options.among;
    if (!among) return null;
    return new Among(() =>
      listItems(rootData, among.array, undefined).flatMap((item, position) => {
        const name = isRecord(item) ? item[among.key] : undefined;
        return typeof name === 'string' || typeof name === 'number' ? namesOf(name, item, options.aka).map((other) => ({ name: other, value: position })) : [];
      }),
    );
  }

  fitsOne(name: string): boolean {
    this.index ??= new NameIndex(this.items());
    let count = this.fits.get(name);
    if (count === undefined) {
      count = this.index.matches(name).length;
      this.fits.set(name, count);
    }
    return count <= 1;
  }
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
  /** As for pcIn: the giver's other names, beside it. */
  aka?: string;
  /** As for pcIn: a line whose giver only lies within the value's name counts only when it fits no other of these items. */
  among?: AmongOptions;
}

/**
 * `pcShare`: true when the named giver's committed contribution is significant: its share of all
 * committed pounds reaches `min`, or it commits at least `staff.min` whole-time staff.
 */
export function pcShareHolds(options: PcShareOptions, data: unknown, rootData: unknown, context?: CheckContext, parentData?: unknown): boolean {
  if (typeof data !== 'string') return true;
  const lines = prepare(rootData, options, () => {
    const excluded = options.except;
    const committed = listItems(rootData, options.lines, { committed: true }).filter(
      (item) => !excluded || !isRecord(item) || !pcSaysHolds(excluded.signal, item[excluded.field], rootData, context),
    );
    const staff = options.staff ? listItems(rootData, options.staff.lines, { committed: true }) : [];
    const giverOf = (item: unknown) => (isRecord(item) && typeof item[options.key] === 'string' ? (item[options.key] as string) : '');
    const among = Among.of(rootData, options);
    return {
      total: committed.reduce((sum: number, item) => sum + numberField(item, options.amount), 0),
      pounds: new ListNames(committed.map((item) => ({ name: giverOf(item), value: { amount: numberField(item, options.amount) } })), among),
      fte: new ListNames(staff.map((item) => ({ name: giverOf(item), value: { amount: numberField(item, [options.staff!.fte]) } })), among),
    };
  });
  const names = namesOf(data, parentData, options.aka);
  // Each line is its own object, so that two equal amounts from one giver both count, and a line
  // found by two of the giver's names counts once.
  const sum = (list: ListNames<{ amount: number }>) => [...new Set(list.find(names).map((found) => found.value))].reduce((total, line) => total + line.amount, 0);
  if (options.staff && sum(lines.fte) >= options.staff.min) return true;
  if (lines.total === 0) return false;
  return sum(lines.pounds) / lines.total >= options.min;
}

/** The names of a list's items (their `key` field, or the items themselves), as strings. */
function namesIn(rootData: unknown, array: string | string[], key: string | undefined, where: Record<string, unknown> | undefined): string[] {
  return listItems(rootData, array, where)
    .map((item) => (key === undefined ? item : isRecord(item) ? item[key] : undefined))
    .filter((name): name is string | number => typeof name === 'string' || typeof name === 'number')
    .map(String);
}

function listItems(rootData: unknown, pointers: string | string[], where: Record<string, unknown> | undefined): unknown[] {
  const lists = (Array.isArray(pointers) ? pointers : [pointers]).map((pointer) => valueAtPointer(rootData, pointer));
  const items = lists.flatMap((list): unknown[] => (Array.isArray(list) ? list : []));
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
