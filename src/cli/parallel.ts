// More cores for a large run: charters are read here and checked on worker threads, a batch at a
// time; the answers are handed on in the order the
// charters were read, so the output is the same as a single-threaded run's. Only a window of
// batches is in flight, so memory stays flat.
import { availableParallelism } from 'node:os';
import type { RunInput } from '../core/run.js';
import type { WorkerAnswer } from './check-worker.js';
import type { Setup } from './setup.js';

/** From this many charters a run may use worker threads, which take about 0.3 s each to start. */
export const PARALLEL_FROM = 1000;
const BATCH = 32;
const IN_FLIGHT_PER_WORKER = 4;

/**
 * Worker threads for a run: `threads` when asked for; else, for a large run, one for each core
 * beyond two (the main thread only reads and writes, but it is busy). Measured on a 2-core
 * machine (2026-11-25, paired runs, workers making the output): one worker made 10,000 charters
 * 3-4% faster (json 10.7 s against 11.2 s, stylish 9.9 s against 10.3 s) for 80-90 MB more memory,
 * and 3,000 charters 7% slower; two separate processes there ran only 1.3 times as fast as one.
 * So two cores check on one thread.
 */
export function workerCount(charters: number, threads?: number): number {
  if (threads !== undefined) return threads;
  if (charters < PARALLEL_FROM) return 0;
  return Math.min(4, Math.max(0, availableParallelism() - 2));
}

/** The inputs, checked on `count` workers, in their original order: each charter's text replaced by its result. */
export async function* checkedInWorkers(reads: AsyncIterable<RunInput>, setup: Setup, count: number): AsyncGenerator<RunInput> {
  // Loaded here, for a large run only; getBuiltinModule, because the bundle runs where import() of a built-in has no loader.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const workers = Array.from({ length: count }, () => new Worker(new URL('./check-worker.js', import.meta.url), { workerData: setup.data }));
  const pending = new Map<number, { resolve: (answers: WorkerAnswer[]) => void; reject: (error: unknown) => void }>();
  for (const worker of workers) {
    worker.on('message', ({ id, answers }: { id: number; answers: WorkerAnswer[] }) => {
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
    const answers = charters.length === 0 ? [] : await new Promise<WorkerAnswer[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      workers[id % workers.length]!.postMessage({ id, charters });
    });
    const answered = new Map(answers.map((answer) => [answer.index, answer]));
    return batch.map((read, index) => {
      const answer = answered.get(index);
      return answer ? { file: read.file, result: answer.result } : read;
    });
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
