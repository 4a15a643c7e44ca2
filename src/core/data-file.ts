// Criteria and config files: YAML data checked against a schema. A fault in one stops the run
// (exit 2) with the file, line and column of the fault.
import type { ValidateFunction } from 'ajv';
import { parseYaml, type InputProblem, type ParsedYaml } from './parse.js';
import { describeSchemaError } from './structure.js';

export class SetupError extends Error {
  constructor(
    readonly origin: string,
    readonly problem: InputProblem,
  ) {
    super(`${origin}${problem.line ? `:${problem.line}:${problem.column ?? 1}` : ''}: ${problem.message}`);
    this.name = 'SetupError';
  }
}

/** Parses `text` and checks it against `validate`; throws SetupError at the first fault. */
export function parseDataFile(text: string, origin: string, validate: ValidateFunction, what: string): ParsedYaml {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new SetupError(origin, parsed.problem);
  const { data, locate } = parsed.value;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SetupError(origin, { message: `not a valid ${what}: expected a YAML mapping`, ...locate('') });
  }
  if (!validate(data)) {
    const { pointer, message, target } = describeSchemaError(validate.errors![0]!, { schema: validate.schema });
    throw new SetupError(origin, { message: `not a valid ${what}: ${message}`, ...locate(pointer, target) });
  }
  return parsed.value;
}
