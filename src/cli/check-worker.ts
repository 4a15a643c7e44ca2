// A worker thread of a large run: loads the same setup as the main thread and checks the charters
// it is sent, answering each with its result (the main thread puts them back in order).
import { parentPort, workerData } from 'node:worker_threads';
import { checkCharter } from '../core/check.js';
import { loadSetup, type ConfigChoice } from './setup.js';

const { choice, context } = workerData as { choice: ConfigChoice; context: import('../core/keywords.js').CheckContext };
const setup = await loadSetup(choice);
parentPort!.on('message', ({ id, charters }: { id: number; charters: { index: number; file: string; text: string }[] }) => {
  parentPort!.postMessage({ id, answers: charters.map(({ index, file, text }) => ({ index, result: checkCharter(text, setup.criteria, file, context) })) });
});
