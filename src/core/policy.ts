// The run's policy, worked out once: a flag wins over the config, and the config over the defaults.
import type { FailOn, Policy } from './report.js';

export const DEFAULT_MIN_SCORE = 70;

/** What a flag or a config may set of the policy. */
export interface PolicySettings {
  minScore?: number;
  failOn?: FailOn;
  maxWarnings?: number;
}

export function resolvePolicy(flags: PolicySettings, config: PolicySettings = {}): Policy {
  const failOn = flags.failOn ?? config.failOn;
  const maxWarnings = flags.maxWarnings ?? config.maxWarnings;
  return {
    minScore: flags.minScore ?? config.minScore ?? DEFAULT_MIN_SCORE,
    ...(failOn === undefined ? {} : { failOn }),
    ...(maxWarnings === undefined ? {} : { maxWarnings }),
  };
}
