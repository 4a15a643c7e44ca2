// `partner-check [check] <inputs...>`: find the charters, check each, print or write every
// requested format, and return the exit code (0 pass, 1 a charter falls short, 2 input error).
import { appendFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { compareWithBaseline, findBaseline, parseBaseline } from '../core/baseline.js';
import { checkCharter } from '../core/check.js';
import { formatProblem } from '../core/problem.js';
import { REPORT_VERSION, RunTally, buildRunReport, type CharterReport, type FailOn, type InputFailure, type Policy, type RunReport } from '../core/report.js';
import { describeRules } from '../core/rules.js';
import { isColourable, loadFormatter, type RunEnvelope } from '../formatters/index.js';
import { BUILTIN_CRITERIA_ORIGIN } from '../io/builtin.js';
import { discoverFiles } from '../io/discover.js';
import { outputClash } from '../io/output-guard.js';
import { readTextFile, type ReadResult } from '../io/read-text.js';
import { describeWriteError, writeFileSafely } from '../io/write-file.js';
import type { Setup } from './setup.js';
import { StreamedOutputs, type OutputRequest } from './outputs.js';
import { startProgress } from './progress.js';
import { printError, wantsColor, type Terminal } from './terminal.js';

export const EXIT = { pass: 0, fail: 1, inputError: 2 } as const;
export const DEFAULT_MIN_SCORE = 70;
export const STDIN = '-';

export type { OutputRequest } from './outputs.js';

export interface CheckOptions {
  outputs: OutputRequest[];
  minScore?: number;
  failOn?: FailOn;
  maxWarnings?: number;
  maxFileSize: number;
  stdinFilepath?: string;
  errorOnUnmatchedPattern: boolean;
  baseline?: string;
}

export async function runCheck(inputs: string[], options: CheckOptions, setup: Setup, version: string, terminal: Terminal): Promise<number> {
  const config = setup.config?.config;
  const policy: Policy = {
    minScore: options.minScore ?? config?.minScore ?? DEFAULT_MIN_SCORE,
    ...optional('failOn', options.failOn ?? config?.failOn),
    ...optional('maxWarnings', options.maxWarnings ?? config?.maxWarnings),
  };

  const baselines = options.baseline ? await loadBaselines(options.baseline, options.maxFileSize, terminal) : new Map<string, CharterReport>();
  if (!baselines) return EXIT.inputError;

  const discovery = await discoverFiles(
    inputs.filter((input) => input !== STDIN),
    { cwd: terminal.cwd, ignore: config?.ignore ?? [], ignoreBase: setup.config ? dirname(setup.config.origin) : terminal.cwd },
  );
  if (options.errorOnUnmatchedPattern && discovery.unmatched.length > 0) {
    for (const pattern of discovery.unmatched) printError(terminal, `no charters match '${pattern}' (use --no-error-on-unmatched-pattern to allow this)`);
    return EXIT.inputError;
  }

  const clash = outputClash(
    options.outputs.flatMap((output) => (output.file ? [output.file] : [])),
    [
      ...discovery.files.map((path) => ({ role: 'the charter', path })),
      ...(setup.config ? [{ role: 'the config file', path: setup.config.origin }] : []),
      ...criteriaFiles(setup).map((path) => ({ role: 'the criteria file', path })),
      ...(options.baseline ? [{ role: 'the baseline', path: options.baseline }] : []),
    ],
    terminal.cwd,
  );
  if (clash) {
    printError(terminal, clash);
    return EXIT.inputError;
  }

  const tool = { name: 'partner-check', version };
  const rules = describeRules(setup.criteria);
  const colourFor = (output: OutputRequest) => !output.file && isColourable(output.format) && wantsColor(terminal);
  const outputs = await StreamedOutputs.open(options.outputs, { tool, policy, rules }, terminal, colourFor);
  // Reports are kept only for the formats printed whole; streamed ones hold one at a time.
  const reports: CharterReport[] = [];
  const failures: InputFailure[] = [];
  const tally = new RunTally(policy);
  const fail = (failure: InputFailure) => {
    failures.push(failure);
    tally.addFailure();
    printError(terminal, formatProblem(failure));
  };
  const record = async (file: string, read: ReadResult) => {
    if (!read.ok) return fail({ code: 'read', file, message: read.message });
    const result = checkCharter(read.text, setup.criteria, file, setup.context);
    if (!result.ok) return fail({ file, ...result.problem });
    const previous = findBaseline(result.report, baselines);
    const report = previous ? { ...result.report, baseline: compareWithBaseline(result.report, previous) } : result.report;
    await outputs.charter(tally.add(report));
    if (outputs.whole.length > 0) reports.push(report);
  };
  if (inputs.includes(STDIN)) {
    await record(options.stdinFilepath ?? '<stdin>', await terminal.readStdin(options.maxFileSize));
  }
  const progress = startProgress(discovery.files.length, terminal);
  for (const file of discovery.files) {
    await record(file, await readTextFile(file, options.maxFileSize));
    progress.tick();
  }
  progress.done();

  const envelope: RunEnvelope = { reportVersion: REPORT_VERSION, tool, policy, passed: tally.passed(), summary: tally.summary(), failures, rules };
  await outputs.finish(envelope);
  const run: RunReport | null = outputs.whole.length > 0 ? buildRunReport(tool, policy, reports, failures, rules) : null;
  for (const output of outputs.whole) {
    const format = await loadFormatter(output.format);
    const text = format(run!, { color: colourFor(output) });
    if (output.file) {
      try {
        await writeFileSafely(resolve(terminal.cwd, output.file), text);
      } catch (error) {
        printError(terminal, `cannot write ${output.file}: ${describeWriteError(error)}`);
        return EXIT.inputError;
      }
      terminal.stderr(`partner-check: wrote the ${output.format} report to ${output.file}\n`);
    } else {
      terminal.stdout(text);
    }
    const summaryFile = terminal.env['GITHUB_STEP_SUMMARY'];
    if (output.format === 'markdown' && summaryFile) await appendFile(summaryFile, text);
  }

  if (failures.length > 0) return EXIT.inputError;
  return envelope.passed ? EXIT.pass : EXIT.fail;
}

/** The charters of an earlier JSON report by file, or null (after saying why) when it is unusable. */
async function loadBaselines(path: string, maxFileSize: number, terminal: Terminal): Promise<Map<string, CharterReport> | null> {
  const read = await readTextFile(path, maxFileSize);
  const parsed = read.ok ? parseBaseline(read.text) : read;
  if (parsed.ok) return parsed.charters;
  printError(terminal, `--baseline ${path} ${parsed.message}`);
  return null;
}

/** The criteria files the run reads besides the built-in ones. */
function criteriaFiles(setup: Setup): string[] {
  return [...new Set(setup.criteria.criteria.map((criterion) => criterion.origin))].filter((origin) => origin !== BUILTIN_CRITERIA_ORIGIN);
}


function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
