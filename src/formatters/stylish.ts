// The terminal report: the verdict and what holds it back, then the score, area scores, and every
// criterion by area, the gaps located as file:line:col so terminals and editors can jump to them.
import type { CheckedCharter, CriterionResult, Finding, Policy } from '../core/report.js';
import { failedGates } from '../core/verdict.js';
import { ruleWords, type RuleWords } from './rule-words.js';
import { charterByCharter } from './charter-by-charter.js';
import type { FormatOptions, ReportPiece } from './types.js';
import { formatDelta } from './delta.js';
import { summaryText } from './run-summary.js';
import { areaTitle } from './text.js';
import { blockerName, scoreNote, verdictLine, verdictWords, type VerdictWords } from './verdict.js';

/** The styles the report uses: chalk's, or the text as it is when the report is not coloured. */
type Paint = Record<'blue' | 'bold' | 'cyan' | 'dim' | 'green' | 'red' | 'underline' | 'yellow', (text: string) => string>;
const unchanged = (text: string) => text;
const PLAIN: Paint = { blue: unchanged, bold: unchanged, cyan: unchanged, dim: unchanged, green: unchanged, red: unchanged, underline: unchanged, yellow: unchanged };

type WrapAnsi = typeof import('wrap-ansi').default;

/** The report a charter at a time: each block as its charter is checked, the run's summary last. */
export const formatStylish = charterByCharter(
  async (head, options) => {
    const { paint, wrap } = await styles(options);
    const words = ruleWords(head.rules);
    return (report) => fitToWidth(charterBlock(report, head.policy, words, paint, options.quiet === true), options.width, wrap);
  },
  async function* (run, options) {
    const { paint, wrap } = await styles(options);
    let count = 0;
    // One piece a charter, its separator with it: a live format's pieces are written as the run
    // goes, and once it ends another output's text may come between two of them.
    for await (const piece of run.texts) yield count++ === 0 ? piece : afterNewline(piece);
    // Files that could not be checked are reported on stderr by the CLI, not here.
    const envelope = await run.envelope;
    if (envelope.summary.charters + envelope.failures.length <= 1) return;
    yield `${count === 0 ? '' : '\n'}${fitToWidth(paint.bold(summaryText(envelope)), options.width, wrap)}\n`;
  },
);

const NEWLINE = new TextEncoder().encode('\n');

function afterNewline(piece: ReportPiece): ReportPiece {
  if (typeof piece === 'string') return `\n${piece}`;
  const joined = new Uint8Array(piece.byteLength + 1);
  joined.set(NEWLINE);
  joined.set(piece, 1);
  return joined;
}

/**
 * chalk and wrap-ansi are loaded only for a terminal (or FORCE_COLOR): setting them up costs
 * more than checking a charter, and piped output is neither coloured nor wrapped.
 */
async function styles(options: FormatOptions): Promise<{ paint: Paint; wrap: WrapAnsi | undefined }> {
  const paint: Paint = options.color ? new (await import('chalk')).Chalk({ level: 1 }) : PLAIN;
  const wrap = options.width !== undefined && options.width >= NARROWEST ? (await import('wrap-ansi')).default : undefined;
  return { paint, wrap };
}

