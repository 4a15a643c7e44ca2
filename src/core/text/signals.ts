// Signals: what a criteria file says a text means ("keeps the funding from patients", "pays an
// individual"), as word lists matched by lemma, with negation read the NegEx way. A signal is data
// (see the `signals` and `words` sections of the criteria schema); this module compiles it into a
// matcher that is linear in the text and cannot run away, and finds the sentence that shows it.
import { analyse, analysed, lemma, MAX_ANALYSES, ownCopy, sentenceText, spelledAs, type Analysis, type Token } from './analyse.js';
import { CLAUSE_OPENERS, NEGATION_CUES, SCOPE_ENDS } from './english.js';
import { normaliseText } from './normalise.js';
import { joinPointer } from '../pointer.js';
import { nearestKey } from '../structure.js';

export interface SignalData {
  description: string;
  /** JSON Pointers (a `*` segment: every item of a list) of the fields a `forbid` check reads. */
  reads?: string[];
  /** Phrases that make the signal where they are affirmed (or anywhere, with `negation: ignored`). */
  says?: string[];
  /** Phrases that make the signal where a negation reaches them ("not disclosed"). */
  denies?: string[];
  /** Short answers that make the signal when they are the whole text ("None", "Not used yet."). */
  answers?: string[];
  /** Word lists, by name, each of which must occur in the sentence for the signal to count. */
  with?: string[];
  /** Phrases that, anywhere in the sentence, mean it is not the signal ("records why"). */
  unless?: string[];
  /** Whether a negation cancels what `says` finds (the default) or is ignored. */
  negation?: 'cancels' | 'ignored';
  /** Where `unless` is looked for: the whole sentence (the default) or only the clause of the match. */
  unless_within?: 'sentence' | 'clause';
}

export type WordLists = Record<string, string[]>;

/** The largest number of word sequences one place of a phrase may stand for. */
export const MAX_CHOICES = 4_000;
/** A `...` gap spans at most this many words. */
export const GAP_WORDS = 8;
/** A gap in a phrase, as it is kept in a signal's form (JSON, so the build can write it). */
const GAP = null;
/** One place of a phrase: a gap, or a choice of word sequences (lemmas). */
export type Place = typeof GAP | string[][];

/** Words that may follow a short answer and leave it the same answer ("None at present", "Not used yet"). */
const ANSWER_FILLER = new Set(
  ['yet', 'at', 'present', 'so', 'far', 'currently', 'current', 'known', 'identified', 'planned', 'needed', 'required', 'this', 'stage', 'time', 'moment', 'for', 'now', 'declared', 'expected', 'to', 'date', 'here', 'applicable', 'relevant'].map(lemma),
);

/** A word list or signal that cannot be compiled; `origin` is the criteria file it is in. */
export class SignalError extends Error {
  origin = '';
  /** Where in its file the fault is (a phrase, a `with` list, a word list), as a JSON Pointer, when known. */
  pointer: string | undefined;
}

/** Runs `read`, placing a SignalError it throws at `pointer` unless something within placed it already. */
function placed<T>(pointer: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SignalError) error.pointer ??= pointer;
    throw error;
  }
}

/**
 * For each lemma a phrase of a list may start with, the indexes of those phrases, as groups of
 * lemmas that start the same phrases (the hundred roles that may start the same ten phrases are
 * one group). Plain data, so that the build works it out for the built-in signals: made at run
 * time, it was a third of what reading free text cost one charter (thousands of choices walked
 * by code not yet compiled).
 */
export type FirstLemmas = [lemmas: string[], phrases: number[]][];

function firstLemmasOf(phrases: Place[][]): FirstLemmas {
  const byFirst = new Map<string, number[]>();
  phrases.forEach((places, at) => {
    for (const stem of new Set((places[0] as string[][]).map((words) => words[0]!))) {
      const list = byFirst.get(stem);
      if (list) list.push(at);
      else byFirst.set(stem, [at]);
    }
  });
  const groups = new Map<string, [string[], number[]]>();
  for (const [stem, starting] of byFirst) {
    const key = starting.join(' ');
    const group = groups.get(key);
    if (group) group[0].push(stem);
    else groups.set(key, [[stem], starting]);
  }
  return [...groups.values()];
}

/** Phrases indexed by their first lemma, so a text is read once whatever the number of phrases. */
class PhraseSet {
  private readonly byFirst = new Map<string, number[]>();
  constructor(
    private readonly phrases: Place[][],
    firstLemmas: FirstLemmas = firstLemmasOf(phrases),
  ) {
    // Indexed loops: this runs once per signal read, before the interpreter has seen it.
    for (let group = 0; group < firstLemmas.length; group += 1) {
      const [lemmas, starting] = firstLemmas[group]!;
      for (let at = 0; at < lemmas.length; at += 1) this.byFirst.set(lemmas[at]!, starting);
    }
  }

