// Criteria are data: this module checks criteria files against their schema, expands the
// `require:` shorthand into plain JSON Schema and compiles every schema once with ajv.
import type { ValidateFunction } from 'ajv';
import { InvalidSchemaError, makeCompiler, NotPrecompiledError, type AjvFactory, type Precompiled } from './compile.js';
import { parseDataFile } from './data-file.js';
import { InputError, type InputProblem } from './problem.js';
import { compileFault, firstPlace, schemaFaults } from './strict-schema.js';
import { regexpParts, type RegexpValue } from './regexp-parts.js';
import { pointerOf, schemaRefFault } from './schema-refs.js';
import { joinPointer, pointerSegments, valueAtPointer } from './pointer.js';
import { compileSignals, SignalError, type PackedSignalForm, type SignalData, type Signals, type WordLists } from './text/signals.js';
import { forbidValidator, type DatedOptions } from './forbid.js';
import type { PcInOptions } from './keywords.js';

export type Weight = 'critical' | 'high' | 'medium' | 'low';
export type Severity = 'error' | 'warning' | 'info';

/** Points per weight, as OpenSSF Scorecard weighs its checks. */
export const WEIGHT_POINTS: Record<Weight, number> = { critical: 10, high: 7.5, medium: 5, low: 2.5 };

/** A gap's severity follows its criterion's weight. */
export const WEIGHT_SEVERITY: Record<Weight, Severity> = { critical: 'error', high: 'error', medium: 'warning', low: 'info' };

export type JsonSchema = Record<string, unknown> | boolean;

export interface CheckData {
  /** What is wrong when the check fails; `{value}` stands for the value at fault. */
  message: string;
  require?: string;
  /** With `require`: the path need not exist, but where it does, its value must match. */
  optional?: boolean;
  schema?: JsonSchema;
  /** JSON Schema for the whole charter: the check counts only when it holds. */
  when?: JsonSchema;
  /** Where to point a gap, when the value at fault is not where it is fixed: a JSON Pointer, or several (the first that exists). */
  at?: string | string[];
  /** The check counts only when it fails: finding something wrong takes credit away, finding nothing gives none. */
  penalty?: boolean;
  /** A signal that must not be found in the fields it reads (or in `in`): each text that says it is a gap. */
  forbid?: string;
  /** With forbid: only a clause dated after the date at `after` counts ("certified on 3 June 2025", after the start). */
  dated?: DatedOptions;
  /** The check only informs: where it fails, the report says so as a note, and the score is untouched. */
  note?: boolean;
  in?: string[];
}

/** A criterion that must hold for a charter to pass, whatever its score. */
export interface GateData {
  /** JSON Schema for the whole charter: it is a gate only when this holds. */
  applies_when?: JsonSchema;
  /** The one waiver reason that lifts it (with a note); otherwise it cannot be waived. */
  waivable?: 'not-applicable';
  /** The checklist question it decides, e.g. "ABPI red 4". */
  label?: string;
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
  gate?: true | GateData;
  checks: CheckData[];
}

export interface CompiledCheck {
  message: string;
  /** Where the check looks; used to point at a gap when ajv cannot say more. */
  pointer: string;
  /** Where to point every gap of this check instead (the first that exists), when set. */
  at?: string[];
  /**
   * The list whose items the check reads (`require: /outcomes/*\/measure` reads /outcomes), when
   * it must have some: missing or empty, it is one gap about the list, not one per check.
   */
  list?: string;
  validate: ValidateFunction;
  when: ValidateFunction | null;
  penalty: boolean;
  /** The signals the check reads, to quote the sentence that shows one ({evidence}). */
  signals: string[];
  note: boolean;
  /** The first `pcIn` of its schema, to say how a name was found ({match}). */
  nameMatch?: PcInOptions;
}

export interface CompiledGate {
  appliesWhen: ValidateFunction | null;
  waivable?: 'not-applicable';
  label?: string;
}

export interface Criterion extends CriterionData {
  /** The file the criterion came from: "built-in" or a user's criteria file. */
  origin: string;
  appliesWhen: ValidateFunction | null;
  /** A severity set in the config; otherwise it follows the weight. */
  severity?: Severity;
  compiledChecks: CompiledCheck[];
  compiledGate: CompiledGate | null;
}

export interface CriteriaSet {
  criteria: Criterion[];
  byId: Map<string, Criterion>;
  /** Areas in the order their first criterion appears. */
  areas: string[];
  validateCharter: ValidateFunction;
  /** The charter schema itself, to suggest the key a typo meant. */
  charterSchema: object;
  /** True for text that stands in for an answer (TBC, see above...): it counts as empty. */
  isPlaceholder: ValidateFunction;
  /** The signals of every criteria file, by name, for `pcSays` and `forbid`. */
  signals: Signals;
}

