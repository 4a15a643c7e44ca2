// --cache, as ESLint has it: a charter whose bytes, the tool's version, the criteria, the config
// and today's date are all unchanged since the last run is not checked again; its report is
// taken from the cache file. A cache that is damaged is ignored with a one-line warning, never a
// crash; a file that is not partner-check's is never replaced (see output-guard.ts).
//
// As ESLint's file-entry-cache, a charter whose size and modification time are those its entry
// was written with is not even read: only when they differ is its text read and hashed, and the
// entry used when the hash matches. An entry holds the charter's report (or the problem that kept
// it from being checked: a YAML syntax error is not parsed again either) and, when the run that
// wrote it printed it in formats that print each charter as a piece of its own (json, stylish),
// that text and the charter's verdict: a rerun with the same formats, options and policy prints
// it as it is, without rebuilding the report.
//
// The file is a header line, then one entry per charter: a head line (its name, the hash of its
// text, its size and modification time, the lengths of what follows, a signature), the report's
// JSON, and the printed part (signed on its own, so that printing it does not hash the report).
// An entry is used only when its signature matches and its report has the shape this version
// writes: one edited by hand, or of another shape, is a warning and a fresh check, never a verdict.
// Memory stays flat however many charters there are: the old file is indexed by reading each
// head line, and each entry is read when it is used; the new one is written an entry at a time as
// the run goes, through the atomic writer, which puts it in place at the end. A run in which
// nothing changed (every entry reused, in order) leaves the old file as it is.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { CheckResult } from '../core/check.js';
import type { InputProblem } from '../core/problem.js';
import type { CharterReport, KnownCharter } from '../core/report.js';
import type { KeptText } from '../core/run.js';
import { crc32Of } from '../io/crc32.js';
import { readAt } from '../io/read-at.js';
import { openAtomicFile, type AtomicFile } from '../io/write-file.js';
import { OutputError } from './output-error.js';
import type { ReportPiece } from '../formatters/types.js';
import type { Setup } from './setup.js';

export const DEFAULT_CACHE_LOCATION = '.partner-check-cache';
// 6: entries keyed by size and modification time too, with the text printed; 5 reports stored as
// they are (report version 2), each line signed; 4 the same with each criterion's and gate's title
// in every line; 3 signed lines without the rules' words; 2 left the words out and did not sign.
const CACHE_FORMAT = 6;

interface CacheHeader {
  tool: 'partner-check';
  format: typeof CACHE_FORMAT;
  /** A hash of what every report in it depends on besides the charter itself (see headerKey). */
  key: string;
}

/** Where one charter's entry is in the old file, and what its head line says. */
interface Entry {
  fileJson: string;
  hash: string;
  /** `size:mtimeMs` when the charter was written long enough before it was read (see statKey), else '-'. */
  stat: string;
  signature: string;
  /** Where the entry starts, its whole length (head line to final newline), and where its report starts. */
  start: number;
  length: number;
  bodyStart: number;
  bodyLength: number;
  printLength: number;
}

/** The text a run printed for a charter, and its verdict: enough to print it again without its report. */
export interface Printed {
  /** What the run's formats and options were (see printKey), and the name the charter was shown by. */
  printKey: string;
  known: KnownCharter;
  /** The text of each output, in the order asked for (as UTF-8 when read from the cache). */
  pieces: ReportPiece[];
}

/** What the last run printed, as found in the cache: each output's text where the file keeps it. */
type KeptPrinted = Omit<Printed, 'pieces'> & { pieces: KeptText[] };

const HEAD = /^("(?:[^"\\]|\\.)*")\t([0-9a-f]{64})\t(\d+:\d+(?:\.\d+)?|-)\t(\d+)\t(\d+)\t([0-9a-f]{64})$/;
/**
 * A head line is shorter than this: the longest path a system allows (32,767 UTF-16 units on
 * Windows, three bytes each in UTF-8, or six as JSON escapes a control character), and the rest.
 */
const LINE_HEAD = 256 * 1024;
/** Most head lines are shorter than this: a name, two hashes, a stat and two lengths. */
const LINE_GUESS = 512;
const CHUNK = 1024 * 1024;
const NEWLINE = Buffer.from('\n');
/** A file changed within this many milliseconds of being read may change again unseen within its time's resolution (two seconds on FAT): its stat is not kept. */
const RACY_MS = 2000;

