// A `forbid` check: a signal that must not be found. It reads the fields the signal names (every
// item of a list for a `*` segment) and reports each text that says it, with the sentence that
// shows it, in the shape of ajv's errors so the evaluation treats it as any other check.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { joinPointer, pointerSegments } from './pointer.js';
import type { Signal } from './text/signals.js';

export function forbidValidator(signal: Signal, pointers: string[]): ValidateFunction {
  const segmentsOf = pointers.map((pointer) => pointerSegments(pointer));
  const validate = ((data: unknown) => {
    const errors: ErrorObject[] = [];
    const read = (at: string, value: unknown) => {
      if (typeof value !== 'string') return;
      const evidence = signal.evidence(value);
      if (evidence !== null) errors.push({ instancePath: at, schemaPath: '#/forbid', keyword: 'forbid', params: { signal: signal.name, evidence }, message: `says ${signal.name}` });
    };
    for (const segments of segmentsOf) visitValues(data, segments, 0, '', read);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  validate.errors = null;
  return validate;
}

/** Calls `visit` with every value at a pointer whose `*` segments stand for each item of a list, and its own pointer. */
function visitValues(value: unknown, segments: readonly string[], index: number, at: string, visit: (at: string, value: unknown) => void): void {
  if (index === segments.length) return visit(at, value);
  if (typeof value !== 'object' || value === null) return;
  const segment = segments[index]!;
  if (segment === '*') {
    if (Array.isArray(value)) for (let item = 0; item < value.length; item += 1) visitValues(value[item], segments, index + 1, joinPointer(at, item), visit);
    return;
  }
  if (Object.hasOwn(value, segment)) visitValues((value as Record<string, unknown>)[segment], segments, index + 1, joinPointer(at, segment), visit);
}
