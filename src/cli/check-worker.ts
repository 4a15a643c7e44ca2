// A worker thread of a large run: makes the main thread's setup from the data it is handed (it reads
// no config or criteria file) and checks the charters
// it is sent, answering with each result (the main thread puts them back in order and makes the output).
import { parentPort, workerData } from 'node:worker_threads';
import { checkCharter, type CheckResult } from '../core/check.js';
import { compileSetup, type SetupData } from './setup.js';

const setup = await compileSetup(workerData as SetupData);

export interface WorkerAnswer {
  index: number;
  result: CheckResult;
}

parentPort!.on('message', ({ id, charters }: { id: number; charters: { index: number; file: string; text: string }[] }) => {
  const answers = charters.map(({ index, file, text }): WorkerAnswer => ({ index, result: checkCharter(text, setup.criteria, file, setup.context) }));
  parentPort!.postMessage({ id, answers });
});
