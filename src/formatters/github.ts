// GitHub Actions workflow commands: inline annotations on the charter's lines. GitHub shows at
// most 10 of each kind per step, so the rest are counted in a closing notice instead.
import type { Severity } from '../core/criteria.js';
import type { RunReport } from '../core/report.js';
import { CHARTERS, wholeDocument } from './parts.js';
import type { StreamingFormatterFactory } from './types.js';
import { scoreNote, verdictLine, verdictOf } from './verdict.js';

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

export function formatGithub(run: RunReport): string {
  return wholeDocument(streamGithub(run, { color: false }), run);
}

/** Each severity's first annotations (as many as are shown at most), in order, and how many there were. */
interface KeptAnnotations {
  shown: Annotation[];
  counts: Record<Severity, number>;
}

const nothingKept = (): KeptAnnotations => ({ shown: [], counts: { error: 0, warning: 0, info: 0 } });

/**
 * The same document a charter at a time: each charter's log line waits in the spool, its
 * annotations are folded (only as many of each kind as can be shown are kept, the rest counted),
 * and the unreadable files' annotations, which come first, are added at the end.
 */
export const streamGithub: StreamingFormatterFactory = (head) => ({
  live: false,
  separator: '\n',
  charter(report) {
    // A plain log line, never a workflow command: it starts with the tool's name, and the file name
    // (which may hold anything, newlines included) is escaped as a command's data would be. The
    // verdict, with what holds it back, comes before the score.
    const verdict = verdictOf(report, head.policy);
    const note = scoreNote(verdict);
    const annotations: Annotation[] = report.findings.map((finding) => ({
      severity: finding.severity,
      file: report.file,
      line: finding.line,
      column: finding.column,
      title: `${finding.gate ? 'gate ' : ''}${finding.ruleId} ${finding.title}`,
      message: `${finding.message}\n→ ${finding.advice}`,
    }));
    const said = `${report.passed ? 'pass' : 'fail'}: ${verdictLine(verdict, { names: true })}; readiness ${report.score}/100${note ? `, ${note}` : ''}`;
    return { text: `partner-check: ${escapeData(report.file)}: ${escapeData(said)}`, extra: annotations };
  },
  fold(kept, extra) {
    const folded = (kept as KeptAnnotations | undefined) ?? nothingKept();
    for (const annotation of extra as Annotation[]) {
      if (folded.counts[annotation.severity]++ < ANNOTATIONS_PER_SEVERITY) folded.shown.push(annotation);
    }
    return folded;
  },
  envelope(run, written) {
    const kept = (written.kept as KeptAnnotations | undefined) ?? nothingKept();
    const failures = run.failures.map((failure): Annotation => ({ severity: 'error', file: failure.file, line: failure.line, column: failure.column, title: 'partner-check could not read this file', message: failure.message }));
    // The unreadable files first, then the charters' findings, as many of each kind as GitHub shows.
    const shownSoFar: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const shown = [...failures, ...kept.shown].filter((annotation) => shownSoFar[annotation.severity]++ < ANNOTATIONS_PER_SEVERITY);
    const hidden = failures.length + kept.counts.error + kept.counts.warning + kept.counts.info - shown.length;
    const notice = hidden > 0 ? `::notice title=partner-check::${escapeData(`${hidden} more findings are not shown as annotations; see the full report (for example with --format markdown or sarif).`)}\n` : '';
    const before = shown.map((annotation) => `${workflowCommand(annotation)}\n`).join('');
    const after = `${written.parts > 0 ? '\n' : ''}${notice}`;
    // Nothing at all to say is still one (empty) line.
    return before === '' && written.parts === 0 && notice === '' ? ['\n'] : [before, CHARTERS, after];
  },
});

function workflowCommand(annotation: Annotation): string {
  const properties = [`file=${escapeProperty(annotation.file)}`];
  if (annotation.line) properties.push(`line=${annotation.line}`);
  if (annotation.column) properties.push(`col=${annotation.column}`);
  properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${COMMAND[annotation.severity]} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/** As @actions/core escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As @actions/core escapes a command's properties: also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
