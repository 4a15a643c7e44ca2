// Reading a run's charters, in order: stdin first, then every file found. Each comes out as its
// text, or why it could not be read, or its result from the cache; other YAML a search found (a
// workflow, a tool's config) is passed over, and a charter that lacks its `charter: 1` line is a
// problem, not a pass. A large run reads and checks its files on worker threads (parallel.ts),
// which sort what they read with the same sortRead; what they found is settled here as a file read
// on this thread is, in the same order.
import { resolve } from 'node:path';
import type { CheckResult } from '../core/check.js';
import type { InputProblem } from '../core/problem.js';
import type { RunInput } from '../core/run.js';
import { nearestKey } from '../core/structure.js';
import type { YamlKind } from '../core/yaml-kind.js';
import { yamlClassifier } from '../core/yaml-kind.js';
import type { Discovery } from '../io/discover.js';
import type { ReadResult } from '../io/read-text.js';
import type { ReportCache } from './cache.js';
import type { Setup } from './setup.js';
import type { Terminal } from './terminal.js';

export const STDIN = '-';

export interface ReadSettings {
  inputs: string[];
  discovery: Discovery;
  maxFileSize: number;
  stdinFilepath?: string;
  cache: { store: ReportCache; hashText: (text: string) => string; printKey: string | null } | null;
  /** Worker threads to read and check the files on; 0: this thread only. */
  threads: number;
}

/** What reading learns besides the texts: the files that held a charter (or may have), and the hash and stat (see ReportCache.statKey) of each text whose entry the cache is to write. */
export interface ReadLog {
  charterFiles: Set<string>;
  toCache: Map<string, { textHash: string; stat: string }>;
}

/**
 * What one file found was: other YAML a search passes over, a charter without its `charter: 1`
 * line, or a charter (its text, or why it could not be read); from a worker thread, a charter
 * already checked; with --cache, a charter whose size and modification time are those of its
 * entry, not read. `textHash` is the text's hash for the cache, when a worker made it; `stat` its
 * stat as the cache keeps it.
 */
export type FileOutcome =
  | { kind: 'skipped' }
  | { kind: 'unmarked'; problem: InputProblem }
  | { kind: 'charter'; read: ReadResult; textHash?: string; stat?: string }
  | { kind: 'checked'; result: CheckResult; textHash?: string }
  | { kind: 'unchanged'; textHash: string; stat: string };

/** Sorts a file read: `searched`, when a folder or glob found it (not named on the command line). */
export function sortRead(read: ReadResult, searched: boolean, classify: (text: string) => YamlKind): FileOutcome {
  const kind = read.ok ? classify(read.text) : null;
  if (kind?.kind === 'other' && searched) return { kind: 'skipped' };
  if (kind?.kind === 'unmarked-charter') return { kind: 'unmarked', problem: kind.problem };
  return { kind: 'charter', read };
}

