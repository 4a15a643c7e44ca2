import type { RunReport } from '../core/report.js';

/** `12 charters: 9 ready, 2 nearly ready, 1 not ready; 3 errors, 7 warnings.` */
export function summaryText(run: Pick<RunReport, 'summary'>): string {
  const s = run.summary;
  const failures = s.failures > 0 ? `, ${s.failures} could not be read` : '';
  const skipped = s.skipped > 0 ? ` (${s.skipped} other YAML ${s.skipped === 1 ? 'file' : 'files'} skipped: no charter: key)` : '';
  return `${s.charters} ${s.charters === 1 ? 'charter' : 'charters'}: ${s.ready} ready, ${s.nearlyReady} nearly ready, ${s.notReady} not ready${failures}; ${s.errors} errors, ${s.warnings} warnings.${skipped}`;
}
