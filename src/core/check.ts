// The core's entry point: charter text + compiled criteria → a report, or the input problem
// that stopped it. No I/O: the caller reads the file and prints the result.
import type { CriteriaSet } from './criteria.js';
import { evaluateCharter } from './evaluate.js';
import { parseYaml, type InputProblem } from './parse.js';
import { countFindings, type CharterReport } from './report.js';
import { bandFor, scoreAreas, weightedScore } from './score.js';

export type CheckResult = { ok: true; report: CharterReport } | { ok: false; problem: InputProblem };

export function checkCharter(text: string, set: CriteriaSet, file: string): CheckResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const { data } = parsed.value;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const found = data === null ? 'nothing' : Array.isArray(data) ? 'a list' : `a single ${typeof data} value`;
    const at = parsed.value.locate('');
    return { ok: false, problem: { message: `a charter is a YAML mapping (key: value lines), but this file holds ${found}`, ...at } };
  }

  const { results, findings } = evaluateCharter(parsed.value, set);
  const score = weightedScore(results) ?? 0;
  const title = (data as Record<string, unknown>)['title'];
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    ok: true,
    report: {
      file,
      title: typeof title === 'string' ? title : null,
      score,
      band: bandFor(score),
      areas: scoreAreas(results, set.areas),
      criteria: results,
      findings,
      counts: countFindings(findings),
      criticalGaps: results
        .filter((result) => result.weight === 'critical' && (result.status === 'fail' || result.status === 'partial'))
        .map((result) => result.id),
    },
  };
}
