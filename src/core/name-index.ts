// Which names in a list name the same organisation as a given name. Charters write one
// organisation many ways: "GSK" and "GlaxoSmithKline UK Limited" (initials, a CamelCase word's
// too), "Respira Pharma" and "Respira Pharma UK Ltd" (a legal suffix), "Integration Joint Board
// (Health and Social Care Partnership)" and "Integration Joint Board" (a part in parentheses),
// "participating practices" and "Participating general practices" (words left out),
// "organization" and "organisations" (spelling, plural). A match either names the whole
// organisation, written another way, or is a name within the other ("Northamptonshire
// Healthcare", "Trust"); whether a name within is enough is the caller's choice (keywords.ts takes
// it only when it fits one partner). Built once per list, so that checking every partner against
// the board stays linear.

/** How two names were found to match: letter for letter, or what had to be allowed for. */
export type MatchHow = 'exact' | 'spelling' | 'parentheses' | 'suffix' | 'initials' | 'words';

export interface NameMatch {
  how: MatchHow;
  /** The same organisation written another way; false when one name only lies within the other. */
  whole: boolean;
}

/** A match in a NameIndex: the entry's value and name, and how it matched. */
export interface Found<T> extends NameMatch {
  value: T;
  name: string;
}

/**
 * Work (roughly, words compared) left for comparing names one by one; past it, a lookup uses an
 * index of whole words and keys, which finds no initials and no words left out inside a name.
 */
const WORK_BUDGET = 20_000_000;
/** Runs are indexed for the first words of a name: names are short, and this keeps the index linear. */
const MAX_INDEXED_WORDS = 12;
/** No organisation's name runs longer; a longer one is compared only as a whole. */
const MAX_NAME_WORDS = 24;

export class NameIndex<T> {
  private readonly entries: { name: string; parsed: ParsedName; value: T }[];
  /** Whole-word lookups, built only once the budget for comparing names one by one is spent. */
  private index: WordIndex<T> | null = null;
  private readonly work: { left: number };

  /** `workBudget`: how much comparing one by one is allowed before the index takes over (tests set it to 0). */
  constructor(names: { name: string; value: T }[], workBudget = WORK_BUDGET) {
    this.work = { left: workBudget };
    this.entries = names.map(({ name, value }) => ({ name, parsed: parseName(name), value })).filter((entry) => entry.parsed.full.words.length > 0);
  }

  /** The values of every entry whose name matches `name` (each once, in the entries' order while the budget lasts). */
  matches(name: string): T[] {
    return [...new Set(this.find(name).map((found) => found.value))];
  }

  /** Every entry whose name matches `name`, with how. */
  find(name: string): Found<T>[] {
    const wanted = parseName(name);
    if (wanted.full.words.length === 0) return [];
    if (this.work.left > 0) {
      const found: Found<T>[] = [];
      for (const entry of this.entries) {
        const match = compareParsed(wanted, entry.parsed, this.work);
        if (match) found.push({ value: entry.value, name: entry.name, ...match });
        // A lookup that spends the last of the budget is done again through the index, whole.
        if (this.work.left <= 0) return this.findIndexed(wanted);
      }
      return found;
    }
    return this.findIndexed(wanted);
  }

  private findIndexed(wanted: ParsedName): Found<T>[] {
    const index = (this.index ??= buildIndex(this.entries));
    const found = new Map<object, Found<T>>();
    const add = (entries: IndexEntry<T>[] | undefined, fallback: NameMatch) => {
      for (const entry of entries ?? []) {
        if (found.has(entry)) continue;
        // Found by whole words, so comparing finds it too, and says how; the fallback is for
        // names too long to compare.
        const match = compareParsed(wanted, entry.parsed, { left: Infinity }) ?? fallback;
        found.set(entry, { value: entry.value, name: entry.name, ...match });
      }
    };
    for (const key of wholeKeys(wanted)) add(index.byKey.get(key), { how: 'suffix', whole: true });
    if (mayLieWithin(wanted)) {
      // A name within this one, or this one within a name.
      for (const run of runsOf(wanted.full.words.map((word) => word.text))) add(index.byName.get(run), { how: 'words', whole: false });
      for (const key of partKeys(wanted)) add(index.byRun.get(key), { how: 'words', whole: false });
    }
    return [...found.values()];
  }
}

