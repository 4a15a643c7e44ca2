// One configured ajv: JSON Schema 2020-12, every error (a report lists every gap), formats such
// as `date`, `$data` references, case-insensitive `regexp`, and the keywords JSON Schema lacks
// for charters: `pcIn`, `pcDate` and `pcShare` (see keywords.ts). The patterns of schemas compiled
// at run time (a user's criteria) run under RE2, whose time is linear in the text whatever the
// pattern; the built-in ones, compiled at build time and tested, under JavaScript's own engine.
// Loading ajv costs start-up time, so a run imports this module only when a schema was not
// compiled at build time (user criteria, a config file).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { _, Name, type CodeKeywordDefinition, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv';
import ajvNames from 'ajv/dist/compile/names.js';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';
import { KEYWORD_SCHEMAS } from './keyword-schemas.js';
import { regexpParts, type RegexpValue } from './regexp-parts.js';
import { InvalidSchemaError, type SchemaCompiler } from './compile.js';
import { pcDateHolds, pcDiffersHolds, pcInHolds, pcNotPartOfHolds, pcSaysHolds, pcShareHolds } from './keywords.js';

// ajv-formats and ajv's names are CommonJS; their default exports arrive wrapped under NodeNext.
const unwrap = <T>(module: T): T => (module as { default?: T }).default ?? module;
const addFormats = unwrap(addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;
const names = unwrap(ajvNames) as unknown as { rootData: Name; this: Name };

/** JSON Schema 2020-12's metaschema: what a schema without `$schema` is written in. */
export const METASCHEMA_ID = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Validators generated at build time (dist/generated/schema-checks.cjs) that check a schema before
 * ajv compiles it: JSON Schema 2020-12's metaschema, and each added keyword's metaschema by
 * keyword. Compiled at run time instead, they cost some 130 ms of a worker thread's or a run's
 * setup when a user's criteria are compiled.
 */
export interface SchemaChecks {
  metaschema: ValidateFunction;
  keywords: Readonly<Record<string, ValidateFunction>>;
}

/**
 * `source` keeps the generated code, as an ES module or CommonJS, for the validators compiled at
 * build time. `checks` (for runAjv) stand in for the metaschemas ajv would compile: ajv then
 * leaves checking a schema against JSON Schema's to its caller.
 */
export function createAjv(options: { source?: 'module' | 'commonjs'; checks?: SchemaChecks } = {}): Ajv2020 {
  const { source, checks } = options;
  const ajv = new Ajv2020({
    allErrors: true,
    $data: true,
    // Validators are called with a context (today's date) that pcDate reads; $ref calls pass it on.
    passContext: true,
    // An unknown keyword (a misspelt minLenght) is refused, not silently ignored; type checks stay the schema's own.
    strict: false,
    strictSchema: true,
    logger: false,
    validateSchema: !checks,
    code: source ? { source: true, esm: source === 'module', formats: _`require("ajv-formats/dist/formats").fullFormats` } : { process: linearErrorMerge, regExp: LINEAR_ENGINE },
    // Else ajv tests each `patternProperties` pattern against the names under `properties` when
    // compiling, with JavaScript's engine, on names a criteria file chooses.
    allowMatchingProperties: true,
  });
  addFormats(ajv);
  for (const definition of addedKeywords(source ? undefined : linearRegExp)) {
    const check = checks?.keywords[definition.keyword as string];
    // ajv checks a keyword's value with `validateSchema`, which it compiles from `metaSchema` when given one.
    ajv.addKeyword(check ? { ...definition, metaSchema: undefined, validateSchema: check } : definition);
  }
  return ajv;
}

/**
 * The keywords partner-check adds to JSON Schema. `regexp: { pattern, flags: i }`: JSON Schema's
 * `pattern` has no flags. The rest: see keywords.ts.
 */
export function addedKeywords(engine?: typeof linearRegExp): CodeKeywordDefinition[] {
  return [regexpKeyword(engine), PC_IN_KEYWORD, PC_DATE_KEYWORD, PC_SHARE_KEYWORD, PC_SAYS_KEYWORD, PC_DIFFERS_KEYWORD, PC_NOT_PART_OF_KEYWORD];
}

/**
 * The compiler for one run's schemas that were not compiled at build time (a user's criteria).
 * Each schema is checked against its metaschema first: by the generated `checks` when given and
 * the schema is written in JSON Schema 2020-12, else by ajv, which compiles the metaschema for it.
 * The same message either way.
 *
 * ajv itself is made once a thread and emptied of the schemas of the run before (their validators
 * stay whole): a new one costs some 7 ms more with the checks, and 130 ms without them.
 */
export function runAjv(checks?: SchemaChecks): SchemaCompiler {
  if (!reused || reused.checks !== checks) reused = { ajv: createAjv({ checks }), checks };
  else reused.ajv.removeSchema();
  const { ajv } = reused;
  return {
    addSchema: (schema) => ajv.addSchema(schema),
    compile(schema) {
      if (checks) {
        const written: { $schema?: unknown } = typeof schema === 'object' ? schema : {};
        const { $schema = METASCHEMA_ID } = written;
        // ajv throws (a schema's own $schema is never async): the same message as below.
        if ($schema !== METASCHEMA_ID) void withFaults(() => ajv.validateSchema(schema, true), () => ajv.errors);
        else if (!checks.metaschema(schema)) throw new InvalidSchemaError(`schema is invalid: ${ajv.errorsText(checks.metaschema.errors)}`, checks.metaschema.errors ?? []);
      }
      return withFaults(() => ajv.compile(schema), () => ajv.errors);
    },
  };
}

/** An ajv call that may find a schema invalid: its error then carries what ajv found (see InvalidSchemaError). */
function withFaults<T>(call: () => T, faults: () => ErrorObject[] | null | undefined): T {
  try {
    return call();
  } catch (error) {
    const found = faults();
    if (error instanceof Error && error.message.startsWith('schema is invalid') && found && found.length > 0) throw new InvalidSchemaError(error.message, [...found]);
    throw error;
  }
}
let reused: { ajv: Ajv2020; checks: SchemaChecks | undefined } | undefined;

/**
 * ajv merges a referenced schema's errors into its own with `vErrors.concat(...)`, copying every
 * error gathered so far: with every item of a long list failing, that is quadratic (100,000
 * risks without an owner took minutes). Appending in place keeps it linear. Used on the code ajv
 * compiles at run time, and by the build on the validators it generates.
 */
export function linearErrorMerge(code: string): string {
  return code.replace(
    /vErrors = vErrors === null \? ([\w$]+)\.errors : vErrors\.concat\(\1\.errors\);/g,
    'if (vErrors === null) { vErrors = $1.errors; } else { for (const error of $1.errors) vErrors.push(error); }',
  );
}

/**
 * A pattern compiled for RE2 (re2js, plain JavaScript): no backtracking, so `^(a|a)*$` on any text
 * takes time in proportion to it. Look-around and back-references are not RE2's: compiling one
 * throws, and the criteria file is refused at that pattern (see patternFault). JavaScript's
 * flags i, m and s have RE2's meaning; u is how RE2 always reads; g and y mean nothing to `test`.
 */
export function linearRegExp(pattern: string, flags = ''): { test(text: string): boolean; toString(): string } {
  const options = (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0);
  const compiled = RE2JS.compile(pattern, options);
  // ajv keeps one compiled pattern per `toString()`: each must have its own.
  return { test: (text) => compiled.test(text), toString: () => `/${pattern}/${flags}` };
}

/** linearRegExp as ajv's `code.regExp` (its `code` names it in generated source, which is never written for these). */
const LINEAR_ENGINE = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), { code: 'linearRegExp' });

