// A `forbid` check: a signal that must not be found. It reads the fields the signal names (every
// item of a list for a `*` segment) and reports each text that says it, with the sentence that
// shows it, in the shape of ajv's errors so the evaluation treats it as any other check.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { joinPointer, pointerSegments } from './pointer.js';
import type { Signal } from './text/signals.js';

export function forbidValidator(signal: Signal, pointers: string[]): ValidateFunction {
  const validate = ((data: unknown) => {
    const errors: ErrorObject[] = [];
    for (const pointer of pointers) {
      for (const [at, value] of valuesAt(data, pointerSegments(pointer), 0, '')) {
        if (typeof value !== 'string') continue;
        const evidence = signal.evidence(value);
        if (evidence === null) continue;
        errors.push({ instancePath: at, schemaPath: '#/forbid', keyword: 'forbid', params: { signal: signal.name, evidence }, message: `says ${signal.name}` });
      }
    }
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  validate.errors = null;
  return validate;
}

/** Every value at a pointer whose `*` segments stand for each item of a list, with its own pointer. */
function* valuesAt(value: unknown, segments: readonly string[], index: number, at: string): Generator<[string, unknown]> {
  if (index === segments.length) {
    yield [at, value];
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const segment = segments[index]!;
  if (segment === '*') {
    if (!Array.isArray(value)) return;
    for (let item = 0; item < value.length; item += 1) yield* valuesAt(value[item], segments, index + 1, joinPointer(at, item));
    return;
  }
  if (!Object.hasOwn(value, segment)) return;
  yield* valuesAt((value as Record<string, unknown>)[segment], segments, index + 1, joinPointer(at, segment));
}