  /** The first place at or after `from` where a phrase starts (the index of its first word), or -1. A loop, not a generator: this runs for every word read. */
  next(tokens: Token[], from: number, to: number): number {
    for (let index = from; index < to; index += 1) {
      const candidates = this.byFirst.get(tokens[index]!.stem);
      if (candidates === undefined) continue;
      for (const at of candidates) if (matchesAt(this.phrases[at]!, 0, tokens, index, to, freshFailed())) return index;
    }
    return -1;
  }

  occursIn(tokens: Token[], from: number, to: number): boolean {
    return this.next(tokens, from, to) !== -1;
  }
}

// One set of failed tries, emptied for each search: matching is synchronous, so it is never shared.
const failedTries = new Set<number>();
function freshFailed(): Set<number> {
  failedTries.clear();
  return failedTries;
}

/**
 * Whether the places from `place` on match from `index`. `failed` remembers the (place, word)
 * pairs already tried in vain, so choices that overlap ("x" or "x x", many times) cost time in
 * proportion to places × words, not exponentially.
 */
function matchesAt(places: Place[], place: number, tokens: Token[], index: number, to: number, failed: Set<number>): boolean {
  if (place === places.length) return true;
  const key = place * (tokens.length + 1) + index;
  if (failed.has(key)) return false;
  const found = matchPlace(places, place, tokens, index, to, failed);
  if (!found) failed.add(key);
  return found;
}

function matchPlace(places: Place[], place: number, tokens: Token[], index: number, to: number, failed: Set<number>): boolean {
  const wanted = places[place]!;
  if (wanted === GAP) {
    // The words after a gap may come at once or up to GAP_WORDS words later.
    // A gap stays within its clause: it crosses a comma in a list, not one that starts a new clause.
    for (let skip = 0, at = index; skip <= GAP_WORDS && at <= to; at += 1) {
      if (matchesAt(places, place + 1, tokens, at, to, failed)) return true;
      if (at < to && startsClause(tokens, at)) return false;
      if (at < to && tokens[at]!.kind !== 'break') skip += 1;
    }
    return false;
  }
  let first = index;
  while (first < to && tokens[first]!.kind === 'break' && tokens[first]!.word !== ':') first += 1;
  if (first >= to) return false;
  for (const words of choicesStartingWith(wanted, tokens[first]!.stem)) {
    const after = wordsAt(words, tokens, index, to);
    if (after !== -1 && matchesAt(places, place + 1, tokens, after, to, failed)) return true;
  }
  return false;
}

/** The choices of a place that begin with a lemma: a long list (a word list of a hundred roles) is looked up, not walked. */
function choicesStartingWith(choices: string[][], stem: string): string[][] {
  if (choices.length < 8) return choices;
  let byFirst = choicesByFirst.get(choices);
  if (!byFirst) {
    byFirst = new Map();
    for (const words of choices) {
      const list = byFirst.get(words[0]!);
      if (list) list.push(words);
      else byFirst.set(words[0]!, [words]);
    }
    choicesByFirst.set(choices, byFirst);
  }
  return byFirst.get(stem) ?? NO_CHOICES;
}

const choicesByFirst = new WeakMap<string[][], Map<string, string[][]>>();
const NO_CHOICES: string[][] = [];

/** A comma before "and", "but", "which", "no"...: the words after it are a new clause. */
function startsClause(tokens: Token[], at: number): boolean {
  const token = tokens[at]!;
  if (token.kind !== 'break' || token.word !== ',') return false;
  const next = tokens[at + 1];
  return next !== undefined && CLAUSE_WORDS.has(next.word);
}

const CLAUSE_WORDS = new Set([...CLAUSE_OPENERS, ...SCOPE_ENDS, ...NEGATION_CUES]);

/** Where `words` end when they occur from `index` on (commas and brackets read through), or -1. */
function wordsAt(words: string[], tokens: Token[], index: number, to: number): number {
  let at = index;
  for (const word of words) {
    while (at < to && tokens[at]!.kind === 'break' && tokens[at]!.word !== ':') at += 1;
    if (at >= to || tokens[at]!.stem !== word) return -1;
    at += 1;
  }
  return at;
}

/**
 * A phrase as its places: `a|b` is a choice of words, `(a b|c d)` a choice of phrases, `@list` any
 * phrase of a word list, `...` a gap.
 */
function placesOf(phrase: string, lists: WordLists, where: string): Place[] {
  const places = readPlaces(phrase, lists, where);
  const first = places[0];
  if (first === undefined || first === GAP) throw new SignalError(`${where}: the phrase '${phrase}' is empty or starts with a gap`);
  return places;
}

