// Criteria are data: this module checks criteria files against their schema, expands the
// `require:` shorthand into plain JSON Schema and compiles every schema once with ajv.
import type { ValidateFunction } from 'ajv';
import { makeCompiler, NotPrecompiledError, type AjvFactory, type Precompiled } from './compile.js';
import { parseDataFile, SetupError } from './data-file.js';
import { pointerSegments } from './parse.js';

export type Weight = 'critical' | 'high' | 'medium' | 'low';
export type Severity = 'error' | 'warning' | 'info';

/** Points per weight, as OpenSSF Scorecard weighs its checks. */
export const WEIGHT_POINTS: Record<Weight, number> = { critical: 10, high: 7.5, medium: 5, low: 2.5 };

/** A gap's severity follows its criterion's weight. */
export const WEIGHT_SEVERITY: Record<Weight, Severity> = { critical: 'error', high: 'error', medium: 'warning', low: 'info' };

export type JsonSchema = Record<string, unknown> | boolean;

export interface CheckData {
  message: string;
  require?: string;
  schema?: JsonSchema;
}

export interface CriterionData {
  id: string;
  area: string;
  title: string;
  weight: Weight;
  advice: string;
  source: string;
  question?: string;
  applies_when?: JsonSchema;
  checks: CheckData[];
}

export interface CompiledCheck {
  message: string;
  /** Where the check looks; used to point at a gap when ajv cannot say more. */
  pointer: string;
  validate: ValidateFunction;
}

export interface Criterion extends CriterionData {
  /** The file the criterion came from: "built-in" or a user's criteria file. */
  origin: string;
  appliesWhen: ValidateFunction | null;
  /** A severity set in the config; otherwise it follows the weight. */
  severity?: Severity;
  compiledChecks: CompiledCheck[];
}

export interface CriteriaSet {
  criteria: Criterion[];
  byId: Map<string, Criterion>;
  /** Areas in the order their first criterion appears. */
  areas: string[];
  validateCharter: ValidateFunction;
}

/** A criteria file, already read from disk by the caller. */
export interface CriteriaSource {
  origin: string;
  text: string;
}

export interface SchemaBundle {
  charter: object;
  criteria: object;
  defs: object;
}

/** Parses, validates and compiles criteria files. Throws SetupError with a location on bad data. */
export function compileCriteria(sources: CriteriaSource[], schemas: SchemaBundle, precompiled: Precompiled, createAjv?: AjvFactory): CriteriaSet {
  const compileSchema = makeCompiler(precompiled, createAjv, [schemas.defs]);
  const validateCriteriaFile = compileSchema(schemas.criteria);
  const validateCharter = compileSchema(schemas.charter);

  const criteria: Criterion[] = [];
  const byId = new Map<string, Criterion>();
  for (const source of sources) {
    const { data, locate } = parseDataFile(source.text, source.origin, validateCriteriaFile, 'criteria file');
    const entries = (data as { criteria: CriterionData[] }).criteria;
    entries.forEach((entry, index) => {
      const at = locate(`/criteria/${index}`);
      if (byId.has(entry.id)) {
        throw new SetupError(source.origin, { message: `criterion ${entry.id} is defined twice (first in ${byId.get(entry.id)!.origin})`, ...at });
      }
      const criterion = compileCriterion(entry, source.origin, (schema, label) => {
        try {
          return compileSchema(schema);
        } catch (error) {
          if (error instanceof NotPrecompiledError) throw error;
          const reason = error instanceof Error ? error.message : String(error);
          throw new SetupError(source.origin, { message: `criterion ${entry.id}: ${label} is not valid JSON Schema: ${reason}`, ...at });
        }
      });
      criteria.push(criterion);
      byId.set(criterion.id, criterion);
    });
  }
  const areas = [...new Set(criteria.map((criterion) => criterion.area))];
  return { criteria, byId, areas, validateCharter };
}

type Compile = (schema: JsonSchema, label: string) => ValidateFunction;

function compileCriterion(entry: CriterionData, origin: string, compile: Compile): Criterion {
  const compiledChecks = entry.checks.map((check, index) => ({
    message: check.message,
    pointer: check.require ? check.require.split('/*')[0]! : '',
    validate: compile(checkSchema(check), `check ${index + 1}`),
  }));
  return {
    ...entry,
    origin,
    appliesWhen: entry.applies_when === undefined ? null : compile(entry.applies_when, 'applies_when'),
    compiledChecks,
  };
}

const FILLED_TEXT: JsonSchema = { $ref: 'pc:defs#/$defs/filled' };

/**
 * Expands `require: /a/*\/b` into JSON Schema for the whole charter: every segment must exist
 * and be an object, a `*` segment means every item of a non-empty list, and the value at the
 * end must match `schema` (filled-in text by default).
 */
export function checkSchema(check: CheckData): JsonSchema {
  if (check.require === undefined) return check.schema ?? true;
  let schema: JsonSchema = check.schema ?? FILLED_TEXT;
  const segments = pointerSegments(check.require);
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const segment = segments[index]!;
    schema =
      segment === '*'
        ? { type: 'array', minItems: 1, items: schema }
        : { type: 'object', required: [segment], properties: { [segment]: schema } };
  }
  return schema;
}

/** Every schema the built-in criteria compile, for generating their validators at build time. */
export function schemasToPrecompile(schemas: SchemaBundle, builtin: CriteriaData): (object | boolean)[] {
  const criteriaSchemas = builtin.criteria.flatMap((criterion) => [
    ...criterion.checks.map(checkSchema),
    ...(criterion.applies_when === undefined ? [] : [criterion.applies_when]),
  ]);
  return [schemas.charter, schemas.criteria, ...criteriaSchemas];
}

export interface CriteriaData {
  criteria: CriterionData[];
}
