// The one report type every formatter prints. Its JSON form is public (see README, "JSON report"):
// add fields freely, but never rename or remove one without raising REPORT_VERSION.
import type { Severity, Weight } from './criteria.js';
import type { BaselineComparison } from './baseline.js';
import type { Position } from './parse.js';
import type { InputProblem } from './problem.js';
import { verdictOf } from './verdict.js';

export const REPORT_VERSION = 2;

export type Band = 'ready' | 'nearly-ready' | 'not-ready';

/**
 * A gap in one charter. It names its rule by id: the rule's own words (title, advice, source) are
 * in the run's `rules`, once, not in every finding (report version 2).
 */
export interface Finding extends Position {
  ruleId: string;
  area: string;
  severity: Severity;
  /** The criterion's weight; null for structure findings, which are not scored. */
  weight: Weight | null;
  /** True when the criterion is a gate for this charter: the charter cannot pass while it fails. */
  gate: boolean;
  /** What is missing or wrong. */
  message: string;
  /**
   * JSON Pointer to the value at fault (the missing field itself, when missing). The line and
   * column say where to fix it, which for some checks is elsewhere (the board, for a partner not on it).
   */
  pointer: string;
}

export interface Waiver extends Position {
  reason: 'not-applicable' | 'accepted-risk' | 'planned' | 'other';
  note: string | null;
}

/**
 * How one criterion went for one charter. Like a finding, it names its rule by id: the rule's
 * title, area, weight and gate label are in the run's `rules`, once (report version 2).
 */
export interface CriterionResult {
  id: string;
  status: 'pass' | 'partial' | 'fail' | 'waived' | 'not-applicable';
  /** True when the criterion is a gate for this charter (a conditional gate may not be). */
  gate: boolean;
  /** Share of checks passed, 0..1; null when the criterion is waived or does not apply. */
  credit: number | null;
  checks: { passed: number; total: number };
  waiver?: Waiver;
  /** What the criterion took as read, and where: an evident fact, a name matched as it is usually written. They cost nothing. */
  notes?: Note[];
}

/** An information line about how a criterion read the charter ("Partner 'GlaxoSmithKline UK Limited' is taken to be board member 'GSK' (initials)"). */
export interface Note extends Position {
  message: string;
  pointer: string;
}

export interface AreaScore {
  area: string;
  /** 0..100, or null when no criterion of the area applies. */
  score: number | null;
  criteria: number;
  passed: number;
  gaps: number;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** A gate that applies to the charter, and whether it holds. Its title and label are its rule's, in the run's `rules`. */
export interface GateResult {
  id: string;
  status: 'pass' | 'fail' | 'waived';
  /** Where its first gap is, when it fails. */
  line?: number;
  column?: number;
}

/** The report on one charter. */
export interface CharterReport {
  file: string;
  title: string | null;
  score: number;
  /** Follows the verdict: Ready only when no gate, critical criterion or structure check fails. */
  band: Band;
  /** Every gate that applies, failed ones first. */
  gates: GateResult[];
  areas: AreaScore[];
  criteria: CriterionResult[];
  findings: Finding[];
  counts: Counts;
  /** Ids of critical criteria not fully met (and not waived). */
  criticalGaps: string[];
  /** The change since an earlier report, when one was given to compare with. */
  baseline?: BaselineComparison;
}

/** A file that could not be checked at all (missing, unreadable, not YAML). */
export type InputFailure = InputProblem & { file: string };

export type FailOn = Severity | 'never';

export interface Policy {
  minScore: number;
  /** Also fail on any finding this severe or worse; `never` reports only. Unset: score and critical gaps decide. */
  failOn?: FailOn;
  /** Fail the run when it has more warnings than this. */
  maxWarnings?: number;
}

/** A rule (criterion or structure check) as SARIF, explain, criteria and the docs describe it. */
export interface RuleDescription {
  id: string;
  area: string;
  title: string;
  weight: Weight | null;
  severity: Severity;
  advice: string;
  source: string;
  /** Set when the rule is a gate: the charter cannot pass while it fails. */
  gate: { label?: string; waivable?: 'not-applicable'; conditional: boolean } | null;
  /** True when the rule applies only when its condition (applies_when) holds. */
  conditional: boolean;
  /** What each of its checks reports when it fails. */
  checks: string[];
  /** built-in, structure, or the criteria file it came from. */
  origin: string;
}

export interface RunSummary {
  charters: number;
  /** YAML files found by a search that are not charters (no `charter:` key), and so not checked. */
  skipped: number;
  ready: number;
  nearlyReady: number;
  notReady: number;
  passed: number;
  failures: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** What the CLI prints: every charter's report, and the verdict under the policy. */
export interface RunReport {
  reportVersion: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  policy: Policy;
  passed: boolean;
  summary: RunSummary;
  charters: CheckedCharter[];
  failures: InputFailure[];
  rules: RuleDescription[];
}

export type CheckedCharter = CharterReport & { passed: boolean };

/** What a run counts of a charter, and the name it was shown by: enough when its text was printed before (--cache). */
export type KnownCharter = Pick<CheckedCharter, 'file' | 'band' | 'passed' | 'counts'>;

/** A charter's report with its own verdict under the policy. */
export function withVerdict(report: CharterReport, policy: Policy): CheckedCharter {
  return { ...report, passed: verdictOf(report, policy).passed };
}

export function countFindings(findings: Finding[]): Counts {
  return {
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    infos: findings.filter((finding) => finding.severity === 'info').length,
  };
}

/** The run's counts, kept as charters are checked, so a summary never needs the reports kept. */
export class RunTally {
  private readonly counts: RunSummary = { charters: 0, skipped: 0, ready: 0, nearlyReady: 0, notReady: 0, passed: 0, failures: 0, errors: 0, warnings: 0, infos: 0 };

  constructor(private readonly policy: Policy) {}

  /** Adds a charter's report and returns it with its own verdict. */
  add(report: CharterReport): CheckedCharter {
    const checked = withVerdict(report, this.policy);
    this.count(checked);
    return checked;
  }

  /** Counts a charter whose verdict is known. */
  count(checked: KnownCharter): void {
    const counts = this.counts;
    counts.charters += 1;
    if (checked.band === 'ready') counts.ready += 1;
    else if (checked.band === 'nearly-ready') counts.nearlyReady += 1;
    else counts.notReady += 1;
    if (checked.passed) counts.passed += 1;
    counts.errors += checked.counts.errors;
    counts.warnings += checked.counts.warnings;
    counts.infos += checked.counts.infos;
  }

  addFailure(): void {
    this.counts.failures += 1;
  }

  addSkipped(): void {
    this.counts.skipped += 1;
  }

  summary(): RunSummary {
    return { ...this.counts };
  }

  /** Every file checked, every charter passed, and the warnings within their limit. */
  passed(): boolean {
    const { failOn, maxWarnings } = this.policy;
    const withinWarnings = failOn === 'never' || maxWarnings === undefined || this.counts.warnings <= maxWarnings;
    return this.counts.failures === 0 && this.counts.passed === this.counts.charters && withinWarnings;
  }
}
