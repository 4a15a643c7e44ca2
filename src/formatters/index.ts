// Formatters turn the one run report into text. Each is pure: report in, string out.
import type { RunReport } from '../core/report.js';
import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  /** Colour is for people at a terminal; machine formats ignore it. */
  color: boolean;
}

export type Formatter = (run: RunReport, options: FormatOptions) => string;

export const FORMATTERS: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  markdown: formatMarkdown,
  junit: formatJunit,
  html: formatHtml,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

/** Only the stylish format is for people; every other one is read by a program. */
export function isColourable(format: string): boolean {
  return format === 'stylish';
}
