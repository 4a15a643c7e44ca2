// Criteria and config files: YAML data checked against a schema. A fault in one stops the run
// (exit 2), naming every fault of the file, each at its line and column.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseYamlFast } from './fast-parse.js';
import { parseYaml, type ParsedYaml } from './parse.js';
import { InputError, type InputProblem } from './problem.js';
import { describeSchemaError, fieldName } from './structure.js';

/**
 * Parses `text` and checks it against `validate`; throws InputError with every fault of the file.
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
    const root = `the ${what}`;
    const problems = readableErrors(validate.errors ?? []).map((error): InputProblem => {
      const { pointer, message, target } = error.wanted ? { pointer: error.instancePath, message: wantedMessage(error, root) } : describeSchemaError(error, { schema, root });
      return { code: 'content', file: origin, message: `not a valid ${what}: ${message}`, ...locate(pointer, target) };
    });
    throw new InputError(...inFileOrder(problems));
  }
  return parsed.value;
}

/** An error of an anyOf or oneOf none of whose alternatives fits: what each would have wanted. */
type ReadableError = ErrorObject & { wanted?: ErrorObject[] };

/**
 * The errors a reader needs, out of all ajv gathers. For an anyOf or oneOf, ajv reports every
 * alternative's failures as well as its own: keep those of the alternative that fits the value's
 * kind (an object where a mapping is wanted), or, when none fits, one error saying what would.
 * A bad key under propertyNames is reported once, as the key. Linear in the errors (each finds
 * its enclosing anyOf by lookup), so a file with thousands of faults is still reported at once.
 */
function readableErrors(errors: ErrorObject[]): ReadableError[] {
  const all = errors.filter((error) => error.keyword !== 'if');
  const groups = new Map<string, ErrorObject[]>();
  for (const error of all) if (GROUPS.includes(error.keyword)) groups.set(groupKey(error.schemaPath, error.instancePath), []);
  for (const error of all) enclosingGroup(error, groups)?.push(error);
  const innerOf = (error: ErrorObject) => (GROUPS.includes(error.keyword) ? groups.get(groupKey(error.schemaPath, error.instancePath)) : undefined) ?? [];

  const dropped = new Set<ErrorObject>();
  const drop = (error: ErrorObject): void => {
    dropped.add(error);
    innerOf(error).forEach(drop);
  };
  const kept: ReadableError[] = [];
  // Outermost first, so that an alternative dropped takes its inner anyOfs with it.
  for (const error of [...all].sort((a, b) => a.schemaPath.length - b.schemaPath.length)) {
    if (dropped.has(error)) continue;
    const inner = innerOf(error);
    if (error.keyword === 'propertyNames') inner.forEach(drop);
    // No inner errors: a oneOf that more than one alternative matched; its own message says so.
    if (error.keyword === 'propertyNames' || inner.length === 0) {
      kept.push(error);
      continue;
    }
    const branches = new Map<string, ErrorObject[]>();
    for (const item of inner) {
      const branch = item.schemaPath.slice(error.schemaPath.length + 1).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), item]);
    }
    const fitting = [...branches.values()].find((branchErrors) => !branchErrors.some((item) => isKindMismatch(item, error)));
    for (const branchErrors of branches.values()) if (branchErrors !== fitting) branchErrors.forEach(drop);
    if (!fitting) kept.push({ ...error, wanted: inner });
  }
  return kept;
}

const GROUPS = ['anyOf', 'oneOf', 'propertyNames'];
const groupKey = (schemaPath: string, instancePath: string) => `${schemaPath}\u0000${instancePath}`;

/** The nearest anyOf, oneOf or propertyNames error around `error`: in the schema, and at or above it in the data. */
function enclosingGroup(error: ErrorObject, groups: Map<string, ErrorObject[]>): ErrorObject[] | undefined {
  for (let cut = error.schemaPath.lastIndexOf('/'); cut > 0; cut = error.schemaPath.lastIndexOf('/', cut - 1)) {
    const schemaPath = error.schemaPath.slice(0, cut);
    if (!GROUPS.includes(schemaPath.slice(schemaPath.lastIndexOf('/') + 1))) continue;
    for (let instancePath = error.instancePath; ; instancePath = instancePath.slice(0, instancePath.lastIndexOf('/'))) {
      const group = groups.get(groupKey(schemaPath, instancePath));
      if (group) return group;
      if (instancePath === '') break;
    }
  }
  return undefined;
}

/** An alternative failed at the value itself for its kind or presence, rather than somewhere inside it. */
function isKindMismatch(error: ErrorObject, combinator: ErrorObject): boolean {
  return error.instancePath === combinator.instancePath && ['type', 'const', 'enum', 'required'].includes(error.keyword);
}

/** "gate should be true or a mapping", "checks[0] needs 'require', 'schema' or 'forbid'". */
function wantedMessage(error: ReadableError, root: string): string {
  const field = fieldName(error.instancePath, root);
  const wanted = error.wanted ?? [];
  const or = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? ''));
  if (wanted.every((inner) => inner.keyword === 'required')) {
    return `${field} needs ${or(wanted.map((inner) => `'${String(inner.params['missingProperty'])}'`))}.`;
  }
  const kinds = wanted.map((inner) => describeSchemaError(inner).message.replace(/^.* should be /, '').replace(/\.$/, ''));
  return `${field} should be ${or([...new Set(kinds)])}.`;
}

/** Problems by line and column, each once. */
function inFileOrder(problems: InputProblem[]): [InputProblem, ...InputProblem[]] {
  const unique = new Map(problems.map((problem) => [`${problem.line}:${problem.column}:${problem.message}`, problem]));
  const sorted = [...unique.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return sorted as [InputProblem, ...InputProblem[]];
}
