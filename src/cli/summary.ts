// `partner-check summary CHARTER`: the publishable executive summary, written from the charter.
// Refused (exit 1, the failing gates named with their places) while the charter fails a gate,
// since such a project cannot be published as joint working; --draft writes it marked as a draft.
import { extname, resolve } from 'node:path';
import { formatProblem } from '../core/problem.js';
import { summariseCharter } from '../core/summary.js';
import { gateName } from '../formatters/text.js';
import { writeRefusal } from '../io/output-guard.js';
import { describeWriteError } from '../io/write-file.js';
import { EXIT } from './check.js';
import { setupFiles, type Setup } from './setup.js';
import { printError, printLine, type Terminal } from './terminal.js';

export const SUMMARY_FORMATS = ['markdown', 'html'] as const;

type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** The format an -o file's extension names, if it names one. */
const BY_EXTENSION: Record<string, SummaryFormat> = { '.html': 'html', '.htm': 'html', '.md': 'markdown', '.markdown': 'markdown' };

/**
 * The format to write: -f when given, else the one the -o file's extension names, else Markdown.
 * An -f that contradicts the extension (-f markdown -o draft.html) is a mistake, not a choice.
 */
export function summaryFormat(format: SummaryFormat | undefined, output: string | undefined): { format: SummaryFormat } | { error: string } {
  const named = output === undefined ? undefined : BY_EXTENSION[extname(output).toLowerCase()];
  if (format && named && format !== named) return { error: `-f ${format} does not match -o ${output}, which names ${named === 'html' ? 'HTML' : 'Markdown'}; give one or the other, or make them agree` };
  return { format: format ?? named ?? 'markdown' };
}

export interface SummaryOptions {
  format?: SummaryFormat;
  output?: string;
  draft?: boolean;
  /** -o may replace a file that is not a partner-check summary. */
  force?: boolean;
  maxFileSize: number;
}

export async function runSummary(file: string, options: SummaryOptions, setup: Setup, terminal: Terminal): Promise<number> {
  const chosen = summaryFormat(options.format, options.output);
  if ('error' in chosen) {
    printError(terminal, chosen.error);
    return EXIT.inputError;
  }
  if (options.output) {
    const refusal = await writeRefusal([{ kind: 'summary', path: options.output, label: `-o ${options.output}` }], [{ role: 'the charter', path: file }, ...setupFiles(setup)], terminal.cwd, terminal.files, { force: options.force === true });
    if (refusal) {
      printError(terminal, refusal);
      return EXIT.inputError;
    }
  }
  const read = await terminal.files.readText(resolve(terminal.cwd, file), options.maxFileSize);
  if (!read.ok) {
    printError(terminal, `${file}: ${read.message}`);
    return EXIT.inputError;
  }
  const result = summariseCharter(read.text, setup.criteria, file, { draft: options.draft === true, context: setup.context });
  if (!result.ok) {
    printError(terminal, formatProblem({ ...result.problem, file }));
    return EXIT.inputError;
  }

  const { gates, structure } = result.blockers;
  if ((gates.length > 0 || structure.length > 0) && !options.draft) {
    const reasons = [gates.length > 0 ? `${gates.length} ${gates.length === 1 ? 'gate fails' : 'gates fail'}` : '', structure.length > 0 ? `${structure.length} structure ${structure.length === 1 ? 'error' : 'errors'}` : '']
      .filter(Boolean)
      .join(' and ');
    printError(terminal, `no summary written: ${file} cannot be published while ${reasons}; fix them, or add --draft for a summary marked as a draft`);
    for (const gate of gates) {
      // A gate names its criterion by id: its title and label are the criterion's.
      const criterion = setup.criteria.byId.get(gate.id)!;
      const label = criterion.compiledGate?.label;
      printLine(terminal, `  ${file}${gate.line === undefined ? '' : `:${gate.line}:${gate.column ?? 1}`}  gate ${gateName({ id: gate.id, ...(label ? { label } : {}) })}  ${criterion.title}`);
    }
    for (const finding of structure) printLine(terminal, `  ${file}:${finding.line}:${finding.column}  ${finding.ruleId}  ${finding.message}`);
    return EXIT.fail;
  }

  const render = chosen.format === 'html' ? (await import('../formatters/executive/html.js')).summaryHtml : (await import('../formatters/executive/markdown.js')).summaryMarkdown;
  const text = render(result.summary);
  if (!options.output) {
    terminal.stdout(text);
    return EXIT.pass;
  }
  try {
    await terminal.files.write(resolve(terminal.cwd, options.output), text);
  } catch (error) {
    printError(terminal, `cannot write ${options.output}: ${describeWriteError(error)}`);
    return EXIT.inputError;
  }
  printError(terminal, `wrote the ${options.draft ? 'draft ' : ''}summary of ${file} to ${options.output} (${chosen.format === 'html' ? 'HTML' : 'Markdown'})`);
  return EXIT.pass;
}
