// A worker thread of a large run: makes the main thread's setup from the data it is handed (it
// reads no config or criteria file), then takes file indexes from the shared counter until none is
// left, reads each file through the same reader, sorts and checks it, and posts its outcome (the
// main thread puts them back in order and makes the output).
import { parentPort, workerData } from 'node:worker_threads';
import { checkCharter } from '../core/check.js';
import { yamlClassifier } from '../core/yaml-kind.js';
import { readTextFileSync } from '../io/read-text.js';
import { hashText } from './cache.js';
import { LIMIT, NEXT, STOP, type WorkerAnswer, type WorkerStart } from './parallel.js';
import { sortRead, type FileOutcome } from './read-charters.js';
import { compileSetup, type Setup } from './setup.js';

const start = workerData as WorkerStart;
const counter = new Int32Array(start.shared);

// A function, not top-level await: the build bundles this module as CommonJS (scripts/bundle.mjs),
// which has none. A failure rejects it, which ends the thread with an error the main thread reports.
async function work(): Promise<void> {
  const setup = await compileSetup(start.setup);
  const classify = yamlClassifier(setup.criteria.charterSchema);
  for (;;) {
    const index = Atomics.add(counter, NEXT, 1);
    if (index >= start.files.length) break;
    // Not more than a window ahead of the file the main thread waits for.
    for (let limit = Atomics.load(counter, LIMIT); index >= limit && Atomics.load(counter, STOP) === 0; limit = Atomics.load(counter, LIMIT)) Atomics.wait(counter, LIMIT, limit);
    if (Atomics.load(counter, STOP) !== 0) break;
    parentPort!.postMessage({ index, outcome: outcomeOf(index, setup, classify) } satisfies WorkerAnswer);
  }
}

function outcomeOf(index: number, setup: Setup, classify: ReturnType<typeof yamlClassifier>): FileOutcome {
  const file = start.files[index]!;
  const outcome = sortRead(readTextFileSync(file, start.maxFileSize), start.searched[index]!, classify);
  if (outcome.kind !== 'charter' || !outcome.read.ok) return outcome;
  const textHash = start.cachedHashes ? hashText(outcome.read.text) : undefined;
  // Unchanged since the cache was written: the main thread takes its report from the cache (or checks it, if that line is damaged).
  if (textHash !== undefined && start.cachedHashes!.get(file) === textHash) return { ...outcome, textHash };
  // The report names the file as the run does: relative, as it was found.
  return { kind: 'checked', result: checkCharter(outcome.read.text, setup.criteria, start.names[index]!, setup.context), ...(textHash === undefined ? {} : { textHash }) };
}

void work();
