// The verdict in words, for the formats people read: what holds a charter back (failed gates,
// critical criteria not met, structure errors), named before its score, so that a high score
// beside "Not ready" never reads as a contradiction. Pure: a report in, words out.
import { failedGates, type CheckedCharter, type Policy } from '../core/report.js';
import { BANDS, bandLabel } from '../core/score.js';
import { gateName } from './text.js';

/** What a blocker is, and the word that introduces it where it is named: `gate`, `critical`, `structure`. */
export type BlockerKind = 'gate' | 'critical' | 'structure';

/** Something no score outweighs, named and placed. */
export interface Blocker {
  kind: BlockerKind;
  id: string;
  /** For a gate, the checklist question it decides (ABPI red 4). */
  label?: string;
  /** The criterion's title; for a structure error, what is wrong. */
  title: string;
  line?: number;
  column?: number;
}

/** One reason the verdict is what it is: `1 gate fails`, with the ids it is about. */
export interface Reason {
  text: string;
  names: string[];
}

export interface Verdict {
  band: string;
  passed: boolean;
  minScore: number;
  /** Failed gates, then critical criteria not met (that are not gates), then structure errors. */
  blockers: Blocker[];
  /** Why the charter fails (or, passing, what is held against it anyway); empty when nothing is. */
  reasons: Reason[];
  /** The band the score alone would give, when the verdict holds the charter below it. */
  scoreBand: string | null;
}

export function verdictOf(report: CheckedCharter, policy: Policy): Verdict {
  const gates = failedGates(report).map((gate): Blocker => ({ kind: 'gate', id: gate.id, ...(gate.label ? { label: gate.label } : {}), title: gate.title, ...place(gate) }));
  const gateIds = new Set(gates.map((gate) => gate.id));
  const critical = report.criticalGaps
    .filter((id) => !gateIds.has(id))
    .map((id): Blocker => {
      const first = report.findings.find((finding) => finding.ruleId === id);
      return { kind: 'critical', id, title: report.criteria.find((criterion) => criterion.id === id)?.title ?? id, ...place(first) };
    });
  const structure = report.findings.filter((finding) => finding.area === 'structure').map((finding): Blocker => ({ kind: 'structure', id: finding.ruleId, title: finding.message, ...place(finding) }));

  const reasons: Reason[] = [];
  if (gates.length > 0) reasons.push({ text: `${count(gates.length, 'gate')} ${gates.length === 1 ? 'fails' : 'fail'}`, names: gates.map(gateName) });
  if (critical.length > 0) reasons.push({ text: `${critical.length} critical ${critical.length === 1 ? 'criterion is' : 'criteria are'} not met`, names: critical.map((blocker) => blocker.id) });
  if (structure.length > 0) reasons.push({ text: count(structure.length, 'structure error'), names: [...new Set(structure.map((blocker) => blocker.id))] });
  if (report.score < policy.minScore) reasons.push({ text: `the score is under the pass mark (${policy.minScore})`, names: [] });
  const failOn = policy.failOn;
  if (!report.passed && reasons.length === 0 && failOn !== undefined && failOn !== 'never') {
    const severe = report.findings.filter((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]).length;
    const what = { error: 'errors', warning: 'warnings or worse', info: 'reported' }[failOn];
    reasons.push({ text: `${count(severe, 'finding')} ${severe === 1 ? 'is' : 'are'} ${what} (fail on ${failOn})`, names: [] });
  }
  const byScore = BANDS.find((entry) => report.score >= entry.from)!;
  return {
    band: bandLabel(report.band),
    passed: report.passed,
    minScore: policy.minScore,
    blockers: [...gates, ...critical, ...structure],
    reasons,
    scoreBand: byScore.band === report.band ? null : byScore.label,
  };
}

/**
 * The verdict in one line: `Not ready: 1 gate fails`, or with the ids named,
 * `Not ready: 1 gate fails: PC-ABPI-R9 (ABPI red 9)`; `Ready` when nothing holds it back.
 */
export function verdictLine(verdict: Verdict, options: { names: boolean }): string {
  if (verdict.reasons.length === 0) return verdict.band === bandLabel('not-ready') ? `${verdict.band}, though it reaches the pass mark (${verdict.minScore})` : verdict.band;
  const reasons = verdict.reasons.map((reason) => (options.names && reason.names.length > 0 ? `${reason.text}: ${reason.names.join(', ')}` : reason.text));
  const said = options.names ? reasons.join('; ') : joinWords(reasons);
  // A policy that fails nothing (fail on never) still reports what it would have failed on.
  return `${verdict.band}: ${said}${verdict.passed ? '; passes all the same (fail on never)' : ''}`;
}

/** What the score says beside the verdict: `by score alone it would be Ready`, or '' when the band is the score's. */
export function scoreNote(verdict: Verdict): string {
  return verdict.scoreBand === null ? '' : `by score alone it would be ${verdict.scoreBand}`;
}

/** A blocker's name: a gate's id with its label, else the id. */
export function blockerName(blocker: Blocker): string {
  return blocker.kind === 'gate' ? gateName(blocker) : blocker.id;
}

const SEVERITY_RANK = { info: 1, warning: 2, error: 3 } as const;

function place(at: { line?: number; column?: number } | undefined): { line?: number; column?: number } {
  return at?.line === undefined ? {} : { line: at.line, column: at.column ?? 1 };
}

function count(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** `a`, `a and b`, `a, b and c` */
function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
