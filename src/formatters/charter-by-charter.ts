// A format that prints each charter on its own (json, stylish), as one Formatter: see
// Formatter.charterText for what --cache does with that.
import type { CheckedCharter } from '../core/report.js';
import type { CharterText, FormatOptions, Formatter, PrintedRun, ReportPiece } from './types.js';

/**
 * A format made of how it prints one charter and the document around the charters' texts: the
 * texts are the ones a cached rerun hands it (`printed`), or printed here from the charters.
 */
export function charterByCharter(charterText: CharterText, document: (run: PrintedRun, options: FormatOptions) => AsyncIterable<ReportPiece>): Formatter {
  const format: Formatter = async function* (run, options) {
    const texts = run.printed ?? printedFrom(run.charters, await charterText(run.head, options));
    yield* document({ head: run.head, envelope: run.envelope, texts }, options);
  };
  format.charterText = charterText;
  return format;
}

async function* printedFrom(charters: AsyncIterable<CheckedCharter>, print: (charter: CheckedCharter) => string): AsyncIterable<string> {
  for await (const charter of charters) yield print(charter);
}
