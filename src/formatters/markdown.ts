// Markdown for a CI step summary or a pull request: a table of every charter, then the gaps.
import { failedGates, type CheckedCharter, type RunReport } from '../core/report.js';
import { bandLabel } from '../core/score.js';
import { ruleDocsUrl } from './links.js';
import { formatDelta } from './delta.js';
import { CHARTERS, wholeDocument } from './parts.js';
import { summaryText } from './run-summary.js';
import { escapeHtml, failedGatesText } from './text.js';
import type { StreamingFormatterFactory } from './types.js';

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
export const streamMarkdown: StreamingFormatterFactory = () => ({
  live: false,
  separator: '',
  charter: (report) => ({
    text: `\n${row(report, false)}`,
    sections: { [ROWS_WITH_CHANGE.section]: `\n${row(report, true)}`, [GAPS.section]: gaps(report) },
    extra: Boolean(report.baseline),
  }),
  fold: (kept, withBaseline) => kept === true || withBaseline === true,
  envelope(run, written) {
    const withBaseline = written.kept === true;
    const head = [
      '## partner-check readiness',
      '',
      `${summaryText(run)} Pass mark: ${run.policy.minScore}.`,
      '',
      `| Charter | Title | Score |${withBaseline ? ' Change |' : ''} Band | Errors | Warnings | Result |`,
      `| --- | --- | ---: |${withBaseline ? ' ---: |' : ''} --- | ---: | ---: | --- |`,
    ].join('\n');
    const unread = run.failures.map((failure) => `\n| ${cell(failure.file)} | | |${withBaseline ? ' |' : ''} | | | ⚠️ ${cell(failure.message)} |`).join('');
    const nothing = run.summary.charters === 0 && run.summary.failures === 0 ? '\n\nNo charters were checked.' : '';
    return [head, withBaseline ? ROWS_WITH_CHANGE : CHARTERS, unread, GAPS, `${nothing}\n`];
  },
});

function row(report: CheckedCharter, withBaseline: boolean): string {
  const change = withBaseline ? ` ${report.baseline ? formatDelta(report.baseline.delta) : 'new'} |` : '';
  const result = report.passed ? '✅ pass' : `❌ fail${failedGates(report).length > 0 ? ` (${cell(failedGatesText(report.gates))})` : ''}`;
  return `| ${cell(report.file)} | ${cell(report.title ?? '')} | ${report.score} |${change} ${bandLabel(report.band)} | ${report.counts.errors} | ${report.counts.warnings} | ${result} |`;
}

/** The charter's gaps in a folded table (gate gaps come first in the findings, and say so); nothing when it has none. */
function gaps(report: CheckedCharter): string {
  if (report.findings.length === 0) return '';
  const lines = [
    '',
    `<details><summary>${escapeHtml(report.file)}: ${report.findings.length} gaps</summary>`,
    '',
    '| Where | Severity | Criterion | What is missing | How to close it |',
    '| --- | --- | --- | --- | --- |',
    ...report.findings.map(
      (finding) =>
        `| ${cell(`${report.file}:${finding.line}:${finding.column}`)} | ${finding.gate ? '**gate**' : finding.severity} | [${finding.ruleId}](${ruleDocsUrl(finding.ruleId)}) | ${cell(finding.message)} | ${cell(finding.advice)} |`,
    ),
    '',
    '</details>',
  ];
  return `\n${lines.join('\n')}`;
}

/** Text safe inside a table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