export class ReportCache {
  /** Whether the new file has its header yet (written with its first entry). */
  private begun = false;
  private writeError: unknown = null;
  /** The old file's entries in order, and how many of the first were reused in that order and not yet copied. */
  private readonly order: Entry[];
  private reused = 0;
  /** Set once the new file can no longer be the old one unchanged: from then on every entry is written. */
  private diverged = false;
  /** When the run started reading, for statKey. */
  private readonly started = Date.now();
  /** What printed() reads an entry's printed part into, to check its signature: its texts are read again where they are when printed. */
  private scratch = Buffer.allocUnsafe(0);

  private constructor(
    private readonly path: string,
    /** The new file, written as the run goes, put in place by save() unless nothing changed; or why it cannot be written. */
    private readonly out: AtomicFile,
    private readonly key: string,
    private readonly previous: { fd: number; entries: Map<string, Entry> } | null,
    private readonly warn: (message: string) => void,
  ) {
    out.stream.on('error', (error) => (this.writeError ??= error));
    this.order = previous ? [...previous.entries.values()] : [];
  }

  /**
   * Opens the cache at `path`; a missing one is empty, an unusable one is empty after `warn`. Throws
   * (OutputError, labelled `label`) when it could not be written: a folder, a missing folder, a
   * loop of links, no permission. The run stops before it checks anything, as for an -o file.
   */
  static async open(path: string, label: string, setup: Setup, version: string, warn: (message: string) => void): Promise<ReportCache> {
    const key = cacheKey(setup, version);
    let out: AtomicFile;
    try {
      out = await openAtomicFile(path);
    } catch (error) {
      throw new OutputError(label, error);
    }
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warn(`the cache ${path} cannot be read (${code ?? 'unknown error'}); checking every charter`);
      return new ReportCache(path, out, key, null, warn);
    }
    let entries: Map<string, Entry> | 'damaged';
    try {
      entries = indexEntries(fd, key);
    } catch (error) {
      closeSync(fd);
      warn(`the cache ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); checking every charter`);
      return new ReportCache(path, out, key, null, warn);
    }
    if (entries === 'damaged') {
      closeSync(fd);
      warn(`the cache ${path} is damaged; checking every charter`);
      return new ReportCache(path, out, key, null, warn);
    }
    return new ReportCache(path, out, key, { fd, entries }, warn);
  }

  /** The hash of the text each file had when its entry was written, by file: a worker thread checks again only a charter whose text changed. */
  hashes(): Map<string, string> {
    return new Map([...(this.previous?.entries ?? [])].map(([file, entry]) => [file, entry.hash]));
  }

  /**
   * The text hash of a file whose size and modification time (`stat`, from statKey) are those its
   * entry was written with: the file need not be read. Undefined when they differ or were not kept.
   */
  unchangedHash(file: string, stat: string): string | undefined {
    const entry = this.previous?.entries.get(file);
    return entry && stat !== '-' && entry.stat === stat ? entry.hash : undefined;
  }

  /**
   * What the last run printed for this file, when its text is unchanged (`textHash`), it was
   * printed with `printKey` and shown by the name `shownAs`; the entry is then kept. Undefined
   * otherwise, or (after a warning) when the printed part was edited.
   */
  printed(file: string, textHash: string, stat: string, printKey: string, shownAs: string): KeptPrinted | undefined {
    const entry = this.previous?.entries.get(file);
    if (!entry || entry.hash !== textHash || entry.printLength === 0) return undefined;
    const from = entry.bodyStart + entry.bodyLength;
    const part = this.readScratch(from, entry.printLength);
    const printed = part ? parsePrinted(part, (signed) => signature(this.key, entry.fileJson, entry.hash, entry.stat, signed)) : 'damaged';
    if (printed === 'damaged') {
      this.warn(`the cache entry for ${file} is damaged or was changed by hand; checking it again`);
      // None of it is trusted: not its report either.
      this.previous!.entries.delete(file);
      return undefined;
    }
    if (printed.printKey !== printKey || printed.known.file !== shownAs) return undefined;
    if (entry.stat === stat) this.reuse(entry);
    else if (!this.restat(entry, stat, Buffer.from(printed.signed))) return undefined;
    const fd = this.previous!.fd;
    // Read again when printed: a CRC of the bytes signed now tells if the file changed meanwhile (another program writing into it).
    return { printKey, known: printed.known, pieces: printed.pieces.map(({ at, length }) => ({ file: this.path, fd, position: from + at, length, crc: crc32Of(part!.subarray(at, at + length)) })) };
  }

  /**
   * The result cached for this file (its report, or the problem that stopped its check), if its
   * text is unchanged (`textHash` from hashText). The entry is kept as it is for a problem, and
   * for a report when `keep` (the run prints nothing to keep); else set() writes it again.
   */
  get(file: string, textHash: string, stat: string, keep: boolean): CheckResult | undefined {
    const entry = this.previous?.entries.get(file);
    if (!entry || entry.hash !== textHash) return undefined;
    const stored = this.storedBody(entry);
    if (!isStored(stored)) {
      // Damaged, edited by hand, or not of the shape this version writes: never trusted.
      this.warn(`the cache entry for ${file} is damaged or was changed by hand; checking it again`);
      this.previous!.entries.delete(file);
      return undefined;
    }
    if ('problem' in stored || keep) {
      if (entry.stat === stat) this.reuse(entry);
      else this.restat(entry, stat);
    }
    return 'problem' in stored ? { ok: false, problem: stored.problem } : { ok: true, report: stored };
  }

  /** An entry's report or problem, when its signature holds. */
  private storedBody(entry: Entry): unknown {
    const body = this.signedBody(entry);
    try {
      return body ? JSON.parse(body.toString('utf8')) : null;
    } catch {
      return null;
    }
  }

  /** The bytes of an entry's report or problem, when its signature holds; else null. */
  private signedBody(entry: Entry): Buffer | null {
    const body = this.readPart(entry.bodyStart, entry.bodyLength);
    return body && entry.signature === signature(this.key, entry.fileJson, entry.hash, entry.stat, body) ? body : null;
  }

  /**
   * An entry whose text is unchanged but whose stat is not (a file touched): written again with its
   * new stat (and its printed part, `printed` as parsePrinted found it, signed again), once its
   * report is known to be sound.
   */
  private restat(entry: Entry, stat: string, printed?: Buffer): boolean {
    const body = this.signedBody(entry);
    if (!body) return false;
    this.addSigned(JSON.parse(entry.fileJson) as string, entry.hash, stat, body, printed);
    return true;
  }

  /**
   * Keeps a report for the next run, without what depends on this run (its verdict, a baseline),
   * and what this run printed for it; `stat` from statKey.
   */
  set(file: string, textHash: string, stat: string, report: CharterReport & { passed?: boolean }, printed?: Printed): void {
    const { passed: _passed, baseline: _baseline, ...stored } = report;
    this.addSigned(file, textHash, stat, JSON.stringify(stored), printed && printedPart(printed));
  }

  /** Keeps, for the next run, the problem in a charter's text that stopped its check (a YAML syntax error). */
  setProblem(file: string, textHash: string, stat: string, problem: InputProblem): void {
    const { file: _file, ...stored } = problem;
    this.addSigned(file, textHash, stat, JSON.stringify({ problem: stored }));
  }

  /** A new entry, each part signed so that an edit to any of it is seen on reading; `printed` from printedPart. */
  private addSigned(file: string, textHash: string, stat: string, bodyText: string | Buffer, printed?: Buffer): void {
    const fileJson = JSON.stringify(file);
    const body = typeof bodyText === 'string' ? Buffer.from(bodyText) : bodyText;
    const print = printed ? Buffer.concat([Buffer.from(`${signature(this.key, fileJson, textHash, stat, printed)}\t`), printed]) : Buffer.alloc(0);
    const head = `${fileJson}\t${textHash}\t${stat}\t${body.length}\t${print.length}\t${signature(this.key, fileJson, textHash, stat, body)}\n`;
    this.add(Buffer.concat([Buffer.from(head), body, print, NEWLINE]));
  }

  /**
   * A file's size and modification time as its entry keeps them, or '-' when it is not a regular
   * file, is larger than `maxBytes`, or was modified too shortly before the run (a change within
   * the clock's resolution would go unseen, as git's "racy" files).
   */
  statKey(path: string, maxBytes: number): string {
    let stats: Stats | undefined;
    try {
      // Synchronous: a run's 10,000 asynchronous stats cost 0.4 s of CPU, these 0.06 s.
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      return '-';
    }
    // Not a file, or now too large: read (and refused), never taken from the cache.
    if (!stats?.isFile() || stats.size > maxBytes) return '-';
    return stats.mtimeMs < this.started - RACY_MS ? `${stats.size}:${stats.mtimeMs}` : '-';
  }

  /**
   * Puts the new file in place of the old one, unless nothing changed; throws what went wrong
   * writing it. The old file stays open, as it was, for the texts printed from it: see close().
   */
  async save(): Promise<void> {
    if (this.previous && !this.diverged && this.order.length > 0 && this.reused === this.order.length) {
      // Every entry reused, in the old order, and no other: the old file is the new one.
      await this.out.abort();
      return;
    }
    this.diverge();
    const out = this.out;
    if (!this.begun) this.write(null); // a run with nothing to keep still leaves a valid cache
    await new Promise<void>((done) => out.stream.end(() => done()));
    if (this.writeError) {
      await out.abort();
      throw this.writeError instanceof Error ? this.writeError : new Error('the cache could not be written');
    }
    await out.commit();
  }

  /** Closes the old file, once what was printed from it has been. */
  close(): void {
    if (this.previous && this.previous.fd >= 0) closeSync(this.previous.fd);
    if (this.previous) this.previous.fd = -1;
  }

  /** `length` bytes of the old file from `from`, into the scratch buffer (see readPart). */
  private readScratch(from: number, length: number): Buffer | null {
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
    return this.readPart(from, length, this.scratch);
  }

  /** `length` bytes of the old file from `from` (into a buffer of their own, or `into`); null when the file has fewer (cut short since it was indexed). */
  private readPart(from: number, length: number, into = Buffer.allocUnsafe(length)): Buffer | null {
    const part = into.subarray(0, length);
    try {
      return readAt(this.previous!.fd, part, from) ? part : null;
    } catch {
      return null;
    }
  }

  /** An old entry used again as it is: nothing to write while the old entries are used in their order. */
  private reuse(entry: Entry): void {
    if (!this.diverged && this.order[this.reused] === entry) {
      this.reused += 1;
      return;
    }
    const whole = this.readPart(entry.start, entry.length);
    if (whole) this.add(whole);
  }

  /** An entry unlike the old file's next one. */
  private add(entry: Buffer): void {
    this.diverge();
    this.write(entry);
  }

  /** From here on the new file is written: first the old entries reused so far, copied as they are. */
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
      this.write(Buffer.from(chunk.subarray(0, read)));
      position += read;
    }
  }

  /** Appends bytes (after the header, which the first call writes); the first error stops the writing and is kept for save(). */
  private write(bytes: Buffer | null): void {
    if (this.writeError) return;
    if (!this.begun) {
      const header: CacheHeader = { tool: 'partner-check', format: CACHE_FORMAT, key: headerKey(this.key) };
      this.out.stream.write(`${JSON.stringify(header)}\n`);
      this.begun = true;
    }
    if (bytes) this.out.stream.write(bytes);
  }
}

