// `partner-check [check] <inputs...>`: find the charters, check each, print or write every
// requested format, and return the exit code (0 pass, 1 a charter falls short, 2 input error).
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseBaseline } from '../core/baseline.js';
import { resolvePolicy } from '../core/policy.js';
import { formatProblem } from '../core/problem.js';
import { REPORT_VERSION, RunTally, type CharterReport, type CheckedCharter, type FailOn, type Policy } from '../core/report.js';
import { describeRules } from '../core/rules.js';
import { checkRun, type RunOutcome } from '../core/run.js';
import { isColourable, type FormatOptions } from '../formatters/index.js';
import { discoverFiles, type Discovery } from '../io/discover.js';
import { writeRefusal, type NamedFile, type WriteTarget } from '../io/output-guard.js';
import { describeWriteError } from '../io/write-file.js';
import type { ReportCache } from './cache.js';
import { OutputError, Outputs, type OutputRequest } from './outputs.js';
import { workerCount } from './parallel.js';
import { startProgress } from './progress.js';
import { readCharters, STDIN, type ReadSettings } from './read-charters.js';
import { setupFiles, type Setup } from './setup.js';
import { printError, wantsColor, type Terminal } from './terminal.js';

export const EXIT = { pass: 0, fail: 1, inputError: 2 } as const;

/** Where --cache keeps its file unless --cache-location says otherwise. */
const DEFAULT_CACHE_LOCATION = '.partner-check-cache';
export { STDIN } from './read-charters.js';

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
  /** -o may replace a file that is not a partner-check report. */
  force?: boolean;
}

export async function runCheck(inputs: string[], options: CheckOptions, setup: Setup, version: string, terminal: Terminal): Promise<number> {
  const policy = resolvePolicy(options, setup.config?.config);
  const baselines = options.baseline ? await loadBaselines(options.baseline, options.maxFileSize, terminal) : new Map<string, CharterReport>();
  if (!baselines) return EXIT.inputError;
  const found = await findCharters(inputs, options, setup, terminal);
  if (!found) return EXIT.inputError;
  const targets = writeTargets(options, terminal);
  // A file replaced where stdout goes would take the report printed there with it (an -o there is stdout: see outputRequests).
  const onStdout = targets.find((target) => target.kind !== 'report' && terminal.isStdout?.(resolve(terminal.cwd, target.path)));
  const refusal = onStdout ? `${onStdout.label} is where stdout goes, and writing it would replace the report printed there; name another file` : await writeRefusal(targets, filesRead(inputs, found.discovery, options, setup), terminal.cwd, terminal.files, { force: options.force === true });
  if (refusal) {
    printError(terminal, refusal);
    return EXIT.inputError;
  }
  const head = { tool: { name: 'partner-check', version }, policy, rules: describeRules(setup.criteria) };
  let outputs: Outputs;
  const optionsFor = await formatOptions(options, terminal);
  try {
    outputs = await Outputs.open(outputRequests(options, terminal), head, terminal, optionsFor);
  } catch (error) {
    return outputFailed(error, terminal);
  }
  // What a charter prints is kept only when every output prints it as a piece of its own, and it compares with no baseline.
  const printing = outputs.printsCharterTexts && !options.baseline ? { policy, outputs: outputRequests(options, terminal).map((request) => ({ format: request.format, to: request.file ? 'file' : 'stdout', options: optionsFor(request) })) } : null;
  let cache: RunCache | null;
  try {
    cache = options.cache ? await openCache(options, setup, version, terminal, printing) : null;
  } catch (error) {
    await outputs.abort();
    return outputFailed(error, terminal);
  }
  const progress = startProgress(found.discovery.files.length, terminal);
  const threads = workerCount(found.discovery.files.length, options.threads);
  const reading = readCharters({ inputs, discovery: found.discovery, maxFileSize: options.maxFileSize, stdinFilepath: options.stdinFilepath, cache, threads }, setup, terminal, () => progress.tick());
  let outcome: RunOutcome;
  try {
    try {
      outcome = await checkAndWrite(reading, { setup, policy, baselines, oneCharter: found.discovery.files.length + (inputs.includes('-') ? 1 : 0) === 1, quiet: options.quiet === true }, outputs, cache, terminal);
    } catch (error) {
      await outputs.abort();
      return outputFailed(error, terminal);
    }
    progress.done();
    if (cache) await saveCache(cache.store, terminal);
    try {
      await outputs.finish({ reportVersion: REPORT_VERSION, tool: head.tool, policy, passed: outcome.passed, summary: outcome.summary, failures: outcome.failures, rules: head.rules });
    } catch (error) {
      return outputFailed(error, terminal);
    }
  } finally {
    // The texts printed from the cache are read from its last file until the outputs are done.
    cache?.store.close();
  }
  return exitCode(outcome, found, reading.log.charterFiles, options, terminal);
}