function readPlaces(phrase: string, lists: WordLists, where: string): Place[] {
  const places: Place[] = [];
  for (const [written] of phrase.trim().matchAll(/\([^)]*\)|[^\s()]+/g)) {
    if (written === '...') {
      places.push(GAP);
      continue;
    }
    const grouped = written.startsWith('(');
    const offered = (grouped ? written.slice(1, -1) : written).split('|').map((choice) => sequencesOf(checkedChoice(choice.trim(), phrase, where), lists, where, 0));
    // One choice is already distinct (a word, or a list as read), and is kept as it is: a list that
    // many phrases name is then one array, walked and indexed once.
    let choices = offered[0]!;
    if (offered.length > 1) {
      const distinct = new DistinctSequences();
      for (const sequences of offered) distinct.addAll(sequences);
      if (distinct.offered > MAX_CHOICES) throw new SignalError(`${where}: the phrase '${phrase}' offers more than ${MAX_CHOICES} choices at one place`);
      choices = distinct.list;
    }
    if (choices.length > 0) places.push(choices);
  }
  if (places.filter((place) => place === GAP).length > 3) throw new SignalError(`${where}: the phrase '${phrase}' has more than three gaps`);
  return places;
}

/**
 * A choice as written, refused when it holds a quotation mark or an `@` inside it: YAML keeps the
 * quotes of `a ... "@list"` in a plain line, and the list would silently become a word never met.
 */