/**
 * The printed part of an entry, but for its signature (see addSigned, which puts it and a tab
 * before): `printKey TAB known TAB lengths NEWLINE` and each output's text.
 */
function printedPart(printed: Printed): Buffer {
  const pieces = printed.pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece));
  return Buffer.concat([Buffer.from(`${printed.printKey}\t${JSON.stringify(printed.known)}\t${pieces.map((piece) => piece.byteLength).join(',')}\n`), ...pieces]);
}

/**
 * The printed part read back: what it says, where each output's text is in it, and the signed
 * part (after the signature and its tab); 'damaged' when its signature or shape is wrong.
 */
function parsePrinted(part: Buffer, sign: (signed: Buffer) => string): { printKey: string; known: KnownCharter; pieces: { at: number; length: number }[]; signed: Buffer } | 'damaged' {
  const tab = part.indexOf(9);
  const signed = part.subarray(tab + 1);
  if (tab < 0 || part.subarray(0, tab).toString('latin1') !== sign(signed)) return 'damaged';
  const end = signed.indexOf(10);
  const [printKey, knownJson, lengths] = signed.subarray(0, end).toString('utf8').split('\t');
  let known: unknown;
  try {
    known = JSON.parse(knownJson ?? '');
  } catch {
    return 'damaged';
  }
  if (!printKey || !isKnown(known) || lengths === undefined) return 'damaged';
  const pieces: { at: number; length: number }[] = [];
  let at = end + 1;
  for (const length of lengths === '' ? [] : lengths.split(',').map(Number)) {
    pieces.push({ at: tab + 1 + at, length });
    at += length;
  }
  return at === signed.length ? { printKey, known, pieces, signed } : 'damaged';
}