function charterBlock(report: CheckedCharter, policy: Policy, words: RuleWords, paint: Paint, quiet = false): string {
  const lines: string[] = [];
  lines.push(paint.underline(report.file) + (report.title ? `  ${report.title}` : ''));
  // The verdict first, with what holds it back; the score after, so it never reads against it.
  const verdict = verdictWords(report, policy, words);
  lines.push(...verdictLines(report, verdict, paint));
  const note = scoreNote(verdict);
  lines.push(`  Readiness ${paint.bold(`${formatScore(report.score)}/100`)}  (pass mark ${policy.minScore}${note ? `; ${note}` : ''})`);
  const baseline = report.baseline;
  if (baseline) {
    lines.push(`  Since the baseline: ${paint.bold(formatDelta(baseline.delta))} (was ${formatScore(baseline.score)}); ${baseline.closed.length} gaps closed, ${baseline.opened.length} new`);
    for (const gap of baseline.opened) lines.push(`    ${paint.red('new')}     ${gap.ruleId}  ${gap.message}`);
    for (const gap of baseline.closed) lines.push(`    ${paint.green('closed')}  ${gap.ruleId}  ${gap.message}`);
  }
  // Quiet: no table of area scores, only the gaps.
  if (!quiet) lines.push('');
  const width = Math.max(...report.areas.map((area) => area.area.length));
  for (const area of quiet ? [] : report.areas) {
    const score = area.score === null ? '  n/a' : formatScore(area.score).padStart(5);
    const delta = baseline?.areas.find((entry) => entry.area === area.area)?.delta;
    const change = delta === undefined || delta === null ? '' : `  ${formatDelta(delta)}`;
    lines.push(`  ${areaTitle(area.area).padEnd(width)}  ${score}  ${area.score === null ? '' : bar(area.score, paint)}${change}`);
  }

  const findingsByRule = groupBy(report.findings, (finding) => finding.ruleId);
  for (const area of report.areas) {
    lines.push('');
    const inArea = report.criteria.filter((criterion) => words(criterion.id).area === area.area && (!quiet || findingsByRule.has(criterion.id)));
    if (quiet && inArea.length === 0) {
      lines.pop();
      continue;
    }
    if (inArea.every((result) => result.status === 'not-applicable')) {
      lines.push(`  ${paint.bold(areaTitle(area.area))}${paint.dim('  (none of its criteria applies)')}`);
      continue;
    }
    lines.push(`  ${paint.bold(areaTitle(area.area))}${area.score === null ? '' : paint.dim(` ${formatScore(area.score)}/100`)}`);
    // One line at a time: a charter can have more gaps than a spread's arguments can hold.
    for (const result of inArea) {
      for (const line of criterionLines(result, findingsByRule.get(result.id) ?? [], report.file, words, paint)) lines.push(line);
      // What the criterion took as read, so that a reader can check it did so rightly.
      for (const note of quiet ? [] : (result.notes ?? [])) lines.push(`      ${paint.blue('ℹ')} ${paint.dim(`${report.file}:${note.line}:${note.column}`)}  ${note.message}`);
    }
  }
  const structure = report.findings.filter((finding) => finding.area === 'structure');
  if (structure.length > 0) {
    lines.push('', `  ${paint.bold('Structure')}${paint.dim(' (not scored; must be fixed to pass)')}`);
    for (const rule of groupBy(structure, (finding) => finding.ruleId).values()) for (const line of gapLines(rule, report.file, words, paint)) lines.push(line);
  }
  lines.push('', `  ${summaryLine(report, verdict, paint)}`, '');
  return lines.join('\n');
}

/**
 * The verdict and what holds it back: `✖ Not ready: 1 gate fails`, then each failed gate, critical
 * criterion not met and structure error named with where it is; then how many gates hold.
 */
function verdictLines(report: CheckedCharter, verdict: VerdictWords, paint: Paint): string[] {
  const bandColour = report.band === 'ready' ? paint.green : report.band === 'nearly-ready' ? paint.yellow : paint.red;
  const headline = verdictLine(verdict, { names: false });
  const lines = [`  ${verdict.passed ? paint.green('✔') : paint.red('✖')} ${bandColour(paint.bold(verdict.band))}${headline.slice(verdict.band.length)}`];
  for (const blocker of verdict.blockers) {
    const where = blocker.line === undefined ? report.file : `${report.file}:${blocker.line}:${blocker.column ?? 1}`;
    lines.push(`    ${where}  ${paint.red(`${blocker.kind} ${blockerName(blocker)}`)}  ${blocker.title}`);
  }
  const failed = failedGates(report).length;
  const held = report.gates.length - failed;
  const waived = report.gates.filter((gate) => gate.status === 'waived').length;
  if (held > 0) lines.push(`  ${paint.green('✔')} ${held} of ${report.gates.length} ${plural(report.gates.length, 'gate')} ${held === 1 ? 'holds' : 'hold'}${waived > 0 ? paint.cyan(` (${waived} waived as not applicable)`) : ''}`);
  return lines;
}

