// GitHub Actions workflow commands: inline annotations on the charter's lines. GitHub shows at
// most 10 of each kind per step, so the rest are counted in a closing notice instead.
import type { Severity } from '../core/criteria.js';
import type { CheckedCharter, Policy } from '../core/report.js';
import { ruleWords, type RuleWords } from './rule-words.js';
import type { Formatter } from './types.js';
import { visibleLines } from './visible.js';
import { scoreNote, verdictLine, verdictWords } from './verdict.js';

export const ANNOTATIONS_PER_SEVERITY = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

interface Annotation {
  severity: Severity;
  file: string;
  line?: number;
  column?: number;
  title: string;
  message: string;
}

/**
 * The annotations first (the unreadable files', then each severity's first findings, as many as
 * GitHub shows, the rest counted), then a log line per charter: so the charters are read twice.
 */
export const formatGithub: Formatter = async function* (run) {
  const envelope = await run.envelope;
  const words = ruleWords(run.head.rules);
  const failures = envelope.failures.map((failure): Annotation => ({ severity: 'error', file: failure.file, line: failure.line, column: failure.column, title: 'partner-check could not read this file', message: failure.message }));
  const shownSoFar: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const shown = failures.filter((annotation) => shownSoFar[annotation.severity]++ < ANNOTATIONS_PER_SEVERITY);
  let hidden = failures.length - shown.length;
  for await (const report of run.charters) {
    for (const annotation of annotationsOf(report, words)) {
      if (shownSoFar[annotation.severity]++ < ANNOTATIONS_PER_SEVERITY) shown.push(annotation);
      else hidden += 1;
    }
  }
  yield shown.map((annotation) => `${workflowCommand(annotation)}\n`).join('');
  let lines = 0;
  for await (const report of run.charters) yield `${lines++ === 0 ? '' : '\n'}partner-check: ${escapeData(report.file)}: ${escapeData(charterLine(report, envelope.policy, words))}`;
  const notice = hidden > 0 ? `::notice title=partner-check::${escapeData(`${hidden} more findings are not shown as annotations; see the full report (for example with --format markdown or sarif).`)}\n` : '';
  // Nothing at all to say is still one (empty) line.
  yield shown.length === 0 && lines === 0 && notice === '' ? '\n' : `${lines > 0 ? '\n' : ''}${notice}`;
};

/**
 * A plain log line, never a workflow command: it starts with the tool's name, and the file name
 * (which may hold anything, newlines included) is escaped as a command's data would be. The
 * verdict, with what holds it back, comes before the score.
 */
function charterLine(report: CheckedCharter, policy: Policy, words: RuleWords): string {
  const verdict = verdictWords(report, policy, words);
  const note = scoreNote(verdict);
  return `${report.passed ? 'pass' : 'fail'}: ${verdictLine(verdict, { names: true })}; readiness ${report.score}/100${note ? `, ${note}` : ''}`;
}

function annotationsOf(report: CheckedCharter, words: RuleWords): Annotation[] {
  return report.findings.map((finding) => ({
    severity: finding.severity,
    file: report.file,
    line: finding.line,
    column: finding.column,
    title: `${finding.gate ? 'gate ' : ''}${finding.ruleId} ${words(finding.ruleId).title}`,
    message: `${finding.message}\n→ ${words(finding.ruleId).advice}`,
  }));
}

function workflowCommand(annotation: Annotation): string {
  const properties = [`file=${escapeProperty(annotation.file)}`];
  if (annotation.line) properties.push(`line=${annotation.line}`);
  if (annotation.column) properties.push(`col=${annotation.column}`);
  properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${COMMAND[annotation.severity]} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/**
 * As @actions/core escapes a command's message, after the characters that could drive the log
 * viewer (ESC, BEL, a right-to-left override) are made visible: line breaks are kept, as %0A.
 */
export function escapeData(text: string): string {
  return visibleLines(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As @actions/core escapes a command's properties: also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
