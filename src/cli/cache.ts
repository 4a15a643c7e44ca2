// --cache, as ESLint has it: a charter whose bytes, the tool's version, the criteria, the config
// and today's date are all unchanged since the last run is not checked again; its report is
// taken from the cache file. A cache that is corrupt or not partner-check's is ignored with a
// one-line warning, never a crash.
//
// The file is JSON Lines: a header, then one line per charter (its name, the hash of its text and
// its report as it is, without the run's verdict, or the problem that kept it from being checked: a
// YAML syntax error is not parsed again either). A file of another format (an older partner-check's)
// is not read: every charter is checked again. Memory stays flat however many charters there are: the old file is indexed by
// where each line starts and read a line at a time when its report is used, and the new one is
// written a line at a time as the run goes, through the atomic writer, which puts it in place at
// the end. A run in which nothing changed (every line reused, in order) leaves the old file as it is.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { CheckResult } from '../core/check.js';
import type { InputProblem } from '../core/problem.js';
import type { CharterReport } from '../core/report.js';
import { openAtomicFile, type AtomicFile } from '../io/write-file.js';
import type { Setup } from './setup.js';

export const DEFAULT_CACHE_LOCATION = '.partner-check-cache';
// 3: reports stored as they are (report version 2, whose findings name their rule by id); 2 left
// the rules' words out of each report and put them back on reading.
const CACHE_FORMAT = 3;

interface CacheHeader {
  tool: 'partner-check';
  format: typeof CACHE_FORMAT;
  /** What every report in it depends on besides the charter itself. */
  key: string;
}

/** Where one charter's line is in the old file: `"file"<TAB>hash<TAB>{report}`. */
interface Entry {
  hash: string;
  start: number;
  length: number;
}

const ENTRY = /^("(?:[^"\\]|\\.)*")\t([0-9a-f]{64})\t\{/;
const CHUNK = 1024 * 1024;
const NEWLINE = Buffer.from('\n');

export class ReportCache {
  /** Whether the new file has its header yet (written with its first line). */
  private started = false;
  private writeError: unknown = null;
  /** The old file's lines in order, and how many of the first were reused in that order and not yet copied. */
  private readonly order: Entry[];
  private reused = 0;
  /** Set once the new file can no longer be the old one unchanged: from then on every line is written. */
  private diverged = false;

  private constructor(
    /** The new file, written as the run goes, put in place by save() unless nothing changed; or why it cannot be written. */
    private readonly out: AtomicFile | { error: unknown },
    private readonly key: string,
    private readonly previous: { fd: number; entries: Map<string, Entry> } | null,
    private readonly warn: (message: string) => void,
  ) {
    if ('error' in out) this.writeError = out.error;
    else out.stream.on('error', (error) => (this.writeError ??= error));
    this.order = previous ? [...previous.entries.values()] : [];
  }

