// Comparing a report with an earlier one (a saved JSON report): score changes, and
// which gaps were closed or opened since. A gap is the same gap when its rule and place match.
import { REPORT_VERSION, type CharterReport, type Finding } from './report.js';

export interface GapChange {
  ruleId: string;
  message: string;
  pointer: string;
}

export interface BaselineComparison {
  /** The earlier score. */
  score: number;
  delta: number;
  areas: { area: string; delta: number | null }[];
  closed: GapChange[];
  opened: GapChange[];
}

export type BaselineResult = { ok: true; charters: Map<string, CharterReport> } | { ok: false; message: string };

/**
 * Reads a JSON report of this or an older report version (version 1's findings also carry their
 * rule's words, which a comparison does not read); anything else is refused with a reason.
 */
export function parseBaseline(text: string): BaselineResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'is not JSON; a baseline is a partner-check JSON report' };
  }
  const version = (data as { reportVersion?: unknown } | null)?.reportVersion;
  if (typeof version !== 'number') return { ok: false, message: 'is not a partner-check JSON report (no reportVersion)' };
  if (version > REPORT_VERSION) return { ok: false, message: `is report version ${version}, newer than this partner-check reads (${REPORT_VERSION}); upgrade partner-check` };
  const charters = (data as { charters?: unknown }).charters;
  if (!Array.isArray(charters) || !charters.every(isCharterReport)) return { ok: false, message: 'is not a partner-check JSON report (its charters are missing or malformed)' };
  return { ok: true, charters: new Map(charters.map((report) => [report.file, report])) };
}

/**
 * The earlier report of the same file; with one charter on each side (`oneCharter`: the run checks
 * one), that one whatever its name (a charter renamed, or read from stdin). A one-charter baseline
 * is not every charter's of a larger run.
 */
export function findBaseline(report: CharterReport, baselines: Map<string, CharterReport>, oneCharter: boolean): CharterReport | undefined {
  return baselines.get(report.file) ?? (oneCharter && baselines.size === 1 ? [...baselines.values()][0] : undefined);
}

export function compareWithBaseline(report: CharterReport, previous: CharterReport): BaselineComparison {
  const key = (finding: Finding) => `${finding.ruleId} ${finding.pointer}`;
  const before = new Map(previous.findings.map((finding) => [key(finding), finding]));
  const now = new Map(report.findings.map((finding) => [key(finding), finding]));
  const change = ({ ruleId, message, pointer }: Finding): GapChange => ({ ruleId, message, pointer });
  return {
    score: previous.score,
    delta: round(report.score - previous.score),
    areas: report.areas.map((area) => {
      const earlier = previous.areas.find((entry) => entry.area === area.area);
      return { area: area.area, delta: area.score === null || earlier?.score == null ? null : round(area.score - earlier.score) };
    }),
    closed: [...before].filter(([id]) => !now.has(id)).map(([, finding]) => change(finding)),
    opened: [...now].filter(([id]) => !before.has(id)).map(([, finding]) => change(finding)),
  };
}

/** What a comparison reads of an earlier report, checked field by field: it may come from anywhere. */
function isCharterReport(value: unknown): value is CharterReport {
  const report = value as Partial<CharterReport> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    typeof report.file === 'string' &&
    typeof report.score === 'number' &&
    Array.isArray(report.areas) &&
    report.areas.every((area) => typeof area?.area === 'string' && (area.score === null || typeof area.score === 'number')) &&
    Array.isArray(report.findings) &&
    report.findings.every((finding) => typeof finding?.ruleId === 'string' && typeof finding.pointer === 'string' && typeof finding.message === 'string')
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