function checkedChoice(choice: string, phrase: string, where: string): string {
  if (/["\u201c\u201d]/.test(choice) || choice.indexOf('@') > 0) {
    throw new SignalError(`${where}: the phrase '${phrase}' has a stray quotation mark or '@' in '${choice}' (quote the whole phrase in YAML, not a part of it)`);
  }
  return choice;
}

/** The word sequences a choice stands for: its own words, or every phrase of a word list. */
function sequencesOf(choice: string, lists: WordLists, where: string, depth: number): string[][] {
  const sequences = expand(choice, lists, where, depth);
  if (sequences.length > MAX_CHOICES) throw new SignalError(`${where}: '${choice}' stands for more than ${MAX_CHOICES} phrases`);
  return sequences;
}

function expand(choice: string, lists: WordLists, where: string, depth: number): string[][] {
  if (!choice.startsWith('@')) {
    const words = wordsOf(choice);
    return words.length > 0 ? [words] : [];
  }
  if (depth > 2) throw new SignalError(`${where}: word lists refer to each other too deeply at '${choice}'`);
  const list = lists[choice.slice(1)];
  if (!list) throw new SignalError(`${where}: no word list is named '${choice.slice(1)}'${nearestList(choice.slice(1), lists)}`);
  // A list is read once however many phrases use it.
  let read = readLists.get(list);
  if (!read) {
    const sequences = new DistinctSequences();
    for (const item of list) {
      sequences.addAll(sequencesOf(item.trim(), lists, where, depth + 1));
      // Checked as the list grows, so that lists of lists cannot build millions first.
      if (sequences.offered > MAX_CHOICES) throw new SignalError(`${where}: the word list '${choice.slice(1)}' stands for more than ${MAX_CHOICES} phrases`);
    }
    read = sequences.list;
    readLists.set(list, read);
  }
  return read;
}

/**
 * Word sequences, each kept once: "consultant" and "consultants" are one lemma, and a place that
 * offered it twice would be tried twice and stored twice in the built signals. The limits count
 * every sequence offered at this level (a word list already read offers its distinct sequences),
 * so the work stays bounded by the sequences kept.
 */
class DistinctSequences {
  readonly list: string[][] = [];
  offered = 0;
  private readonly seen = new Set<string>();
  addAll(sequences: string[][]): void {
    this.offered += sequences.length;
    for (const sequence of sequences) {
      const key = sequence.join(' ');
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.list.push(sequence);
    }
  }
}

const readLists = new WeakMap<string[], string[][]>();

/** A written word (or hyphenated words) as the lemmas the analysis gives it. */
function wordsOf(written: string): string[] {
  if (written === '£') return ['£'];
  if (written === '#') return ['#'];
  // Most words of a list are plain words: their lemma, without reading them as a text.
  if (/^[a-z]+$/.test(written)) return [lemma(written)];
  return analyse(written)
    .tokens.filter((token) => token.kind !== 'break')
    .map((token) => token.stem);
}

export interface Signal {
  name: string;
  description: string;
  reads: string[];
  /** The sentence of `text` that shows the signal, or null. */
  evidence(text: string): string | null;
}

/**
 * A signal read into lemmas: its phrases as places, its answers as word sequences. Plain data,
 * so that the build can read the built-in signals once and a run need not stem their words again.
 */
export interface SignalForm {
  says: Place[][];
  denies: Place[][];
  unless: Place[][];
  answers: string[][];
  with: Place[][][];
  /**
   * The first letters a text's words must include for it to be worth reading (worked out once, at
   * build time for the built-in signals): for each phrase, the anchors of its two most telling
   * places, of which a text must show one each; for each `with` list, the anchors of its phrases.
   */
  anchors: Anchors;
  /**
   * Every place of each phrase (not only the two most telling) as whole lemmas, asked of each
   * sentence once the text is read as language, before the signal is compiled or the sentence
   * matched: most sentences that get past the anchors' first letters ("comp" for company, also for
   * complete) do not hold one lemma of each place.
   */
  lemmas: Anchors;
}

export interface Anchors {
  phrases: string[][][];
  with: string[][];
}

/** The most word sequences one signal's phrases may stand for in all: a signal is read once, but must fit in memory. */
export const MAX_SIGNAL_CHOICES = 200_000;
/**
 * The most word sequences all the signals read in one run may stand for: their sum is bounded too
 * (five hundred signals, each just under the limit of one, took a minute and 1.3 GB to read). The
 * built-in signals stand for some 3,500.
 */
export const MAX_RUN_SIGNAL_CHOICES = 400_000;

/** `run`: what the signals read before this one in the same run stand for, which this one adds to. */
export function readSignal(name: string, data: SignalData, lists: WordLists, run: { total: number } = { total: 0 }): SignalForm {
  const at = `signal ${name}`;
  let total = 0;
  const count = (places: Place[]) => {
    let added = 0;
    for (const place of places) added += place === GAP ? 0 : place.length;
    total += added;
    run.total += added;
    if (total > MAX_SIGNAL_CHOICES) throw new SignalError(`${at}: its phrases stand for more than ${MAX_SIGNAL_CHOICES} word sequences in all`);
    if (run.total > MAX_RUN_SIGNAL_CHOICES) throw new SignalError(`${at}: with the signals before it, the criteria files' signals stand for more than ${MAX_RUN_SIGNAL_CHOICES} word sequences in all`);
    return places;
  };
  const here = joinPointer('/signals', name);
  const phrases = (field: string, list: string[] | undefined) => (list ?? []).map((phrase, index) => placed(`${here}/${field}/${index}`, () => count(placesOf(phrase, lists, at))));
  const says = phrases('says', data.says);
  const denies = phrases('denies', data.denies);
  const withLists = (data.with ?? []).map((list, index) =>
    placed(`${here}/with/${index}`, () => {
      if (!lists[list]) throw new SignalError(`${at}: no word list is named '${list}'${nearestList(list, lists)}`);
      return phrases('with', [`@${list}`]);
    }),
  );
  return {
    says,
    denies,
    anchors: anchorsOf([...says, ...denies], withLists, anchorOf, 2),
    lemmas: anchorsOf([...says, ...denies], withLists, (lemmaOf) => lemmaOf, Number.POSITIVE_INFINITY),
    unless: phrases('unless', data.unless),
    answers: (data.answers ?? []).flatMap((answer, index) =>
      placed(`${here}/answers/${index}`, () => {
        const sequences = sequencesOf(answer, lists, at, 0);
        count([sequences]);
        return sequences;
      }),
    ),
    with: withLists,
  };
}

/**
 * A signal's form as the build keeps it: the gate and the first words of answers, which every
 * text is tested against, apart from the rest, kept as JSON and parsed only for a signal that a
 * text gets past them (most signals of a run never are).
 */
export interface PackedSignalForm {
  /** See gateOf. */
  gate: string[] | null;
  openers: string[];
  /** The anchors and lemmas, as JSON (PackedTests). */
  tests: string;
  /** The phrases and answers, as JSON (PackedPhrases: each distinct place once, their first lemmas indexed). */
  form: string;
}

/** A form's phrase lists indexed by first lemma (see FirstLemmas), as the build packs them. */
interface IndexedPhrases {
  says: FirstLemmas;
  denies: FirstLemmas;
  unless: FirstLemmas;
  with: FirstLemmas[];
}

type UnpackedForm = Omit<SignalForm, 'anchors' | 'lemmas'> & { firstLemmas?: IndexedPhrases };

/**
 * A list of lists as JSON, each distinct inner list written once and referred to by its index:
 * a word list that many phrases use (the roles, the companies) is stored and parsed once. A
 * null (a gap in a phrase) stays null.
 */
class ListTable<T> {
  readonly lists: T[][] = [];
  private readonly indexes = new Map<string, number>();

  refer(list: T[] | null): number | null {
    if (list === null) return null;
    const key = JSON.stringify(list);
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = this.lists.push(list) - 1;
      this.indexes.set(key, index);
    }
    return index;
  }
}

function listsAt<T>(table: T[][], indexes: (number | null)[]): (T[] | null)[] {
  return indexes.map((index) => (index === null ? null : table[index]!));
}

/** A phrase as the indexes of its places in a ListTable (null: a gap). */
type PlaceIndexes = (number | null)[];

/** A form's phrases, as the build packs them (see PackedSignalForm.form). */
interface PackedPhrases {
  places: string[][][];
  says: PlaceIndexes[];
  denies: PlaceIndexes[];
  unless: PlaceIndexes[];
  with: PlaceIndexes[][];
  answers: string[][];
  firstLemmas: IndexedPhrases;
}