/** How `a` and `b` match as names of an organisation, or null when they do not. */
export function compareNames(a: string, b: string): NameMatch | null {
  return compareParsed(parseName(a), parseName(b), { left: Infinity });
}

export function normaliseName(value: string | number): string {
  return String(value).trim().toLowerCase().replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------- words

interface Word {
  /** Lower case, singular, British spelling, common short forms written out: what words are compared by. */
  text: string;
  /** What it gives to a run of initials: its first letter, or each capital's (GlaxoSmithKline: gsk; NHS: nhs). */
  letters: string;
  /** Written as initials (GSK, UHL, NHFT, GPs): the letters it stands for. */
  initials: string | null;
  /** of, the, and, for: left out of initials, and of a name compared with another. */
  small: boolean;
  /** Passed over inside a run of initials: the small words, and NHS (NHFT). */
  skippedInInitials: boolean;
  /** Names a kind or legal form of organisation (NHS, Trust, Ltd), not one organisation. */
  generic: boolean;
  /** Sets one place or body apart from its neighbour (North East Lincolnshire is not North Lincolnshire): never left out inside a name. */
  qualifier: boolean;
}

const QUALIFIERS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'mid', 'upper', 'lower', 'greater', 'inner', 'outer', 'new', 'old', 'royal', 'city', 'county', 'west midlands', 'rural', 'urban']);

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for']);
const GENERIC_WORDS = new Set(['nhs', 'trust', 'foundation', 'ft', 'limited', 'plc', 'llp', 'uk', 'group', 'company', 'inc', 'council', 'board', 'partnership', 'hospital', 'service']);
/** Short forms written out, so that either way compares equal. */
const SAME_WORD = new Map([
  ['st', 'saint'],
  ['ltd', 'limited'],
  ['co', 'company'],
]);
/** American spellings of words common in NHS names, with the British one they compare as. */
const BRITISH = new Map([
  ['center', 'centre'],
  ['theater', 'theatre'],
  ['fiber', 'fibre'],
  ['program', 'programme'],
  ['labor', 'labour'],
  ['behavior', 'behaviour'],
  ['behavioral', 'behavioural'],
  ['neighborhood', 'neighbourhood'],
  ['tumor', 'tumour'],
  ['color', 'colour'],
  ['honor', 'honour'],
  ['defense', 'defence'],
  ['license', 'licence'],
  ['enrollment', 'enrolment'],
]);
/** American beginnings of medical words (pediatric, hematology, gynecology, esophageal...). */
const BRITISH_STARTS: [RegExp, string][] = [
  [/^pedi(?=atr)/, 'paedi'],
  [/^hem(?=at|o|orrh)/, 'haem'],
  [/^gynec/, 'gynaec'],
  [/^anest/, 'anaest'],
  [/^orthoped/, 'orthopaed'],
  [/^esophag/, 'oesophag'],
  [/^estrogen/, 'oestrogen'],
  [/^leukem/, 'leukaem'],
  [/^anem/, 'anaem'],
];

/** The text two words are compared by: "Organizations" and "organisation" give the same. */
function canonical(lower: string): string {
  let word = SAME_WORD.get(lower) ?? lower;
  word = singular(word);
  word = BRITISH.get(word) ?? word;
  // -ize, -ized, -izing, -ization: organize, specialized; not every "iz" (Pfizer).
  word = word.replace(/iz(e|ed|es|ing|ation|ations)$/, 'is$1').replace(/yz(e|ed|es|ing)$/, 'ys$1');
  for (const [start, british] of BRITISH_STARTS) if (start.test(word)) return word.replace(start, british);
  return word;
}

