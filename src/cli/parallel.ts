// Both cores for a large run: charters are read here and checked on worker threads, a batch at a
// time, and handed on in the order they were read, so the output is the same as a single-threaded
// run's. Only a window of batches is in flight, so memory stays flat.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckResult } from '../core/check.js';
import type { RunInput } from '../core/run.js';
import type { Setup } from './setup.js';

/**
 * From this many charters a worker thread pays for its start (it loads the criteria): on the
 * 2-core machine, 1,000 charters took 1.61 s with one worker against 1.82 s without, 3,000 took
 * 3.65 s against 4.13 s (and about 100 MB more memory).
 */
export const PARALLEL_FROM = 1000;
const BATCH = 32;
const IN_FLIGHT_PER_WORKER = 4;



/** Worker threads for a run: `threads` when asked for, else one fewer than the cores for a large run. */
export function workerCount(charters: number, threads?: number): number {
  if (threads !== undefined) return threads;
  if (charters < PARALLEL_FROM) return 0;
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** The inputs, checked on `count` workers, in their original order. */
export async function* checkedInWorkers(reads: AsyncIterable<RunInput>, setup: Setup, count: number): AsyncGenerator<RunInput> {
  const workers = Array.from({ length: count }, () => new Worker(new URL('./check-worker.js', import.meta.url), { workerData: { choice: setup.choice, context: setup.context } }));
  type Answer = { index: number; result: CheckResult };
  const pending = new Map<number, { resolve: (answers: Answer[]) => void; reject: (error: unknown) => void }>();
  for (const worker of workers) {
    worker.on('message', ({ id, answers }: { id: number; answers: Answer[] }) => {
      pending.get(id)?.resolve(answers);
      pending.delete(id);
    });
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
    });
  }
  let next = 0;
  const send = async (batch: RunInput[]): Promise<RunInput[]> => {
    const id = next++;
    const charters = batch.flatMap((read, index) => ('text' in read ? [{ index, file: read.file, text: read.text }] : []));
    const answers = charters.length === 0 ? [] : await new Promise<Answer[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      workers[id % workers.length]!.postMessage({ id, charters });
    });
    const results = new Map(answers.map((answer) => [answer.index, answer.result]));
    return batch.map((read, index) => (results.has(index) ? { file: read.file, result: results.get(index)! } : read));
  };
  try {
    const inFlight: Promise<RunInput[]>[] = [];
    let batch: RunInput[] = [];
    for await (const read of reads) {
      batch.push(read);
      if (batch.length < BATCH) continue;
      inFlight.push(send(batch));
      batch = [];
      if (inFlight.length >= count * IN_FLIGHT_PER_WORKER) yield* await inFlight.shift()!;
    }
    if (batch.length > 0) inFlight.push(send(batch));
    while (inFlight.length > 0) yield* await inFlight.shift()!;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
