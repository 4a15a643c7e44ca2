// Schema → validator, preferring the validators generated at build time; ajv itself is only
// created (by the factory the caller passes) for a schema that was not.
import type { ErrorObject, ValidateFunction } from 'ajv';

/** Validators generated at build time, by schema key; empty when running from source. */
export type Precompiled = ReadonlyMap<string, ValidateFunction>;

/** What compiling a schema at run time needs of ajv. */
export interface SchemaCompiler {
  compile(schema: object | boolean): ValidateFunction;
  addSchema(schema: object): unknown;
}

/** Makes a configured ajv (see ajv.ts's runAjv); only needed for schemas not compiled at build time. */
export type AjvFactory = () => SchemaCompiler;

export class NotPrecompiledError extends Error {}

/** A schema that is not valid JSON Schema, with what the meta-schema found wrong in it (ajv's own message too). */
export class InvalidSchemaError extends Error {
  constructor(
    message: string,
    readonly faults: ErrorObject[],
  ) {
    super(message);
    this.name = 'InvalidSchemaError';
  }
}

/**
 * Identifies a schema by its content, to find its validator generated at build time: its JSON's
 * length and two 32-bit FNV-1a hashes of it. Not cryptographic (a user's own criteria can only
 * point at the build's own validators), so a check starts without loading crypto.
 */
export function schemaKey(schema: unknown): string {
  const json = JSON.stringify(schema) ?? '';
  let first = 0x811c9dc5;
  let second = 0x01000193;
  for (let index = 0; index < json.length; index += 1) {
    const code = json.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  return `${json.length.toString(16)}-${(first >>> 0).toString(16)}-${(second >>> 0).toString(16)}`;
}

/**
 * `extraSchemas` (shared definitions) are added to ajv when it is created. A built-in schema may
 * be named by its place (`PC-GOV-003/check 1`, `charter`), which the build indexes too.
 */
export function makeCompiler(precompiled: Precompiled, createAjv: AjvFactory | undefined, extraSchemas: object[] = []): (schema: object | boolean, place?: string) => ValidateFunction {
  let ajv: ReturnType<AjvFactory> | undefined;
  return (schema, place) => {
    const ready = (place === undefined ? undefined : precompiled.get(`place:${place}`)) ?? precompiled.get(schemaKey(schema));
    if (ready) return ready;
    if (!createAjv) throw new NotPrecompiledError('a schema was not compiled at build time');
    if (!ajv) {
      ajv = createAjv();
      for (const extra of extraSchemas) ajv.addSchema(extra);
    }
    return ajv.compile(schema);
  };
}
