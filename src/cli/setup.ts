// What every command needs before it starts: the config (if any) and the criteria it yields.
import { applyRuleSettings, type LoadedConfig } from '../core/config.js';
import { NotPrecompiledError } from '../core/compile.js';
import { compileCriteria, type CriteriaSet } from '../core/criteria.js';
import type { CheckContext } from '../core/keywords.js';
import { BUILTIN_CRITERIA_ORIGIN, loadBuiltinCriteria, loadPrecompiled, loadSchemas } from '../io/builtin.js';
import { configCriteriaSources, findConfigFile, loadConfigFile } from '../io/config-file.js';
import type { NamedFile } from '../io/output-guard.js';
import type { Terminal } from './terminal.js';
import { londonDate } from './today.js';

export interface Setup {
  config: LoadedConfig | null;
  criteria: CriteriaSet;
  /** What checks need that no charter holds: today's date, for "not in the future". */
  context: CheckContext;
  /** Where the config came from, so that a worker thread can load the same setup. */
  choice: ConfigChoice;
}

/** Where the config comes from: a file named with -c, a search from a folder, or none at all. */
export type ConfigChoice = { file: string } | { searchFrom: string } | { none: true };

/** Reads the config chosen (if any) and compiles the criteria; throws InputError on a bad file. */
export async function loadSetup(choice: ConfigChoice, { files, now, stderr }: Pick<Terminal, 'files' | 'now'> & Partial<Pick<Terminal, 'stderr'>>): Promise<Setup> {
  // A config passed over as untrusted is said once, by the main thread (a worker thread has no stderr).
  const warn = stderr ? (message: string) => stderr(`partner-check: ${message}\n`) : undefined;
  const path = 'file' in choice ? choice.file : 'searchFrom' in choice ? await findConfigFile(choice.searchFrom, files, undefined, warn) : null;
  const config = path ? await loadConfigFile(path, files) : null;
  const sources = [await loadBuiltinCriteria(), ...(config ? await configCriteriaSources(config, files) : [])];
  const schemas = loadSchemas();
  const precompiled = await loadPrecompiled();
  let compiled: CriteriaSet;
  try {
    // Usually every schema was compiled at build time, and ajv is not even loaded.
    compiled = compileCriteria(sources, schemas, precompiled);
  } catch (error) {
    if (!(error instanceof NotPrecompiledError)) throw error;
    // Criteria of the user's own: compiled now, and their patterns checked for catastrophic backtracking.
    const [{ createAjv }, { default: isSafePattern }] = await Promise.all([import('../core/ajv.js'), import('safe-regex2')]);
    compiled = compileCriteria(sources, schemas, precompiled, createAjv, (pattern) => isSafePattern(pattern));
  }
  return { config, criteria: config ? applyRuleSettings(compiled, config) : compiled, context: { today: londonDate(now()) }, choice };
}

/** The files the setup was read from (the config, and the criteria files besides the built-in ones), which nothing may overwrite. */
export function setupFiles(setup: Setup): NamedFile[] {
  const criteria = [...new Set(setup.criteria.criteria.map((criterion) => criterion.origin))].filter((origin) => origin !== BUILTIN_CRITERIA_ORIGIN);
  return [...(setup.config ? [{ role: 'the config file', path: setup.config.origin }] : []), ...criteria.map((path) => ({ role: 'the criteria file', path }))];
}
