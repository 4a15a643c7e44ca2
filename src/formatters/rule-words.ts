// A finding names its rule by id (report version 2); its title, advice and source are the run's
// `rules`, said once. Formats that print them beside a finding look them up here.
import type { RuleDescription } from '../core/report.js';

export type RuleWords = (ruleId: string) => Pick<RuleDescription, 'title' | 'advice' | 'source'>;

/** The words of each of the run's rules, by id; a finding of a rule the run does not describe is a broken report. */
export function ruleWords(rules: RuleDescription[]): RuleWords {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return (ruleId) => {
    const rule = byId.get(ruleId);
    if (!rule) throw new Error(`a finding names rule ${ruleId}, which the report's rules do not describe`);
    return rule;
  };
}
