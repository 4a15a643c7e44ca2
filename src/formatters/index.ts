// Formatters turn the one run report into text. Each is pure: report in, string out. They are
// loaded when asked for, so a run pays only for the formats it prints.
import type { RunReport } from '../core/report.js';

export interface FormatOptions {
  /** Colour is for people at a terminal; machine formats ignore it. */
  color: boolean;
}

export type Formatter = (run: RunReport, options: FormatOptions) => string;

const LOADERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).formatStylish,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  github: async () => (await import('./github.js')).formatGithub,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  junit: async () => (await import('./junit.js')).formatJunit,
  html: async () => (await import('./html.js')).formatHtml,
};

export const FORMAT_NAMES = Object.keys(LOADERS);

export function loadFormatter(name: string): Promise<Formatter> {
  const load = LOADERS[name];
  if (!load) throw new Error(`unknown format ${name}`);
  return load();
}

/** Only the stylish format is for people; every other one is read by a program. */
export function isColourable(format: string): boolean {
  return format === 'stylish';
}
