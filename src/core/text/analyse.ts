// A text read as language: sentences, words with their lemmas, and which words a negation
// reaches. Hand-written in the NegEx manner (a cue reaches forward over its clause) with the word
// lists of english.ts: measured against wink-nlp on the project's paraphrases, it was as accurate
// on the charters' language and loads in well under a millisecond instead of ~165 ms (bench/).
import { stemmer } from 'stemmer';
import {
  ABBREVIATIONS,
  BE_FORMS,
  CLAUSE_OPENERS,
  CONTRACTIONS,
  GIVING_FORMS,
  POST_NEGATIONS,
  BRITISH_WORDS,
  IRREGULAR_FORMS,
  NEGATION_CUES,
  NEGATION_PHRASES,
  NEGATION_REACH,
  PSEUDO_NEGATIONS,
  SCOPE_ENDS,
  SPELLING_ENDINGS,
  SPELLING_KEPT,
} from './english.js';
import { normaliseText } from './normalise.js';

export type TokenKind = 'word' | 'number' | 'money' | 'break';

export interface Token {
  /** The word as written, in lower case ("kept"); for a break, the punctuation. */
  word: string;
  /** Its lemma, as word lists are compared ("keep"). */
  stem: string;
  kind: TokenKind;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  sentence: number;
  /** A negation reaches this word. */
  negated: boolean;
}

export interface Sentence {
  start: number;
  end: number;
}

