// Findings, criterion results and gates name their rule by id (report version 2); the rule's
// title, area, weight, gate label, advice and source are the run's `rules`, said once. Formats
// that print them beside a result look them up here.
import type { RuleDescription } from '../core/report.js';

export type RuleWords = (ruleId: string) => RuleDescription;

/** Each of the run's rules, by id; a result of a rule the run does not describe is a broken report. */
export function ruleWords(rules: RuleDescription[]): RuleWords {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return (ruleId) => {
    const rule = byId.get(ruleId);
    if (!rule) throw new Error(`the report names rule ${ruleId}, which its rules do not describe`);
    return rule;
  };
}

/** A gate's checklist question (ABPI red 4), when its rule names one. */
export function gateLabel(words: RuleWords, ruleId: string): { label?: string } {
  const label = words(ruleId).gate?.label;
  return label ? { label } : {};
}
