import type { CheckedCharter, RunReport } from '../core/report.js';
import { indentedJson } from './indented-json.js';
import { CHARTERS } from './parts.js';
import type { RunEnvelope, StreamingFormatterFactory } from './types.js';

/** The public, stable JSON report (see README, "JSON report"). Never coloured. */
export function formatJson(run: RunReport): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

const CHARTERS_HERE = '\u0000charters';

/** The same document, byte for byte, written one charter at a time. */
export const streamJson: StreamingFormatterFactory = () => ({
  live: false,
  separator: ',',
  charter: (report: CheckedCharter) => ({ text: `\n    ${indentedJson(report, 2)}` }),
  envelope(run: RunEnvelope, written) {
    // The fields in the order formatJson prints them, with a mark where the charters go.
    const { reportVersion, tool, policy, passed, summary, failures, rules } = run;
    const whole = JSON.stringify({ reportVersion, tool, policy, passed, summary, charters: CHARTERS_HERE, failures, rules }, null, 2);
    const [before, after] = whole.split(JSON.stringify(CHARTERS_HERE)) as [string, string];
    return [`${before}[`, CHARTERS, `${written.parts === 0 ? ']' : '\n  ]'}${after}\n`];
  },
});
