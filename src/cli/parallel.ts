// More cores for a large run: worker threads read and check the charters, each taking the next
// file's index from a counter they share (as ESLint's multithread linting does), so a worker that
// meets small charters simply takes more. Each is handed the setup as data (the config and criteria
// as this thread read them, and today's date), so it reads nothing but charters, through the same
// reader with the same limits. Their outcomes are put back in the files' order here, so the output
// is the same as a single-threaded run's; a worker takes no index more than a window ahead of the
// one this thread waits for, so memory stays flat however slowly the outputs are written.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FileOutcome } from './read-charters.js';
import type { Setup, SetupData } from './setup.js';

/** From this many charters a run may use worker threads, which take about 0.3 s each to start. */
export const PARALLEL_FROM = 1000;
/** No more workers than this, whatever --threads asks: each costs a start and tens of megabytes. */
export const MAX_THREADS = 16;
/** How many files' outcomes each worker may have ahead of the one the run waits for. */
const WINDOW_PER_WORKER = 64;

/** The shared counter's slots: the next index to take, the first index not yet allowed, and whether to stop. */
export const NEXT = 0;
export const LIMIT = 1;
export const STOP = 2;

/**
 * Worker threads for a run of `charters` files: `threads` when asked for, but never more than
 * there are charters, nor MAX_THREADS; else, for a large run, one for each core beyond two (the
 * main thread only writes, but it is busy). Measured on a 2-core machine (2026-11-25, paired runs,
 * workers making the output): one worker made 10,000 charters 3-4% faster (json 10.7 s against
 * 11.2 s, stylish 9.9 s against 10.3 s) for 80-90 MB more memory, and 3,000 charters 7% slower; two
 * separate processes there ran only 1.3 times as fast as one. Two workers (2026-11-30, 10,000 json
 * charters, two runs each) took 9.9-10.3 s against 12.6-13.8 s on this thread, for 35% more CPU and
 * a peak of 264-276 MiB against 140-147, past the 150 MiB a large run is held to, and 211-229 MiB
 * with a smaller young generation. So two cores check on one thread; --threads 2 asks for both.
 */
export function workerCount(charters: number, threads?: number): number {
  if (threads !== undefined) return Math.min(threads, charters, MAX_THREADS);
  if (charters < PARALLEL_FROM) return 0;
  return Math.min(4, Math.max(0, availableParallelism() - 2));
}

/** What a worker is started with. */
export interface WorkerStart {
  setup: SetupData;
  /** The files, as absolute paths to read, as the run names them, and whether a search found each (so other YAML is passed over). */
  files: string[];
  names: string[];
  searched: boolean[];
  maxFileSize: number;
  /** For --cache: the hash each file's text had in the cache (a charter whose text is unchanged comes back as text, for this thread to take from the cache). */
  cachedHashes: Map<string, string> | null;
  /** The counter: an Int32Array's buffer, its slots NEXT, LIMIT and STOP. */
  shared: SharedArrayBuffer;
}

/** A worker's message: the outcome of the file at `index`. */
export interface WorkerAnswer {
  index: number;
  outcome: FileOutcome;
}

export type PoolFiles = Pick<WorkerStart, 'files' | 'names' | 'searched' | 'maxFileSize' | 'cachedHashes'>;

/** The worker thread's script: the build's bundle of it (scripts/bundle.mjs), else its module. */
function workerScript(): URL {
  const bundled = new URL('../check-worker.cjs', import.meta.url);
  return existsSync(bundled) ? bundled : new URL('./check-worker.js', import.meta.url);
}

/** Each file's outcome, read and checked on `count` workers, in the files' order. */
export async function* outcomesFromWorkers(files: PoolFiles, setup: Setup, count: number): AsyncGenerator<FileOutcome> {
  // Loaded here, for a large run only; getBuiltinModule, because the bundle runs where import() of a built-in has no loader.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const counter = new Int32Array(shared);
  const window = count * WINDOW_PER_WORKER;
  Atomics.store(counter, LIMIT, window);
  const start: WorkerStart = { ...files, setup: setup.data, shared };
  const script = workerScript();
  const workers = Array.from({ length: count }, () => new Worker(script, { workerData: start }));
  const arrived = new Map<number, FileOutcome>();
  let waiting: { index: number; resolve: (outcome: FileOutcome) => void; reject: (error: unknown) => void } | null = null;
  let failed: { error: unknown } | null = null;
  for (const worker of workers) {
    worker.on('message', ({ index, outcome }: WorkerAnswer) => {
      if (waiting?.index === index) {
        waiting.resolve(outcome);
        waiting = null;
      } else arrived.set(index, outcome);
    });
    const fail = (error: unknown) => {
      failed ??= { error };
      waiting?.reject(error);
      waiting = null;
    };
    worker.on('error', fail);
    // A worker ends by itself only when no index is left; one that ends otherwise leaves its files unanswered.
    worker.on('exit', (code) => {
      if (code !== 0 && Atomics.load(counter, STOP) === 0) fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
  }
  const outcomeAt = (index: number): FileOutcome | Promise<FileOutcome> => {
    const outcome = arrived.get(index);
    if (outcome) {
      arrived.delete(index);
      return outcome;
    }
    if (failed) throw failed.error;
    return new Promise((resolve, reject) => (waiting = { index, resolve, reject }));
  };
  try {
    for (let index = 0; index < files.files.length; index += 1) {
      yield await outcomeAt(index);
      // The window moves on: a worker waiting for it may take the next index.
      Atomics.store(counter, LIMIT, index + 1 + window);
      Atomics.notify(counter, LIMIT);
    }
  } finally {
    // Every index taken (or, when the run stops early, none more): the workers end themselves.
    Atomics.store(counter, STOP, 1);
    Atomics.notify(counter, LIMIT);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