/**
 * Where each charter's entry is in a cache file, from its head lines (a report of any length costs
 * nothing to index): none when it was made for other criteria, config or version (or by an older
 * partner-check) and for an empty file, 'damaged' when it is not a partner-check cache at all or an
 * entry is not one of its entries.
 */
function indexEntries(fd: number, key: string): Map<string, Entry> | 'damaged' {
  const entries = new Map<string, Entry>();
  const size = fstatSync(fd).size;
  let buffer = Buffer.alloc(LINE_GUESS);
  /**
   * The line at `position` (without its newline), or null when there is none within LINE_HEAD:
   * read LINE_GUESS bytes first, which most head lines fit (reading 8 KiB a line, a run of 10,000
   * charters read 80 MB of reports to find 2 MB of head lines), and four times more until it ends.
   */
  const lineAt = (position: number): string | null => {
    for (let length = LINE_GUESS; ; length = Math.min(4 * length, LINE_HEAD)) {
      if (buffer.length < length) buffer = Buffer.alloc(length);
      const read = readSync(fd, buffer, 0, length, position);
      const newline = buffer.subarray(0, read).indexOf(10);
      if (newline >= 0) return buffer.toString('utf8', 0, newline);
      if (read < length) return position + read === size ? buffer.toString('utf8', 0, read) : null;
      if (length === LINE_HEAD) return null;
    }
  };
  if (size === 0) return entries; // an empty file: nothing cached yet
  const first = lineAt(0);
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(first ?? '') as Partial<CacheHeader>;
  } catch {
    return 'damaged';
  }
  if (typeof header !== 'object' || header === null || header.tool !== 'partner-check') return 'damaged';
  // Another format's entries (an older partner-check's) are not read: the file is simply not used.
  if (header.format !== CACHE_FORMAT) return entries;
  for (let position = Buffer.byteLength(first!) + 1; position < size; ) {
    const line = lineAt(position);
    if (line === '' && position + 1 === size) break; // a file ending in an empty line
    const match = line === null ? null : HEAD.exec(line);
    if (!match) return 'damaged';
    const headLength = Buffer.byteLength(line!) + 1;
    const [bodyLength, printLength] = [Number(match[4]), Number(match[5])];
    const length = headLength + bodyLength + printLength + 1;
    if (position + length > size) return 'damaged';
    entries.set(JSON.parse(match[1]!) as string, { fileJson: match[1]!, hash: match[2]!, stat: match[3]!, signature: match[6]!, start: position, length, bodyStart: position + headLength, bodyLength, printLength });
    position += length;
  }
  return header.key === headerKey(key) ? entries : new Map();
}

