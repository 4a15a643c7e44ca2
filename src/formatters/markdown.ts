// Markdown for a CI step summary or a pull request: a table of every charter, then the gaps.
import { failedGates, type RunReport } from '../core/report.js';
import { bandLabel } from '../core/score.js';
import { ruleDocsUrl } from './links.js';
import { formatDelta } from './delta.js';
import { summaryText } from './run-summary.js';
import { escapeHtml, failedGatesText } from './text.js';

export function formatMarkdown(run: RunReport): string {
  const { summary } = run;
  const withBaseline = run.charters.some((report) => report.baseline);
  const lines = [
    '## partner-check readiness',
    '',
    `${summaryText(run)} Pass mark: ${run.policy.minScore}.`,
    '',
    `| Charter | Title | Score |${withBaseline ? ' Change |' : ''} Band | Errors | Warnings | Result |`,
    `| --- | --- | ---: |${withBaseline ? ' ---: |' : ''} --- | ---: | ---: | --- |`,
    ...run.charters.map(
      (report) =>
        `| ${cell(report.file)} | ${cell(report.title ?? '')} | ${report.score} |${withBaseline ? ` ${report.baseline ? formatDelta(report.baseline.delta) : 'new'} |` : ''} ${bandLabel(report.band)} | ${report.counts.errors} | ${report.counts.warnings} | ${report.passed ? '✅ pass' : `❌ fail${failedGates(report).length > 0 ? ` (${cell(failedGatesText(report.gates))})` : ''}`} |`,
    ),
    ...run.failures.map((failure) => `| ${cell(failure.file)} | | |${withBaseline ? ' |' : ''} | | | ⚠️ ${cell(failure.message)} |`),
  ];
  for (const report of run.charters.filter((charter) => charter.findings.length > 0)) {
    lines.push('', `<details><summary>${escapeHtml(report.file)}: ${report.findings.length} gaps</summary>`, '');
    lines.push('| Where | Severity | Criterion | What is missing | How to close it |', '| --- | --- | --- | --- | --- |');
    // Gate gaps come first in the findings, and say so.
    for (const finding of report.findings) {
      lines.push(
        `| ${cell(`${report.file}:${finding.line}:${finding.column}`)} | ${finding.gate ? '**gate**' : finding.severity} | [${finding.ruleId}](${ruleDocsUrl(finding.ruleId)}) | ${cell(finding.message)} | ${cell(finding.advice)} |`,
      );
    }
    lines.push('', '</details>');
  }
  if (summary.charters === 0 && summary.failures === 0) lines.push('', 'No charters were checked.');
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