/** Why RE2 cannot run this pattern, or null when it can. */
export function patternFault(pattern: string, flags?: string): string | null {
  try {
    linearRegExp(pattern, flags);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * `regexp: { pattern, flags }` or `regexp: "/pattern/flags"` (as ajv-keywords writes it), run by
 * `engine` when one is given, else (the validators generated at build time) by `new RegExp`.
 */
function regexpKeyword(engine: typeof linearRegExp | undefined): CodeKeywordDefinition {
  return {
    keyword: 'regexp',
    type: 'string',
    schemaType: ['string', 'object'],
    metaSchema: KEYWORD_SCHEMAS.regexp,
    code(cxt: KeywordCxt) {
      const { pattern, flags = '' } = regexpParts(cxt.schema as RegexpValue);
      const ref = engine ? engine(pattern, flags) : new RegExp(pattern, flags);
      const compiled = cxt.gen.scopeValue('pattern', { key: `/${pattern}/${flags}`, ref, code: _`new RegExp(${pattern}, ${flags})` });
      cxt.pass(_`${compiled}.test(${cxt.data})`);
    },
  };
}

/** A keyword that calls its test (keywords.ts) with its options, the value, the charter, the call's context and the value's parent (for fields beside it). */
function keyword(name: string, test: keyof typeof import('./keywords.js'), ref: (...args: never[]) => boolean, metaSchema: object, schemaType: 'object' | 'string' = 'object'): CodeKeywordDefinition {
  return {
    keyword: name,
    schemaType,
    metaSchema,
    code(cxt: KeywordCxt) {
      const holds = cxt.gen.scopeValue('func', { ref, code: _`require("../core/keywords.js").${new Name(test)}` });
      cxt.fail(_`!${holds}(${cxt.schemaCode}, ${cxt.data}, ${names.rootData}, ${names.this}, ${cxt.it.parentData})`);
    },
  };
}

/** `pcIn: { array: /outcomes, key: goal }`: the value equals some item's `goal`; `match: words`, `aka` and `among` for names. */
const PC_IN_KEYWORD = keyword('pcIn', 'pcInHolds', pcInHolds, KEYWORD_SCHEMAS.pcIn);

/** `pcDate: { after: /plan/start, notAfter: { pointer: /plan/end, days: 366 } }` */
const PC_DATE_KEYWORD = keyword('pcDate', 'pcDateHolds', pcDateHolds, KEYWORD_SCHEMAS.pcDate);

/** `pcSays: withholding`: the text says what the named signal of the criteria files describes. */
const PC_SAYS_KEYWORD = keyword('pcSays', 'pcSaysHolds', pcSaysHolds, KEYWORD_SCHEMAS.pcSays, 'string');

/** `pcDiffers: baseline`: the value is not the same quantity as the field of that name beside it. */
const PC_DIFFERS_KEYWORD = keyword('pcDiffers', 'pcDiffersHolds', pcDiffersHolds, KEYWORD_SCHEMAS.pcDiffers, 'string');

/** `pcNotPartOf: { array: /partners, key: name }`: the value is not a team or department of another item. */
const PC_NOT_PART_OF_KEYWORD = keyword('pcNotPartOf', 'pcNotPartOfHolds', pcNotPartOfHolds, KEYWORD_SCHEMAS.pcNotPartOf);

/** `pcShare: { lines: [/resources/funding], key: from, amount: [amount], min: 0.05 }` */
const PC_SHARE_KEYWORD = keyword('pcShare', 'pcShareHolds', pcShareHolds, KEYWORD_SCHEMAS.pcShare);
