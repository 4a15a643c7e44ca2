// A run over many charters, one at a time: texts in (read by the caller), one checked report or
// one input failure out per charter, and at the end the run's verdict from counts. Nothing is
// kept between charters but the counts and the failures, so a run of any size holds one report.
import { compareWithBaseline, findBaseline } from './baseline.js';
import { checkCharter, type CheckResult } from './check.js';
import type { CriteriaSet } from './criteria.js';
import type { CheckContext } from './keywords.js';
import { RunTally, type CharterOutcome, type CharterReport, type CheckedCharter, type InputFailure, type Policy, type RunSummary } from './report.js';

/**
 * A charter's text, why it could not be read, or (checked elsewhere, on a worker thread) its
 * result, or its outcome and what the caller made of it there.
 */
export type RunInput =
  | { file: string; text: string }
  | { file: string; unreadable: string }
  | { file: string; result: CheckResult }
  | { file: string; made: MadeCharter }
  | { file: string; skipped: true };

/** A charter checked and made into output elsewhere: its outcome for the verdict, and what was made, handed back untouched. */
export interface MadeCharter {
  outcome: CharterOutcome;
  output: unknown;
}

export type RunEvent = { kind: 'charter'; report: CheckedCharter } | { kind: 'made'; file: string; made: MadeCharter } | { kind: 'failure'; failure: InputFailure };

export interface RunOutcome {
  passed: boolean;
  summary: RunSummary;
  failures: InputFailure[];
}

export interface RunSettings {
  criteria: CriteriaSet;
  policy: Policy;
  context: CheckContext;
  /** Earlier reports by file, to show what changed since. */
  baselines?: Map<string, CharterReport>;
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
    if ('made' in input) {
      tally.addOutcome(input.made.outcome);
      yield { kind: 'made', file: input.file, made: input.made };
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
    const previous = settings.baselines && findBaseline(result.report, settings.baselines);
    const report = previous ? { ...result.report, baseline: compareWithBaseline(result.report, previous) } : result.report;
    yield { kind: 'charter', report: tally.add(report) };
  }
  return { passed: tally.passed(), summary: tally.summary(), failures };
}
