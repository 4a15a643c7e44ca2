// The verdict in words, for the formats people read: what holds a charter back (failed gates,
// critical criteria not met, structure errors), named before its score, so that a high score
// beside "Not ready" never reads as a contradiction. Pure: a report in, words out.
import type { CheckedCharter, Policy } from '../core/report.js';
import { BANDS, bandLabel } from '../core/score.js';
import { SEVERITY_RANK, verdictOf, type Blocker } from '../core/verdict.js';
import { gateLabel, type RuleWords } from './rule-words.js';
import { gateName } from './text.js';

/** A blocker with its words: a gate's label, and its rule's title (for a structure error, what is wrong). */
export type NamedBlocker = Omit<Blocker, 'message'> & { label?: string; title: string };

/** One reason the verdict is what it is: `1 gate fails`, with the ids it is about. */
export interface Reason {
  text: string;
  names: string[];
}

/** The verdict (core/verdict.ts) as people read it. */
export interface VerdictWords {
  /** The band's label: `Not ready`. */
  band: string;
  passed: boolean;
  minScore: number;
  blockers: NamedBlocker[];
  /** Why the charter fails (or, passing, what is held against it anyway); empty when nothing is. */
  reasons: Reason[];
  /** The band the score alone would give, when the verdict holds the charter below it. */
  scoreBand: string | null;
}

/** The words for a checked charter's verdict; whether it passes is its own (decided on the whole report, before --quiet leaves findings out). */
export function verdictWords(report: CheckedCharter, policy: Policy, words: RuleWords): VerdictWords {
  const verdict = verdictOf(report, policy);
  const band = verdict.band;
  const blockers = verdict.blockers.map((blocker) => named(blocker, words));
  const passed = report.passed;
  const gates = blockers.filter((blocker) => blocker.kind === 'gate');
  const critical = blockers.filter((blocker) => blocker.kind === 'critical');
  const structure = blockers.filter((blocker) => blocker.kind === 'structure');
  const reasons: Reason[] = [];
  if (gates.length > 0) reasons.push({ text: `${count(gates.length, 'gate')} ${gates.length === 1 ? 'fails' : 'fail'}`, names: gates.map(gateName) });
  if (critical.length > 0) reasons.push({ text: `${critical.length} critical ${critical.length === 1 ? 'criterion is' : 'criteria are'} not met`, names: critical.map((blocker) => blocker.id) });
  if (structure.length > 0) reasons.push({ text: count(structure.length, 'structure error'), names: [...new Set(structure.map((blocker) => blocker.id))] });
  if (report.score < policy.minScore) reasons.push({ text: `the score is under the pass mark (${policy.minScore})`, names: [] });
  const failOn = policy.failOn;
  if (!passed && reasons.length === 0 && failOn !== undefined && failOn !== 'never') {
    const severe = report.findings.filter((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]).length;
    const what = { error: 'errors', warning: 'warnings or worse', info: 'reported' }[failOn];
    reasons.push({ text: `${count(severe, 'finding')} ${severe === 1 ? 'is' : 'are'} ${what} (fail on ${failOn})`, names: [] });
  }
  const byScore = BANDS.find((entry) => report.score >= entry.from)!;
  return { band: bandLabel(band), passed, minScore: policy.minScore, blockers, reasons, scoreBand: byScore.band === band ? null : byScore.label };
}

/**
 * The verdict in one line: `Not ready: 1 gate fails`, or with the ids named,
 * `Not ready: 1 gate fails: PC-ABPI-R9 (ABPI red 9)`; `Ready` when nothing holds it back.
 */
export function verdictLine(verdict: VerdictWords, options: { names: boolean }): string {
  if (verdict.reasons.length === 0) return verdict.band === bandLabel('not-ready') ? `${verdict.band}, though it reaches the pass mark (${verdict.minScore})` : verdict.band;
  const reasons = verdict.reasons.map((reason) => (options.names && reason.names.length > 0 ? `${reason.text}: ${reason.names.join(', ')}` : reason.text));
  const said = options.names ? reasons.join('; ') : joinWords(reasons);
  // A policy that fails nothing (fail on never) still reports what it would have failed on.
  return `${verdict.band}: ${said}${verdict.passed ? '; passes all the same (fail on never)' : ''}`;
}

/** What the score says beside the verdict: `by score alone it would be Ready`, or '' when the band is the score's. */
export function scoreNote(verdict: VerdictWords): string {
  return verdict.scoreBand === null ? '' : `by score alone it would be ${verdict.scoreBand}`;
}

/** The blocker as the formats print it, its words looked up by its rule's id; fields in the order they were always printed. */
function named(blocker: Blocker, words: RuleWords): NamedBlocker {
  const { kind, id, message, ...place } = blocker;
  if (kind === 'structure') return { kind, id, title: message ?? id, ...place };
  return { kind, id, ...(kind === 'gate' ? gateLabel(words, id) : {}), title: words(id).title, ...place };
}

/** A blocker's name: a gate's id with its label, else the id. */
export function blockerName(blocker: NamedBlocker): string {
  return blocker.kind === 'gate' ? gateName(blocker) : blocker.id;
}

function count(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** `a`, `a and b`, `a, b and c` */
function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
