// --cache, as ESLint has it: a charter whose bytes, the tool's version, the criteria, the config
// and today's date are all unchanged since the last run is not checked again; its report is
// taken from the cache file. A cache that is damaged is ignored with a one-line warning, never a
// crash; a file that is not partner-check's is never replaced (see output-guard.ts).
//
// The file is JSON Lines: a header, then one line per charter (its name, the hash of its text, a
// signature and its report, or the problem that kept it from being checked: a YAML syntax error is
// not parsed again either). A line is used only when its signature (a hash over the key, the name,
// the text's hash and the report) matches and its report has the shape this version writes: a line
// edited by hand, or of another shape, is a warning and a fresh check, never a verdict. Memory
// stays flat however many charters there are: the old file is indexed by where each line starts
// and read a line at a time when its report is used, and the new one is written a line at a time
// as the run goes, through the atomic writer, which puts it in place at the end. A run in which nothing changed (every line reused, in order) leaves the old file as it is.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { CheckResult } from '../core/check.js';
import type { InputProblem } from '../core/problem.js';
import type { CharterReport } from '../core/report.js';
import { openAtomicFile, type AtomicFile } from '../io/write-file.js';
import type { Setup } from './setup.js';

export const DEFAULT_CACHE_LOCATION = '.partner-check-cache';
// 5: reports stored as they are (report version 2, whose findings, criterion results and gates name
// their rule by id), each line signed; 4 the same with each criterion's and gate's title in every
// line; 3 signed lines without the rules' words; 2 left the words out and did not sign.
const CACHE_FORMAT = 5;

interface CacheHeader {
  tool: 'partner-check';
  format: typeof CACHE_FORMAT;
  /** A hash of what every report in it depends on besides the charter itself (see headerKey). */
  key: string;
}

/**
 * Where one charter's line is in the old file: `"file"<TAB>hash<TAB>signature<TAB>{report}`, the
 * report as it is, the signature over all of it (see signature()).
 */
interface Entry {
  hash: string;
  start: number;
  length: number;
}

const ENTRY = /^("(?:[^"\\]|\\.)*")\t([0-9a-f]{64})\t[0-9a-f]{64}\t\{/;
/** How much of a line is kept to index it: its file name, hashes and the report's first brace. */
const LINE_HEAD = 4096;
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
      warn(`the cache ${path} is damaged; checking every charter`);
      return new ReportCache(out, key, null, warn);
    }
    return new ReportCache(out, key, { fd, entries }, warn);
  }

  /** The hash of the text each file had when its line was written, by file: a worker thread checks again only a charter whose text changed. */
  hashes(): Map<string, string> {
    return new Map([...(this.previous?.entries ?? [])].map(([file, entry]) => [file, entry.hash]));
  }

  /** The result cached for this file (its report, or the problem that stopped its check), if its text is unchanged (`textHash` from hashText). */
  get(file: string, textHash: string): CheckResult | undefined {
    const entry = this.previous?.entries.get(file);
    if (!entry || entry.hash !== textHash) return undefined;
    const line = Buffer.alloc(entry.length);
    let stored: unknown;
    try {
      readSync(this.previous!.fd, line, 0, entry.length, entry.start);
      // JSON escapes a tab, so the first three are the fields' ends.
      const text = line.toString('utf8');
      const [fileEnd, hashEnd] = [text.indexOf('\t'), text.indexOf('\t', text.indexOf('\t') + 1)];
      const signatureEnd = text.indexOf('\t', hashEnd + 1);
      const body = text.slice(signatureEnd + 1);
      stored = text.slice(hashEnd + 1, signatureEnd) === signature(this.key, text.slice(0, fileEnd), entry.hash, body) ? JSON.parse(body) : null;
    } catch {
      stored = null;
    }
    if (!isStored(stored)) {
      // Damaged, edited by hand, or not of the shape this version writes: never trusted.
      this.warn(`the cache entry for ${file} is damaged or was changed by hand; checking it again`);
      return undefined;
    }
    this.reuse(entry, line);
    return 'problem' in stored ? { ok: false, problem: stored.problem } : { ok: true, report: stored };
  }

  /** Keeps a report for the next run, without what depends on this run (its verdict, a baseline). */
  set(file: string, textHash: string, report: CharterReport & { passed?: boolean }): void {
    const { passed: _passed, baseline: _baseline, ...stored } = report;
    this.addSigned(file, textHash, JSON.stringify(stored));
  }

  /** Keeps, for the next run, the problem in a charter's text that stopped its check (a YAML syntax error). */
  setProblem(file: string, textHash: string, problem: InputProblem): void {
    const { file: _file, ...stored } = problem;
    this.addSigned(file, textHash, JSON.stringify({ problem: stored }));
  }

  /** A new line, signed so that an edit to any part of it is seen on reading. */
  private addSigned(file: string, textHash: string, body: string): void {
    const fileJson = JSON.stringify(file);
    this.add(Buffer.from(`${fileJson}\t${textHash}\t${signature(this.key, fileJson, textHash, body)}\t${body}`));
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
      const header: CacheHeader = { tool: 'partner-check', format: CACHE_FORMAT, key: headerKey(this.key) };
      this.out.stream.write(`${JSON.stringify(header)}\n`);
      this.started = true;
    }
    if (line) this.out.stream.write(newline ? Buffer.concat([line, NEWLINE]) : line);
  }

}

