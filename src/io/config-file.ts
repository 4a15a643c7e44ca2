// Finding and reading partner-check.config.yaml, and the extra criteria files it names.
import { readFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parseConfig, type LoadedConfig } from '../core/config.js';
import type { CriteriaSource } from '../core/criteria.js';
import { InputError } from '../core/problem.js';
import { loadPrecompiled, packagePath } from './builtin.js';
import type { FileSystem } from './file-system.js';
import { foldersUpward } from './upward.js';

export const CONFIG_FILE_NAME = 'partner-check.config.yaml';

/**
 * The nearest config file in `start` or a folder above it, or null. The search stops at the
 * repository's root (a folder holding .git) or the home folder, whichever comes first, so a stray
 * config further up can never change a repository's verdict. Outside both it runs to `/`, so, as
 * git's safe.directory reasoning has it, a config someone else could have put there is passed over
 * with a warning (`warn`): one owned by another user (not the runner, nor root), or in a folder
 * anyone may write to. Named with -c, a config is the user's choice and is used.
 */
export async function findConfigFile(start: string, files: FileSystem, home = homedir(), warn: (message: string) => void = () => {}): Promise<string | null> {
  for await (const dir of foldersUpward(start, files, home)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    const info = await files.stat(candidate);
    if (info) {
      const distrust = await untrusted(info, dir, files);
      if (!distrust) return candidate;
      warn(`ignoring the config ${candidate}: ${distrust}; name it with -c to use it`);
    }
  }
  return null;
}

/** Why a config found by the search may have been put there by someone else, or null. */
async function untrusted(info: Stats, dir: string, files: FileSystem): Promise<string | null> {
  const user = files.userId();
  if (user === undefined) return null; // no user ids (Windows): nothing to go by
  if (info.uid !== user && info.uid !== 0) return 'it belongs to another user';
  const folder = await files.stat(dir);
  if (folder && (folder.mode & 0o002) !== 0) return 'its folder can be written by anyone';
  return null;
}

/** Where to search for the config: the folder that holds every input (files, folders, globs). */
export async function configSearchStart(inputs: string[], cwd: string, files: FileSystem): Promise<string> {
  const folders = await Promise.all(
    inputs.map(async (input) => {
      const path = resolve(cwd, staticPart(input));
      return (await files.stat(path))?.isDirectory() ? path : dirname(path);
    }),
  );
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

export async function loadConfigFile(path: string, files: FileSystem): Promise<LoadedConfig> {
  configSchema ??= await compileConfigSchema();
  return parseConfig(await readOrThrow(path, files), path, configSchema.validate, configSchema.schema);
}

/** The config schema (its keys suggest the one a typo meant) and its validator, generated at build time; compiled now (loading ajv) only from source. */
async function compileConfigSchema(): Promise<{ validate: ValidateFunction; schema: object }> {
  const schema = JSON.parse(readFileSync(packagePath('schemas/config.schema.json'), 'utf8')) as object;
  const validate = (await loadPrecompiled()).get('place:config') ?? (await import('../core/ajv.js')).createAjv().compile(schema);
  return { validate, schema };
}

/** The extra criteria files a config names, resolved against the config's folder. */
export async function configCriteriaSources(loaded: LoadedConfig, files: FileSystem): Promise<CriteriaSource[]> {
  const sources: CriteriaSource[] = [];
  for (const file of loaded.config.criteria) {
    const path = resolve(dirname(loaded.origin), file);
    sources.push({ origin: path, text: await readOrThrow(path, files) });
  }
  return sources;
}

async function readOrThrow(path: string, files: FileSystem): Promise<string> {
  const read = await files.readText(path);
  if (!read.ok) throw new InputError({ code: 'read', file: path, message: read.message });
  return read.text;
}
