// `partner-check [check] <inputs...>`: find the charters, check each, print or write every
// requested format, and return the exit code (0 pass, 1 a charter falls short, 2 input error).
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseBaseline } from '../core/baseline.js';
import { formatProblem } from '../core/problem.js';
import { REPORT_VERSION, RunTally, type CharterReport, type FailOn, type Policy } from '../core/report.js';
import { checkRun, type RunInput } from '../core/run.js';
import { yamlClassifier } from '../core/yaml-kind.js';
import { OutputError, StreamedOutputs, type OutputRequest } from './outputs.js';
import { describeRules } from '../core/rules.js';
import { isColourable, type RunEnvelope } from '../formatters/index.js';
import { BUILTIN_CRITERIA_ORIGIN } from '../io/builtin.js';
import { discoverFiles } from '../io/discover.js';
import { outputClash } from '../io/output-guard.js';
import type { ReadResult } from '../io/read-text.js';
import { describeWriteError } from '../io/write-file.js';
import type { Setup } from './setup.js';
import { charterOutput, type CharterOutput } from './charter-output.js';
import { workerCount, type OutputJob } from './parallel.js';
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
  /** Worker threads to check on (0: this thread only); unset: chosen by the run's size. */
  threads?: number;
  cache?: boolean;
  cacheLocation?: string;
  /** Print only failing charters and their errors. */
  quiet?: boolean;
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
    { cwd: terminal.cwd, files: terminal.files, ignore: config?.ignore ?? [], ignoreBase: setup.config ? dirname(setup.config.origin) : terminal.cwd },
  );
  if (options.errorOnUnmatchedPattern && discovery.unmatched.length > 0) {
    for (const pattern of discovery.unmatched) printError(terminal, `no charters match '${pattern}' (use --no-error-on-unmatched-pattern to allow this)`);
    return EXIT.inputError;
  }
  const configName = setup.config ? displayPath(setup.config.origin, terminal.cwd) : 'the config';
  // A file named but ignored by the config is not checked, and says so (a pre-commit hook names the files a commit touches, ignored ones too).
  const ignoredNamed = [...discovery.ignored].filter(([file]) => !discovery.searched.has(file));
  for (const [file, pattern] of ignoredNamed) printError(terminal, `${file}: not checked: ${configName} ignores it (ignore: "${pattern}")`);

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
  // Only a report shown in a terminal is wrapped to its width; a file or a pipe gets whole lines.
  const formatOptions = (output: OutputRequest) => ({ color: colourFor(output), quiet: options.quiet === true, width: output.file ? undefined : terminal.stdoutColumns });
  // An -o file that cannot be written ends the run: one line, exit 2, and no half-written file.
  const outputFailed = (error: unknown): number => {
    if (!(error instanceof OutputError)) throw error;
    printError(terminal, `cannot write ${error.file}: ${describeWriteError(error.reason)}`);
    return EXIT.inputError;
  };
  // Markdown is also added to the summary of a GitHub Actions step.
  const stepSummary = terminal.env['GITHUB_STEP_SUMMARY'];
  const requests = options.outputs.map((output) => (output.format === 'markdown' && stepSummary ? { ...output, appendTo: stepSummary } : output));
  let outputs: StreamedOutputs;
  try {
    outputs = await StreamedOutputs.open(requests, { tool, policy, rules }, terminal, formatOptions);
  } catch (error) {
    return outputFailed(error);
  }
  const progress = startProgress(discovery.files.length, terminal);
  const maxFileSize = options.maxFileSize;
  // Loaded only for a cached run, as the worker threads' module is only for a large one: a plain check starts without them.
  const caching = options.cache ? await import('./cache.js') : null;
  const cache = caching ? await caching.ReportCache.open(resolve(terminal.cwd, options.cacheLocation ?? caching.DEFAULT_CACHE_LOCATION), setup, version, (message) => printError(terminal, message)) : null;
  // The hash of each charter checked this run, for the cache to keep its report under.
  const textHashes = new Map<string, string>();
  const classify = yamlClassifier(setup.criteria.charterSchema);
  // The files that held a charter, or may have (they could not be read): a search that found none of these found no charter.
  const charterFiles = new Set<string>();
  async function* texts(): AsyncGenerator<RunInput> {
    for (const { folder, reason } of discovery.unreadable) yield { file: folder, unreadable: `cannot search this folder (${reason}), so the charters in it were not checked` };
    if (inputs.includes(STDIN)) {
      const file = options.stdinFilepath ?? '<stdin>';
      const read = await terminal.readStdin(maxFileSize);
      const kind = read.ok ? classify(read.text) : null;
      yield kind?.kind === 'unmarked-charter' ? { file, result: { ok: false, problem: kind.problem } } : inputOf(file, read);
    }
    for (const file of discovery.files) {
      const read = await terminal.files.readText(resolve(terminal.cwd, file), maxFileSize);
      const kind = read.ok ? classify(read.text) : null;
      // Other YAML found by a search (a workflow, a tool's config) is passed over; a charter that lacks its `charter: 1` line is not.
      if (kind?.kind === 'other' && discovery.searched.has(file)) {
        yield { file, skipped: true };
        progress.tick();
        continue;
      }
      if (kind?.kind === 'unmarked-charter') {
        yield { file, result: { ok: false, problem: kind.problem } };
        progress.tick();
        continue;
      }
      charterFiles.add(file);
      const textHash = caching && read.ok ? caching.hashText(read.text) : null;
      const cached = textHash ? cache!.get(resolve(terminal.cwd, file), textHash) : undefined;
      if (cached) yield { file, result: cached.ok ? { ok: true, report: { ...cached.report, file } } : cached };
      else {
        if (textHash) textHashes.set(file, textHash);
        yield inputOf(file, read);
      }
      progress.tick();
    }
  }
  // A large tree is checked on worker threads too; a small run stays in this one.
  const workers = workerCount(discovery.files.length, options.threads);
  // The whole report is kept only for the cache; the formats hold one charter's part at a time.
  const quiet = options.quiet === true;
  const keepReport = cache !== null;
  // Workers make the streamed formats' parts too, so that this thread only writes; but a charter
  // compared with its baseline is made into output here, after the comparison.
  const job: OutputJob | null = baselines.size === 0 ? { formats: outputs.streamedFormats, tool, policy, quiet, keepReport } : null;
  const charters = workers > 0 ? (await import('./parallel.js')).checkedInWorkers(texts(), setup, workers, job) : texts();
  const run = checkRun(charters, { criteria: setup.criteria, policy, context: setup.context, baselines });
  let step = await run.next();
  for (; !step.done; step = await run.next()) {
    const event = step.value;
    if (event.kind === 'failure') {
      printError(terminal, formatProblem(event.failure));
      // A problem in the text itself (not in reading it) is the same next time the text is.
      const textHash = textHashes.get(event.failure.file);
      if (cache && textHash && event.failure.code !== 'read') cache.setProblem(resolve(terminal.cwd, event.failure.file), textHash, event.failure);
      continue;
    }
    const output = event.kind === 'made' ? (event.made.output as CharterOutput) : charterOutput(event.report, outputs.formatters, { quiet, keepReport });
    if (output.parts) {
      try {
        await outputs.parts(output.parts);
      } catch (error) {
        await outputs.abort();
        // Closing the run stops its worker threads; the outcome given is never read.
        await run.return({ passed: false, summary: new RunTally(policy).summary(), failures: [] });
        return outputFailed(error);
      }
    }
    const checked = output.checked;
    if (!checked) continue;
    const textHash = textHashes.get(checked.file);
    if (cache && textHash) cache.set(resolve(terminal.cwd, checked.file), textHash, checked);
  }
  progress.done();
  const { passed, summary, failures } = step.value;

  if (cache) {
    try {
      await cache.save();
    } catch (error) {
      printError(terminal, `cannot write the cache: ${describeWriteError(error)}`);
    }
  }
  const envelope: RunEnvelope = { reportVersion: REPORT_VERSION, tool, policy, passed, summary, failures, rules };
  try {
    await outputs.finish(envelope);
  } catch (error) {
    return outputFailed(error);
  }
  // Nothing checked is a failure: a directory or glob that found YAML but no charter in it, and a run that checked nothing at all.
  const noCharter = options.errorOnUnmatchedPattern ? discovery.searches.filter((search) => search.found.length > 0 && !search.found.some((file) => charterFiles.has(file))) : [];
  for (const search of noCharter) printError(terminal, `no charter found in ${search.input} (${foundText(search.found, discovery.ignored, configName)})`);
  if (options.errorOnUnmatchedPattern && noCharter.length === 0 && failures.length === 0 && summary.charters === 0) {
    printError(terminal, ignoredNamed.length > 0 ? `no charter checked: ${configName} ignores ${ignoredNamed.length === 1 ? 'the file' : `all ${ignoredNamed.length} files`} named` : 'no charter checked');
    return EXIT.inputError;
  }
  if (failures.length > 0 || noCharter.length > 0) return EXIT.inputError;
  return passed ? EXIT.pass : EXIT.fail;
}