/** The charters the inputs name, and what the config ignores of them; null (after saying why) when a pattern matched nothing. */
async function findCharters(inputs: string[], options: CheckOptions, setup: Setup, terminal: Terminal): Promise<Found | null> {
  const config = setup.config;
  const discovery = await discoverFiles(
    inputs.filter((input) => input !== STDIN),
    { cwd: terminal.cwd, files: terminal.files, ignore: config?.config.ignore ?? [], ignoreBase: config ? dirname(config.origin) : terminal.cwd },
  );
  if (options.errorOnUnmatchedPattern && discovery.unmatched.length > 0) {
    for (const pattern of discovery.unmatched) printError(terminal, `no charters match '${pattern}' (use --no-error-on-unmatched-pattern to allow this)`);
    return null;
  }
  const configName = config ? displayPath(config.origin, terminal.cwd) : 'the config';
  // A file named but ignored by the config is not checked, and says so (a pre-commit hook names the files a commit touches, ignored ones too).
  const ignoredNamed = [...discovery.ignored].filter(([file]) => !discovery.searched.has(file));
  for (const [file, pattern] of ignoredNamed) printError(terminal, `${file}: not checked: ${configName} ignores it (ignore: "${pattern}")`);
  return { discovery, configName, ignoredNamed: ignoredNamed.length };
}

interface Found {
  discovery: Discovery;
  /** The config as a person would name it, for messages. */
  configName: string;
  /** How many files named on the command line the config ignores. */
  ignoredNamed: number;
}

/** Every file the run reads, which nothing it writes may overwrite. */
function filesRead(inputs: string[], discovery: Discovery, options: CheckOptions, setup: Setup): NamedFile[] {
  return [
    ...discovery.files.map((path) => ({ role: 'the charter', path })),
    // The charter on stdin is the file its name says: `- --stdin-filepath c.yaml < c.yaml`.
    ...(inputs.includes(STDIN) && options.stdinFilepath ? [{ role: 'the charter', path: options.stdinFilepath }] : []),
    ...setupFiles(setup),
    ...(options.baseline ? [{ role: 'the baseline', path: options.baseline }] : []),
  ];
}

/** Every file the run writes: each -o file, GitHub's step summary and the cache. */
function writeTargets(options: CheckOptions, terminal: Terminal): WriteTarget[] {
  const targets: WriteTarget[] = [];
  // Every -o as given, stdout's own file too: printed there, it must still not be a file the run reads.
  for (const output of options.outputs) {
    if (output.file) targets.push({ kind: 'report', path: output.file, label: `-o ${output.file}` });
  }
  const stepSummary = outputRequests(options, terminal).find((output) => output.appendTo)?.appendTo;
  if (stepSummary) targets.push({ kind: 'step-summary', path: stepSummary, label: `GITHUB_STEP_SUMMARY ${stepSummary}` });
  if (options.cache) {
    const location = options.cacheLocation ?? DEFAULT_CACHE_LOCATION;
    targets.push({ kind: 'cache', path: location, label: options.cacheLocation ? `--cache-location ${location}` : `the cache ${location}` });
  }
  return targets;
}

