// Words both forms of the executive summary use.
import type { ExecutiveSummary } from '../../core/summary.js';

export const DRAFT_MARK = 'DRAFT: not fit to publish';

export const GAPS_HEADING = 'Gaps to close before this summary can be published';

export const NO_GAPS = 'partner-check found none; this summary is marked as a draft because a draft was asked for.';

/** A gap named with its place in the charter: "Gate PC-GOV-008, line 75: The agreement is neither signed nor planned." */
export function gapLine(gap: ExecutiveSummary['gaps'][number]): string {
  return `${gap.gate ? 'Gate ' : ''}${gap.ruleId}, line ${gap.line}: ${gap.message}`;
}
