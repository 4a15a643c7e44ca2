import type { RunReport } from '../core/report.js';

/** The public, stable JSON report (see README, "JSON report"). Never coloured. */
export function formatJson(run: RunReport): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
