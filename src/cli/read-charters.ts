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
  cache: { store: ReportCache; hashText: (text: string) => string } | null;
  /** Worker threads to read and check the files on; 0: this thread only. */
  threads: number;
}

/** What reading learns besides the texts: the files that held a charter (or may have), and the hash of each text checked afresh, for the cache. */
export interface ReadLog {
  charterFiles: Set<string>;
  textHashes: Map<string, string>;
}

/**
 * What one file found was: other YAML a search passes over, a charter without its `charter: 1`
 * line, or a charter (its text, or why it could not be read); from a worker thread, a charter
 * already checked. `textHash` is the text's hash for the cache, when a worker made it.
 */
export type FileOutcome =
  | { kind: 'skipped' }
  | { kind: 'unmarked'; problem: InputProblem }
  | { kind: 'charter'; read: ReadResult; textHash?: string }
  | { kind: 'checked'; result: CheckResult; textHash?: string };

/** Sorts a file read: `searched`, when a folder or glob found it (not named on the command line). */
export function sortRead(read: ReadResult, searched: boolean, classify: (text: string) => YamlKind): FileOutcome {
  const kind = read.ok ? classify(read.text) : null;
  if (kind?.kind === 'other' && searched) return { kind: 'skipped' };
  if (kind?.kind === 'unmarked-charter') return { kind: 'unmarked', problem: kind.problem };
  return { kind: 'charter', read };
}

export function readCharters(settings: ReadSettings, setup: Setup, terminal: Terminal, tick: () => void): { inputs: AsyncGenerator<RunInput>; log: ReadLog } {
  const log: ReadLog = { charterFiles: new Set(), textHashes: new Map() };
  const { discovery, cache } = settings;
  const classify = yamlClassifier(setup.criteria.charterSchema);

  /** A file's input to the run, as its outcome says; the cache is asked here, on this thread. */
  function settle(file: string, outcome: FileOutcome): RunInput {
    if (outcome.kind === 'skipped') return { file, skipped: true };
    if (outcome.kind === 'unmarked') return { file, result: { ok: false, problem: outcome.problem } };
    log.charterFiles.add(file);
    if (outcome.kind === 'checked') {
      if (outcome.textHash) log.textHashes.set(file, outcome.textHash);
      return { file, result: outcome.result };
    }
    const { read } = outcome;
    const textHash = cache && read.ok ? (outcome.textHash ?? cache.hashText(read.text)) : null;
    const cached = textHash ? cache!.store.get(resolve(terminal.cwd, file), textHash) : undefined;
    if (cached) return { file, result: cached.ok ? { ok: true, report: { ...cached.report, file } } : cached };
    if (textHash) log.textHashes.set(file, textHash);
    return inputOf(file, read);
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
    for (const file of files) yield sortRead(await terminal.files.readText(resolve(terminal.cwd, file), settings.maxFileSize), discovery.searched.has(file), classify);
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
      yield settle(discovery.files[index++]!, outcome);
      tick();
    }
  }
  return { inputs: inputs(), log };
}

function inputOf(file: string, read: ReadResult): RunInput {
  return read.ok ? { file, text: read.text } : { file, unreadable: read.message };
}
