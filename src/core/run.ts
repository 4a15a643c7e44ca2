// A run over many charters, one at a time: texts in (read by the caller), or why a file could not
// be read, or a result found elsewhere (the cache, a worker thread); one checked report or one
// input failure out per charter, and at the end the run's verdict from counts. Nothing is kept
// between charters but the counts and the failures, so a run of any size holds one report.
import { compareWithBaseline, findBaseline } from './baseline.js';
import { checkCharter, type CheckResult } from './check.js';
import type { CriteriaSet } from './criteria.js';
import type { CheckContext } from './keywords.js';
import { REPORT_VERSION, RunTally, type CharterReport, type CheckedCharter, type InputFailure, type KnownCharter, type Policy, type RunReport, type RunSummary } from './report.js';

/**
 * A charter's text, why it could not be read, its result when it was checked elsewhere, a YAML file
 * that is not a charter, or a charter whose verdict and printed text an earlier run kept (--cache).
 */
export type RunInput =
  | { file: string; text: string }
  | { file: string; unreadable: string }
  | { file: string; result: CheckResult }
  | { file: string; skipped: true }
  | { file: string; known: KnownCharter; printed: KeptText[] };

export type RunEvent = { kind: 'charter'; report: CheckedCharter } | { kind: 'known'; known: KnownCharter; printed: KeptText[] } | { kind: 'failure'; failure: InputFailure };

/**
 * Where the text an earlier run printed for a charter is kept: `length` bytes at `position` of the
 * open file `fd` (the cache's). Passed on as it is, to be read only when it is printed.
 */
export interface KeptText {
  /** The file's path, to name it should it no longer hold the text. */
  readonly file: string;
  readonly fd: number;
  readonly position: number;
  readonly length: number;
  /** The CRC-32 of the bytes as they were when the cache's signature was checked: bytes read later that differ were changed since. */
  readonly crc: number;
}

export interface RunOutcome {
  passed: boolean;
  summary: RunSummary;
  failures: InputFailure[];
}

export interface RunSettings {
  criteria: CriteriaSet;
  policy: Policy;
  context: CheckContext;
  /** Earlier reports by file, to compare each charter with. */
  baselines?: Map<string, CharterReport>;
  /** The run checks one charter: a baseline of one charter is its earlier report, whatever the names. */
  oneCharter?: boolean;
}

export async function* checkRun(inputs: AsyncIterable<RunInput> | Iterable<RunInput>, settings: RunSettings): AsyncGenerator<RunEvent, RunOutcome> {
  const tally = new RunTally(settings.policy);
  const failures: InputFailure[] = [];
  const failure = (entry: InputFailure): RunEvent => {
    failures.push(entry);
    tally.addFailure();
    return { kind: 'failure', failure: entry };
  };
  for await (const input of inputs) {
    if ('skipped' in input) {
      tally.addSkipped();
      continue;
    }
    if ('known' in input) {
      tally.count(input.known);
      yield { kind: 'known', known: input.known, printed: input.printed };
      continue;
    }
    if ('unreadable' in input) {
      yield failure({ code: 'read', file: input.file, message: input.unreadable });
      continue;
    }
    const result = 'result' in input ? input.result : checkCharter(input.text, settings.criteria, input.file, settings.context);
    if (!result.ok) {
      yield failure({ file: input.file, ...result.problem });
      continue;
    }
    const previous = settings.baselines && findBaseline(result.report, settings.baselines, settings.oneCharter === true);
    const report = previous ? { ...result.report, baseline: compareWithBaseline(result.report, previous) } : result.report;
    yield { kind: 'charter', report: tally.add(report) };
  }
  return { passed: tally.passed(), summary: tally.summary(), failures };
}

/** A whole run's report at once, for a run small enough to hold (a charter written by init, tests). */
export async function runReportOf(inputs: AsyncIterable<RunInput> | Iterable<RunInput>, settings: RunSettings, head: Pick<RunReport, 'tool' | 'rules'>): Promise<RunReport> {
  const run = checkRun(inputs, settings);
  const charters: CheckedCharter[] = [];
  let step = await run.next();
  for (; !step.done; step = await run.next()) if (step.value.kind === 'charter') charters.push(step.value.report);
  const { passed, summary, failures } = step.value;
  return { reportVersion: REPORT_VERSION, tool: head.tool, policy: settings.policy, passed, summary, charters, failures, rules: head.rules };
}
