// Charter data + criteria → per-criterion results and located findings. Pure.
import type { ErrorObject } from 'ajv';
import { WEIGHT_SEVERITY, type CriteriaSet, type Criterion } from './criteria.js';
import { joinPointer, type ParsedYaml } from './parse.js';
import type { CriterionResult, Finding, Waiver } from './report.js';
import { STRUCTURE_RULES, describeSchemaError } from './structure.js';

export const WAIVER_REASONS = ['not-applicable', 'accepted-risk', 'planned', 'other'] as const;

export interface Evaluation {
  results: CriterionResult[];
  findings: Finding[];
}

export function evaluateCharter(parsed: ParsedYaml, set: CriteriaSet): Evaluation {
  const { data } = parsed;
  const findings: Finding[] = [...structureFindings(parsed, set)];
  const waivers = readWaivers(parsed, set, findings);
  const results = set.criteria.map((criterion) => {
    const waiver = waivers.get(criterion.id);
    if (waiver) return result(criterion, 'waived', 0, 0, waiver);
    if (criterion.appliesWhen && !criterion.appliesWhen(data)) return result(criterion, 'not-applicable', 0, criterion.compiledChecks.length);

    let passed = 0;
    for (const check of criterion.compiledChecks) {
      if (check.validate(data)) {
        passed += 1;
        continue;
      }
      for (const pointer of gapPointers(check.validate.errors ?? [], check.pointer)) {
        findings.push({
          ruleId: criterion.id,
          area: criterion.area,
          severity: criterion.severity ?? WEIGHT_SEVERITY[criterion.weight],
          weight: criterion.weight,
          title: criterion.title,
          message: check.message,
          advice: criterion.advice,
          source: criterion.source,
          pointer,
          ...parsed.locate(pointer),
        });
      }
    }
    const total = criterion.compiledChecks.length;
    return result(criterion, passed === total ? 'pass' : passed === 0 ? 'fail' : 'partial', passed, total);
  });
  return { results, findings };
}

function result(
  criterion: Criterion,
  status: CriterionResult['status'],
  passed: number,
  total: number,
  waiver?: Waiver,
): CriterionResult {
  const applicable = status !== 'waived' && status !== 'not-applicable';
  return {
    id: criterion.id,
    area: criterion.area,
    title: criterion.title,
    weight: criterion.weight,
    status,
    credit: applicable && total > 0 ? passed / total : null,
    checks: { passed, total: criterion.compiledChecks.length },
    ...(waiver ? { waiver } : {}),
  };
}

/** Schema errors of the charter's shape: wrong types, unknown keys, bad dates. */
function structureFindings(parsed: ParsedYaml, set: CriteriaSet): Finding[] {
  if (set.validateCharter(parsed.data)) return [];
  const rule = STRUCTURE_RULES.format;
  return outermostErrors(set.validateCharter.errors ?? []).map((error) => {
    const { pointer, message, target } = describeSchemaError(error);
    return { ...structureFinding(rule, message, pointer), ...parsed.locate(pointer, target) };
  });
}

function structureFinding(rule: (typeof STRUCTURE_RULES)[keyof typeof STRUCTURE_RULES], message: string, pointer: string) {
  return {
    ruleId: rule.id,
    area: 'structure',
    severity: 'error' as const,
    weight: null,
    title: rule.title,
    message,
    advice: rule.advice,
    source: rule.source,
    pointer,
  };
}

/** Valid waivers by criterion id; a waiver naming an unknown criterion becomes a finding. */
function readWaivers(parsed: ParsedYaml, set: CriteriaSet, findings: Finding[]): Map<string, Waiver> {
  const waivers = new Map<string, Waiver>();
  const entries = isRecord(parsed.data) ? parsed.data['waivers'] : undefined;
  if (!Array.isArray(entries)) return waivers;
  entries.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry['criterion'] !== 'string') return;
    const pointer = joinPointer(joinPointer('/waivers', index), 'criterion');
    const id = entry['criterion'];
    if (!set.byId.has(id)) {
      const rule = STRUCTURE_RULES.waiver;
      findings.push({ ...structureFinding(rule, `The waiver names ${id}, which is not a criterion.`, pointer), ...parsed.locate(pointer) });
      return;
    }
    const reason = entry['reason'];
    // A waiver without a valid reason does not count; the schema reports what is wrong with it.
    if (!WAIVER_REASONS.includes(reason as (typeof WAIVER_REASONS)[number])) return;
    const note = typeof entry['note'] === 'string' ? entry['note'] : null;
    waivers.set(id, { reason: reason as Waiver['reason'], note, ...parsed.locate(pointer) });
  });
  return waivers;
}

/**
 * Where each gap is. ajv reports the inner failures of an anyOf or contains as well as the
 * combinator itself; a reader needs only the outermost. A missing field is located at the field,
 * which the locator turns into its nearest existing parent.
 */
function gapPointers(errors: ErrorObject[], fallback: string): string[] {
  const pointers = outermostErrors(errors).map((error) =>
    error.keyword === 'required' ? joinPointer(error.instancePath, String(error.params['missingProperty'])) : error.instancePath,
  );
  return pointers.length > 0 ? [...new Set(pointers)] : [fallback];
}

function outermostErrors(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter(
    (error) => !errors.some((outer) => outer !== error && error.schemaPath.startsWith(`${outer.schemaPath}/`)),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