/** GitHub shows at most 1 MiB of summary per step: the step summary is cut short to fit. */
const STEP_SUMMARY_BYTES = 1024 * 1024;
/** Where the whole markdown report is when it was printed, not written to a file. */
const IN_THE_LOG = "this step's log";

/**
 * The outputs asked for; when one is markdown, inside GitHub Actions, the step summary too: the
 * same report, capped to what GitHub shows, and saying where the whole one is.
 */
function outputRequests(options: CheckOptions, terminal: Terminal): OutputRequest[] {
  // -o naming what stdout writes to (/dev/stdout, or the file stdout was sent to) is stdout: put in
  // place as a file, it would replace what the other outputs print there.
  const outputs = options.outputs.map(({ file, ...output }): OutputRequest => (file !== undefined && !terminal.isStdout?.(resolve(terminal.cwd, file)) ? { ...output, file } : output));
  const stepSummary = terminal.env['GITHUB_STEP_SUMMARY'];
  const markdown = outputs.find((output) => output.format === 'markdown');
  if (!stepSummary || !markdown) return outputs;
  return [...outputs, { format: 'markdown', appendTo: stepSummary, fullReport: markdown.file ?? IN_THE_LOG }];
}

/**
 * Colour only for stylish shown in a terminal that wants it; only a report shown in a terminal is
 * wrapped to its width (a file or a pipe gets whole lines). The step summary gets what is left of
 * GitHub's limit after what the step wrote there before.
 */
async function formatOptions(options: CheckOptions, terminal: Terminal): Promise<(output: OutputRequest) => FormatOptions> {
  const stepSummary = outputRequests(options, terminal).find((output) => output.appendTo);
  const written = stepSummary?.appendTo ? ((await terminal.files.stat(resolve(terminal.cwd, stepSummary.appendTo)))?.size ?? 0) : 0;
  return (output) => ({
    color: !output.file && !output.appendTo && isColourable(output.format) && wantsColor(terminal),
    quiet: options.quiet === true,
    width: output.file || output.appendTo ? undefined : terminal.stdoutColumns,
    ...(output.appendTo ? { limit: { bytes: STEP_SUMMARY_BYTES - written, fullReport: output.fullReport ?? IN_THE_LOG } } : {}),
  });
}

/** An -o file that cannot be written ends the run: one line, exit 2, and no half-written file. */
function outputFailed(error: unknown, terminal: Terminal): number {
  if (!(error instanceof OutputError)) throw error;
  printError(terminal, `cannot write ${error.file}: ${describeWriteError(error.reason)}`);
  return EXIT.inputError;
}

/**
 * The cache, loaded only for a cached run (as the worker threads' module is only for a large one: a
 * plain check starts without them); `printing`, what the text each charter prints depends on
 * besides its report, when the cache is to keep that text.
 */
async function openCache(options: CheckOptions, setup: Setup, version: string, terminal: Terminal, printing: object | null): Promise<RunCache> {
  const caching = await import('./cache.js');
  const location = resolve(terminal.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION);
  const store = await caching.ReportCache.open(location, options.cacheLocation ?? `the cache ${DEFAULT_CACHE_LOCATION}`, setup, version, (message) => printError(terminal, message));
  return { store, hashText: caching.hashText, printKey: printing ? caching.hashText(JSON.stringify(printing)) : null };
}

type RunCache = NonNullable<ReadSettings['cache']>;

async function saveCache(cache: ReportCache, terminal: Terminal): Promise<void> {
  try {
    await cache.save();
  } catch (error) {
    printError(terminal, `cannot write the cache: ${describeWriteError(error)}`);
  }
}