/** Why a search found no charter: `3 YAML files, none a charter`, or how many of them the config ignores. */
function foundText(found: string[], ignored: Map<string, string>, configName: string): string {
  const files = (count: number) => `${count} YAML ${count === 1 ? 'file' : 'files'}`;
  const ignoredCount = found.filter((file) => ignored.has(file)).length;
  if (ignoredCount === 0) return `${files(found.length)}, none a charter`;
  if (ignoredCount === found.length) return `${files(found.length)}, all ignored by ${configName}`;
  return `${files(found.length)}: ${ignoredCount} ignored by ${configName}, the rest not charters`;
}

/** A path as a person in `cwd` would type it: relative when it is below, absolute otherwise. */
function displayPath(path: string, cwd: string): string {
  const below = relative(cwd, path);
  return below !== '' && !below.startsWith('..') && !isAbsolute(below) ? below : path;
}

/** The charters of an earlier JSON report by file, or null (after saying why) when it is unusable. */
async function loadBaselines(path: string, maxFileSize: number, terminal: Terminal): Promise<Map<string, CharterReport> | null> {
  const read = await terminal.files.readText(resolve(terminal.cwd, path), maxFileSize);
  const parsed = read.ok ? parseBaseline(read.text) : read;
  if (parsed.ok) return parsed.charters;
  printError(terminal, `--baseline ${path} ${parsed.message}`);
  return null;
}

/** The criteria files the run reads besides the built-in ones. */
function criteriaFiles(setup: Setup): string[] {
  return [...new Set(setup.criteria.criteria.map((criterion) => criterion.origin))].filter((origin) => origin !== BUILTIN_CRITERIA_ORIGIN);
}

function inputOf(file: string, read: ReadResult): RunInput {
  return read.ok ? { file, text: read.text } : { file, unreadable: read.message };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
