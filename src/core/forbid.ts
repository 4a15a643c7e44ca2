// A `forbid` check: a signal that must not be found. It reads the fields the signal names (every
// item of a list for a `*` segment) and reports each text that says it, with the sentence that
// shows it, in the shape of ajv's errors so the evaluation treats it as any other check.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { dayNumber } from './dates.js';
import { joinPointer, pointerSegments, valueAtPointer } from './pointer.js';
import { analysed, sentenceText } from './text/analyse.js';
import { datesIn } from './text/dates.js';
import type { Signal } from './text/signals.js';

/** With `after`, a text counts only in a clause whose written dates all fall after the date at that pointer. */
export interface DatedOptions {
  after: string;
}

export function forbidValidator(signal: Signal, pointers: string[], dated?: DatedOptions): ValidateFunction {
  const segmentsOf = pointers.map((pointer) => pointerSegments(pointer));
  const validate = ((data: unknown) => {
    const errors: ErrorObject[] = [];
    const bound = dated ? dayNumber(valueAtPointer(data, dated.after)) : null;
    // Without its date to compare with, a dated check has nothing to say: the gap of the missing date is another criterion's.
    if (dated && bound === null) {
      validate.errors = null;
      return true;
    }
    const read = (at: string, value: unknown) => {
      if (typeof value !== 'string') return;
      const evidence = bound === null ? signal.evidence(value) : datedEvidence(signal, value, bound);
      if (evidence !== null) errors.push({ instancePath: at, schemaPath: '#/forbid', keyword: 'forbid', params: { signal: signal.name, evidence }, message: `says ${signal.name}` });
    };
    for (const segments of segmentsOf) visitValues(data, segments, 0, '', read);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  validate.errors = null;
  return validate;
}

/**
 * The sentence (the text layer's: a semicolon ends one too) that says the signal and dates it after
 * `bound` only: "approved in January 2025; the letters will be certified in May 2025" is late in
 * its second part, while "certified on 12 February 2025 and re-certified in 2026" carries a date
 * before the start and is not.
 */
function datedEvidence(signal: Signal, text: string, bound: number): string | null {
  // Every written date has a year of four digits.
  if (!/\d{4}/.test(text)) return null;
  const analysis = analysed(text);
  for (let sentence = 0; sentence < analysis.sentences.length; sentence += 1) {
    const part = sentenceText(analysis, sentence);
    const dates = datesIn(part);
    if (dates.length === 0 || dates.some((date) => date.from <= bound)) continue;
    const evidence = signal.evidence(part);
    if (evidence !== null) return evidence;
  }
  return null;
}

/** Calls `visit` with every value at a pointer whose `*` segments stand for each item of a list (or each field of a mapping), and its own pointer. */
function visitValues(value: unknown, segments: readonly string[], index: number, at: string, visit: (at: string, value: unknown) => void): void {
  if (index === segments.length) return visit(at, value);
  if (typeof value !== 'object' || value === null) return;
  const segment = segments[index]!;
  if (segment === '*') {
    if (Array.isArray(value)) for (let item = 0; item < value.length; item += 1) visitValues(value[item], segments, index + 1, joinPointer(at, item), visit);
    else for (const key of Object.keys(value)) visitValues((value as Record<string, unknown>)[key], segments, index + 1, joinPointer(at, key), visit);
    return;
  }
  if (Object.hasOwn(value, segment)) visitValues((value as Record<string, unknown>)[segment], segments, index + 1, joinPointer(at, segment), visit);
}