/**
 * Where each charter's line is in a cache file, read a megabyte at a time and keeping no more of
 * a line than its start (a line of any length costs its bytes' reading, no more): none when it was
 * made for other criteria, config or version (or by an older partner-check) and for an empty file,
 * 'damaged' when it is not a partner-check cache at all or a line is not one of its lines.
 */
function indexEntries(fd: number, key: string): Map<string, Entry> | 'damaged' {
  const entries = new Map<string, Entry>();
  let header: Partial<CacheHeader> | undefined;
  /** The first LINE_HEAD bytes of the line being read, and where it starts. */
  let head = Buffer.alloc(0);
  let lineStart = 0;
  /** One whole line, of `length` bytes, seen: false when the file cannot be used. */
  const take = (length: number): boolean => {
    if (header === undefined) {
      if (length > LINE_HEAD) return false;
      try {
        header = JSON.parse(head.toString('utf8')) as Partial<CacheHeader>;
      } catch {
        return false;
      }
      return typeof header === 'object' && header !== null && header.tool === 'partner-check';
    }
    // Another format's lines (an older partner-check's) are not read: the file is simply not used.
    if (length === 0 || header.format !== CACHE_FORMAT) return true;
    // The file name and hash are at the start of the line: no need to read the report to index it.
    const match = ENTRY.exec(head.toString('utf8'));
    if (!match) return false;
    entries.set(JSON.parse(match[1]!) as string, { hash: match[2]!, start: lineStart, length });
    return true;
  };
  const chunk = Buffer.alloc(CHUNK);
  for (let position = 0; ; ) {
    const read = readSync(fd, chunk, 0, CHUNK, position);
    const data = chunk.subarray(0, read);
    for (let from = 0; ; ) {
      const newline = data.indexOf(10, from);
      const end = newline >= 0 ? newline : read;
      if (head.length < LINE_HEAD) head = Buffer.concat([head, data.subarray(from, Math.min(end, from + LINE_HEAD - head.length))]);
      if (newline < 0) break;
      if (!take(position + newline - lineStart)) return 'damaged';
      head = Buffer.alloc(0);
      lineStart = position + newline + 1;
      from = newline + 1;
    }
    if (read === 0) {
      if (position > lineStart && !take(position - lineStart)) return 'damaged';
      break;
    }
    position += read;
  }
  if (header === undefined) return new Map(); // an empty file: nothing cached yet
  return header.format === CACHE_FORMAT && header.key === headerKey(key) ? entries : new Map();
}

/**
 * The header's form of the key: a hash of it, so that the key lines are signed with is not in the
 * file (a forger must work it out from the tool's version, criteria, config and date).
 */
function headerKey(key: string): string {
  return hashText(`header\n${key}`);
}

/**
 * What keeps a line from being trusted once edited: a hash over the cache key (the tool's version,
 * the criteria, the config, the date), the charter's name and text hash, and the stored report.
 */
export function signature(key: string, fileJson: string, textHash: string, body: string): string {
  return hashText(`${key}\n${fileJson}\n${textHash}\n${body}`);
}

/** A stored result of the shape set() and setProblem() write: anything else is not used. */
function isStored(value: unknown): value is CharterReport | { problem: InputProblem } {
  if (!isObject(value)) return false;
  if ('problem' in value) return isObject(value.problem) && typeof value.problem.code === 'string' && typeof value.problem.message === 'string';
  const list = (field: unknown, id: string) => Array.isArray(field) && field.every((item) => isObject(item) && typeof item[id] === 'string');
  return typeof value.score === 'number' && typeof value.band === 'string' && list(value.criteria, 'id') && list(value.findings, 'ruleId') && list(value.gates, 'id');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The tool's version, every criterion as data, the config's settings and today's date. */
export function cacheKey(setup: Setup, version: string): string {
  const criteria = setup.criteria.criteria.map(({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }) => ({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }));
  return hashText(JSON.stringify({ version, criteria, config: setup.config?.config ?? null, context: setup.context }));
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
