// The one rule list: every criterion (with its gate) and every structure check, described once.
// Evaluation reads the criteria it is built from; explain, criteria, docs/criteria.md, SARIF and
// the JSON report print it.
import { WEIGHT_SEVERITY, type CriteriaSet, type Criterion } from './criteria.js';
import type { RuleDescription } from './report.js';
import { STRUCTURE_RULES } from './structure.js';

export function describeRules(set: CriteriaSet): RuleDescription[] {
  const structure = Object.values(STRUCTURE_RULES).map(
    (rule): RuleDescription => ({
      id: rule.id,
      area: 'structure',
      title: rule.title,
      weight: null,
      severity: 'error',
      advice: rule.advice,
      source: rule.source,
      gate: null,
      conditional: false,
      checks: [],
      origin: 'structure',
    }),
  );
  return [...set.criteria.map(describeCriterion), ...structure];
}

export function describeCriterion(criterion: Criterion): RuleDescription {
  const gate = criterion.compiledGate;
  return {
    id: criterion.id,
    area: criterion.area,
    title: criterion.title,
    weight: criterion.weight,
    severity: criterion.severity ?? WEIGHT_SEVERITY[criterion.weight],
    advice: criterion.advice,
    source: criterion.source,
    gate: gate
      ? { ...(gate.label ? { label: gate.label } : {}), ...(gate.waivable ? { waivable: gate.waivable } : {}), conditional: gate.appliesWhen !== null }
      : null,
    conditional: criterion.appliesWhen !== null,
    checks: criterion.checks.map((check) => check.message),
    origin: criterion.origin,
  };
}
