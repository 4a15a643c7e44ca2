// Formatters turn a run into text (see types.ts). They are loaded when asked for, so a run pays
// only for the formats it prints.
import type { RunReport } from '../core/report.js';
import type { CharterText, FormatOptions, Formatter, RunStream } from './types.js';
import { withVisibleControls } from './visible.js';

export type { FormatOptions, Formatter, RunEnvelope, RunHead, RunStream } from './types.js';

interface FormatDefinition {
  load: () => Promise<Formatter>;
  /** Read by people: may be coloured (stylish), and shows charter text with its control characters made visible. */
  forPeople: boolean;
  /**
   * Carries the files that could not be read or parsed in its own document. The CLI reports
   * them on stderr whatever the format; stylish leaves them there, so they are not said twice.
   */
  printsInputFailures: boolean;
  /** Prints each charter as it is checked and reads the charters once, so a run keeps none of them for it. */
  live: boolean;
}

const FORMATS: Record<string, FormatDefinition> = {
  stylish: { load: async () => (await import('./stylish.js')).formatStylish, forPeople: true, printsInputFailures: false, live: true },
  json: { load: async () => (await import('./json.js')).formatJson, forPeople: false, printsInputFailures: true, live: false },
  sarif: { load: async () => (await import('./sarif.js')).formatSarif, forPeople: false, printsInputFailures: true, live: false },
  github: { load: async () => (await import('./github.js')).formatGithub, forPeople: false, printsInputFailures: true, live: false },
  markdown: { load: async () => (await import('./markdown.js')).formatMarkdown, forPeople: true, printsInputFailures: true, live: false },
  junit: { load: async () => (await import('./junit.js')).formatJunit, forPeople: false, printsInputFailures: true, live: false },
  html: { load: async () => (await import('./html.js')).formatHtml, forPeople: true, printsInputFailures: true, live: false },
};

export const FORMAT_NAMES = Object.keys(FORMATS);

/** What a format declares about itself: whether it is for people (and may be coloured), whether it prints input failures, and whether it is live. */
export function formatTraits(name: string): { forPeople: boolean; colourable: boolean; printsInputFailures: boolean; live: boolean } {
  const definition = definitionOf(name);
  return { forPeople: definition.forPeople, colourable: isColourable(name), printsInputFailures: definition.printsInputFailures, live: definition.live };
}

/**
 * The formatter for a format name. For people's formats, every string of the run has its control
 * characters made visible first, so no text from a charter can drive the terminal (ESC, BEL) or
 * fake a line of the report; so has each charter a format prints on its own (its charterText).
 */
export async function loadFormatter(name: string): Promise<Formatter> {
  const definition = definitionOf(name);
  const format = await definition.load();
  if (!definition.forPeople) return format;
  const visible: Formatter = (run, options) => {
    const envelope = run.envelope.then(withVisibleControls);
    // A run that ends without its verdict (an output failed) rejects it: handled here, as the format
    // that would have awaited it may have stopped already.
    envelope.catch(() => {});
    return format({ head: withVisibleControls(run.head), envelope, charters: visibleCharters(run.charters), printed: run.printed }, options);
  };
  if (format.charterText) visible.charterText = visibleCharterText(format.charterText);
  return visible;
}

function visibleCharterText(charterText: CharterText): CharterText {
  return async (head, options) => {
    const print = await charterText(withVisibleControls(head), options);
    return (charter) => print(withVisibleControls(charter));
  };
}

/** A whole run's report in one format, for a run held in memory (a charter written by init, tests). */
export async function formatReport(name: string, report: RunReport, options: FormatOptions): Promise<string> {
  const format = await loadFormatter(name);
  let text = '';
  const decoder = new TextDecoder();
  for await (const piece of format(runStreamOf(report), options)) text += typeof piece === 'string' ? piece : decoder.decode(piece);
  return text;
}

/** A run held in memory as a format reads it. */
export function runStreamOf(report: RunReport): RunStream {
  const { charters, ...envelope } = report;
  return {
    head: { tool: report.tool, policy: report.policy, rules: report.rules },
    envelope: Promise.resolve(envelope),
    charters: { [Symbol.asyncIterator]: async function* () { yield* charters; } },
  };
}

/** Only the stylish format is coloured: the other people's formats style themselves, and machine formats never are. */
export function isColourable(format: string): boolean {
  return format === 'stylish';
}

function definitionOf(name: string): FormatDefinition {
  const definition = FORMATS[name];
  if (!definition) throw new Error(`unknown format ${name}`);
  return definition;
}

function visibleCharters(charters: RunStream['charters']): RunStream['charters'] {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const report of charters) yield withVisibleControls(report);
    },
  };
}
