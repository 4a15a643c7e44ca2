// What every command needs before it starts: the config (if any) and the criteria it yields.
import { applyRuleSettings, type LoadedConfig } from '../core/config.js';
import { compileCriteria, type CriteriaSet } from '../core/criteria.js';
import { builtinCriteria, loadPrecompiled, loadSchemas } from '../io/builtin.js';
import { configCriteriaSources, findConfigFile, loadConfigFile } from '../io/config-file.js';

export interface Setup {
  config: LoadedConfig | null;
  criteria: CriteriaSet;
}

/** Reads `-c FILE`, or the nearest partner-check.config.yaml; throws SetupError on a bad one. */
export async function loadSetup(configPath: string | undefined, cwd: string): Promise<Setup> {
  const path = configPath ?? findConfigFile(cwd);
  const config = path ? loadConfigFile(path) : null;
  const sources = [builtinCriteria(), ...(config ? configCriteriaSources(config) : [])];
  const compiled = compileCriteria(sources, loadSchemas(), await loadPrecompiled());
  return { config, criteria: config ? applyRuleSettings(compiled, config) : compiled };
}
