// The formatter contract, as ESLint's: one run in, text out. A format reads the run's checked
// charters as an async iterable (as often as it needs: a table, then each charter's details) and
// yields its text a piece at a time, so a run of any size holds one report at once. Kept apart
// from the registry (index.ts) so that formatters import their types without loading it.
import type { CheckedCharter, RunReport } from '../core/report.js';

export interface FormatOptions {
  /** Colour is for people at a terminal; machine formats ignore it. */
  color: boolean;
  /** Only the gaps, not what passes (people's formats; --quiet). */
  quiet?: boolean;
  /** Wrap lines to this many columns (a terminal's width); unset, lines are never wrapped. */
  width?: number;
  /** At most this many bytes (GitHub's step summary); the text then says what it left out and where the whole report is. */
  limit?: { bytes: number; fullReport: string };
}

/** What is known of a run before its first charter is checked. */
export type RunHead = Pick<RunReport, 'tool' | 'policy' | 'rules'>;

/** The run without its charters: known in full only when its last charter has been checked. */
export type RunEnvelope = Omit<RunReport, 'charters'>;

/**
 * A run as a format reads it. The charters come in order as they are checked; once the run has
 * ended they can be read again from the start, as often as a format asks.
 */
export interface RunStream {
  head: RunHead;
  envelope: Promise<RunEnvelope>;
  charters: AsyncIterable<CheckedCharter>;
  /**
   * For a format that prints each charter on its own (see Formatter.charterText): each charter's
   * text as that printed it (or its bytes, as --cache kept them), read instead of `charters`.
   */
  printed?: AsyncIterable<ReportPiece>;
}

/**
 * A piece of a report: text, or a charter's text as UTF-8 bytes (as a run keeps it, in its spool
 * or its cache), passed on to the output without being decoded and encoded again.
 */
export type ReportPiece = string | Uint8Array;

/** A format: the report's text, a piece at a time. */
export interface Formatter {
  (run: RunStream, options: FormatOptions): AsyncIterable<ReportPiece>;
  /**
   * Set by a format whose text for a charter is the same wherever in the run the charter falls
   * (json, stylish): how it prints one, what --cache keeps so that a rerun prints it again
   * without the charter's report.
   */
  charterText?: CharterText;
}

/** How a format prints one charter under these options (what that needs, such as colours, loaded once). */
export type CharterText = (head: RunHead, options: FormatOptions) => Promise<(charter: CheckedCharter) => string>;

/** A run as the document around its charters' texts reads it (see charterByCharter). */
export interface PrintedRun {
  head: RunHead;
  envelope: Promise<RunEnvelope>;
  texts: AsyncIterable<ReportPiece>;
}
