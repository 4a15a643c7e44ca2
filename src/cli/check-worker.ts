// A worker thread of a large run: loads the same setup as the main thread and checks the charters
// it is sent, answering with each result (the main thread puts them back in order and makes the output).
import { parentPort, workerData } from 'node:worker_threads';
import { checkCharter, type CheckResult } from '../core/check.js';
import type { CheckContext } from '../core/keywords.js';
import { nodeFileSystem } from '../io/file-system.js';
import { loadSetup, type ConfigChoice } from './setup.js';

const { choice, context } = workerData as { choice: ConfigChoice; context: CheckContext };
// The main thread's "today" comes in `context`; the clock given here is not read.
const setup = await loadSetup(choice, { files: nodeFileSystem, now: Date.now });

export interface WorkerAnswer {
  index: number;
  result: CheckResult;
}

parentPort!.on('message', ({ id, charters }: { id: number; charters: { index: number; file: string; text: string }[] }) => {
  const answers = charters.map(({ index, file, text }): WorkerAnswer => ({ index, result: checkCharter(text, setup.criteria, file, context) }));
  parentPort!.postMessage({ id, answers });
});
