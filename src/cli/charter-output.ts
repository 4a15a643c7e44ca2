// What a run makes of one checked charter, the same on the main thread and on a worker thread:
// the part of every streamed format, made from the report as shown (--quiet: failing charters
// and their errors only), and the report itself when the run needs it too (for the cache).
import type { CheckedCharter } from '../core/report.js';
import type { CharterPart, StreamingFormatter } from '../formatters/types.js';

export interface CharterOutput {
  /** One part per streamed format, in their order; null when the charter is not shown. */
  parts: CharterPart[] | null;
  /** The whole report, when the run keeps it. */
  checked?: CheckedCharter;
}

export function charterOutput(checked: CheckedCharter, formatters: StreamingFormatter[], settings: { quiet: boolean; keepReport: boolean }): CharterOutput {
  const shown = shownReport(checked, settings.quiet);
  const parts = shown ? formatters.map((formatter) => formatter.charter(shown)) : null;
  return settings.keepReport ? { parts, checked } : { parts };
}

/** The report as the run shows it: under --quiet, a failing charter with only its errors, and nothing for one that passes. */
function shownReport(report: CheckedCharter, quiet: boolean): CheckedCharter | null {
  if (!quiet) return report;
  if (report.passed) return null;
  return { ...report, findings: report.findings.filter((finding) => finding.severity === 'error') };
}
