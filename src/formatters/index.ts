// Formatters turn the one run report into text. Each is pure: report in, string out. They are
// loaded when asked for, so a run pays only for the formats it prints.
import type { CheckedCharter, RunReport } from '../core/report.js';
import { withVisibleControls } from './visible.js';

export interface FormatOptions {
  /** Colour is for people at a terminal; machine formats ignore it. */
  color: boolean;
  /** Only the gaps, not what passes (people's formats; --quiet). */
  quiet?: boolean;
}

export type Formatter = (run: RunReport, options: FormatOptions) => string;

/** The run without its charters: what a format needs besides them, known in full only at the end. */
export type RunEnvelope = Omit<RunReport, 'charters'>;

/**
 * A format written one charter at a time, so that a run of any size holds one report at once:
 * the document is `before` + every charter's text, in order + `after`.
 */
export interface StreamingFormatter {
  /** True when `before` is always empty: the charters' text can go out as each is checked. */
  live: boolean;
  charter(report: CheckedCharter): string;
  envelope(run: RunEnvelope): { before: string; after: string };
}

export type StreamingFormatterFactory = (head: Pick<RunReport, 'tool' | 'policy' | 'rules'>, options: FormatOptions) => StreamingFormatter;

interface FormatDefinition {
  load: () => Promise<Formatter>;
  /** For formats that can be written one charter at a time. */
  loadStreaming?: () => Promise<StreamingFormatterFactory>;
  /** Read by people: may be coloured (stylish), and shows charter text with its control characters made visible. */
  forPeople: boolean;
}

const FORMATS: Record<string, FormatDefinition> = {
  stylish: { load: async () => (await import('./stylish.js')).formatStylish, loadStreaming: async () => (await import('./stylish.js')).streamStylish, forPeople: true },
  json: { load: async () => (await import('./json.js')).formatJson, loadStreaming: async () => (await import('./json.js')).streamJson, forPeople: false },
  sarif: { load: async () => (await import('./sarif.js')).formatSarif, forPeople: false },
  github: { load: async () => (await import('./github.js')).formatGithub, forPeople: false },
  markdown: { load: async () => (await import('./markdown.js')).formatMarkdown, forPeople: true },
  junit: { load: async () => (await import('./junit.js')).formatJunit, forPeople: false },
  html: { load: async () => (await import('./html.js')).formatHtml, forPeople: true },
};

export const FORMAT_NAMES = Object.keys(FORMATS);

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

/** The streaming form of a format, or null when it is only printed whole. */
export async function loadStreamingFormatter(name: string): Promise<StreamingFormatterFactory | null> {
  const definition = FORMATS[name];
  if (!definition?.loadStreaming) return null;
  const factory = await definition.loadStreaming();
  if (!definition.forPeople) return factory;
  return (head, options) => {
    const streaming = factory(head, options);
    return { live: streaming.live, charter: (report) => streaming.charter(withVisibleControls(report)), envelope: (run) => streaming.envelope(withVisibleControls(run)) };
  };
}

/** Only the stylish format is coloured: the other people's formats style themselves, and machine formats never are. */
export function isColourable(format: string): boolean {
  return format === 'stylish';
}
