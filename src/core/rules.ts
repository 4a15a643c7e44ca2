// Every rule a finding can name, described once for formats that list rules (SARIF, explain).
import { WEIGHT_SEVERITY, type CriteriaSet } from './criteria.js';
import type { RuleDescription } from './report.js';
import { STRUCTURE_RULES } from './structure.js';

export function describeRules(set: CriteriaSet): RuleDescription[] {
  const criteria = set.criteria.map((criterion) => ({
    id: criterion.id,
    area: criterion.area,
    title: criterion.title,
    weight: criterion.weight,
    severity: criterion.severity ?? WEIGHT_SEVERITY[criterion.weight],
    advice: criterion.advice,
    source: criterion.source,
  }));
  const structure = Object.values(STRUCTURE_RULES).map((rule) => ({ ...rule, area: 'structure', weight: null, severity: 'error' as const }));
  return [...criteria, ...structure];
}
