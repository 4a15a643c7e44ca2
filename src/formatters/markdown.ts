// Markdown for a CI step summary or a pull request: a table of every charter, its verdict before
// its score, then for each charter what holds it back and its gaps.
import type { CheckedCharter, Finding } from '../core/report.js';
import { ruleDocsUrl } from './links.js';
import { formatDelta } from './delta.js';
import { summaryText } from './run-summary.js';
import { escapeHtml } from './text.js';
import { markdownText } from './markdown-text.js';
import { ruleWords, type RuleWords } from './rule-words.js';
import type { FormatOptions, Formatter } from './types.js';
import { blockerName, scoreNote, verdictLine, verdictWords, type VerdictWords } from './verdict.js';

/**
 * A table of every charter, then what holds each back and its gaps. The table has a Change column
 * when any charter has a baseline, so the charters are read three times: for that, the rows, the gaps.
 * With a limit (GitHub's step summary), the text stops at the first row or charter's gaps that
 * would pass it, and ends saying how many charters it left out and where the whole report is.
 */
export const formatMarkdown: Formatter = async function* (run, options) {
  const envelope = await run.envelope;
  const budget = new Budget(options.limit, envelope.summary.charters + envelope.summary.failures);
  let withBaseline = false;
  for await (const report of run.charters) withBaseline ||= Boolean(report.baseline);
  const head = [
    '## partner-check readiness',
    '',
    `${summaryText(envelope)} Pass mark: ${envelope.policy.minScore}.`,
    '',
    `| Charter | Title | Verdict | Score |${withBaseline ? ' Change |' : ''} Errors | Warnings |`,
    `| --- | --- | --- | ---: |${withBaseline ? ' ---: |' : ''} ---: | ---: |`,
  ].join('\n');
  if (!budget.fits(head)) return;
  yield head;
  const words = ruleWords(run.head.rules);
  let rows = 0;
  for await (const report of run.charters) {
    const text = `\n${row(report, verdictWords(report, envelope.policy, words), withBaseline)}`;
    if (budget.fits(text)) rows += 1;
    if (!budget.cut) yield text;
  }
  const failures = envelope.failures.map((failure) => `\n| ${cell(failure.file)} | | ⚠️ ${cell(failure.message)} | |${withBaseline ? ' |' : ''} | |`).join('');
  if (budget.fits(failures)) yield failures;
  let detailed = 0;
  for await (const report of run.charters) {
    const text = `${blockers(report, verdictWords(report, envelope.policy, words))}${gaps(report, words)}${notes(report)}`;
    if (budget.fits(text)) detailed += 1;
    if (!budget.cut) yield text;
  }
  const nothing = envelope.summary.charters === 0 && envelope.summary.failures === 0 ? '\n\nNo charters were checked.' : '';
  if (budget.fits(nothing)) yield `${nothing}\n`;
  else yield budget.closing(envelope.summary.charters, rows, detailed);
};

/**
 * The bytes a limited text may still take, keeping room for the line that closes it when it is
 * cut short. Once one piece does not fit, none after it does: the text is a prefix of the report.
 */
class Budget {
  private left: number;
  cut = false;

  constructor(
    private readonly limit: FormatOptions['limit'],
    charters: number,
  ) {
    // Room for the closing line at its longest: every charter left out.
    this.left = limit ? limit.bytes - Buffer.byteLength(this.closing(charters, 0, 0)) : Infinity;
  }

  fits(text: string): boolean {
    if (this.cut) return false;
    const bytes = Buffer.byteLength(text);
    if (bytes > this.left) this.cut = true;
    else this.left -= bytes;
    return !this.cut;
  }

  /** Says what was left out: the gaps of the charters after the last shown, and the rows after the last that fitted. */
  closing(charters: number, rows: number, detailed: number): string {
    const rowsLeft = charters - rows;
    const what = `${charters - detailed} of ${charters} ${charters === 1 ? "charter's gaps" : "charters' gaps"}${rowsLeft > 0 ? ` and ${rowsLeft} of their rows in the table` : ''}`;
    return `\n\n**Cut short to fit GitHub's limit on a step summary (1 MiB):** the ${what} are left out. The full report is in ${cell(this.limit!.fullReport)}.\n`;
  }
}

/** A charter's row: its verdict (with what holds it back, by id) before its score. */
function row(report: CheckedCharter, verdict: VerdictWords, withBaseline: boolean): string {
  const change = withBaseline ? ` ${report.baseline ? formatDelta(report.baseline.delta) : 'new'} |` : '';
  const note = scoreNote(verdict);
  return `| ${cell(report.file)} | ${cell(report.title ?? '')} | ${report.passed ? '✅' : '❌'} ${cell(verdictLine(verdict, { names: true }))} | ${report.score}${note ? ` (${note})` : ''} |${change} ${report.counts.errors} | ${report.counts.warnings} |`;
}

/** What holds the charter back, each named with its title and line, before its gaps; nothing when nothing does. */
function blockers(report: CheckedCharter, verdict: VerdictWords): string {
  if (verdict.blockers.length === 0) return '';
  const items = verdict.blockers.map((blocker) => `- ${blocker.kind} **${cell(blockerName(blocker))}** ${cell(blocker.title)}${blocker.line === undefined ? '' : ` (line ${blocker.line})`}`);
  return `\n\n**${cell(report.file)}: ${cell(verdictLine(verdict, { names: false }))}**\n\n${items.join('\n')}`;
}

/**
 * The charter's gaps in a folded table, a row per criterion with its advice once (gate gaps come
 * first in the findings, and say so); nothing when it has none.
 */
function gaps(report: CheckedCharter, words: RuleWords): string {
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
    return `| ${cell(`${report.file}:${first.line}:${first.column}`)} | ${first.gate ? '**gate**' : first.severity} | [${first.ruleId}](${ruleDocsUrl(first.ruleId)}) | ${missing} | ${cell(words(first.ruleId).advice)} |`;
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

/** What the criteria took as read (an evident fact, a name matched as it is usually written), as stylish's ℹ lines; nothing when there is none. */
function notes(report: CheckedCharter): string {
  const items = report.criteria.flatMap((result) => (result.notes ?? []).map((note) => `- ℹ️ ${cell(`${report.file}:${note.line}:${note.column}`)} ${cell(note.message)} (${result.id})`));
  if (items.length === 0) return '';
  return `\n\n<details><summary>${escapeHtml(report.file)}: ${items.length} ${items.length === 1 ? 'note' : 'notes'} on how it was read</summary>\n\n${items.join('\n')}\n\n</details>`;
}

/** Text safe inside a table cell, or beside it: one line, no pipe, and no link, image, HTML or emphasis from a charter. */
function cell(text: string): string {
  return markdownText(text, { inTable: true });
}
