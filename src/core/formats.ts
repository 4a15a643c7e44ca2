// The charter schema's string formats, checked as the schema checks them: ajv-formats' full mode,
// which ajv.ts adds and the validators generated at build time require. Code outside the schema
// that judges a date, an e-mail address or a web address (the questionnaire, pcDate) uses these,
// so it never accepts what the schema refuses.
import { fullFormats } from 'ajv-formats/dist/formats.js';

export type SchemaFormat = 'date' | 'email' | 'uri';

// ajv-formats types every entry as any kind of format; these three are a definition, a pattern and a function.
const CHECKS: Record<SchemaFormat, (value: string) => boolean> = {
  date: (fullFormats.date as { validate: (value: string) => boolean }).validate,
  email: (value) => (fullFormats.email as RegExp).test(value),
  uri: fullFormats.uri as (value: string) => boolean,
};

/** Whether the charter schema's `format` accepts `value`. */
export function matchesFormat(format: SchemaFormat, value: string): boolean {
  return CHECKS[format](value);
}
