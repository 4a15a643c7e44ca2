// Finding and reading partner-check.config.yaml, and the extra criteria files it names.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parseConfig, type LoadedConfig } from '../core/config.js';
import type { CriteriaSource } from '../core/criteria.js';
import { SetupError } from '../core/data-file.js';
import { packagePath } from './builtin.js';
import { readTextFileSync } from './read-text.js';

export const CONFIG_FILE_NAME = 'partner-check.config.yaml';

/** The nearest config file in `cwd` or a parent, or null. */
export function findConfigFile(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

let validateConfig: ValidateFunction | undefined;

export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const { createAjv } = await import('../core/ajv.js');
  validateConfig ??= createAjv().compile(JSON.parse(readFileSync(packagePath('schemas/config.schema.json'), 'utf8')) as object);
  return parseConfig(readOrThrow(path), path, validateConfig);
}

/** The extra criteria files a config names, resolved against the config's folder. */
export function configCriteriaSources(loaded: LoadedConfig): CriteriaSource[] {
  return loaded.config.criteria.map((file) => {
    const path = resolve(dirname(loaded.origin), file);
    return { origin: path, text: readOrThrow(path) };
  });
}

function readOrThrow(path: string): string {
  const read = readTextFileSync(path);
  if (!read.ok) throw new SetupError(path, { message: read.message });
  return read.text;
}