/** A criteria file, already read from disk by the caller. */
export interface CriteriaSource {
  origin: string;
  text: string;
  /** The file already parsed and checked against the criteria schema (the built-in criteria, at build time). */
  data?: CriteriaData;
  /** The built-in criteria: their patterns are checked by the project's tests, not at every run. */
  trusted?: boolean;
}

/** Why a criteria file's pattern cannot be run (by the linear-time engine user patterns run under), or null. */
export type PatternCheck = (pattern: string, flags?: string) => string | null;

export interface SchemaBundle {
  charter: object;
  criteria: object;
  defs: object;
}

/**
 * Parses, validates and compiles criteria files. Throws InputError naming every fault found, each
 * at its line: every file's schema faults, or else every criterion's.
 */
export function compileCriteria(sources: CriteriaSource[], schemas: SchemaBundle, precompiled: Precompiled, createAjv?: AjvFactory, patternFault?: PatternCheck): CriteriaSet {
  const compileSchema = makeCompiler(precompiled, createAjv, [schemas.defs]);
  // Only needed for criteria files read at run time; the built-in ones were checked at build time.
  let validateCriteriaFile: ValidateFunction | undefined;
  const validateCharter = compileSchema(schemas.charter, 'charter');
  const isPlaceholder = compileSchema(PLACEHOLDER, 'placeholder');
  const problems: InputProblem[] = [];

  // Every file is read before any criterion is compiled: a criterion may use another file's signals.
  const files = sources.flatMap((source) => {
    try {
      const parsed = source.data
        ? { data: source.data, locate: () => ({ line: 1, column: 1 }) }
        : parseDataFile(source.text, source.origin, (validateCriteriaFile ??= compileSchema(schemas.criteria)), 'criteria file', schemas.criteria);
      return [{ source, data: parsed.data as CriteriaData, locate: parsed.locate }];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
      return [];
    }
  });
  throwIfAny(problems);
  let signals: Signals;
  try {
    signals = compileSignals(files.map(({ source, data }) => ({ origin: source.origin, words: data.words, signals: data.signals, signalForms: data.signalForms })));
  } catch (error) {
    if (!(error instanceof SignalError)) throw error;
    const file = files.find(({ source }) => source.origin === error.origin);
    const place = file && error.pointer !== undefined ? file.locate(error.pointer) : { line: 1, column: 1 };
    throw new InputError({ code: 'content', file: error.origin, message: error.message, ...place });
  }
  const signalRefs = makeSignalFinder(schemas.defs);

  const criteria: Criterion[] = [];
  const byId = new Map<string, Criterion>();
  // Where each id was first defined, whether or not that criterion compiled.
  const origins = new Map<string, string>();
  for (const { source, data, locate } of files) {
    data.criteria.forEach((entry, index) => {
      const at = locate(`/criteria/${index}`);
      const refuse = (message: string, code: InputProblem['code'] = 'content', place = at) => problems.push({ code, file: source.origin, message: `criterion ${entry.id}${message}`, ...place });
      const first = origins.get(entry.id);
      if (first !== undefined) return refuse(` is defined twice (first in ${first})`);
      origins.set(entry.id, source.origin);
      if (!source.trusted && patternFault) {
        const bad = findBadPattern(entry, `/criteria/${index}`, patternFault);
        if (bad) {
          const message = isRegExp(bad.pattern, bad.flags)
            ? `: the pattern ${JSON.stringify(bad.pattern)} cannot be run by RE2, the linear-time engine a criteria file's patterns run under (${bad.reason}); write it without look-around or back-references`
            : `: the pattern ${JSON.stringify(bad.pattern)} is not a regular expression (${bad.reason})`;
          return refuse(message, 'unsafe', locate(bad.pointer, bad.target));
        }
      }
      // Every signal named anywhere (a check, its when, applies_when, the gate's): a misspelt one is
      // an error, not a check that never fires. (The built-in criteria, read here from the build, are
      // checked so by the tests, which load them from their YAML.)
      if (!(source.trusted && source.data)) {
        const gateCondition = typeof entry.gate === 'object' ? entry.gate.applies_when : undefined;
        const named = [...entry.checks.flatMap((check) => [...(check.forbid ? [check.forbid] : []), ...signalRefs(check.schema), ...signalRefs(check.when)]), ...signalRefs(entry.applies_when), ...signalRefs(gateCondition)];
        const unknown = [...new Set(named.filter((name) => !signals.has(name)))];
        if (unknown.length > 0) {
          return unknown.forEach((name) => {
            const place = firstPlace(entry, (_, item) => item === name);
            refuse(`: no signal is named '${name}'`, 'content', place === undefined ? at : locate(`/criteria/${index}${place}`));
          });
        }
      }
      const before = problems.length;
      const criterion = compileCriterion(entry, source.origin, signals, signalRefs, (schema, label) => {
        const refFault = source.trusted ? null : schemaRefFault(schema);
        if (refFault) {
          const pointer = placeOf(entry, refFault.node);
          refuse(`: ${label} ${refFault.message}`, 'content', pointer === undefined ? at : locate(`/criteria/${index}${pointer}`));
          return NOT_COMPILED;
        }
        let validate: ValidateFunction;
        try {
          // A built-in schema's validator is found by its place, without hashing the schema.
          validate = compileSchema(schema, source.data && source.trusted ? `${entry.id}/${label}` : undefined);
        } catch (error) {
          if (error instanceof NotPrecompiledError) throw error;
          if (error instanceof InvalidSchemaError) {
            const faults = schemaFaults(error.faults, schema).map(({ pointer, message }) => {
              const place = placeInEntry(entry, schema, pointer);
              return { message, place: place === undefined ? at : locate(`/criteria/${index}${place}`) };
            });
            // In the order they are read in the file, as ajv's order is its metaschema's.
            faults.sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column);
            for (const { message, place } of faults) refuse(`: ${label} is not valid JSON Schema: ${message}`, 'content', place);
            return NOT_COMPILED;
          }
          const reason = error instanceof Error ? error.message : String(error);
          const strict = compileFault(reason, schema);
          const pointer = strict?.inSchema === undefined ? undefined : placeInEntry(entry, schema, strict.inSchema);
          if (!strict) refuse(`: ${label} is not valid JSON Schema: ${reason}`);
          else refuse(`: ${label} ${strict.message}`, 'content', pointer === undefined ? at : locate(`/criteria/${index}${pointer}`, 'key'));
          return NOT_COMPILED;
        }
        // A schema can be valid and still never finish (a $dynamicRef to itself): try it once now.
        try {
          validate.call({}, {});
        } catch (error) {
          const reason = error instanceof RangeError ? 'it refers to itself without end' : error instanceof Error ? error.message : String(error);
          refuse(`: ${label} cannot be evaluated: ${reason}`);
          return NOT_COMPILED;
        }
        return validate;
      });
      if (problems.length > before) return;
      criteria.push(criterion);
      byId.set(criterion.id, criterion);
    });
  }
  throwIfAny(problems);
  const areas = [...new Set(criteria.map((criterion) => criterion.area))];
  return { criteria, byId, areas, validateCharter, charterSchema: schemas.charter, isPlaceholder, signals };
}

