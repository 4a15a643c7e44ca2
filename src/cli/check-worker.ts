// A worker thread of a large run: loads the same setup as the main thread and checks the charters
// it is sent. With a job, it also makes each charter's output (the parts of every streamed format)
// and answers with that and the charter's outcome, so the main thread only writes; without one,
// it answers with each result (the main thread puts them back in order either way).
import { parentPort, workerData } from 'node:worker_threads';
import { checkCharter, type CheckResult } from '../core/check.js';
import type { CheckContext } from '../core/keywords.js';
import { withVerdict } from '../core/report.js';
import { describeRules } from '../core/rules.js';
import type { MadeCharter } from '../core/run.js';
import { loadStreamingFormatter } from '../formatters/index.js';
import { nodeFileSystem } from '../io/file-system.js';
import { charterOutput } from './charter-output.js';
import type { OutputJob } from './parallel.js';
import { loadSetup, type ConfigChoice } from './setup.js';

const { choice, context, job } = workerData as { choice: ConfigChoice; context: CheckContext; job: OutputJob | null };
// The main thread's "today" comes in `context`; the clock given here is not read.
const setup = await loadSetup(choice, { files: nodeFileSystem, now: Date.now });
const head = job && { tool: job.tool, policy: job.policy, rules: describeRules(setup.criteria) };
const formatters = job ? await Promise.all(job.formats.map(async ({ format, options }) => (await loadStreamingFormatter(format))(head!, options))) : [];

export type WorkerAnswer = { index: number; result: CheckResult } | { index: number; made: MadeCharter };

parentPort!.on('message', ({ id, charters }: { id: number; charters: { index: number; file: string; text: string }[] }) => {
  const answers = charters.map(({ index, file, text }): WorkerAnswer => {
    const result = checkCharter(text, setup.criteria, file, context);
    if (!job || !result.ok) return { index, result };
    const checked = withVerdict(result.report, job.policy);
    const { band, passed, counts } = checked;
    return { index, made: { outcome: { band, passed, counts }, output: charterOutput(checked, formatters, job) } };
  });
  parentPort!.postMessage({ id, answers });
});
