// Signals: what a criteria file says a text means ("keeps the funding from patients", "pays an
// individual"), as word lists matched by lemma, with negation read the NegEx way. A signal is data
// (see the `signals` and `words` sections of the criteria schema); this module compiles it into a
// matcher that is linear in the text and cannot run away, and finds the sentence that shows it.
import { analyse, sentenceText, type Analysis, type Token } from './analyse.js';

export interface SignalData {
  description: string;
  /** JSON Pointers (a `*` segment: every item of a list) of the fields a `forbid` check reads. */
  reads?: string[];
  /** Phrases that make the signal where they are affirmed (or anywhere, with `negation: ignored`). */
  says?: string[];
  /** Phrases that make the signal where a negation reaches them ("not disclosed"). */
  denies?: string[];
  /** Short answers that make the signal when they are the whole first sentence ("None", "Not used"). */
  answers?: string[];
  /** Word lists, by name, each of which must occur in the sentence for the signal to count. */
  with?: string[];
  /** Phrases that, anywhere in the sentence, mean it is not the signal ("records why"). */
  unless?: string[];
  /** Whether a negation cancels what `says` finds (the default) or is ignored. */
  negation?: 'cancels' | 'ignored';
}

export type WordLists = Record<string, string[]>;

/** The largest number of word sequences one phrase may stand for once its choices are spelt out. */
export const MAX_PHRASE_FORMS = 4_000;
/** A `...` gap spans at most this many words. */
export const GAP_WORDS = 4;
const GAP = Symbol('gap');
type Part = string | typeof GAP;

/** Words that may follow a short answer and leave it the same answer ("None at present", "Not used yet"). */
const ANSWER_FILLER = new Set(['yet', 'at', 'present', 'so', 'far', 'current', 'currentli', 'known', 'identifi', 'plan', 'need', 'requir', 'thi', 'stage', 'time', 'moment', 'for', 'now', 'declar', 'expect', 'to', 'date', 'here', 'appli', 'applic', 'relev']);

/** A word list or signal that cannot be compiled; `origin` is the criteria file it is in. */
export class SignalError extends Error {
  origin = '';
}

/** Phrases indexed by their first lemma, so a text is read once whatever the number of phrases. */
class PhraseSet {
  private readonly byFirst = new Map<string, Part[][]>();
  constructor(phrases: string[], lists: WordLists, where: string) {
    for (const phrase of phrases) {
      for (const parts of spellOut(phrase, lists, where)) {
        const first = parts[0];
        if (typeof first !== 'string') throw new SignalError(`${where}: the phrase '${phrase}' starts with a gap`);
        const list = this.byFirst.get(first) ?? [];
        list.push(parts);
        this.byFirst.set(first, list);
      }
    }
  }

  /** Every place in a sentence where a phrase starts: the index of its first word. */
  *find(tokens: Token[], from: number, to: number): Generator<number> {
    for (let index = from; index < to; index += 1) {
      const candidates = this.byFirst.get(tokens[index]!.stem);
      if (candidates && candidates.some((parts) => matchesAt(parts, 1, tokens, index + 1, to))) yield index;
    }
  }

  occursIn(tokens: Token[], from: number, to: number): boolean {
    return !this.find(tokens, from, to).next().done;
  }
}

function matchesAt(parts: Part[], part: number, tokens: Token[], index: number, to: number): boolean {
  if (part === parts.length) return true;
  const wanted = parts[part]!;
  if (wanted === GAP) {
    // The words after a gap may come at once or up to GAP_WORDS words later.
    for (let skip = 0, at = index; skip <= GAP_WORDS && at <= to; at += 1) {
      if (matchesAt(parts, part + 1, tokens, at, to)) return true;
      if (at < to && tokens[at]!.kind !== 'break') skip += 1;
    }
    return false;
  }
  // Commas and brackets between the words of a phrase are read through.
  let at = index;
  while (at < to && tokens[at]!.kind === 'break' && tokens[at]!.word !== ':') at += 1;
  return at < to && tokens[at]!.stem === wanted && matchesAt(parts, part + 1, tokens, at + 1, to);
}