/** Stands in for a schema that failed to compile: the run stops with its problem before any check runs. */
const NOT_COMPILED = (() => false) as unknown as ValidateFunction;

function throwIfAny(problems: InputProblem[]): void {
  const [first, ...rest] = problems;
  if (first) throw new InputError(first, ...rest);
}

type Compile = (schema: JsonSchema, label: string) => ValidateFunction;

/** Whether JavaScript reads `pattern` as a regular expression at all: one RE2 refuses may only use what RE2 lacks. */
function isRegExp(pattern: string, flags = ''): boolean {
  try {
    new RegExp(pattern, flags.replace(/[^dgimsuy]/g, ''));
    return true;
  } catch {
    return false;
  }
}

/** The first regular expression in a criterion's schemas that `fault` refuses, with the reason and its JSON Pointer. */
function findBadPattern(value: unknown, pointer: string, fault: PatternCheck): { pattern: string; flags?: string; reason: string; pointer: string; target?: 'key' } | null {
  if (typeof value !== 'object' || value === null) return null;
  // A list's entries are its indexes and items, as a map's are its keys and values.
  for (const [key, item] of Object.entries(value) as [string, unknown][]) {
    const at = joinPointer(pointer, key);
    const candidates: { pattern: string; flags?: string }[] =
      key === 'pattern' && typeof item === 'string'
        ? [{ pattern: item }]
        : key === 'regexp' && isRegexpValue(item)
          ? [regexpParts(item)]
          : key === 'patternProperties' && typeof item === 'object' && item !== null
            ? Object.keys(item).map((pattern) => ({ pattern }))
            : [];
    for (const { pattern, flags } of candidates) {
      const reason = fault(pattern, flags);
      if (reason === null) continue;
      if (key === 'patternProperties') return { pattern, reason, pointer: `${at}/${pattern.replace(/~/g, '~0').replace(/\//g, '~1')}`, target: 'key' };
      return { pattern, ...(flags === undefined ? {} : { flags }), reason, pointer: key === 'regexp' && typeof item === 'object' ? `${at}/pattern` : at };
    }
    const inner = findBadPattern(item, at, fault);
    if (inner) return inner;
  }
  return null;
}

