// partner-check.config.yaml: validated like any data file, then applied to the criteria set.
import type { ValidateFunction } from 'ajv';
import type { CriteriaSet, Severity, Weight } from './criteria.js';
import { parseDataFile } from './data-file.js';
import { InputError, type InputProblem } from './problem.js';
import type { Position } from './parse.js';
import type { FailOn } from './report.js';

export type RuleSetting = 'off' | { weight?: Weight; severity?: Severity };

export interface Config {
  minScore?: number;
  failOn?: FailOn;
  maxWarnings?: number;
  criteria: string[];
  rules: Record<string, RuleSetting>;
  ignore: string[];
}

export interface LoadedConfig {
  origin: string;
  config: Config;
  /** Where a rule setting is, so a setting for an unknown criterion can be reported there. */
  locateRule(id: string): Position;
}

/** `schema` is the one `validate` was compiled from, to suggest the key a typo meant. */
export function parseConfig(text: string, origin: string, validate: ValidateFunction, schema?: object): LoadedConfig {
  const parsed = parseDataFile(text, origin, validate, 'config file', schema);
  const raw = parsed.data as Partial<Config>;
  const config: Config = { ...raw, criteria: raw.criteria ?? [], rules: raw.rules ?? {}, ignore: raw.ignore ?? [] };
  return { origin, config, locateRule: (id) => parsed.locate(`/rules/${id}`, 'key') };
}

/** Turns criteria off and overrides weights and severities; an unknown id is an error (each one named). */
export function applyRuleSettings(set: CriteriaSet, loaded: LoadedConfig): CriteriaSet {
  const { rules } = loaded.config;
  const [first, ...rest] = Object.keys(rules)
    .filter((id) => !set.byId.has(id))
    .map((id): InputProblem => ({ code: 'content', file: loaded.origin, message: `rules: ${id} is not a criterion (see partner-check criteria)`, ...loaded.locateRule(id) }));
  if (first) throw new InputError(first, ...rest);
  const criteria = set.criteria
    .filter((criterion) => rules[criterion.id] !== 'off')
    .map((criterion) => {
      const setting = rules[criterion.id];
      return setting && setting !== 'off' ? { ...criterion, ...setting } : criterion;
    });
  // Criteria turned off stay known, so that a waiver naming one is not reported as unknown.
  const byId = new Map(set.byId);
  for (const criterion of criteria) byId.set(criterion.id, criterion);
  return { ...set, criteria, byId };
}