  /** Opens the cache at `path`; a missing one is empty, an unusable one is empty after `warn`. */
  static async open(path: string, setup: Setup, version: string, warn: (message: string) => void): Promise<ReportCache> {
    const key = cacheKey(setup, version);
    const out = await openAtomicFile(path).catch((error: unknown) => ({ error }));
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warn(`the cache ${path} cannot be read (${code ?? 'unknown error'}); checking every charter`);
      return new ReportCache(out, key, null, warn);
    }
    let entries: Map<string, Entry> | 'damaged';
    try {
      entries = indexEntries(fd, key);
    } catch (error) {
      closeSync(fd);
      warn(`the cache ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); checking every charter`);
      return new ReportCache(out, key, null, warn);
    }
    if (entries === 'damaged') {
      closeSync(fd);
      warn(`the cache ${path} is not a partner-check cache (or is damaged); checking every charter`);
      return new ReportCache(out, key, null, warn);
    }
    return new ReportCache(out, key, { fd, entries }, warn);
  }

  /** The result cached for this file (its report, or the problem that stopped its check), if its text is unchanged (`textHash` from hashText). */
  get(file: string, textHash: string): CheckResult | undefined {
    const entry = this.previous?.entries.get(file);
    if (!entry || entry.hash !== textHash) return undefined;
    const line = Buffer.alloc(entry.length);
    let stored: CharterReport | { problem: InputProblem };
    try {
      readSync(this.previous!.fd, line, 0, entry.length, entry.start);
      const text = line.toString('utf8');
      stored = JSON.parse(text.slice(text.indexOf('\t{') + 1)) as CharterReport | { problem: InputProblem };
    } catch {
      this.warn(`the cache entry for ${file} is damaged; checking it again`);
      return undefined;
    }
    this.reuse(entry, line);
    return 'problem' in stored ? { ok: false, problem: stored.problem } : { ok: true, report: stored };
  }

  /** Keeps a report for the next run, without what depends on this run (its verdict, a baseline). */
  set(file: string, textHash: string, report: CharterReport & { passed?: boolean }): void {
    const { passed: _passed, baseline: _baseline, ...stored } = report;
    this.add(Buffer.from(`${JSON.stringify(file)}\t${textHash}\t${JSON.stringify(stored)}`));
  }

  /** Keeps, for the next run, the problem in a charter's text that stopped its check (a YAML syntax error). */
  setProblem(file: string, textHash: string, problem: InputProblem): void {
    const { file: _file, ...stored } = problem;
    this.add(Buffer.from(`${JSON.stringify(file)}\t${textHash}\t${JSON.stringify({ problem: stored })}`));
  }

  /** Puts the new file in place of the old one, unless nothing changed; throws what went wrong writing it. */
  async save(): Promise<void> {
    if (this.previous && !this.diverged && this.order.length > 0 && this.reused === this.order.length) {
      // Every line reused, in the old order, and no other: the old file is the new one.
      closeSync(this.previous.fd);
      if (!('error' in this.out)) await this.out.abort();
      return;
    }
    this.diverge();
    if (this.previous) closeSync(this.previous.fd);
    if ('error' in this.out) throw this.out.error;
    const out = this.out;
    if (!this.started) this.write(null); // a run with nothing to keep still leaves a valid cache
    await new Promise<void>((done) => out.stream.end(() => done()));
    if (this.writeError) {
      await out.abort();
      throw this.writeError instanceof Error ? this.writeError : new Error('the cache could not be written');
    }
    await out.commit();
  }

  /** An old line used again: nothing to write while the old lines are used in their order. */
  private reuse(entry: Entry, line: Buffer): void {
    if (!this.diverged && this.order[this.reused] === entry) {
      this.reused += 1;
      return;
    }
    this.add(line);
  }

  /** A line unlike the old file's next one. */
  private add(line: Buffer): void {
    this.diverge();
    this.write(line);
  }

  /** From here on the new file is written: first the old lines reused so far, copied as they are. */
  private diverge(): void {
    if (this.diverged) return;
    this.diverged = true;
    if (this.reused === 0) return;
    const last = this.order[this.reused - 1]!;
    const [from, to] = [this.order[0]!.start, last.start + last.length];
    const chunk = Buffer.alloc(Math.min(CHUNK, to - from));
    for (let position = from; position < to; ) {
      const read = readSync(this.previous!.fd, chunk, 0, Math.min(chunk.length, to - position), position);
      if (read === 0) break;
      this.write(Buffer.from(chunk.subarray(0, read)), false);
      position += read;
    }
    this.write(Buffer.alloc(0));
  }

  /**
   * Appends a line, or with `newline` false a piece of one (after the header, which the first
   * call writes); the first error stops the writing and is kept for save().
   */
  private write(line: Buffer | null, newline = true): void {
    if (this.writeError || 'error' in this.out) return;
    if (!this.started) {
      const header: CacheHeader = { tool: 'partner-check', format: CACHE_FORMAT, key: this.key };
      this.out.stream.write(`${JSON.stringify(header)}\n`);
      this.started = true;
    }
    if (line) this.out.stream.write(newline ? Buffer.concat([line, NEWLINE]) : line);
  }

}

/**
 * Where each charter's line is in a cache file, read a megabyte at a time: none when it was made
 * for other criteria, config or version (or by an older partner-check), 'damaged' when it is not
 * a partner-check cache at all.
 */
function indexEntries(fd: number, key: string): Map<string, Entry> | 'damaged' {
  const entries = new Map<string, Entry>();
  let header: Partial<CacheHeader> | null | undefined;
  let pending = Buffer.alloc(0);
  let pendingStart = 0;
  const chunk = Buffer.alloc(CHUNK);
  for (let position = 0; ; ) {
    const read = readSync(fd, chunk, 0, CHUNK, position);
    const data = read === 0 ? pending : Buffer.concat([pending, chunk.subarray(0, read)]);
    let lineStart = 0;
    for (let newline = data.indexOf(10); newline >= 0 || (read === 0 && lineStart < data.length); newline = data.indexOf(10, lineStart)) {
      const lineEnd = newline >= 0 ? newline : data.length;
      const line = data.subarray(lineStart, lineEnd);
      const start = pendingStart + lineStart;
      lineStart = lineEnd + 1;
      if (header === undefined) {
        try {
          header = JSON.parse(line.toString('utf8')) as Partial<CacheHeader>;
        } catch {
          return 'damaged';
        }
        if (typeof header !== 'object' || header === null || header.tool !== 'partner-check') return 'damaged';
        if (header.format !== CACHE_FORMAT) return new Map();
        continue;
      }
      if (line.length === 0) continue;
      // The file name and hash are at the start of the line: no need to read the report to index it.
      const match = ENTRY.exec(line.subarray(0, 4096).toString('utf8'));
      if (!match) return 'damaged';
      entries.set(JSON.parse(match[1]!) as string, { hash: match[2]!, start, length: line.length });
    }
    if (read === 0) break;
    pending = data.subarray(lineStart);
    pendingStart += lineStart;
    position += read;
  }
  if (header === undefined) return 'damaged';
  return header?.key === key ? entries : new Map();
}

/** The tool's version, every criterion as data, the config's settings and today's date. */
function cacheKey(setup: Setup, version: string): string {
  const criteria = setup.criteria.criteria.map(({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }) => ({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }));
  return hashText(JSON.stringify({ version, criteria, config: setup.config?.config ?? null, context: setup.context }));
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
