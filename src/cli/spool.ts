// The checked charters of a run, kept for the formats that read them: in order as they are
// checked (stylish prints each at once), and again from the start once the run has ended (a table
// of every charter, then each one's details). A few are held in memory; past that, when a format
// will read them again, they wait in a temporary file as JSON Lines, so a run of any size holds a
// few reports at once. A format reading as the run goes holds the run back when it falls behind.
// The temporary folder is removed when the run ends, and by an exit handler if the process ends first.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit } from 'signal-exit';
import type { CheckedCharter } from '../core/report.js';
import { InputError } from '../core/problem.js';
import type { KeptText } from '../core/run.js';
import type { ReportPiece } from '../formatters/types.js';
import { crc32Of } from '../io/crc32.js';
import { readAt } from '../io/read-at.js';
import { OutputError } from './output-error.js';

/** Charters held in memory at most; past this many, the oldest go to the file (or, when none will be read again, are let go). */
const HELD = 64;

/**
 * Holds charters' reports, or (for a format that prints each charter on its own, see
 * Formatter.charterText) the text each prints, or where in the cache file the text is.
 */
export class CharterSpool<T = CheckedCharter, Shown = T> {
  /** Charters [heldFrom, count), in memory. */
  private held: T[] = [];
  private heldFrom = 0;
  private count = 0;
  private closed = false;
  /** Charters [0, heldFrom) as JSON Lines, when they are kept. */
  private file: { folder: string; path: string; fd: number | null; forget: () => void } | null = null;
  /** Where each format reading as the run goes has got to: the charters before the lowest may leave memory. */
  private readonly readers = new Set<{ at: number }>();
  private waiting: (() => void)[] = [];

  /**
   * Each text's length in bytes, in the file's order, and whether it was a string, when the spool
   * holds texts (what a format printed for each charter, see Formatter.charterText): kept as they
   * are, with nothing to escape or parse. A text the cache keeps stays there: only where it is is noted.
   */
  private readonly texts: ({ bytes: number; string: boolean } | { kept: KeptText })[] = [];

  /**
   * `keep`: whether any format will read the charters again once the run has ended; `show`, what a
   * reader is given for each (for texts: a text the cache keeps, read from there).
   */
  constructor(
    private readonly keep: boolean,
    private readonly show: (item: T) => Shown = (item) => item as unknown as Shown,
  ) {}

  /** Adds the next charter; waits while a format reading as the run goes is too far behind. */
  async add(charter: T): Promise<void> {
    this.held.push(charter);
    this.count += 1;
    this.changed();
    for (;;) {
      const lowest = Math.min(this.count, ...[...this.readers].map((reader) => reader.at));
      // Once a run has outgrown memory, each charter leaves as soon as it may: held for a while,
      // charters outlive V8's young generation, and the old one grows with their garbage.
      if (lowest > this.heldFrom && (this.heldFrom > 0 || this.held.length > HELD)) this.release(lowest - this.heldFrom);
      if (this.held.length <= HELD) return;
      await this.change();
    }
  }

  /** No more charters: the readers finish, and later ones read them all. */
  close(): void {
    this.closed = true;
    if (this.file?.fd != null) closeSync(this.file.fd);
    if (this.file) this.file.fd = null;
    this.changed();
  }

  /** Removes the temporary file. */
  remove(): void {
    this.close();
    if (!this.file) return;
    rmSync(this.file.folder, { recursive: true, force: true });
    this.file.forget();
  }

  /** The charters in order, from the first, for a format that reads them once the run has ended (as often as it likes). */
  charters(): AsyncIterable<Shown> {
    return { [Symbol.asyncIterator]: () => this.read({ at: 0 }) };
  }

  /**
   * The charters in order as they are added, for a format that prints each at once: it holds the
   * run back from the start, so none leaves memory before it has been read.
   */
  liveCharters(): AsyncIterable<Shown> {
    const reader = { at: 0 };
    this.readers.add(reader);
    let first = true;
    return { [Symbol.asyncIterator]: () => this.read(first ? ((first = false), reader) : { at: 0 }) };
  }

  private async *read(reader: { at: number }): AsyncGenerator<Shown> {
    try {
      if (this.heldFrom > 0) {
        // Some have left memory already: they are read from the file once the run has ended.
        if (!this.keep) throw new Error('the run kept no charters to read again');
        while (!this.closed) await this.change();
        yield* this.fromFile();
        reader.at = this.heldFrom;
      }
      for (;;) {
        if (reader.at < this.count) {
          yield this.show(this.held[reader.at - this.heldFrom]!);
          reader.at += 1;
          this.changed();
        } else if (this.closed) return;
        else await this.change();
      }
    } finally {
      this.readers.delete(reader);
      this.changed();
    }
  }