function criterionLines(result: CriterionResult, findings: Finding[], file: string, words: RuleWords, paint: Paint): string[] {
  switch (result.status) {
    case 'pass':
      return [`    ${paint.green('✔')} ${paint.dim(result.id)}  ${words(result.id).title}`];
    case 'waived': {
      const waiver = result.waiver!;
      return [`    ${paint.cyan('○')} ${paint.dim(result.id)}  ${words(result.id).title}  ${paint.cyan(`waived (${waiver.reason}${waiver.note ? `: ${waiver.note}` : ''})`)}`];
    }
    case 'not-applicable':
      return [`    ${paint.dim(`- ${result.id}  ${words(result.id).title}  (does not apply)`)}`];
    default:
      return gapLines(findings, file, words, paint);
  }
}

const SEVERITY_COLOUR = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/**
 * One criterion's gaps, its advice said once: `file:line:col  severity  ID  what is missing  → how
 * to fix it` for a single gap; for several, a line each and then the advice on a line of its own.
 */
function gapLines(findings: Finding[], file: string, words: RuleWords, paint: Paint): string[] {
  const advice = findings[0] ? paint.dim(`→ ${words(findings[0].ruleId).advice}`) : '';
  if (findings.length === 1) return [`${gapLine(findings[0]!, file, paint)}  ${advice}`];
  return [...findings.map((finding) => gapLine(finding, file, paint)), `      ${advice}`];
}

/** `file:line:col  severity  ID  what is missing` */
function gapLine(finding: Finding, file: string, paint: Paint): string {
  const where = `${file}:${finding.line}:${finding.column}`;
  const severity = paint[SEVERITY_COLOUR[finding.severity]](finding.severity.padEnd(7));
  const rule = finding.gate ? `${paint.red('gate')} ${finding.ruleId}` : finding.ruleId;
  return `    ${where}  ${severity}  ${rule}  ${finding.message}`;
}

/** The last line: how many problems, and the verdict again with what holds it back, by id. */
function summaryLine(report: CheckedCharter, verdict: VerdictWords, paint: Paint): string {
  const { errors, warnings, infos } = report.counts;
  const total = errors + warnings + infos;
  const mark = report.passed ? paint.green('✔') : paint.red('✖');
  const problems = `${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')}, ${infos} info)`;
  return `${mark} ${problems}; ${verdictLine(verdict, { names: true })}`;
}

function bar(score: number, paint: Paint): string {
  const filled = Math.round(score / 10);
  return paint.green('█'.repeat(filled)) + paint.dim('░'.repeat(10 - filled));
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}


// Continuation lines sit this much further in than the line they continue.
const HANGING_INDENT = 2;
// Below this, wrapping would leave a word or two a line: better to let the terminal do it.
const NARROWEST = 40;

/**
 * Each line wrapped at word boundaries to the terminal's width, its continuation lines indented
 * under it. A word longer than the width (a long file:line:col) is kept whole, so terminals can
 * still link it.
 */
function fitToWidth(text: string, width: number | undefined, wrapAnsi: WrapAnsi | undefined): string {
  if (width === undefined || !wrapAnsi) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const indent = line.length - line.trimStart().length;
      const hanging = ' '.repeat(indent + HANGING_INDENT);
      const wrapped = wrapAnsi(line.trimStart(), width - indent - HANGING_INDENT, { hard: false, trim: true });
      return wrapped
        .split('\n')
        .map((part, index) => (index === 0 ? ' '.repeat(indent) : hanging) + part)
        .join('\n');
    })
    .join('\n');
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