/** Anchors whose places are indexes in a ListTable. */
interface AnchorIndexes {
  phrases: number[][];
  with: number[];
}

/** A form's anchors and lemmas, as the build packs them (see PackedSignalForm.tests). */
interface PackedTests {
  places: string[][];
  anchors: AnchorIndexes;
  lemmas: AnchorIndexes;
}

export function packSignalForm(form: SignalForm): PackedSignalForm {
  const places = new ListTable<string[]>();
  const phrases = (list: Place[][]) => list.map((phrase) => phrase.map((place) => places.refer(place)));
  const firstLemmas: IndexedPhrases = { says: firstLemmasOf(form.says), denies: firstLemmasOf(form.denies), unless: firstLemmasOf(form.unless), with: form.with.map(firstLemmasOf) };
  const packed: PackedPhrases = { says: phrases(form.says), denies: phrases(form.denies), unless: phrases(form.unless), with: form.with.map(phrases), answers: form.answers, places: places.lists, firstLemmas };
  const anchorPlaces = new ListTable<string>();
  const anchorsReferred = (anchors: Anchors) => ({ phrases: anchors.phrases.map((phrase) => phrase.map((place) => anchorPlaces.refer(place)!)), with: anchors.with.map((place) => anchorPlaces.refer(place)!) });
  const tests: PackedTests = { anchors: anchorsReferred(form.anchors), lemmas: anchorsReferred(form.lemmas), places: anchorPlaces.lists };
  return { gate: gateOf(form.anchors), openers: openersOf(form), tests: JSON.stringify(tests), form: JSON.stringify(packed) };
}

function unpackForm(json: string): UnpackedForm {
  const { places, says, denies, unless, with: withLists, answers, firstLemmas } = JSON.parse(json) as PackedPhrases;
  const phrases = (list: (number | null)[][]) => list.map((phrase) => listsAt(places, phrase) as Place[]);
  return { says: phrases(says), denies: phrases(denies), unless: phrases(unless), with: withLists.map(phrases), answers, firstLemmas };
}

function unpackTests(json: string): Pick<SignalForm, 'anchors' | 'lemmas'> {
  const { places, anchors, lemmas } = JSON.parse(json) as PackedTests;
  const unpacked = (referred: AnchorIndexes): Anchors => ({ phrases: referred.phrases.map((phrase) => listsAt(places, phrase) as string[][]), with: listsAt(places, referred.with) as string[][] });
  return { anchors: unpacked(anchors), lemmas: unpacked(lemmas) };
}

/** The first word of each answer: an answer is the whole text (or leads it), so a text must open with one. */
function openersOf(form: SignalForm): string[] {
  return [...new Set(form.answers.map((words) => words[0]!))];
}

/** A signal's tests of a text's words (see SignalForm.anchors) and of a sentence's lemmas (SignalForm.lemmas). */
interface SignalTests {
  anchorsHold: (prefixes: ReadonlySet<string>) => boolean;
  lemmasHold: (lemmas: ReadonlySet<string>) => boolean;
}

function testsOf({ anchors, lemmas }: Pick<SignalForm, 'anchors' | 'lemmas'>): SignalTests {
  return { anchorsHold: anchorsHold(anchors), lemmasHold: anchorsHold(lemmas) };
}

/**
 * A signal ready to read texts. A text its gate and anchors rule out is never read, and its
 * tests and phrase index are made when a text first gets past them, so a run pays only for the
 * signals its charters may show (an NHS-only charter never reads the ABPI ones); a packed form is
 * parsed then too.
 */
export function compileSignal(name: string, data: SignalData, form: SignalForm | PackedSignalForm, gates: Gates = new Gates()): Signal {
  const packed = 'form' in form ? form : null;
  const unpacked = packed ? null : (form as SignalForm);
  const openers = new Set(packed ? packed.openers : openersOf(unpacked!));
  const passesGate = gates.gateFor(packed ? packed.gate : gateOf(unpacked!.anchors));
  let tests: SignalTests | null = null;
  const testsMade = () => (tests ??= testsOf(packed ? unpackTests(packed.tests) : unpacked!));
  let read: ((text: string) => string | null) | null = null;
  const results = new Map<string, string | null>();
  return {
    name,
    description: data.description,
    reads: data.reads ?? [],
    evidence(text) {
      const words = wordsForAnchors(text);
      // An answer is the whole text (or leads it: "N/A - this goal is about bed capacity"), so its first word must open one.
      const first = words.first;
      const mayAnswer = openers.size > 0 && first !== undefined && openers.has(first === '£' || first === '#' ? first : lemma(first));
      if (!mayAnswer && !(passesGate(words) && testsMade().anchorsHold(words.prefixes))) return null;
      const known = results.get(text);
      if (known !== undefined) return known;
      const { lemmasHold } = testsMade();
      if (!mayAnswer && !lemmasOfSentences(analysed(text)).some(lemmasHold)) return null;
      read ??= signalReader(data, packed ? unpackForm(packed.form) : unpacked!, lemmasHold);
      const found = read(text);
      if (results.size >= MAX_ANALYSES) results.clear();
      results.set(ownCopy(text), found);
      return found;
    },
  };
}