  /** The file's charters a line at a time: read a chunk at a time, as they are asked for (readline reads ahead of its reader, and would hold the whole file). */
  private async *fromFile(): AsyncGenerator<Shown> {
    if (this.texts.length > 0) {
      for (const text of this.textsFromFile()) yield this.show(text as T);
      return;
    }
    let rest = '';
    for await (const chunk of createReadStream(this.file!.path, { encoding: 'utf8' })) {
      const lines = (rest + (chunk as string)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield this.show(JSON.parse(line) as T);
    }
  }

  /**
   * The file's texts as they were added: a string as a string, bytes as bytes (a buffer of their
   * own, for the output to let go). Read synchronously through one buffer: a stream's chunks, and
   * the buffers cut from them, are memory outside V8's heap that a run making few strings
   * collects late (a 20,000-charter json run peaked 10 to 70 MiB higher).
   */
  private *textsFromFile(): Generator<ReportPiece | KeptText> {
    // None there when every text was one the cache keeps.
    const fd = this.file ? openSync(this.file.path, 'r') : -1;
    let buffer = Buffer.allocUnsafe(0);
    try {
      let position = 0;
      for (const text of this.texts) {
        if ('kept' in text) {
          yield text.kept;
          continue;
        }
        const { bytes, string } = text;
        if (buffer.length < bytes) buffer = Buffer.allocUnsafe(Math.max(bytes, 2 * buffer.length));
        if (!readAt(fd, buffer.subarray(0, bytes), position)) throw new Error('the spool file was cut short');
        position += bytes;
        yield string ? buffer.toString('utf8', 0, bytes) : Buffer.from(buffer.subarray(0, bytes));
      }
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  /** Lets the first `count` held charters go from memory: to the file when they will be read again. */
  private release(count: number): void {
    const leaving = this.held.slice(0, count);
    this.held = this.held.slice(count);
    this.heldFrom += count;
    if (!this.keep) return;
    try {
      // Written synchronously: a stream would hold the reports waiting for the disk, and memory would grow with the run.
      if (isText(leaving[0])) this.writeTexts(leaving as (ReportPiece | KeptText)[]);
      else writeWhole(this.fileFd(), Buffer.from(leaving.map((charter) => `${JSON.stringify(charter)}\n`).join(''), 'utf8'));
    } catch (error) {
      // No temporary folder, or no room in it: said in one line, as an -o file that cannot be written is.
      throw new OutputError(`a temporary file in ${this.file?.folder ?? tmpdir()}`, error);
    }
  }

  /** The temporary file, made when first written to. */
  private fileFd(): number {
    if (!this.file) {
      const folder = mkdtempSync(join(tmpdir(), 'partner-check-spool-'));
      // Removed however the process ends: an interrupt (SIGINT, SIGTERM, SIGHUP) or an exit mid-run.
      const forget = onExit(() => rmSync(folder, { recursive: true, force: true }));
      const path = join(folder, 'charters.jsonl');
      this.file = { folder, path, fd: openSync(path, 'w'), forget };
    }
    return this.file.fd!;
  }

  /** Texts' bytes, their lengths noted: bytes written from where they are, not copied into one buffer first; a kept text not written at all. */
  private writeTexts(texts: (ReportPiece | KeptText)[]): void {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (const text of texts) {
      if (isKeptText(text)) {
        this.texts.push({ kept: text });
        continue;
      }
      const chunk = typeof text === 'string' ? Buffer.from(text) : text;
      this.texts.push({ bytes: chunk.byteLength, string: typeof text === 'string' });
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    if (total === 0) return;
    const fd = this.fileFd();
    const written = writevSync(fd, chunks);
    if (written < total) writeWhole(fd, Buffer.concat(chunks).subarray(written));
  }

  private change(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private changed(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/** All of `bytes` to the file, however many writes that takes. */
function writeWhole(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

/** A text as a format prints it: one the cache keeps read from there (into a buffer of its own, for the output to let go). */
export function readKept(text: ReportPiece | KeptText): ReportPiece {
  if (!isKeptText(text)) return text;
  const bytes = Buffer.allocUnsafe(text.length);
  // Another program cut the file short or wrote into it (this one only ever replaces it whole).
  if (!readAt(text.fd, bytes, text.position) || crc32Of(bytes) !== text.crc) throw new InputError({ code: 'read', file: text.file, message: 'the cache was changed by another program while this run printed from it; run again' });
  return bytes;
}

function isKeptText(item: unknown): item is KeptText {
  return typeof item === 'object' && item !== null && 'fd' in item && 'position' in item && 'length' in item;
}

function isText(item: unknown): item is ReportPiece | KeptText {
  return typeof item === 'string' || item instanceof Uint8Array || isKeptText(item);
}
