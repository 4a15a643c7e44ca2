// GitHub Actions workflow commands: inline annotations on the charter's lines. GitHub shows at
// most 10 of each kind per step, so the rest are counted in a closing notice instead.
import type { Severity } from '../core/criteria.js';
import type { RunReport } from '../core/report.js';
import { bandLabel } from '../core/score.js';
import { failedGatesText } from './text.js';

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
  const annotations: Annotation[] = [
    ...run.failures.map((failure) => ({ severity: 'error' as const, file: failure.file, line: failure.line, column: failure.column, title: 'partner-check could not read this file', message: failure.message })),
    ...run.charters.flatMap((report) =>
      report.findings.map((finding) => ({
        severity: finding.severity,
        file: report.file,
        line: finding.line,
        column: finding.column,
        title: `${finding.gate ? 'gate ' : ''}${finding.ruleId} ${finding.title}`,
        message: `${finding.message}\n→ ${finding.advice}`,
      })),
    ),
  ];
  const shown = new Map<Severity, number>();
  const lines: string[] = [];
  let hidden = 0;
  for (const annotation of annotations) {
    const count = shown.get(annotation.severity) ?? 0;
    if (count >= ANNOTATIONS_PER_SEVERITY) {
      hidden += 1;
      continue;
    }
    shown.set(annotation.severity, count + 1);
    lines.push(workflowCommand(annotation));
  }
  for (const report of run.charters) {
    // A plain log line, never a workflow command: it starts with the tool's name, and the file name
    // (which may hold anything, newlines included) is escaped as a command's data would be.
    const gates = failedGatesText(report.gates);
    lines.push(`partner-check: ${escapeData(report.file)}: ${report.score}/100 ${bandLabel(report.band)} (${report.passed ? 'pass' : 'fail'}${gates ? `; ${gates}` : ''})`);
  }
  if (hidden > 0) {
    lines.push(`::notice title=partner-check::${escapeData(`${hidden} more findings are not shown as annotations; see the full report (for example with --format markdown or sarif).`)}`);
  }
  return `${lines.join('\n')}\n`;
}

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
