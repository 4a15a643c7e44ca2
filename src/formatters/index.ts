// Formatters turn the one run report into text. Each is pure: report in, string out, whole or a
// charter at a time (the CLI streams every format). They are loaded when asked for, so a run pays
// only for the formats it prints.
import type { Formatter, StreamingFormatterFactory } from './types.js';
import { withVisibleControls } from './visible.js';

export type { FormatOptions, Formatter, RunEnvelope, StreamingFormatter, StreamingFormatterFactory } from './types.js';

interface FormatDefinition {
  load: () => Promise<Formatter>;
  /** The same format written one charter at a time. */
  loadStreaming: () => Promise<StreamingFormatterFactory>;
  /** Read by people: may be coloured (stylish), and shows charter text with its control characters made visible. */
  forPeople: boolean;
  /**
   * Carries the files that could not be read or parsed in its own document. The CLI reports
   * them on stderr whatever the format; stylish leaves them there, so they are not said twice.
   */
  printsInputFailures: boolean;
}

const FORMATS: Record<string, FormatDefinition> = {
  stylish: { load: async () => (await import('./stylish.js')).formatStylish, loadStreaming: async () => (await import('./stylish.js')).streamStylish, forPeople: true, printsInputFailures: false },
  json: { load: async () => (await import('./json.js')).formatJson, loadStreaming: async () => (await import('./json.js')).streamJson, forPeople: false, printsInputFailures: true },
  sarif: { load: async () => (await import('./sarif.js')).formatSarif, loadStreaming: async () => (await import('./sarif.js')).streamSarif, forPeople: false, printsInputFailures: true },
  github: { load: async () => (await import('./github.js')).formatGithub, loadStreaming: async () => (await import('./github.js')).streamGithub, forPeople: false, printsInputFailures: true },
  markdown: { load: async () => (await import('./markdown.js')).formatMarkdown, loadStreaming: async () => (await import('./markdown.js')).streamMarkdown, forPeople: true, printsInputFailures: true },
  junit: { load: async () => (await import('./junit.js')).formatJunit, loadStreaming: async () => (await import('./junit.js')).streamJunit, forPeople: false, printsInputFailures: true },
  html: { load: async () => (await import('./html.js')).formatHtml, loadStreaming: async () => (await import('./html.js')).streamHtml, forPeople: true, printsInputFailures: true },
};

export const FORMAT_NAMES = Object.keys(FORMATS);

/** What a format declares about itself: whether it is for people (and may be coloured) and whether it prints input failures. */
export function formatTraits(name: string): { forPeople: boolean; colourable: boolean; printsInputFailures: boolean } {
  const definition = FORMATS[name];
  if (!definition) throw new Error(`unknown format ${name}`);
  return { forPeople: definition.forPeople, colourable: isColourable(name), printsInputFailures: definition.printsInputFailures };
}

/**
 * The formatter for a format name. For people's formats, every string of the report has its
 * control characters made visible first, so no text from a charter can drive the terminal (ESC,
 * BEL) or fake a line of the report.
 */
export async function loadFormatter(name: string): Promise<Formatter> {
  const definition = FORMATS[name];
  if (!definition) throw new Error(`unknown format ${name}`);
  const format = await definition.load();
  return definition.forPeople ? (run, options) => format(withVisibleControls(run), options) : format;
}

/** The streaming form of a format. */
export async function loadStreamingFormatter(name: string): Promise<StreamingFormatterFactory> {
  const definition = FORMATS[name];
  if (!definition) throw new Error(`unknown format ${name}`);
  const factory = await definition.loadStreaming();
  if (!definition.forPeople) return factory;
  return (head, options) => {
    const streaming = factory(head, options);
    return { ...streaming, charter: (report) => streaming.charter(withVisibleControls(report)), envelope: (run, written) => streaming.envelope(withVisibleControls(run), written) };
  };
}

/** Only the stylish format is coloured: the other people's formats style themselves, and machine formats never are. */
export function isColourable(format: string): boolean {
  return format === 'stylish';
}
