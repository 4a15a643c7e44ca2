// Schema → validator, preferring the validators generated at build time; ajv itself is only
// created (by the factory the caller passes) for a schema that was not.
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';

/** Validators generated at build time, by schema key; empty when running from source. */
export type Precompiled = ReadonlyMap<string, ValidateFunction>;

/** Makes a configured ajv (see ajv.ts); only needed for schemas not compiled at build time. */
export type AjvFactory = () => { compile(schema: object | boolean): ValidateFunction; addSchema(schema: object): unknown };

export class NotPrecompiledError extends Error {}

/** Identifies a schema by its content, to find its validator generated at build time. */
export function schemaKey(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 24);
}

/** `extraSchemas` (shared definitions) are added to ajv when it is created. */
export function makeCompiler(precompiled: Precompiled, createAjv: AjvFactory | undefined, extraSchemas: object[] = []): (schema: object | boolean) => ValidateFunction {
  let ajv: ReturnType<AjvFactory> | undefined;
  return (schema) => {
    const ready = precompiled.get(schemaKey(schema));
    if (ready) return ready;
    if (!createAjv) throw new NotPrecompiledError('a schema was not compiled at build time');
    if (!ajv) {
      ajv = createAjv();
      for (const extra of extraSchemas) ajv.addSchema(extra);
    }
    return ajv.compile(schema);
  };
}