export function readCharters(settings: ReadSettings, setup: Setup, terminal: Terminal, tick: () => void): { inputs: AsyncGenerator<RunInput>; log: ReadLog } {
  const log: ReadLog = { charterFiles: new Set(), toCache: new Map() };
  const { discovery, cache } = settings;
  const classify = yamlClassifier(setup.criteria.charterSchema);

  /** A file's input to the run, as its outcome says; the cache is asked here, on this thread. */
  async function settle(file: string, outcome: FileOutcome): Promise<RunInput> {
    if (outcome.kind === 'skipped') return { file, skipped: true };
    if (outcome.kind === 'unmarked') return { file, result: { ok: false, problem: outcome.problem } };
    log.charterFiles.add(file);
    if (outcome.kind === 'unchanged') {
      // Not read, its entry unusable after all (damaged): read now.
      return fromCache(file, outcome.textHash, outcome.stat) ?? settle(file, await readFile(file, false));
    }
    const stat = outcome.kind === 'charter' ? (outcome.stat ?? '-') : '-';
    if (outcome.kind === 'checked') {
      if (outcome.textHash) log.toCache.set(file, { textHash: outcome.textHash, stat });
      return { file, result: outcome.result };
    }
    const { read } = outcome;
    const textHash = cache && read.ok ? (outcome.textHash ?? cache.hashText(read.text)) : null;
    const cached = textHash ? fromCache(file, textHash, stat) : undefined;
    if (cached) return cached;
    if (textHash) log.toCache.set(file, { textHash, stat });
    return inputOf(file, read);
  }

  /**
   * An unchanged charter's input from the cache: what the last run printed for it, when this run
   * prints the same way, else its result (and, when this run prints what the cache keeps, its
   * entry is written again with it).
   */
  function fromCache(file: string, textHash: string, stat: string): RunInput | undefined {
    const { store, printKey } = cache!;
    const path = resolve(terminal.cwd, file);
    const printed = printKey === null ? undefined : store.printed(path, textHash, stat, printKey, file);
    if (printed) return { file, known: printed.known, printed: printed.pieces };
    const cached = store.get(path, textHash, stat, printKey === null);
    if (!cached) return undefined;
    if (!cached.ok) return { file, result: cached };
    if (printKey !== null) log.toCache.set(file, { textHash, stat });
    return { file, result: { ok: true, report: { ...cached.report, file } } };
  }

  /**
   * A file read and sorted; with --cache, its stat taken first (a change after it is seen next
   * time), and a charter whose stat is its entry's not read at all (unless not `byStat`).
   */
  async function readFile(file: string, byStat = true): Promise<FileOutcome> {
    const path = resolve(terminal.cwd, file);
    const stat = cache ? cache.store.statKey(path, settings.maxFileSize) : '-';
    const textHash = byStat && cache ? cache.store.unchangedHash(path, stat) : undefined;
    if (textHash !== undefined) return { kind: 'unchanged', textHash, stat };
    const outcome = sortRead(await terminal.files.readText(path, settings.maxFileSize), discovery.searched.has(file), classify);
    return outcome.kind === 'charter' ? { ...outcome, stat } : outcome;
  }

  async function* fileOutcomes(): AsyncGenerator<FileOutcome> {
    const files = discovery.files;
    if (settings.threads > 0 && files.length > 0) {
      const { outcomesFromWorkers } = await import('./parallel.js');
      yield* outcomesFromWorkers(
        { files: files.map((file) => resolve(terminal.cwd, file)), names: files, searched: files.map((file) => discovery.searched.has(file)), maxFileSize: settings.maxFileSize, cachedHashes: cache?.store.hashes() ?? null },
        setup,
        settings.threads,
      );
      return;
    }
    for (const file of files) yield await readFile(file);
  }

  async function* inputs(): AsyncGenerator<RunInput> {
    for (const { folder, reason } of discovery.unreadable) yield { file: folder, unreadable: `cannot search this folder (${reason}), so the charters in it were not checked` };
    if (settings.inputs.includes(STDIN)) {
      const file = settings.stdinFilepath ?? '<stdin>';
      const read = await terminal.readStdin(settings.maxFileSize);
      const kind = read.ok ? classify(read.text) : null;
      yield kind?.kind === 'unmarked-charter' ? { file, result: { ok: false, problem: kind.problem } } : inputOf(file, read);
    }
    let index = 0;
    for await (const outcome of fileOutcomes()) {
      yield await settle(discovery.files[index++]!, outcome);
      tick();
    }
  }
  return { inputs: inputs(), log };
}

/**
 * Set once this thread has been given a charter's text to check (not a report a worker thread or
 * the cache made): the bin keeps a code cache only from such a run (bin/partner-check.js says why).
 */
let textsChecked = false;
export const checkedACharter = (): boolean => textsChecked;

/** The commands of main.ts: a charter named as one of them, misspelt, was most likely meant as it. */
export const COMMAND_NAMES = ['check', 'init', 'fix', 'summary', 'schema', 'explain', 'criteria'];

function inputOf(file: string, read: ReadResult): RunInput {
  if (!read.ok) return { file, unreadable: `${read.message}${read.message === 'no such file' ? commandHint(file) : ''}` };
  textsChecked = true;
  return { file, text: read.text };
}

/** "summery", a file that is not there: did you mean the command? */
function commandHint(file: string): string {
  const command = /^[a-z]+$/i.test(file) ? nearestKey(file, COMMAND_NAMES) : undefined;
  return command ? ` (did you mean the command '${command}'? It comes first: partner-check ${command} ...)` : '';
}
