// The paraphrase suites of test/criteria/<ID>/paraphrases.yaml, read and checked: each case edits an
// example charter (scripts/charter-edits.mjs); a sound case must leave its criterion holding, an
// unsound one must fail it at every line marked `# expect ID` (a summary gap at a parent may come too).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkCharter } from '../src/core/check.js';
import type { CriteriaSet } from '../src/core/criteria.js';
// @ts-expect-error: a plain JavaScript module shared with the fixture script
import { applyEdits, BASES } from '../scripts/charter-edits.mjs';

export interface ParaphraseCase {
  id: string;
  kind: 'sound' | 'unsound';
  about: string;
  base: string;
  text: string;
}

export interface ParaphraseOutcome {
  /** Whether the criterion decided as the case says it should. */
  ok: boolean;
  /** What went wrong, for the test's message. */
  detail: string;
}

export function paraphraseCases(root: string): ParaphraseCase[] {
  const folder = join(root, 'test/criteria');
  const cases: ParaphraseCase[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue;
    const id = entry.name;
    // paraphrases.yaml, and later rounds written by other hands (paraphrases-2.yaml...).
    const suites = readdirSync(join(folder, id)).filter((file) => /^paraphrases(-\d+)?\.yaml$/.test(file)).sort();
    for (const name of suites) cases.push(...suiteCases(root, id, join(folder, id, name)));
  }
  return cases;
}

function suiteCases(root: string, id: string, file: string): ParaphraseCase[] {
  const suite = parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { base?: string; sound?: Edit[]; unsound?: Edit[] };
  const round = /paraphrases-(\d+)/.exec(file)?.[1];
  return (['sound', 'unsound'] as const).flatMap((kind) =>
    (suite[kind] ?? []).map((edit, index) => {
      const base = edit.base ?? suite.base ?? 'copd';
      const label = `${kind} ${index + 1}${round ? ` (round ${round})` : ''}`;
      const lines = applyEdits(readFileSync(join(root, (BASES as Record<string, string>)[base]!), 'utf8'), edit, id, label) as string[];
      return { id, kind, about: edit.about ?? label, base, text: lines.join('\n') };
    }),
  );
}

interface Edit {
  about?: string;
  base?: string;
}

export function judgeParaphrase(testCase: ParaphraseCase, criteria: CriteriaSet, today: string): ParaphraseOutcome {
  const result = checkCharter(testCase.text, criterionAlone(criteria, testCase.id), `${testCase.id}.yaml`, { today });
  if (!result.ok) return { ok: false, detail: `not a charter: ${result.problem.message}` };
  const { report } = result;
  const criterion = report.criteria.find((entry) => entry.id === testCase.id);
  const findings = report.findings.filter((finding) => finding.ruleId === testCase.id);
  const said = findings.map((finding) => `${finding.line}: ${finding.message}`).join('\n    ');
  if (testCase.kind === 'sound') {
    const holds = criterion === undefined || ['pass', 'waived', 'not-applicable'].includes(criterion.status);
    return { ok: holds && findings.length === 0, detail: `${testCase.id} is ${criterion?.status}:\n    ${said}` };
  }
  const marked = testCase.text.split('\n').flatMap((line, index) => (new RegExp(`# expect ${testCase.id}(\\s|$)`).test(line) ? [index + 1] : []));
  const reported = new Set(findings.map((finding) => finding.line));
  const missing = marked.filter((line) => !reported.has(line));
  const stray = [...reported].filter((line) => !marked.includes(line));
  const failed = criterion !== undefined && ['fail', 'partial'].includes(criterion.status);
  return {
    ok: failed && marked.length > 0 && missing.length === 0,
    detail: `${testCase.id} is ${criterion?.status}; marked ${marked.join(', ')}; missing ${missing.join(', ') || 'none'}; reported elsewhere ${stray.join(', ') || 'none'}\n    ${said}`,
  };
}

/**
 * The set with the case's criterion alone to evaluate. A criterion is decided from the charter, not
 * from the other criteria's results (a waiver still finds any criterion by id), so its status and
 * findings are the same; the other hundred cost nine-tenths of the time.
 */
function criterionAlone(criteria: CriteriaSet, id: string): CriteriaSet {
  let byId = alone.get(criteria);
  if (!byId) alone.set(criteria, (byId = new Map()));
  let set = byId.get(id);
  if (!set) byId.set(id, (set = { ...criteria, criteria: criteria.criteria.filter((criterion) => criterion.id === id) }));
  return set;
}
const alone = new WeakMap<CriteriaSet, Map<string, CriteriaSet>>();