/** The pointer of a schema node within its criterion, or (for the wrapping checkSchema adds round a check's schema) of the check's own schema. */
function placeOf(entry: CriterionData, node: object): string | undefined {
  for (let current: unknown = node; typeof current === 'object' && current !== null; ) {
    const pointer = pointerOf(entry, current);
    if (pointer !== undefined) return pointer;
    const wrapper = current as { items?: unknown; properties?: Record<string, unknown> };
    current = wrapper.items ?? Object.values(wrapper.properties ?? {})[0];
  }
  return undefined;
}

/**
 * Where a place in a schema (`pointer`, within `schema` as compiled) is in the criterion as written:
 * its parent found there by identity (a check's `require` wraps the schema in places of its own).
 */
function placeInEntry(entry: CriterionData, schema: unknown, pointer: string): string | undefined {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return typeof schema === 'object' && schema !== null ? pointerOf(entry, schema) : undefined;
  const parent = valueAtPointer(schema, segments.slice(0, -1).reduce<string>(joinPointer, ''));
  const base = typeof parent === 'object' && parent !== null ? pointerOf(entry, parent) : undefined;
  return base === undefined ? undefined : joinPointer(base, segments.at(-1)!);
}

const isRegexpValue = (value: unknown): value is RegexpValue => typeof value === 'string' || (typeof value === 'object' && value !== null && typeof (value as { pattern?: unknown }).pattern === 'string');

function compileCriterion(entry: CriterionData, origin: string, signals: Signals, signalRefs: (schema: unknown) => string[], compile: Compile): Criterion {
  const compiledChecks = entry.checks.map((check, index): CompiledCheck => {
    const forbidden = check.forbid === undefined ? undefined : signals.get(check.forbid)!;
    const schema = checkSchema(check);
    const nameMatch = firstPcIn(check.schema);
    // Which signals the check reads is needed only to quote a gap's sentence: worked out then, once.
    let signalNames: string[] | undefined;
    return {
      message: check.message,
      pointer: check.require ? check.require.split('/*')[0]! : '',
      ...(check.at === undefined ? {} : { at: typeof check.at === 'string' ? [check.at] : check.at }),
      ...(check.require === undefined || check.optional ? {} : listOf(check.require)),
      validate: forbidden ? forbidValidator(forbidden, check.in ?? forbidden.reads, check.dated) : compile(schema, `check ${index + 1}`),
      when: check.when === undefined ? null : compile(check.when, `check ${index + 1}'s when`),
      // A forbidden signal counts only when it is found, like a penalty.
      penalty: check.penalty === true || forbidden !== undefined,
      get signals() {
        return (signalNames ??= forbidden ? [forbidden.name] : signalRefs(schema));
      },
      note: check.note === true,
      ...(nameMatch ? { nameMatch } : {}),
    };
  });
  const gate = entry.gate === true ? {} : entry.gate;
  return {
    ...entry,
    origin,
    appliesWhen: entry.applies_when === undefined ? null : compile(entry.applies_when, 'applies_when'),
    compiledChecks,
    compiledGate: gate
      ? {
          appliesWhen: gate.applies_when === undefined ? null : compile(gate.applies_when, 'gate.applies_when'),
          ...(gate.waivable ? { waivable: gate.waivable } : {}),
          ...(gate.label ? { label: gate.label } : {}),
        }
      : null,
  };
}

/** The list a `require` path reads the items of: the path before its first `*`, when it has one. */
function listOf(require: string): { list?: string } {
  const segments = pointerSegments(require);
  const star = segments.indexOf('*');
  return star < 0 ? {} : { list: segments.slice(0, star).reduce<string>((pointer, segment) => joinPointer(pointer, segment), '') };
}

/** The default for `require`: text that says something and does not put the answer off. */
const STATED_TEXT: JsonSchema = { $ref: 'pc:defs#/$defs/stated' };
const PLACEHOLDER: JsonSchema = { $ref: 'pc:defs#/$defs/placeholder' };