export interface Analysis {
  /** The text as normalised: offsets point into it. */
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

// Money (£4,000, 15k pounds is two tokens), numbers (1.6, 2,540), words with inner apostrophes
// or hyphens split later, and the punctuation that ends a clause.
const TOKEN = /£\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|m|bn|million|thousand)\b)?|\d(?:[\d,]*\d)?(?:\.\d+)?%?|n\/a|[a-z]+(?:'[a-z]+)*|[;:,()!?.]|\s-\s/g;
const SENTENCE_END = /[.!?;]/;
const PUNCTUATION = /^(?:[,:()]|\s-\s)$/;

const cueWords = new Set(NEGATION_CUES);
const scopeEnds = new Set(SCOPE_ENDS);
const clauseOpeners = new Set(CLAUSE_OPENERS);
const postByFirst = groupPhrases(POST_NEGATIONS);
const BULLET_AFTER = /^\s*[-•*]\s/;
const NEGATIVE_OBJECTS = new Set(['nothing', 'nobody', 'none', 'noone']);
const BE_WORDS = new Set(BE_FORMS);
const GIVING_WORDS = new Set(GIVING_FORMS);
const LIST_WORDS = new Set(['or', 'nor', 'and']);
const ANSWER_CUES = new Set(['none', 'nil', 'no', 'n/a', 'nothing']);
const abbreviations = new Set(ABBREVIATIONS);
const keptSpellings = new Set(SPELLING_KEPT);
const phrasesByFirst = groupPhrases(NEGATION_PHRASES);
const pseudoByFirst = groupPhrases(PSEUDO_NEGATIONS);

/** Lemmas already worked out: a run meets the same few thousand words again and again. */
const lemmas = new Map<string, string>();
const MAX_LEMMAS = 50_000;

/** The lemma words are compared by: irregular forms, British spelling as American, then Porter's stemmer. */
export function lemma(word: string): string {
  const known = lemmas.get(word);
  if (known !== undefined) return known;
  const irregular = IRREGULAR_FORMS[word];
  const result = irregular ?? stemmer(spelledAs(word));
  if (lemmas.size >= MAX_LEMMAS) lemmas.clear();
  lemmas.set(word, result);
  return result;
}

// British endings, longest first, in one expression: a word is tested once, not once per ending.
const BRITISH_ENDING = new RegExp(`(?:${SPELLING_ENDINGS.map(([british]) => british).join('|')})$`);
const AMERICAN_ENDING = new Map(SPELLING_ENDINGS);

/** A word as the stemmer is given it: its irregular form's lemma, or its American spelling. */
export function spelledAs(word: string): string {
  return IRREGULAR_FORMS[word] ?? BRITISH_WORDS[word] ?? americanSpelling(word);
}

function americanSpelling(word: string): string {
  if (word.length < 5 || keptSpellings.has(word)) return word;
  const ending = BRITISH_ENDING.exec(word)?.[0];
  return ending === undefined ? word : word.slice(0, -ending.length) + AMERICAN_ENDING.get(ending)!;
}

/** Texts already read: the same fields are asked about by several signals and criteria. */
const analyses = new Map<string, Analysis>();
/** How many texts (and results about them) the text layer keeps at most: a run's memory stays flat. */
export const MAX_ANALYSES = 4_000;

/** A text's analysis, read once however many checks ask about it. */
export function analysed(text: string): Analysis {
  let analysis = analyses.get(text);
  if (!analysis) {
    if (analyses.size >= MAX_ANALYSES) analyses.clear();
    const own = ownCopy(text);
    analysis = analyse(own);
    analyses.set(own, analysis);
  }
  return analysis;
}

/**
 * A string of its own to keep in a cache: a field's text may be a slice of its charter's whole
 * source, which a cache keyed by the slice would keep alive (a thousand charters' sources in a large run).
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/** Reads a text into sentences and words, and marks the words a negation reaches. */
export function analyse(raw: string): Analysis {
  const text = normaliseText(raw);
  // A dotted capital I lower-cases to two characters: as "i", offsets still point into the text.
  const lower = text.replace(/\u0130/g, 'i').toLowerCase();
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentenceStart = 0;
  const endSentence = (end: number) => {
    if (end > sentenceStart) sentences.push({ start: sentenceStart, end });
    sentenceStart = end;
  };
  for (const match of lower.matchAll(TOKEN)) {
    const written = match[0];
    const start = match.index;
    const end = start + written.length;
    if (SENTENCE_END.test(written) && written.length === 1) {
      // "Dr. Patel", "e.g. NICE", "1.6" are not the end of a sentence.
      const previous = tokens.at(-1);
      if (written === '.' && previous && previous.end === start && abbreviations.has(previous.word)) continue;
      tokens.push(breakToken(written, start, end, sentences.length));
      endSentence(end);
      continue;
    }
    if (PUNCTUATION.test(written)) {
      tokens.push(breakToken(written.trim(), start, end, sentences.length));
      // Items of a list introduced by a colon ("Phasing:\n- design: ...") are sentences of their own, as after a semicolon.
      if (written === ':' && BULLET_AFTER.test(lower.slice(end, end + 4))) endSentence(end);
      continue;
    }
    for (const part of splitWord(written)) {
      const at = start + part.offset;
      tokens.push({ word: part.word, stem: part.stem, kind: part.kind, start: at, end: at + part.word.length, sentence: sentences.length, negated: false });
    }
  }
  endSentence(text.length);
  markNegations(tokens);
  return { text, tokens, sentences };
}

function breakToken(word: string, start: number, end: number, sentence: number): Token {
  return { word, stem: word, kind: 'break', start, end, sentence, negated: false };
}

/** A written token as words: "isn't" is "is not", "company's" is "company", "£4,000" is money. */
function splitWord(written: string): { word: string; stem: string; kind: TokenKind; offset: number }[] {
  if (written.startsWith('£')) return [{ word: written, stem: '£', kind: 'money', offset: 0 }];
  if (/^\d/.test(written)) return [{ word: written, stem: '#', kind: 'number', offset: 0 }];
  if (written === 'n/a') return [{ word: 'n/a', stem: 'n/a', kind: 'word', offset: 0 }];
  if (written.endsWith("n't")) {
    const base = written === "won't" ? 'will' : written === "can't" ? 'can' : written === "shan't" ? 'shall' : written.slice(0, -3);
    return [
      { word: base, stem: lemma(base), kind: 'word', offset: 0 },
      { word: 'not', stem: 'not', kind: 'word', offset: written.length - 3 },
    ];
  }
  if (written === 'cannot') {
    return [
      { word: 'can', stem: 'can', kind: 'word', offset: 0 },
      { word: 'not', stem: 'not', kind: 'word', offset: 3 },
    ];
  }
  const apostrophe = written.indexOf("'");
  const word = apostrophe === -1 ? written : written.slice(0, apostrophe);
  const contracted = apostrophe === -1 ? undefined : CONTRACTIONS[written.slice(apostrophe)];
  if (contracted !== undefined && word !== '') {
    return [
      { word, stem: lemma(word), kind: 'word', offset: 0 },
      { word: contracted, stem: lemma(contracted), kind: 'word', offset: apostrophe },
    ];
  }
  return [{ word, stem: lemma(word), kind: 'word', offset: 0 }];
}

/** Marks every word a negation cue reaches: forward, within its clause, up to NEGATION_REACH words. */
function markNegations(tokens: Token[]): void {
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.kind !== 'word') continue;
    const pseudo = longestRun(pseudoByFirst, tokens, index);
    if (pseudo > 0) {
      index += pseudo - 1;
      continue;
    }
    const backward = postNegation(tokens, index);
    if (backward > 0) {
      negateBackward(tokens, index);
      index += backward - 1;
      continue;
    }
    const phrase = longestRun(phrasesByFirst, tokens, index);
    const cueLength = phrase > 0 ? phrase : cueWords.has(token.word) ? 1 : 0;
    if (cueLength === 0) continue;
    // "Honoraria are not ruled out", "we haven't ruled out honoraria": two negations, nothing denied.
    const denied = index + cueLength < tokens.length ? postNegation(tokens, index + cueLength) : 0;
    if (denied > 0) {
      index += cueLength + denied - 1;
      continue;
    }
    negateObjectsVerb(tokens, index);
    negateForward(tokens, index, cueLength);
    index += cueLength - 1;
  }
}

