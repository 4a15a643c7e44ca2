// Where the package's own schemas and built-in criteria live, and loading them from disk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CriteriaSource, SchemaBundle } from '../core/criteria.js';

/** The package root: this file is dist/io/builtin.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(relative: string): string {
  return `${PACKAGE_ROOT}${relative}`;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

export function loadSchemas(): SchemaBundle {
  const read = (name: string) => JSON.parse(readFileSync(packagePath(`schemas/${name}`), 'utf8')) as object;
  return { charter: read('charter.schema.json'), criteria: read('criteria.schema.json'), defs: read('defs.schema.json') };
}

export const BUILTIN_CRITERIA_ORIGIN = 'built-in';

export function builtinCriteria(): CriteriaSource {
  return { origin: BUILTIN_CRITERIA_ORIGIN, text: readFileSync(packagePath('schemas/criteria/builtin.yaml'), 'utf8') };
}
