// The formatter contract: one run report in, text out. Kept apart from the registry
// (index.ts) so that formatters import their types without importing the registry that loads them.
import type { CheckedCharter, RunReport } from '../core/report.js';

export interface FormatOptions {
  /** Colour is for people at a terminal; machine formats ignore it. */
  color: boolean;
  /** Only the gaps, not what passes (people's formats; --quiet). */
  quiet?: boolean;
  /** Wrap lines to this many columns (a terminal's width); unset, lines are never wrapped. */
  width?: number;
}

export type Formatter = (run: RunReport, options: FormatOptions) => string;

/** The run without its charters: what a format needs besides them, known in full only at the end. */
export type RunEnvelope = Omit<RunReport, 'charters'>;

/**
 * A format written one charter at a time, so that a run of any size holds one report at once.
 * Each charter gives a part: its text in the document's `charters` section and, for a format laid
 * out in more than one section (a table of every charter, then each charter's details), its text
 * in the others. The envelope, made at the end, lays the document out: its own text, and where
 * each section's parts go. A charter's part depends on its report alone, not on where it falls in
 * the run, so a worker thread can make it.
 */
export interface StreamingFormatter {
  /** True when nothing comes before the `charters` section: its parts can go out as each is checked. */
  live: boolean;
  /** Written between each two parts of the `charters` section that are not empty; other sections' parts carry their own. */
  separator: string;
  charter(report: CheckedCharter): CharterPart;
  /**
   * Folds what a part gives the document's head or foot besides totals (its `extra`) into what is
   * kept for the envelope, as the parts are written; what it keeps must not grow with the run.
   */
  fold?(kept: unknown, extra: unknown): unknown;
  envelope(run: RunEnvelope, written: WrittenParts): DocumentLayout;
}

export interface CharterPart {
  /** The part's text in the `charters` section. */
  text: string;
  /** Its text in the format's other sections, by name. */
  sections?: Record<string, string>;
  /** What the part adds to totals the document gives before or after the charters (JUnit's test counts). */
  totals?: Record<string, number>;
  /** Anything else it gives the head or foot (GitHub's annotations), folded by the format's `fold`. */
  extra?: unknown;
}

/** Where a section of the charters' parts goes in a document. */
export interface SectionSlot {
  section: string;
}

/** A document in order: the envelope's own text, and the slots its sections' parts fill. A section left out is not printed. */
export type DocumentLayout = (string | SectionSlot)[];

/** What the charters' parts came to: how many had text in the `charters` section, their totals added up, and what the format folded of them. */
export interface WrittenParts {
  parts: number;
  totals: Record<string, number>;
  kept: unknown;
}

export type StreamingFormatterFactory = (head: Pick<RunReport, 'tool' | 'policy' | 'rules'>, options: FormatOptions) => StreamingFormatter;