/** `lemmasHold`: the signal's test of a sentence's lemmas (see SignalForm.lemmas), made once in compileSignal. */
function signalReader(data: SignalData, form: UnpackedForm, lemmasHold: (lemmas: ReadonlySet<string>) => boolean): (text: string) => string | null {
  const indexed = form.firstLemmas;
  const says = new PhraseSet(form.says, indexed?.says);
  const denies = new PhraseSet(form.denies, indexed?.denies);
  const unless = new PhraseSet(form.unless, indexed?.unless);
  const answers = form.answers;
  const withLists = form.with.map((list, at) => new PhraseSet(list, indexed?.with[at]));
  const negationCancels = data.negation !== 'ignored';

  const unlessInClause = data.unless_within === 'clause';
  const sentenceShows = (tokens: Token[], from: number, to: number): boolean => {
    if (withLists.some((list) => !list.occursIn(tokens, from, to))) return false;
    // Whether `unless` cancels is decided once per sentence, or once per clause: not once per match.
    const cancelled = new Map<number, boolean>();
    const holds = (index: number) => {
      const [start, end] = unlessInClause ? clauseAround(tokens, index, from, to) : [from, to];
      let found = cancelled.get(start);
      if (found === undefined) {
        found = unless.occursIn(tokens, start, end);
        cancelled.set(start, found);
      }
      return !found;
    };
    let saysDenied = false;
    for (let index = says.next(tokens, from, to); index !== -1; index = says.next(tokens, index + 1, to)) {
      if (!negationCancels || !tokens[index]!.negated) {
        if (holds(index)) return true;
      } else saysDenied = true;
    }
    // "Nothing is withheld from the public": the negation is spent on what the signal says, so the
    // words after it ("public") are not denied too.
    if (saysDenied) return false;
    for (let index = denies.next(tokens, from, to); index !== -1; index = denies.next(tokens, index + 1, to)) if (tokens[index]!.negated && holds(index)) return true;
    return false;
  };

  const isAnswer = (tokens: Token[], from: number, to: number): boolean => {
    const words = tokens.slice(from, to).filter((token) => token.kind !== 'break');
    const matches = () => answers.some((answer) => answer.length === words.length && answer.every((stem, index) => stem === words[index]!.stem));
    // "Not yet" may be an answer itself, or "None" with "yet" after it: try before and after each filler word goes.
    if (matches()) return true;
    while (words.length > 1 && ANSWER_FILLER.has(words.at(-1)!.stem)) {
      words.pop();
      if (matches()) return true;
    }
    return false;
  };

  // "N/A - this goal is about bed capacity", "None: the standing financial instructions cover it": an answer, then its reason.
  const isLeadingAnswer = (tokens: Token[], from: number, to: number): boolean => {
    const reason = tokens.findIndex((token, index) => index >= from && index < to && token.kind === 'break' && (token.word === '-' || token.word === ':'));
    return reason > from && reason < to && isAnswer(tokens, from, reason);
  };

  const evidence = (text: string): string | null => {
    const analysis = analysed(text);
    const { tokens } = analysis;
    const lemmas = lemmasOfSentences(analysis);
    let from = 0;
    while (from < tokens.length) {
      const sentence = tokens[from]!.sentence;
      let to = from;
      while (to < tokens.length && tokens[to]!.sentence === sentence) to += 1;
      // An answer is the whole text: "None. Interests are declared at every meeting" says more
      // ("None needed; no partner expects to withdraw" is still a no: a semicolon only goes on.)
      const whole = () => to === tokens.length || tokens[to - 1]!.word === ';' || tokens.slice(to).every((token) => token.kind === 'break');
      if (from === 0 && answers.length > 0 && ((whole() && isAnswer(tokens, from, to)) || isLeadingAnswer(tokens, from, to))) return sentenceText(analysis, sentence);
      if (lemmasHold(lemmas[sentence] ?? NO_LEMMAS) && sentenceShows(tokens, from, to)) return sentenceText(analysis, sentence);
      from = to;
    }
    return null;
  };

  return evidence;
}

export type Signals = ReadonlyMap<string, Signal>;

/**
 * The first test of a text, made once for all the signals of a run: one pass over the text's word
 * beginnings tells which signals' gates it passes, and only those test their anchors. Testing
 * every signal's anchors on every text it reads cost a one-charter run more than reading the
 * texts that got past them.
 */
export class Gates {
  /** For each signal with a gate, the anchors of which a text must hold one. */
  private readonly gates: string[][] = [];
  private bySignals: Map<string, number[]> | null = null;
  private readonly passed = new WeakMap<AnchorWords, Uint8Array>();

