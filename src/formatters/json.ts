import { indentedJson } from './indented-json.js';
import { charterByCharter } from './charter-by-charter.js';

const CHARTERS_HERE = '\u0000charters';

/** The public, stable JSON report (see README, "JSON report"), a charter at a time. Never coloured. */
export const formatJson = charterByCharter(
  async () => (report) => indentedJson(report, 2),
  async function* (run) {
    // The fields in the order of a RunReport, with a mark where the charters go.
    const { reportVersion, tool, policy, passed, summary, failures, rules } = await run.envelope;
    const whole = JSON.stringify({ reportVersion, tool, policy, passed, summary, charters: CHARTERS_HERE, failures, rules }, null, 2);
    const [before, after] = whole.split(JSON.stringify(CHARTERS_HERE)) as [string, string];
    yield `${before}[`;
    let count = 0;
    for await (const piece of run.texts) {
      const separator = count++ === 0 ? '\n    ' : ',\n    ';
      // Bytes (as --cache kept them) are written as they are, after their separator.
      if (typeof piece === 'string') yield `${separator}${piece}`;
      else yield* [separator, piece];
    }
    yield `${count === 0 ? ']' : '\n  ]'}${after}\n`;
  },
);