/** A cue's reach: the rest of its clause when it opens it, else a few words, or a whole list ("no honoraria, places or hospitality"). */
function negateForward(tokens: Token[], index: number, cueLength: number): void {
  const sentence = tokens[index]!.sentence;
  // A cue an earlier negation reaches undoes it: "no inhaler is started that is not in line with NICE".
  const negated = !tokens[index]!.negated;
  let reach = opensClause(tokens, index) ? NEGATION_REACH.openingClause : NEGATION_REACH.withinClause;
  let reached = 0;
  for (let next = index + cueLength; next < tokens.length && reached < reach; next += 1) {
    const word = tokens[next]!;
    if (word.sentence !== sentence || endsScope(tokens, next)) break;
    if (word.kind === 'break') continue;
    word.negated = negated;
    reached += 1;
    // A list the cue governs is negated to its end.
    if (LIST_WORDS.has(word.word)) reach = NEGATION_REACH.openingClause;
  }
}

/** "is paid nothing", "invoices no one": a negative pronoun after its verb denies the verb. */
function negateObjectsVerb(tokens: Token[], index: number): void {
  const token = tokens[index]!;
  const object = NEGATIVE_OBJECTS.has(token.word) || (token.word === 'no' && (tokens[index + 1]?.word === 'one' || tokens[index + 1]?.word === 'body'));
  const verb = tokens[index - 1];
  if (object && verb?.kind === 'word' && verb.sentence === token.sentence && !opensClause(tokens, index)) verb.negated = !verb.negated;
}

/** "honoraria are neither offered nor accepted", "payment ... is ruled out", "fees to individuals: none": the words before are negated. */
function negateBackward(tokens: Token[], index: number): void {
  const sentence = tokens[index]!.sentence;
  let reached = 0;
  for (let before = index - 1; before >= 0 && reached < NEGATION_REACH.openingClause; before -= 1) {
    const word = tokens[before]!;
    if (word.sentence !== sentence || (word.kind === 'break' && word.word !== ',' && word.word !== ':' ) || scopeEnds.has(word.word)) break;
    if (word.kind === 'break') {
      if (word.word === ':' && before !== index - 1) break;
      continue;
    }
    word.negated = true;
    reached += 1;
  }
}

/** The length of a cue that negates what comes before it at `index`, or 0. */
function postNegation(tokens: Token[], index: number): number {
  const token = tokens[index]!;
  const previous = tokens[index - 1];
  // "payments to individuals: none", "gifts - nil"
  // ...but "- no partner buys from another" is a cue that reads forward, not an answer.
  const next = tokens[index + 1];
  const endsAnswer = next === undefined || next.kind === 'break' || next.sentence !== token.sentence || next.word === 'whatsoever' || next.word === 'at';
  if (ANSWER_CUES.has(token.word) && endsAnswer && previous?.kind === 'break' && (previous.word === ':' || previous.word === '-')) return 1;
  const run = longestRun(postByFirst, tokens, index);
  if (run > 0) return run;
  // "are neither offered nor accepted", "is not paid", "are never given"
  if ((token.word === 'not' || token.word === 'neither' || token.word === 'never') && BE_WORDS.has(previous?.word ?? '') && GIVING_WORDS.has(tokens[index + 1]?.word ?? '')) return 2;
  return 0;
}

/** True when the word at `index` starts its sentence or clause (after a break or a word such as "and"). */
function opensClause(tokens: Token[], index: number): boolean {
  const previous = tokens[index - 1];
  if (previous === undefined || previous.sentence !== tokens[index]!.sentence || previous.kind === 'break') return true;
  return clauseOpeners.has(previous.word);
}

/** A clause ends at a word such as "but", a semicolon or colon, a bracket, or a comma before "and"/"or". */
function endsScope(tokens: Token[], index: number): boolean {
  const token = tokens[index]!;
  if (token.kind === 'break') {
    // A comma often only separates items of a list ("the partnership, its funding or its role").
    if (token.word !== ',') return true;
    const next = tokens[index + 1];
    return next !== undefined && (next.word === 'and' || next.word === 'or' || scopeEnds.has(next.word));
  }
  return scopeEnds.has(token.word);
}

function groupPhrases(phrases: readonly string[]): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    const list = byFirst.get(words[0]!) ?? [];
    list.push(words);
    byFirst.set(words[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return byFirst;
}

/** The length of the longest listed run of words starting at `index`, or 0. */
function longestRun(byFirst: Map<string, string[][]>, tokens: Token[], index: number): number {
  const candidates = byFirst.get(tokens[index]!.word);
  if (!candidates) return 0;
  for (const words of candidates) {
    if (words.every((word, offset) => tokens[index + offset]?.word === word)) return words.length;
  }
  return 0;
}

/** The sentence holding a token, as normalised text. */
export function sentenceText(analysis: Analysis, sentence: number): string {
  const span = analysis.sentences[sentence];
  return span ? analysis.text.slice(span.start, span.end).trim() : analysis.text;
}

/**
 * Whether `cue` (words as written) is negated where it first occurs in `text`; null when it does
 * not occur. For measuring the negation scope on its own (bench/text-layer.mjs).
 */
export function negatedCue(text: string, cue: string): boolean | null {
  const { tokens } = analyse(text);
  const wanted = analyse(cue).tokens.filter((token) => token.kind !== 'break');
  if (wanted.length === 0) return null;
  for (let index = 0; index < tokens.length; index += 1) {
    if (wanted.every((word, offset) => tokens[index + offset]?.word === word.word)) return tokens[index]!.negated;
  }
  return null;
}
