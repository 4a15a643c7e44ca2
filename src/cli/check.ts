// `partner-check [check] <files...>`: read each charter, check it, print the report, and
// return the exit code (0 pass, 1 a charter falls short, 2 an input or usage error).
import { checkCharter } from '../core/check.js';
import type { CriteriaSet } from '../core/criteria.js';
import { charterPasses, REPORT_VERSION, type InputFailure, type RunReport } from '../core/report.js';
import { FORMATTERS } from '../formatters/index.js';
import { readTextFile } from '../io/read-text.js';
import { printError, wantsColor, type Terminal } from './terminal.js';

export interface CheckOptions {
  format: string;
  minScore: number;
  maxFileSize: number;
}

export const EXIT = { pass: 0, fail: 1, inputError: 2 } as const;

export async function runCheck(files: string[], options: CheckOptions, criteria: CriteriaSet, version: string, terminal: Terminal): Promise<number> {
  const policy = { minScore: options.minScore };
  const run: RunReport = { reportVersion: REPORT_VERSION, tool: { name: 'partner-check', version }, policy, passed: true, charters: [], failures: [] };

  for (const file of files) {
    const read = await readTextFile(file, options.maxFileSize);
    if (!read.ok) {
      run.failures.push({ file, message: read.message });
      continue;
    }
    const result = checkCharter(read.text, criteria, file);
    if (!result.ok) {
      run.failures.push({ file, ...result.problem });
      continue;
    }
    run.charters.push({ ...result.report, passed: charterPasses(result.report, policy) });
  }
  run.passed = run.failures.length === 0 && run.charters.every((report) => report.passed);

  for (const failure of run.failures) printError(terminal, describeFailure(failure));
  const formatter = FORMATTERS[options.format]!;
  const machineFormat = options.format !== 'stylish';
  if (run.charters.length > 0 || machineFormat) terminal.stdout(formatter(run, { color: !machineFormat && wantsColor(terminal) }));

  if (run.failures.length > 0) return EXIT.inputError;
  return run.passed ? EXIT.pass : EXIT.fail;
}

function describeFailure(failure: InputFailure): string {
  if (failure.line === undefined) return `${failure.file}: ${failure.message}`;
  return `${failure.file}:${failure.line}:${failure.column ?? 1}: ${failure.message}`;
}