  /** The test of one signal: whether a text holds an anchor of its gate. */
  gateFor(gate: string[] | null): (words: AnchorWords) => boolean {
    if (gate === null) return () => true;
    const id = this.gates.push(gate) - 1;
    this.bySignals = null;
    return (words) => {
      let passed = this.passed.get(words);
      if (passed === undefined || passed.length < this.gates.length) {
        passed = this.signalsPassed(words);
        this.passed.set(words, passed);
      }
      return passed[id] === 1;
    };
  }

  private signalsPassed(words: AnchorWords): Uint8Array {
    const bySignals = (this.bySignals ??= this.indexGates());
    const passed = new Uint8Array(this.gates.length);
    const { beginnings } = words;
    for (let at = 0; at < beginnings.length; at += 1) {
      const signals = bySignals.get(beginnings[at]!);
      if (signals !== undefined) for (let index = 0; index < signals.length; index += 1) passed[signals[index]!] = 1;
    }
    return passed;
  }

  private indexGates(): Map<string, number[]> {
    const bySignals = new Map<string, number[]>();
    this.gates.forEach((gate, id) => {
      for (const anchor of gate) {
        const signals = bySignals.get(anchor);
        if (signals === undefined) bySignals.set(anchor, [id]);
        else if (signals.at(-1) !== id) signals.push(id);
      }
    });
    return bySignals;
  }
}

/**
 * The anchors of the most telling place of each of a signal's phrases (anchorsOf puts it first):
 * a text that holds none of them cannot match. Null when a phrase has no telling place.
 */
function gateOf(anchors: Anchors): string[] | null {
  const gate = new Set<string>();
  for (const places of anchors.phrases) {
    const first = places[0];
    if (first === undefined) return null;
    for (const anchor of first) gate.add(anchor);
  }
  return [...gate];
}

/**
 * Whether a text's words (as anchors or as lemmas) hold one of each `with` list and every telling
 * place of some phrase. As anchors, this is a quick test that rules out most texts before they are
 * read as language: a word, or its irregular form's lemma or American spelling, begins with the
 * first letters of its lemma but perhaps the last (see anchorOf), so a phrase can only match a
 * text that holds, for each of its two most telling places, a word beginning with an anchor of
 * that place; and a text must hold an anchor of each `with` list. Sets, not a regular expression:
 * twenty signals' alternations cost more to compile than to run.
 */
function anchorsHold(anchors: Anchors): (words: ReadonlySet<string>) => boolean {
  // Loops, not some and every with a closure made at each call: this runs some sixty times a
  // charter, with fifty set lookups each.
  return (words) => {
    for (const place of anchors.with) if (!placeHolds(place, words)) return false;
    for (const places of anchors.phrases) if (everyPlaceHolds(places, words)) return true;
    return false;
  };
}

function everyPlaceHolds(places: string[][], words: ReadonlySet<string>): boolean {
  for (const place of places) if (!placeHolds(place, words)) return false;
  return true;
}

function placeHolds(place: string[], words: ReadonlySet<string>): boolean {
  for (const anchor of place) if (words.has(anchor)) return true;
  return false;
}

/**
 * The lemmas of each sentence of a text, worked out once per analysis: a phrase and its `with`
 * lists are found within one sentence, so a sentence without their telling lemmas is not read.
 */
function lemmasOfSentences(analysis: Analysis): ReadonlySet<string>[] {
  let lemmas = sentenceLemmas.get(analysis);
  if (!lemmas) {
    const bySentence: Set<string>[] = [];
    for (const token of analysis.tokens) (bySentence[token.sentence] ??= new Set()).add(token.stem);
    lemmas = bySentence;
    sentenceLemmas.set(analysis, lemmas);
  }
  return lemmas;
}

const sentenceLemmas = new WeakMap<Analysis, ReadonlySet<string>[]>();
const NO_LEMMAS: ReadonlySet<string> = new Set();

/** For each phrase, the anchors of its `placesTold` most telling places (those with the longest words); for each `with` list, its phrases' first places. */
function anchorsOf(phrases: Place[][], withLists: Place[][][], anchor: (lemmaOf: string) => string, placesTold: number): Anchors {
  const byKey = new Map<string, string[][]>();
  for (const places of phrases) {
    const telling = places
      .filter((place): place is string[][] => place !== GAP)
      .map((place) => ({ place, length: Math.min(...place.map((words) => Math.max(...words.map((word) => word.length)))) }))
      .sort((a, b) => b.length - a.length)
      .slice(0, placesTold)
      .map(({ place }) => placeAnchors(place, anchor));
    byKey.set(JSON.stringify(telling), telling);
  }
  // A `with` list is one phrase of one place (its words): any of its phrases' first places will do.
  const withAnchors = withLists.map((list) => [...new Set(list.flatMap((places) => placeAnchors(places[0] as string[][], anchor)))]);
  return { phrases: [...byKey.values()], with: withAnchors };
}

