// A charter's verdict under a policy: its band, whether it passes, and what holds it back (failed
// gates, critical criteria not met, structure errors). The run's tally and every format read this
// one verdict, so a charter never passes in one place and fails in another.
import type { Severity } from './criteria.js';
import type { Band, CharterReport, GateResult, Policy } from './report.js';

/** What a blocker is, and the word that introduces it where it is named: `gate`, `critical`, `structure`. */
export type BlockerKind = 'gate' | 'critical' | 'structure';

/**
 * Something no score outweighs, named by id and placed. A gate or critical criterion is its rule's:
 * its title and label are the run's `rules`, where the formats that print them look them up.
 */
export interface Blocker {
  kind: BlockerKind;
  id: string;
  /** For a structure error, what is wrong. */
  message?: string;
  line?: number;
  column?: number;
}

export interface Verdict {
  band: Band;
  passed: boolean;
  /** Failed gates, then critical criteria not met (that are not gates), then structure errors. */
  blockers: Blocker[];
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/**
 * A charter passes when nothing blocks it (a charter that does not follow the format cannot be
 * fully judged), it reaches the minimum score, and, with failOn, has no finding at or above that
 * severity; failOn `never` passes every charter.
 */
export function verdictOf(report: CharterReport, policy: Policy): Verdict {
  const gates = failedGates(report).map((gate): Blocker => ({ kind: 'gate', id: gate.id, ...place(gate) }));
  const gateIds = new Set(gates.map((gate) => gate.id));
  const critical = report.criticalGaps
    .filter((id) => !gateIds.has(id))
    .map((id): Blocker => {
      const first = report.findings.find((finding) => finding.ruleId === id);
      return { kind: 'critical', id, ...place(first) };
    });
  const structure = report.findings.filter((finding) => finding.area === 'structure').map((finding): Blocker => ({ kind: 'structure', id: finding.ruleId, message: finding.message, ...place(finding) }));
  const blockers = [...gates, ...critical, ...structure];
  const { failOn } = policy;
  const tooSevere = failOn !== undefined && failOn !== 'never' && report.findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]);
  const passed = failOn === 'never' || (report.score >= policy.minScore && blockers.length === 0 && !tooSevere);
  return { band: report.band, passed, blockers };
}

/** A failed gate, an unwaived critical gap or a structure error: none of them a score can outweigh. */
export function hasBlockingGap(report: Pick<CharterReport, 'gates' | 'criticalGaps' | 'findings'>): boolean {
  return failedGates(report).length > 0 || report.criticalGaps.length > 0 || report.findings.some((finding) => finding.area === 'structure');
}

export function failedGates(report: Pick<CharterReport, 'gates'>): GateResult[] {
  return report.gates.filter((gate) => gate.status === 'fail');
}

function place(at: { line?: number; column?: number } | undefined): { line?: number; column?: number } {
  return at?.line === undefined ? {} : { line: at.line, column: at.column ?? 1 };
}