/**
 * Expands `require: /a/*\/b` into JSON Schema for the whole charter: every segment must exist
 * and be an object, a `*` segment means every item of a non-empty list, and the value at the
 * end must match `schema` (stated text by default). With `optional`, nothing need exist, but
 * what does must match.
 */
export function checkSchema(check: CheckData): JsonSchema {
  if (check.require === undefined) return check.schema ?? true;
  let schema: JsonSchema = check.schema ?? STATED_TEXT;
  const segments = pointerSegments(check.require);
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const segment = segments[index]!;
    if (check.optional) schema = segment === '*' ? { items: schema } : { properties: { [segment]: schema } };
    else schema = segment === '*' ? { type: 'array', minItems: 1, items: schema } : { type: 'object', required: [segment], properties: { [segment]: schema } };
  }
  // '#/$defs/name' in the check's schema means its own $defs: the root's, now it sits inside.
  const defs = typeof check.schema === 'object' && check.schema !== null ? (check.schema as { $defs?: unknown }).$defs : undefined;
  return defs !== undefined && typeof schema === 'object' && schema !== check.schema ? { $defs: defs, ...schema } : schema;
}

/**
 * Every schema the built-in criteria compile, each with its place (`PC-GOV-003/check 1`), for
 * generating their validators at build time: a run finds a built-in validator by its place rather
 * than by hashing its schema.
 */
export function builtinSchemaPlaces(schemas: SchemaBundle, builtin: CriteriaData): [string, object | boolean][] {
  const places: [string, object | boolean][] = [
    ['charter', schemas.charter],
    ['criteria', schemas.criteria],
    ['placeholder', PLACEHOLDER],
  ];
  for (const criterion of builtin.criteria) {
    criterion.checks.forEach((check, index) => {
      if (check.forbid === undefined) places.push([`${criterion.id}/check ${index + 1}`, checkSchema(check)]);
      if (check.when !== undefined) places.push([`${criterion.id}/check ${index + 1}'s when`, check.when]);
    });
    if (criterion.applies_when !== undefined) places.push([`${criterion.id}/applies_when`, criterion.applies_when]);
    if (typeof criterion.gate === 'object' && criterion.gate.applies_when !== undefined) places.push([`${criterion.id}/gate.applies_when`, criterion.gate.applies_when]);
  }
  return places;
}

export interface CriteriaData {
  criteria: CriterionData[];
  words?: WordLists;
  signals?: Record<string, SignalData>;
  /** The signals already read into lemmas (the built-in criteria, at build time). */
  signalForms?: Record<string, PackedSignalForm>;
  /** The build's stamp of those forms (scripts/precompile-validators.mjs). */
  signalFormsStamp?: string;
}

/** The options of the first `pcIn` keyword in a schema, if any. */
function firstPcIn(schema: unknown): PcInOptions | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const record = schema as Record<string, unknown>;
  if (typeof record['pcIn'] === 'object' && record['pcIn'] !== null) return record['pcIn'] as PcInOptions;
  for (const value of Object.values(record)) {
    const found = firstPcIn(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * The names of the signals a schema reads through `pcSays`, following `$ref`s into the shared
 * definitions (each definition once).
 */
function makeSignalFinder(defs: object): (schema: unknown) => string[] {
  const definitions = (defs as { $defs?: Record<string, unknown> }).$defs ?? {};
  const known = new Map<string, string[]>();
  const find = (schema: unknown, found: Set<string>, seen: Set<string>): void => {
    if (typeof schema !== 'object' || schema === null) return;
    if (Array.isArray(schema)) return schema.forEach((item) => find(item, found, seen));
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'pcSays' && typeof value === 'string') found.add(value);
      else if (key === 'pcShare' && typeof (value as { except?: { signal?: unknown } } | null)?.except?.signal === 'string') found.add((value as { except: { signal: string } }).except.signal);
      // A definition refers to its neighbours as '#/$defs/…' ("stated" to "deferring").
      else if (key === '$ref' && typeof value === 'string' && (value.startsWith('pc:defs#/$defs/') || value.startsWith('#/$defs/'))) {
        const name = value.slice(value.indexOf('#/$defs/') + '#/$defs/'.length);
        if (!seen.has(name)) {
          seen.add(name);
          find(definitions[name], found, seen);
        }
      } else find(value, found, seen);
    }
  };
  return (schema) => {
    if (schema === undefined) return [];
    const key = JSON.stringify(schema);
    let names = known.get(key);
    if (!names) {
      const found = new Set<string>();
      find(schema, found, new Set());
      names = [...found];
      known.set(key, names);
    }
    return names;
  };
}
