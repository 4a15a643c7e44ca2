// Criteria and config files: YAML data checked against a schema. A fault in one stops the run
// (exit 2) with the file, line and column of the fault.
import type { ValidateFunction } from 'ajv';
import { parseYamlFast } from './fast-parse.js';
import { parseYaml, type ParsedYaml } from './parse.js';
import { InputError } from './problem.js';
import { describeSchemaError } from './structure.js';

/**
 * Parses `text` and checks it against `validate`; throws InputError at the first fault.
 * `schema` suggests the key a typo meant (a validator generated at build time does not carry it).
 */
export function parseDataFile(text: string, origin: string, validate: ValidateFunction, what: string, schema: unknown = validate.schema): ParsedYaml {
  // As for a charter: the fast path when it can read the text (a config then costs no yaml package load).
  const fast = parseYamlFast(text);
  const parsed = fast ? { ok: true as const, value: fast } : parseYaml(text);
  if (!parsed.ok) throw new InputError({ ...parsed.problem, file: origin });
  const { data, locate } = parsed.value;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError({ code: 'content', file: origin, message: `not a valid ${what}: expected a YAML mapping`, ...locate('') });
  }
  if (!validate(data)) {
    const { pointer, message, target } = describeSchemaError(validate.errors![0]!, { schema, root: `the ${what}` });
    throw new InputError({ code: 'content', file: origin, message: `not a valid ${what}: ${message}`, ...locate(pointer, target) });
  }
  return parsed.value;
}