/** Practices → practice, authorities → authority; short words (NHS, bus) are left as they are. */
function singular(word: string): string {
  if (word.length < 4) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Capitals, two to six, with a plural s: GSK, UHL, NHFT, GPs. */
const CAPITAL_INITIALS = /^(\p{Lu}{2,6})s?$/u;
/** Up to six letters, starting with a capital and with another, the small letters for small words: NLaG, UoN. */
const MIXED_INITIALS = /^(?=\p{Lu}\p{Ll}*\p{Lu})\p{L}{2,6}$/u;
const CAPITALS = /\p{Lu}/gu;

function initialsOf(raw: string): string | null {
  const capitals = CAPITAL_INITIALS.exec(raw)?.[1];
  if (capitals !== undefined) return capitals.toLowerCase();
  return MIXED_INITIALS.test(raw) ? raw.toLowerCase() : null;
}

function makeWord(raw: string): Word {
  const initials = initialsOf(raw);
  const lower = raw.toLowerCase();
  // A capital's plural keeps its letters: GPs is the plural of GP, not a word "gps".
  const text = initials !== null && /\p{Lu}s$/u.test(raw) ? initials : canonical(lower);
  const capitals = raw.slice(1).match(CAPITALS)?.join('').toLowerCase() ?? '';
  const small = SMALL_WORDS.has(text);
  return {
    text,
    letters: `${lower.charAt(0)}${initials !== null ? initials.slice(1) : capitals}`,
    initials,
    small,
    skippedInInitials: small || text === 'nhs',
    generic: small || GENERIC_WORDS.has(text),
    qualifier: QUALIFIERS.has(text),
  };
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words already made: names repeat their words (NHS, Trust, the partners' own) across every list
 * of a charter and across charters. Bounded, so that a run over many unlike charters cannot grow it
 * without end. A Word is never changed once made.
 */
const madeWords = new Map<string, Word>();
const MAX_MADE_WORDS = 10_000;

function wordsOf(text: string): Word[] {
  // Accents and apostrophes do not make a different word; & is "and".
  // eslint-disable-next-line no-control-regex -- the range of ASCII starts at \x00: a test for plain ASCII text
  const ascii = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  const plain = ascii.replace(/['’‘`]/g, '').replace(/&/g, ' and ');
  return (plain.match(WORD) ?? []).map((raw) => {
    let word = madeWords.get(raw);
    if (word === undefined) {
      if (madeWords.size >= MAX_MADE_WORDS) madeWords.clear();
      word = makeWord(raw);
      madeWords.set(raw, word);
    }
    return word;
  });
}

// ---------------------------------------------------------------- names

interface WordList {
  words: Word[];
  /** The words' texts joined: equal keys, equal names. */
  key: string;
  /** Holds a word that names one organisation, not only a kind of one. */
  distinct: boolean;
  /** Holds a word written as initials, or one that gives several letters to a run of initials. */
  initials: boolean;
  /** The letters of its words written as initials: a word of another name starting with none of them is not covered by them. */
  initialLetters: string;
  /** Which form of the name: as written, without its parenthesised parts, or without its legal suffixes too. */
  form: 'full' | 'plain' | 'core';
}

interface ParsedName {
  /** As written. */
  name: string;
  /** As compared letter for letter (case and spaces aside). */
  exact: string;
  full: WordList;
  /** Without the parts in parentheses (or brackets): the same list as `full` when there are none. */
  plain: WordList;
  /** Without those, and without legal and generic suffixes (Ltd, UK, NHS Foundation Trust). */
  core: WordList;
  /** Too long to be an organisation's name: compared only as a whole. */
  long: boolean;
}

/** Trailing words that say what kind of body an organisation is, not which (as compared texts). */
const SUFFIXES = [['nhs', 'foundation', 'trust'], ['nhs', 'trust'], ['foundation', 'trust'], ['nhs', 'ft'], ['limited'], ['plc'], ['llp'], ['uk'], ['group'], ['inc']];

/** Names already parsed: a partner's name is looked up in every list. Bounded as madeWords is; long names are not kept. */
const parsedNames = new Map<string, ParsedName>();
const MAX_PARSED_NAMES = 10_000;
const MAX_KEPT_NAME_LENGTH = 200;

function parseName(name: string): ParsedName {
  let parsed = parsedNames.get(name);
  if (parsed === undefined) {
    parsed = parse(name);
    if (name.length > MAX_KEPT_NAME_LENGTH) return parsed;
    if (parsedNames.size >= MAX_PARSED_NAMES) parsedNames.clear();
    parsedNames.set(name, parsed);
  }
  return parsed;
}

function parse(name: string): ParsedName {
  const full: Word[] = [];
  const plain: Word[] = [];
  let depth = 0;
  for (const piece of name.split(/([()[\]])/)) {
    if (piece === '(' || piece === '[') depth += 1;
    else if (piece === ')' || piece === ']') depth = Math.max(0, depth - 1);
    else for (const word of wordsOf(piece)) (depth === 0 ? [full, plain] : [full]).forEach((list) => list.push(word));
  }
  let end = plain.length;
  for (let suffix = trailingSuffix(plain, end); suffix > 0; suffix = trailingSuffix(plain, end)) end -= suffix;
  const fullList = wordList(full, 'full');
  const plainList = plain.length === full.length ? fullList : wordList(plain, 'plain');
  return { name, exact: normaliseName(name), full: fullList, plain: plainList, core: end === plain.length ? plainList : wordList(plain.slice(0, end), 'core'), long: full.length > MAX_NAME_WORDS };
}

/** How many words of a legal or generic suffix end `words[0..end)`, leaving at least one word before it; 0 when none. */
function trailingSuffix(words: Word[], end: number): number {
  const suffix = SUFFIXES.find((texts) => texts.length < end && texts.every((text, offset) => words[end - texts.length + offset]!.text === text));
  return suffix?.length ?? 0;
}

function wordList(words: Word[], form: WordList['form']): WordList {
  return {
    words,
    key: words.map((word) => word.text).join(' '),
    distinct: words.some((word) => !word.generic),
    initials: words.some((word) => word.initials !== null || word.letters.length > 1),
    initialLetters: words.map((word) => word.initials ?? '').join(''),
    form,
  };
}

/** The forms a name is compared in as a whole: as written, without parentheses, without suffixes. */
function forms(name: ParsedName): WordList[] {
  return [...new Set([name.full, name.plain, name.core])];
}

/** A name can lie within another only by some word that is not small ("the" lies within anything). */
function mayLieWithin(name: ParsedName): boolean {
  return !name.long && name.full.words.some((word) => !word.small);
}

// ---------------------------------------------------------------- comparing

/**
 * How `a` and `b` match, the closest first: written the same, the same name written another way
 * (spelling, parentheses, suffix, small words, initials), then one within the other (words left
 * out, initials). `work.left` is charged with the words compared.
 */
function compareParsed(a: ParsedName, b: ParsedName, work: { left: number }): NameMatch | null {
  work.left -= 1;
  if (a.exact === b.exact) return { how: 'exact', whole: true };
  if (a.full.key === b.full.key) return { how: 'spelling', whole: true };
  if (a.long || b.long) return null;
  // Most pairs share too few words to match at all: said cheaply before trying harder.
  const aInB = coverage(a.core, b.full, work);
  const bInA = coverage(b.core, a.full, work);
  if (aInB === NONE && bInA === NONE) return null;
  if (a.name.length > MAX_KEPT_NAME_LENGTH || b.name.length > MAX_KEPT_NAME_LENGTH) return compareClosely(a, b, aInB, bInA, work);
  const pair = a.name < b.name ? `${a.name}\u0000${b.name}` : `${b.name}\u0000${a.name}`;
  const known = comparedPairs.get(pair);
  if (known !== undefined) return known;
  const match = compareClosely(a, b, aInB, bInA, work);
  if (comparedPairs.size >= MAX_COMPARED_PAIRS) comparedPairs.clear();
  comparedPairs.set(pair, match);
  return match;
}

/**
 * Pairs already compared past the cheap test: a partner meets the same names in the board, in
 * each list of resources and among the other partners, for each criterion that looks. Bounded as
 * madeWords is. Comparing is symmetric, so a pair is kept once, in either order.
 */
const comparedPairs = new Map<string, NameMatch | null>();
const MAX_COMPARED_PAIRS = 10_000;

function compareClosely(a: ParsedName, b: ParsedName, aInB: Coverage, bInA: Coverage, work: { left: number }): NameMatch | null {

  // The same organisation: some form of each, compared whole. A form that drops words must still
  // name one organisation: "NHS Trust (Leicester)" and "NHS Trust (Nottingham)" are not the same.
  const both = Math.min(aInB, bInA);
  if (both > NONE) {
    const pairs = forms(a).flatMap((left) => forms(b).map((right) => [left, right] as const)).filter(([left, right]) => left.distinct && right.distinct);
    const equal = pairs.find(([left, right]) => left.key === right.key);
    if (equal) return { how: equal[0].form === 'core' || equal[1].form === 'core' ? 'suffix' : 'parentheses', whole: true };
    if (both === BY_WORDS && pairs.some(([left, right]) => align(left.words, right.words, false, false, work))) return { how: 'words', whole: true };
    if (pairs.some(([left, right]) => (left.initials || right.initials) && align(left.words, right.words, false, true, work))) return { how: 'initials', whole: true };
  }

  // One within the other, gaps allowed. Not by the core: "Age UK" does not lie within "Age Concern".
  if (!mayLieWithin(a) || !mayLieWithin(b)) return null;
  const within = (part: ParsedName, whole: ParsedName, covered: Coverage) =>
    covered === NONE ? [] : [part.full, ...(part.plain !== part.full && part.plain.distinct ? [part.plain] : [])].map((form) => ({ part: form, whole: whole.full, covered }));
  const tries = [...within(a, b, aInB), ...within(b, a, bInA)];
  if (tries.some((each) => each.covered === BY_WORDS && align(each.part.words, each.whole.words, true, false, work))) return { how: 'words', whole: false };
  if (tries.some((each) => (each.part.initials || each.whole.initials) && align(each.part.words, each.whole.words, true, true, work))) return { how: 'initials', whole: false };
  return null;
}

/** How far the words of one name could be found in another's: not at all, only through initials, or word for word. */
type Coverage = typeof NONE | typeof BY_INITIALS | typeof BY_WORDS;
const NONE = 0;
const BY_INITIALS = 1;
const BY_WORDS = 2;

/**
 * Cheap and necessary: every word of `part` that is not small is in `whole` (BY_WORDS), or else is
 * written as initials or starts with a letter of a word of `whole` written as initials (BY_INITIALS).
 */
function coverage(part: WordList, whole: WordList, work: { left: number }): Coverage {
  work.left -= part.words.length * whole.words.length + 1;
  let covered: Coverage = BY_WORDS;
  for (const word of part.words) {
    if (word.small || whole.words.some((other) => other.text === word.text)) continue;
    if (word.initials === null && !whole.initialLetters.includes(word.letters[0]!)) return NONE;
    covered = BY_INITIALS;
  }
  return covered;
}

/**
 * Whether every word of `part` is found in `whole`, in order: the same word, a word of capitals
 * standing for a run of the other's words by their initials (either way round), or a small word
 * left out. With `gaps`, words of `whole` may be left out anywhere (the short name lies within the
 * long one); without, only small ones, and both are used up (the same name).
 */
function align(part: Word[], whole: Word[], gaps: boolean, initials: boolean, work: { left: number }): boolean {
  const width = whole.length + 1;
  const reached = new Uint8Array((part.length + 1) * width);
  work.left -= reached.length;
  if (gaps) reached.fill(1, 0, width);
  else reached[0] = 1;
  for (let at = 0; at <= part.length; at += 1) {
    for (let to = 0; to <= whole.length; to += 1) {
      if (reached[at * width + to] === 0) continue;
      if (at === part.length && (gaps || to === whole.length)) return true;
      const word = part[at];
      const other = whole[to];
      // Inside the short name's run, a qualifier of the long one is not left out ("North East").
      if (other && (other.small || (gaps && (at === 0 || !other.qualifier)))) reached[at * width + to + 1] = 1;
      if (word?.small) reached[(at + 1) * width + to] = 1;
      if (word && other && word.text === other.text) reached[(at + 1) * width + to + 1] = 1;
      if (!initials) continue;
      if (word?.initials) for (const end of runEnds(word.initials, whole, to, work)) reached[(at + 1) * width + end] = 1;
      if (other?.initials) for (const end of runEnds(other.initials, part, at, work)) reached[end * width + to + 1] = 1;
    }
  }
  return false;
}

/** Where runs of `words` from `start` end whose initials spell `letters`, small words and NHS passed over inside. */
function runEnds(letters: string, words: Word[], start: number, work: { left: number }): number[] {
  if (words[start]?.letters[0] !== letters[0]) return [];
  const width = letters.length + 1;
  const reached = new Uint8Array((words.length - start + 1) * width);
  work.left -= reached.length;
  reached[0] = 1;
  const ends: number[] = [];
  for (let used = 0; start + used <= words.length; used += 1) {
    for (let spelt = 0; spelt <= letters.length; spelt += 1) {
      if (reached[used * width + spelt] === 0) continue;
      if (spelt === letters.length) {
        ends.push(start + used);
        continue;
      }
      const word = words[start + used];
      if (!word) continue;
      const next = (count: number) => (reached[(used + 1) * width + spelt + count] = 1);
      if (letters[spelt] === word.letters[0]) next(1);
      if (word.letters.length > 1 && letters.startsWith(word.letters, spelt)) next(word.letters.length);
      if (spelt > 0 && word.skippedInInitials) next(0);
    }
  }
  return ends;
}

// ---------------------------------------------------------------- the index

interface IndexEntry<T> {
  name: string;
  parsed: ParsedName;
  value: T;
}

interface WordIndex<T> {
  /** Each form compared whole (as written; and without parentheses or suffixes, where that still names one organisation). */
  byKey: Map<string, IndexEntry<T>[]>;
  /** Names that may lie within another, as written and without parentheses. */
  byName: Map<string, IndexEntry<T>[]>;
  /** Every run of consecutive words within a name. */
  byRun: Map<string, IndexEntry<T>[]>;
}

function buildIndex<T>(entries: IndexEntry<T>[]): WordIndex<T> {
  const index: WordIndex<T> = { byKey: new Map(), byName: new Map(), byRun: new Map() };
  for (const entry of entries) {
    for (const key of wholeKeys(entry.parsed)) push(index.byKey, key, entry);
    if (!mayLieWithin(entry.parsed)) continue;
    for (const key of partKeys(entry.parsed)) push(index.byName, key, entry);
    for (const run of new Set(runsOf(entry.parsed.full.words.map((word) => word.text)))) push(index.byRun, run, entry);
  }
  return index;
}

function wholeKeys(name: ParsedName): string[] {
  return [...new Set(forms(name).filter((form) => form === name.full || form.distinct).map((form) => form.key))];
}

function partKeys(name: ParsedName): string[] {
  return [...new Set([name.full, name.plain].filter((form) => form === name.full || form.distinct).map((form) => form.key))];
}

function runsOf(list: string[]): string[] {
  const capped = list.slice(0, MAX_INDEXED_WORDS);
  const runs: string[] = [];
  for (let start = 0; start < capped.length; start += 1) {
    for (let end = start + 1; end <= capped.length; end += 1) runs.push(capped.slice(start, end).join(' '));
  }
  return runs;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}
