// Markdown for a CI step summary or a pull request: a table of every charter, its verdict before
// its score, then for each charter what holds it back and its gaps.
import type { CheckedCharter, Finding, RunReport } from '../core/report.js';
import { ruleDocsUrl } from './links.js';
import { formatDelta } from './delta.js';
import { CHARTERS, wholeDocument } from './parts.js';
import { summaryText } from './run-summary.js';
import { escapeHtml } from './text.js';
import type { StreamingFormatterFactory } from './types.js';
import { blockerName, scoreNote, verdictLine, verdictOf, type Verdict } from './verdict.js';

export function formatMarkdown(run: RunReport): string {
  return wholeDocument(streamMarkdown(run, { color: false }), run);
}

const ROWS_WITH_CHANGE = { section: 'rows with change' };
const GAPS = { section: 'gaps' };

/**
 * The same document a charter at a time. Each charter gives its table row twice, without and with
 * the Change column (shown when any charter has a baseline, which is known only at the end), and
 * its gaps for the section after the table.
 */
export const streamMarkdown: StreamingFormatterFactory = (head) => ({
  live: false,
  separator: '',
  charter: (report) => {
    const verdict = verdictOf(report, head.policy);
    return {
      text: `\n${row(report, verdict, false)}`,
      sections: { [ROWS_WITH_CHANGE.section]: `\n${row(report, verdict, true)}`, [GAPS.section]: `${blockers(report, verdict)}${gaps(report)}` },
      extra: Boolean(report.baseline),
    };
  },
  fold: (kept, withBaseline) => kept === true || withBaseline === true,
  envelope(run, written) {
    const withBaseline = written.kept === true;
    const head = [
      '## partner-check readiness',
      '',
      `${summaryText(run)} Pass mark: ${run.policy.minScore}.`,
      '',
      `| Charter | Title | Verdict | Score |${withBaseline ? ' Change |' : ''} Errors | Warnings |`,
      `| --- | --- | --- | ---: |${withBaseline ? ' ---: |' : ''} ---: | ---: |`,
    ].join('\n');
    const unread = run.failures.map((failure) => `\n| ${cell(failure.file)} | | ⚠️ ${cell(failure.message)} | |${withBaseline ? ' |' : ''} | |`).join('');
    const nothing = run.summary.charters === 0 && run.summary.failures === 0 ? '\n\nNo charters were checked.' : '';
    return [head, withBaseline ? ROWS_WITH_CHANGE : CHARTERS, unread, GAPS, `${nothing}\n`];
  },
});

/** A charter's row: its verdict (with what holds it back, by id) before its score. */
function row(report: CheckedCharter, verdict: Verdict, withBaseline: boolean): string {
  const change = withBaseline ? ` ${report.baseline ? formatDelta(report.baseline.delta) : 'new'} |` : '';
  const note = scoreNote(verdict);
  return `| ${cell(report.file)} | ${cell(report.title ?? '')} | ${report.passed ? '✅' : '❌'} ${cell(verdictLine(verdict, { names: true }))} | ${report.score}${note ? ` (${note})` : ''} |${change} ${report.counts.errors} | ${report.counts.warnings} |`;
}

/** What holds the charter back, each named with its title and line, before its gaps; nothing when nothing does. */
function blockers(report: CheckedCharter, verdict: Verdict): string {
  if (verdict.blockers.length === 0) return '';
  const items = verdict.blockers.map((blocker) => `- ${blocker.kind} **${cell(blockerName(blocker))}** ${cell(blocker.title)}${blocker.line === undefined ? '' : ` (line ${blocker.line})`}`);
  return `\n\n**${cell(report.file)}: ${cell(verdictLine(verdict, { names: false }))}**\n\n${items.join('\n')}`;
}

/**
 * The charter's gaps in a folded table, a row per criterion with its advice once (gate gaps come
 * first in the findings, and say so); nothing when it has none.
 */
function gaps(report: CheckedCharter): string {
  if (report.findings.length === 0) return '';
  const byCriterion = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const same = byCriterion.get(finding.ruleId);
    if (same) same.push(finding);
    else byCriterion.set(finding.ruleId, [finding]);
  }
  const rows = [...byCriterion.values()].map((findings) => {
    const first = findings[0]!;
    const missing = findings.length === 1 ? cell(first.message) : findings.map((finding) => `${cell(finding.message)} (line ${finding.line})`).join('<br>');
    return `| ${cell(`${report.file}:${first.line}:${first.column}`)} | ${first.gate ? '**gate**' : first.severity} | [${first.ruleId}](${ruleDocsUrl(first.ruleId)}) | ${missing} | ${cell(first.advice)} |`;
  });
  const lines = [
    '',
    `<details><summary>${escapeHtml(report.file)}: ${report.findings.length} ${report.findings.length === 1 ? 'gap' : 'gaps'} in ${rows.length} ${rows.length === 1 ? 'criterion' : 'criteria'}</summary>`,
    '',
    '| Where | Severity | Criterion | What is missing | How to close it |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '</details>',
  ];
  return `\n${lines.join('\n')}`;
}

/** Text safe inside a table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
