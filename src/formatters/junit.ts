// JUnit XML, as CI systems show test reports: a suite per charter, a test case per criterion
// (a gap fails it, a waived or inapplicable criterion is skipped) and one for the charter's verdict.
import type { CheckedCharter, CriterionResult } from '../core/report.js';
import { bandLabel } from '../core/score.js';
import { failedGatesText } from './text.js';
import { gateLabel, ruleWords, type RuleWords } from './rule-words.js';
import type { Formatter } from './types.js';

/** The test counts at its head are added up from the charters first, so they are read twice. */
export const formatJunit: Formatter = async function* (run) {
  const envelope = await run.envelope;
  let tests = 0;
  let failures = 0;
  for await (const report of run.charters) {
    tests += report.criteria.length + 1;
    failures += failedCount(report);
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="partner-check" tests="${tests + envelope.failures.length}" failures="${failures}" errors="${envelope.failures.length}">\n`;
  const words = ruleWords(run.head.rules);
  for await (const report of run.charters) yield charterSuite(report, words);
  const unread = envelope.failures.map((failure) =>
    suite(failure.file, [testCase(failure.file, 'read the charter', `<error message="${xml(failure.message)}">${xml(failure.message)}</error>`)], { failures: 0, errors: 1, skipped: 0 }),
  );
  yield `${unread.join('')}</testsuites>\n`;
};

function charterSuite(report: CheckedCharter, words: RuleWords): string {
  const cases = [
    testCase(report.file, 'readiness reaches the pass mark', report.passed ? '' : `<failure message="${xml(`${report.score}/100, ${bandLabel(report.band)}`)}">${xml(verdictText(report, words))}</failure>`),
    // Failed gates first: the charter cannot pass while they fail.
    ...[...report.criteria].sort((a, b) => Number(isFailedGate(b)) - Number(isFailedGate(a))).map((criterion) => {
      const rule = words(criterion.id);
      const name = `${criterion.id} ${rule.title}`;
      if (criterion.status === 'waived' || criterion.status === 'not-applicable') {
        return testCase(report.file, name, `<skipped message="${xml(criterion.status === 'waived' ? `waived: ${criterion.waiver?.reason ?? ''} ${criterion.waiver?.note ?? ''}`.trim() : 'does not apply')}"/>`);
      }
      if (criterion.status === 'pass') return testCase(report.file, name, '');
      const gaps = report.findings.filter((finding) => finding.ruleId === criterion.id);
      const detail = gaps.map((gap) => `${report.file}:${gap.line}:${gap.column} ${gap.message} → ${words(gap.ruleId).advice}`).join('\n');
      return testCase(report.file, name, `<failure message="${xml(gaps[0]?.message ?? rule.title)}" type="${criterion.gate ? 'gate' : rule.weight}">${xml(detail)}</failure>`);
    }),
  ];
  const skipped = report.criteria.filter((criterion) => criterion.status === 'waived' || criterion.status === 'not-applicable').length;
  return suite(report.file, cases, { failures: failedCount(report), errors: 0, skipped });
}

function failedCount(report: CheckedCharter): number {
  return report.criteria.filter((criterion) => criterion.status === 'fail' || criterion.status === 'partial').length + (report.passed ? 0 : 1);
}

function isFailedGate(criterion: CriterionResult): boolean {
  return criterion.gate && (criterion.status === 'fail' || criterion.status === 'partial');
}

function verdictText(report: CheckedCharter, words: RuleWords): string {
  const gates = failedGatesText(report.gates, (id) => gateLabel(words, id));
  const critical = report.criticalGaps.length > 0 ? `; critical gaps: ${report.criticalGaps.join(', ')}` : '';
  return `${report.file} scores ${report.score}/100 (${bandLabel(report.band)})${gates ? `; ${gates}` : ''}${critical}`;
}

function suite(name: string, cases: string[], counts: { failures: number; errors: number; skipped: number }): string {
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">\n${cases.join('')}  </testsuite>\n`;
}

function testCase(classname: string, name: string, body: string): string {
  return body === ''
    ? `    <testcase classname="${xml(classname)}" name="${xml(name)}"/>\n`
    : `    <testcase classname="${xml(classname)}" name="${xml(name)}">${body}</testcase>\n`;
}

/** Escapes text for XML and drops characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    // A lone half of a surrogate pair is not a character XML allows either.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