/** A phrase as the word sequences it stands for: `a|b` is a choice, `@list` any phrase of a word list, `...` a gap. */
function spellOut(phrase: string, lists: WordLists, where: string, depth = 0): Part[][] {
  if (depth > 2) throw new SignalError(`${where}: word lists refer to each other too deeply at '${phrase}'`);
  let forms: Part[][] = [[]];
  for (const written of phrase.trim().split(/\s+/)) {
    const choices: Part[][] = [];
    for (const choice of written.split('|')) {
      if (choice === '...') choices.push([GAP]);
      else if (choice.startsWith('@')) {
        const list = lists[choice.slice(1)];
        if (!list) throw new SignalError(`${where}: no word list is named '${choice.slice(1)}'`);
        for (const item of list) choices.push(...spellOut(item, lists, where, depth + 1));
      } else choices.push(wordsOf(choice));
    }
    forms = forms.flatMap((form) => choices.map((choice) => [...form, ...choice]));
    if (forms.length > MAX_PHRASE_FORMS) throw new SignalError(`${where}: the phrase '${phrase}' stands for more than ${MAX_PHRASE_FORMS} word sequences`);
  }
  for (const form of forms) {
    if (form.filter((part) => part === GAP).length > 3) throw new SignalError(`${where}: the phrase '${phrase}' has more than three gaps`);
  }
  return forms.filter((form) => form.length > 0);
}

/** A written word (or hyphenated words) as the lemmas the analysis gives it. */
function wordsOf(written: string): string[] {
  if (written === '£') return ['£'];
  if (written === '#') return ['#'];
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

/** Texts already read: the same fields are asked about by several signals and criteria. */
const analyses = new Map<string, Analysis>();
const MAX_ANALYSES = 4_000;

function analysisOf(text: string): Analysis {
  let analysis = analyses.get(text);
  if (!analysis) {
    if (analyses.size >= MAX_ANALYSES) analyses.clear();
    analysis = analyse(text);
    analyses.set(text, analysis);
  }
  return analysis;
}

export function compileSignal(name: string, data: SignalData, lists: WordLists): Signal {
  const at = `signal ${name}`;
  const says = new PhraseSet(data.says ?? [], lists, at);
  const denies = new PhraseSet(data.denies ?? [], lists, at);
  const unless = new PhraseSet(data.unless ?? [], lists, at);
  const answers = (data.answers ?? []).flatMap((answer) => spellOut(answer, lists, at));
  const withLists = (data.with ?? []).map((list) => {
    if (!lists[list]) throw new SignalError(`${at}: no word list is named '${list}'`);
    return new PhraseSet([`@${list}`], lists, at);
  });
  const negationCancels = data.negation !== 'ignored';
  const results = new Map<string, string | null>();

  const sentenceShows = (tokens: Token[], from: number, to: number): boolean => {
    let found = false;
    for (const index of says.find(tokens, from, to)) {
      if (!negationCancels || !tokens[index]!.negated) {
        found = true;
        break;
      }
    }
    if (!found) {
      for (const index of denies.find(tokens, from, to)) {
        if (tokens[index]!.negated) {
          found = true;
          break;
        }
      }
    }
    if (!found) return false;
    if (withLists.some((list) => !list.occursIn(tokens, from, to))) return false;
    return !unless.occursIn(tokens, from, to);
  };

  const isAnswer = (tokens: Token[], from: number, to: number): boolean => {
    const words = tokens.slice(from, to).filter((token) => token.kind !== 'break');
    while (words.length > 1 && ANSWER_FILLER.has(words.at(-1)!.stem)) words.pop();
    return answers.some((answer) => answer.length === words.length && answer.every((part, index) => part === words[index]!.stem));
  };

  const evidence = (text: string): string | null => {
    const analysis = analysisOf(text);
    const { tokens } = analysis;
    let from = 0;
    while (from < tokens.length) {
      const sentence = tokens[from]!.sentence;
      let to = from;
      while (to < tokens.length && tokens[to]!.sentence === sentence) to += 1;
      if ((from === 0 && answers.length > 0 && isAnswer(tokens, from, to)) || sentenceShows(tokens, from, to)) return sentenceText(analysis, sentence);
      from = to;
    }
    return null;
  };

  return {
    name,
    description: data.description,
    reads: data.reads ?? [],
    evidence(text) {
      const known = results.get(text);
      if (known !== undefined) return known;
      const found = evidence(text);
      if (results.size >= MAX_ANALYSES) results.clear();
      results.set(text, found);
      return found;
    },
  };
}

export type Signals = ReadonlyMap<string, Signal>;

/** Compiles every signal of the criteria files; word lists and signals are shared by name across files. */
export function compileSignals(sources: { origin: string; words?: WordLists; signals?: Record<string, SignalData> }[]): Map<string, Signal> {
  const lists: WordLists = Object.create(null) as WordLists;
  const signals = new Map<string, Signal>();
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
        if (Object.hasOwn(lists, name)) throw new SignalError(`the word list '${name}' is defined twice`);
        lists[name] = words;
      }
    });
  }
  for (const source of sources) {
    inFile(source.origin, () => {
      for (const [name, data] of Object.entries(source.signals ?? {})) {
        if (signals.has(name)) throw new SignalError(`the signal '${name}' is defined twice`);
        signals.set(name, compileSignal(name, data, lists));
      }
    });
  }
  return signals;
}
