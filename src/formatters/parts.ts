// Putting a streamed document together from its charters' parts (see StreamingFormatter), a part
// at a time as a run writes it or all at once for a format's whole form.
import type { RunReport } from '../core/report.js';
import type { CharterPart, StreamingFormatter, WrittenParts } from './types.js';

/** Counts the parts written, adds up their totals and folds their extras; says what goes before each part. */
export class PartsWritten implements WrittenParts {
  parts = 0;
  readonly totals: Record<string, number> = {};
  kept: unknown = undefined;

  /** The text to write for this part: nothing for an empty one, the separator before all but the first. */
  add(part: CharterPart, format: Pick<StreamingFormatter, 'separator' | 'fold'>): string {
    for (const [name, value] of Object.entries(part.totals ?? {})) this.totals[name] = (this.totals[name] ?? 0) + value;
    if (part.extra !== undefined && format.fold) this.kept = format.fold(this.kept, part.extra);
    if (part.text === '') return '';
    return this.parts++ === 0 ? part.text : format.separator + part.text;
  }
}

/** The whole document from a streaming formatter: the same bytes as writing it part by part. */
export function wholeDocument(stream: StreamingFormatter, run: RunReport): string {
  const written = new PartsWritten();
  const parts = run.charters.map((report) => written.add(stream.charter(report), stream)).join('');
  const { before, after } = stream.envelope(run, written);
  return before + parts + after;
}
