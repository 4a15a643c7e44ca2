// Reading a run's charters, in order: stdin first, then every file found. Each comes out as its
// text, or why it could not be read, or its result from the cache; other YAML a search found (a
// workflow, a tool's config) is passed over, and a charter that lacks its `charter: 1` line is a
// problem, not a pass.
import { resolve } from 'node:path';
import type { RunInput } from '../core/run.js';
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
}

/** What reading learns besides the texts: the files that held a charter (or may have), and the hash of each text checked afresh, for the cache. */
export interface ReadLog {
  charterFiles: Set<string>;
  textHashes: Map<string, string>;
}

export function readCharters(settings: ReadSettings, setup: Setup, terminal: Terminal, tick: () => void): { inputs: AsyncGenerator<RunInput>; log: ReadLog } {
  const log: ReadLog = { charterFiles: new Set(), textHashes: new Map() };
  const { discovery, cache } = settings;
  const classify = yamlClassifier(setup.criteria.charterSchema);
  async function* inputs(): AsyncGenerator<RunInput> {
    for (const { folder, reason } of discovery.unreadable) yield { file: folder, unreadable: `cannot search this folder (${reason}), so the charters in it were not checked` };
    if (settings.inputs.includes(STDIN)) {
      const file = settings.stdinFilepath ?? '<stdin>';
      const read = await terminal.readStdin(settings.maxFileSize);
      const kind = read.ok ? classify(read.text) : null;
      yield kind?.kind === 'unmarked-charter' ? { file, result: { ok: false, problem: kind.problem } } : inputOf(file, read);
    }
    for (const file of discovery.files) {
      const read = await terminal.files.readText(resolve(terminal.cwd, file), settings.maxFileSize);
      const kind = read.ok ? classify(read.text) : null;
      if (kind?.kind === 'other' && discovery.searched.has(file)) yield { file, skipped: true };
      else if (kind?.kind === 'unmarked-charter') yield { file, result: { ok: false, problem: kind.problem } };
      else {
        log.charterFiles.add(file);
        const textHash = cache && read.ok ? cache.hashText(read.text) : null;
        const cached = textHash ? cache!.store.get(resolve(terminal.cwd, file), textHash) : undefined;
        if (cached) yield { file, result: cached.ok ? { ok: true, report: { ...cached.report, file } } : cached };
        else {
          if (textHash) log.textHashes.set(file, textHash);
          yield inputOf(file, read);
        }
      }
      tick();
    }
  }
  return { inputs: inputs(), log };
}

function inputOf(file: string, read: ReadResult): RunInput {
  return read.ok ? { file, text: read.text } : { file, unreadable: read.message };
}
