// One folder per criterion under test/criteria/: charters that must pass it and charters that must
// fail it, each failure marked `# expect ID` on the line where it must be reported. Run in-process.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCharter } from '../src/core/check.js';
import type { CharterReport } from '../src/core/report.js';
import { verdictOf } from '../src/core/verdict.js';
import { describeRules } from '../src/core/rules.js';
import { builtinCriteriaSet } from './builtin-criteria.js';
import { ROOT } from './helpers.js';

const criteria = builtinCriteriaSet;
const FOLDER = join(ROOT, 'test/criteria');
const folders = readdirSync(FOLDER, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const TODAY = new Date().toISOString().slice(0, 10);

function check(file: string): { text: string; report: CharterReport } {
  const text = readFileSync(file, 'utf8');
  const result = checkCharter(text, criteria, file, { today: TODAY });
  if (!result.ok) throw new Error(`${file}: ${result.problem.message}`);
  return { text, report: result.report };
}

/** Line numbers marked `# expect ID` in the charter's text. */
function markedLines(text: string, id: string): number[] {
  return text.split('\n').flatMap((line, index) => (new RegExp(`# expect ${id}(\\s|$)`).test(line) ? [index + 1] : []));
}

describe.each(folders)('%s', (id) => {
  const files = readdirSync(join(FOLDER, id)).filter((name) => /^(pass|fail)-.*\.yaml$/.test(name));

  it.each(files)('%s', (name) => {
    const { text, report } = check(join(FOLDER, id, name));
    const verdict = /^# verdict: (pass|fail)$/m.exec(text)?.[1];
    expect(verdictOf(report, { minScore: 70 }).passed, 'the charter as a whole').toBe(verdict === 'pass');
    if (report.band === 'ready') expect(verdictOf(report, { minScore: 70 }).passed, 'a Ready charter passes').toBe(true);

    const result = report.criteria.find((criterion) => criterion.id === id);
    const findings = report.findings.filter((finding) => finding.ruleId === id);
    if (name.startsWith('pass')) {
      if (result) expect(['pass', 'waived', 'not-applicable']).toContain(result.status);
      expect(findings).toEqual([]);
      return;
    }
    if (result) expect(['fail', 'partial']).toContain(result.status);
    // Every other criterion marked in the file is reported where marked, too.
    const ids = new Set([id, ...[...text.matchAll(/# expect (\S+)/g)].map((match) => match[1]!)]);
    for (const expected of ids) {
      const lines = markedLines(text, expected);
      expect(lines.length, `${expected} is marked somewhere`).toBeGreaterThan(0);
      const reported = report.findings.filter((finding) => finding.ruleId === expected).map((finding) => finding.line);
      for (const line of lines) expect(reported, `${expected} at line ${line}`).toContain(line);
      if (expected === id) for (const line of reported) expect(lines, `${expected} reported at unmarked line ${line}`).toContain(line);
    }
    if (result?.gate) {
      expect(report.band).toBe('not-ready');
      expect(report.gates.find((gate) => gate.id === id)).toMatchObject({ status: 'fail' });
      expect(report.findings[0]!.gate).toBe(true);
    }
  });
});

describe('the criteria folders', () => {
  it('cover every rule, each with a charter that fails it and one that passes it', () => {
    for (const rule of describeRules(criteria)) {
      const files = folders.includes(rule.id) ? readdirSync(join(FOLDER, rule.id)) : [];
      expect(files.some((name) => name.startsWith('fail')), `${rule.id} has a failing charter`).toBe(true);
      expect(files.some((name) => name.startsWith('pass')), `${rule.id} has a passing charter`).toBe(true);
    }
  });
});
