// Finding and reading partner-check.config.yaml, and the extra criteria files it names.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parseConfig, type LoadedConfig } from '../core/config.js';
import type { CriteriaSource } from '../core/criteria.js';
import { InputError } from '../core/problem.js';
import { loadPrecompiled, packagePath } from './builtin.js';
import { readTextFileSync } from './read-text.js';

export const CONFIG_FILE_NAME = 'partner-check.config.yaml';

/**
 * The nearest config file in `start` or a folder above it, or null. The search stops at the
 * repository's root (a folder holding .git) or the home folder, whichever comes first, so a stray
 * config further up can never change a repository's verdict.
 */
export function findConfigFile(start: string, home = homedir()): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || dir === resolve(home) || dirname(dir) === dir) return null;
  }
}

/** Where to search for the config: the folder that holds every input (files, folders, globs). */
export function configSearchStart(inputs: string[], cwd: string): string {
  const folders = inputs.map((input) => {
    const path = resolve(cwd, staticPart(input));
    try {
      return statSync(path).isDirectory() ? path : dirname(path);
    } catch {
      return dirname(path);
    }
  });
  if (folders.length === 0) return cwd;
  return folders.reduce(commonFolder);
}

/** A glob's leading part without glob characters: charters/**\/*.yaml → charters. */
function staticPart(input: string): string {
  const segments = input.split(/[\\/]/);
  const firstGlob = segments.findIndex((segment) => /[*?[\]{}!]/.test(segment));
  return firstGlob === -1 ? input : segments.slice(0, firstGlob).join('/') || '.';
}

function commonFolder(a: string, b: string): string {
  const left = a.split(sep);
  const right = b.split(sep);
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) length += 1;
  return left.slice(0, length).join(sep) || sep;
}

let configSchema: { validate: ValidateFunction; schema: object } | undefined;

export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  configSchema ??= await compileConfigSchema();
  return parseConfig(readOrThrow(path), path, configSchema.validate, configSchema.schema);
}

/** The config schema (its keys suggest the one a typo meant) and its validator, generated at build time; compiled now (loading ajv) only from source. */
async function compileConfigSchema(): Promise<{ validate: ValidateFunction; schema: object }> {
  const schema = JSON.parse(readFileSync(packagePath('schemas/config.schema.json'), 'utf8')) as object;
  const validate = (await loadPrecompiled()).get('place:config') ?? (await import('../core/ajv.js')).createAjv().compile(schema);
  return { validate, schema };
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
  if (!read.ok) throw new InputError({ code: 'read', file: path, message: read.message });
  return read.text;
}
