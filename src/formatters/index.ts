// Formatters turn the one run report into text. Each is pure: report in, string out.
import type { RunReport } from '../core/report.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  /** Colour is for people at a terminal; machine formats ignore it. */
  color: boolean;
}

export type Formatter = (run: RunReport, options: FormatOptions) => string;

export const FORMATTERS: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);
