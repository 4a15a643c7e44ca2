// What every command needs before it starts: the config (if any) and the criteria it yields.
import { applyRuleSettings, type Config, type LoadedConfig } from '../core/config.js';
import { NotPrecompiledError } from '../core/compile.js';
import { compileCriteria, type CriteriaSet, type CriteriaSource, type SchemaBundle } from '../core/criteria.js';
import type { CheckContext } from '../core/keywords.js';
import { BUILTIN_CRITERIA_ORIGIN, loadBuiltinCriteria, loadSchemaChecks, loadPrecompiled, loadSchemas } from '../io/builtin.js';
import { configCriteriaSources, findConfigFile, loadConfigFile } from '../io/config-file.js';
import type { NamedFile } from '../io/output-guard.js';
import { printError, type Terminal } from './terminal.js';
import { londonDate } from './today.js';

export interface Setup {
  config: LoadedConfig | null;
  criteria: CriteriaSet;
  /** What checks need that no charter holds: today's date, for "not in the future". */
  context: CheckContext;
  /** Everything the setup was made from, as plain data: a worker thread makes the same setup from it without reading a file. */
  data: SetupData;
}

/**
 * A setup as read, before its criteria are compiled: the config's settings, every criteria source
 * (its text or parsed data, and its origin), the schemas and the context. It can be posted to a
 * worker thread (it holds no function), which compiles the same criteria from it: a config or
 * criteria file changed during a run cannot make a worker check against other criteria.
 */
export interface SetupData {
  config: { origin: string; config: Config } | null;
  sources: CriteriaSource[];
  schemas: SchemaBundle;
  context: CheckContext;
}

/** Where the config comes from: a file named with -c, a search from a folder, or none at all. */
export type ConfigChoice = { file: string } | { searchFrom: string } | { none: true };

/** Reads the config chosen (if any) and compiles the criteria; throws InputError on a bad file. */
export async function loadSetup(choice: ConfigChoice, { files, now, stderr }: Pick<Terminal, 'files' | 'now'> & Partial<Pick<Terminal, 'stderr'>>): Promise<Setup> {
  const warn = stderr ? (message: string) => printError({ stderr }, message) : undefined;
  const path = 'file' in choice ? choice.file : 'searchFrom' in choice ? await findConfigFile(choice.searchFrom, files, undefined, warn) : null;
  const config = path ? await loadConfigFile(path, files) : null;
  const sources = [await loadBuiltinCriteria(warn), ...(config ? await configCriteriaSources(config, files) : [])];
  const data: SetupData = { config: config && { origin: config.origin, config: config.config }, sources, schemas: loadSchemas(), context: { today: londonDate(now()) } };
  return compileSetup(data, config);
}

/**
 * The setup `data` stands for, its criteria compiled: on the main thread from what loadSetup read
 * (`loaded`, which can say where in the config a bad rule setting is), on a worker thread from the
 * data posted to it (whose rule settings the main thread has already found sound).
 */
export async function compileSetup(data: SetupData, loaded?: LoadedConfig | null): Promise<Setup> {
  const config = loaded ?? (data.config && { ...data.config, locateRule: () => ({ line: 1, column: 1 }) });
  const compiled = await compiledCriteria(data);
  return { config, criteria: config ? applyRuleSettings(compiled, config) : compiled, context: data.context, data };
}

async function compileSources(data: SetupData): Promise<CriteriaSet> {
  const precompiled = await loadPrecompiled();
  try {
    // Usually every schema was compiled at build time, and ajv is not even loaded.
    return compileCriteria(data.sources, data.schemas, precompiled);
  } catch (error) {
    if (!(error instanceof NotPrecompiledError)) throw error;
    // Criteria of the user's own: compiled now, their patterns run by a linear-time engine.
    const { runAjv, patternFault } = await import('../core/ajv.js');
    const schemaChecks = loadSchemaChecks();
    return compileCriteria(data.sources, data.schemas, precompiled, () => runAjv(schemaChecks), patternFault);
  }
}

/**
 * The built-in criteria alone, read once a process (see loadBuiltinCriteria), compile to the same
 * set each time: a process that runs more than once (the tests, a program that calls main)
 * compiles them once. What a config changes is applied to a copy (applyRuleSettings).
 */
async function compiledCriteria(data: SetupData): Promise<CriteriaSet> {
  const [source, ...others] = data.sources;
  const builtin = source?.origin === BUILTIN_CRITERIA_ORIGIN && others.length === 0 ? source : undefined;
  const kept = builtin && compiledBuiltin.get(builtin);
  if (kept && kept.schemas === data.schemas) return kept.criteria;
  const criteria = await compileSources(data);
  if (builtin) compiledBuiltin.set(builtin, { schemas: data.schemas, criteria });
  return criteria;
}
const compiledBuiltin = new WeakMap<CriteriaSource, { schemas: SchemaBundle; criteria: CriteriaSet }>();

/** The files the setup was read from (the config, and the criteria files besides the built-in ones), which nothing may overwrite. */
export function setupFiles(setup: Setup): NamedFile[] {
  const criteria = [...new Set(setup.criteria.criteria.map((criterion) => criterion.origin))].filter((origin) => origin !== BUILTIN_CRITERIA_ORIGIN);
  return [...(setup.config ? [{ role: 'the config file', path: setup.config.origin }] : []), ...criteria.map((path) => ({ role: 'the criteria file', path }))];
}