/** The anchors of one place of a phrase: the anchor of the longest word of each of its choices. */
function placeAnchors(place: string[][], anchor: (lemmaOf: string) => string): string[] {
  const anchors = new Set<string>();
  for (const words of place) {
    anchors.add(anchor(words.reduce((a, b) => (b.length > a.length ? b : a))));
  }
  return [...anchors].sort();
}

/**
 * The first letters of a lemma that every form of the word begins with. Porter's stemmer changes
 * only a word's ending, but a short lemma's last letter may be its own: "only" is onli, "rating"
 * rate, "hoping" hope. So a lemma of four letters or fewer that ends in e or i gives up that letter.
 */
function anchorOf(lemmaOf: string): string {
  const anchor = lemmaOf.slice(0, ANCHOR_LETTERS);
  return lemmaOf.length <= ANCHOR_LETTERS && lemmaOf.length > 1 && /[ei]$/.test(lemmaOf) ? anchor.slice(0, -1) : anchor;
}

/** How many first letters of a lemma a word must share to be worth reading. */
const ANCHOR_LETTERS = 4;
/** A text's first word and the first one to four letters of each of its words: as a set, and as a list (each once) to walk. */
interface AnchorWords {
  first: string | undefined;
  prefixes: Set<string>;
  beginnings: string[];
}

const anchorWords = new Map<string, AnchorWords>();

/**
 * A text's first word and the first one to four letters of each of its words (£ and # for a
 * number as words of their own), worked out once for all the signals that ask about the text.
 */
function wordsForAnchors(text: string): AnchorWords {
  let known = anchorWords.get(text);
  if (!known) {
    // The text as read (a soft hyphen or a ligature inside a word must not hide it).
    const words = normaliseText(text).replace(/\u0130/g, 'i').toLowerCase().match(/n\/a|[a-z]+|£|\d+/g) ?? [];
    const prefixes = new Set<string>();
    for (const word of words) {
      if (word === '£' || (word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57)) prefixes.add(word === '£' ? '£' : '#');
      else {
        addPrefixes(prefixes, word);
        const spelled = spelledAs(word);
        if (spelled !== word) addPrefixes(prefixes, spelled);
      }
    }
    const first = words[0] === undefined ? undefined : /^\d/.test(words[0]) ? '#' : words[0];
    known = { first, prefixes, beginnings: [...prefixes] };
    if (anchorWords.size >= MAX_ANALYSES) anchorWords.clear();
    anchorWords.set(ownCopy(text), known);
  }
  return known;
}

function addPrefixes(prefixes: Set<string>, word: string): void {
  for (let length = 1; length <= Math.min(ANCHOR_LETTERS, word.length); length += 1) prefixes.add(word.slice(0, length));
}

/** The clause a word is in: from the break before it to the break after it, within the sentence. */
function clauseAround(tokens: Token[], index: number, from: number, to: number): [number, number] {
  let start = index;
  while (start > from && tokens[start - 1]!.kind !== 'break') start -= 1;
  let end = index;
  while (end < to && tokens[end]!.kind !== 'break') end += 1;
  return [start, end];
}

/** Compiles every signal of the criteria files; word lists and signals are shared by name across files. */
export function compileSignals(sources: { origin: string; words?: WordLists; signals?: Record<string, SignalData>; signalForms?: Record<string, PackedSignalForm> }[]): Map<string, Signal> {
  const lists: WordLists = Object.create(null) as WordLists;
  const signals = new Map<string, Signal>();
  const gates = new Gates();
  // What the signals read so far stand for, against MAX_RUN_SIGNAL_CHOICES.
  const read = { total: 0 };
  const inFile = (origin: string, compile: () => void) => {
    try {
      compile();
    } catch (error) {
      if (error instanceof SignalError) error.origin = origin;
      throw error;
    }
  };
  for (const source of sources) {
    inFile(source.origin, () => {
      for (const [name, words] of Object.entries(source.words ?? {})) {
        if (Object.hasOwn(lists, name)) throw Object.assign(new SignalError(`the word list '${name}' is defined twice`), { pointer: joinPointer('/words', name) });
        lists[name] = words;
      }
    });
  }
  for (const source of sources) {
    inFile(source.origin, () => {
      for (const [name, data] of Object.entries(source.signals ?? {})) {
        if (signals.has(name)) throw Object.assign(new SignalError(`the signal '${name}' is defined twice`), { pointer: joinPointer('/signals', name) });
        const form = source.signalForms?.[name] ?? placed(joinPointer('/signals', name), () => readSignal(name, data, lists, read));
        signals.set(name, compileSignal(name, data, form, gates));
      }
    });
  }
  return signals;
}

/** "; did you mean 'x'?" for a word list's name one letter or two from one defined, else nothing. */
function nearestList(name: string, lists: WordLists): string {
  const nearest = nearestKey(name, Object.keys(lists));
  return nearest ? `; did you mean '${nearest}'?` : '';
}