/**
 * The header's form of the key: a hash of it, so that the key lines are signed with is not in the
 * file (a forger must work it out from the tool's version, criteria, config and date).
 */
function headerKey(key: string): string {
  return hashText(`header\n${key}`);
}

/**
 * What keeps an entry from being trusted once edited: a hash over the cache key (the tool's
 * version, the criteria, the config, the date), the charter's name, text hash and stat, and the
 * part of the entry it signs.
 */
export function signature(key: string, fileJson: string, textHash: string, stat: string, signed: Buffer | string): string {
  return createHash('sha256').update(`${key}\n${fileJson}\n${textHash}\n${stat}\n`).update(signed).digest('hex');
}

/** A stored result of the shape set() and setProblem() write: anything else is not used. */
function isStored(value: unknown): value is CharterReport | { problem: InputProblem } {
  if (!isObject(value)) return false;
  if ('problem' in value) return isObject(value.problem) && typeof value.problem.code === 'string' && typeof value.problem.message === 'string';
  const list = (field: unknown, id: string) => Array.isArray(field) && field.every((item) => isObject(item) && typeof item[id] === 'string');
  return typeof value.score === 'number' && typeof value.band === 'string' && list(value.criteria, 'id') && list(value.findings, 'ruleId') && list(value.gates, 'id');
}

/** A charter's verdict as printed() keeps it. */
function isKnown(value: unknown): value is KnownCharter {
  if (!isObject(value) || !isObject(value.counts)) return false;
  const { counts } = value;
  return typeof value.file === 'string' && typeof value.band === 'string' && typeof value.passed === 'boolean' && [counts.errors, counts.warnings, counts.infos].every((count) => typeof count === 'number');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The tool's version, every criterion as data, the text of each criteria file of the user's own
 * (its word lists and signals decide findings too; the built-in ones go with the version), the
 * config's settings and today's date.
 */
export function cacheKey(setup: Setup, version: string): string {
  const criteria = setup.criteria.criteria.map(({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }) => ({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }));
  const files = setup.data.sources.map((source) => (source.trusted ? [source.origin] : [source.origin, hashText(source.text)]));
  return hashText(JSON.stringify({ version, criteria, files, config: setup.config?.config ?? null, context: setup.context }));
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