interface CheckSettings {
  setup: Setup;
  policy: Policy;
  baselines: Map<string, CharterReport>;
  /** The run reads one file (or stdin alone). */
  oneCharter: boolean;
  quiet: boolean;
}

/**
 * Checks the charters read (those a worker thread read are checked already), hands each one's report to
 * the outputs as it is shown (--quiet: failing charters and their errors only), keeps it in the
 * cache, and prints each input problem on stderr.
 */
async function checkAndWrite(reading: ReturnType<typeof readCharters>, settings: CheckSettings, outputs: Outputs, runCache: RunCache | null, terminal: Terminal): Promise<RunOutcome> {
  const { setup, policy, baselines, oneCharter } = settings;
  const run = checkRun(reading.inputs, { criteria: setup.criteria, policy, context: setup.context, baselines, oneCharter });
  const { toCache } = reading.log;
  const cache = runCache?.store ?? null;
  let step = await run.next();
  try {
    for (; !step.done; step = await run.next()) {
      // Reading and checking never wait on the event loop, so a signal's handler (Ctrl-C, which
      // removes the run's temporary files and ends it) would wait for the run's end: give it a turn.
      await new Promise<void>((done) => setImmediate(done));
      const event = step.value;
      if (event.kind === 'failure') {
        printError(terminal, formatProblem(event.failure));
        // A problem in the text itself (not in reading it) is the same next time the text is.
        const entry = toCache.get(event.failure.file);
        if (cache && entry && event.failure.code !== 'read') cache.setProblem(resolve(terminal.cwd, event.failure.file), entry.textHash, entry.stat, event.failure);
        continue;
      }
      if (event.kind === 'known') {
        // Printed before, with the same formats, options and policy: printed again as it was.
        if (!(settings.quiet && event.known.passed)) await outputs.addPrinted(event.printed);
        continue;
      }
      const { report } = event;
      const shown = shownReport(report, settings.quiet);
      const printed = shown ? await outputs.add(shown) : [];
      const entry = toCache.get(report.file);
      if (!cache || !entry) continue;
      const { printKey } = runCache!;
      const known = { file: report.file, band: report.band, passed: report.passed, counts: report.counts };
      cache.set(resolve(terminal.cwd, report.file), entry.textHash, entry.stat, report, printKey && printed ? { printKey, known, pieces: printed } : undefined);
    }
  } finally {
    // Closing the run stops its worker threads when an output fails part way.
    if (!step.done) await run.return({ passed: false, summary: new RunTally(policy).summary(), failures: [] });
  }
  return step.value;
}

/** The report as the run shows it: under --quiet, a failing charter with only its errors, and nothing for one that passes. */
function shownReport(report: CheckedCharter, quiet: boolean): CheckedCharter | null {
  if (!quiet) return report;
  if (report.passed) return null;
  return { ...report, findings: report.findings.filter((finding) => finding.severity === 'error') };
}

/**
 * 2 for an input problem, and for a run that checked nothing (a directory or glob that found YAML
 * but no charter in it, or no charter at all); else 1 when the run fails, 0 when it passes.
 */
function exitCode(outcome: RunOutcome, found: Found, charterFiles: Set<string>, options: CheckOptions, terminal: Terminal): number {
  const { passed, summary, failures } = outcome;
  const { discovery, configName, ignoredNamed } = found;
  const noCharter = options.errorOnUnmatchedPattern ? discovery.searches.filter((search) => search.found.length > 0 && !search.found.some((file) => charterFiles.has(file))) : [];
  for (const search of noCharter) printError(terminal, `no charter found in ${search.input} (${foundText(search.found, discovery.ignored, configName)})`);
  if (options.errorOnUnmatchedPattern && noCharter.length === 0 && failures.length === 0 && summary.charters === 0) {
    printError(terminal, ignoredNamed > 0 ? `no charter checked: ${configName} ignores ${ignoredNamed === 1 ? 'the file' : `all ${ignoredNamed} files`} named` : 'no charter checked');
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
