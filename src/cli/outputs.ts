// Where the report goes, a charter at a time. Every format is written as each charter is checked
// (stylish), or held back until the end and laid out there (json, whose head holds the run's
// verdict; markdown, whose gaps follow a table of every charter: the parts of each section wait in
// memory for a small run, in a temporary file past a megabyte), so a run of any size holds one
// report at once: on stdout, or in a file named with -o, which is put in place whole at the end.
import { appendFileSync, closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunReport } from '../core/report.js';
import { loadStreamingFormatter, type FormatOptions, type RunEnvelope, type StreamingFormatter } from '../formatters/index.js';
import { CHARTERS, PartsWritten } from '../formatters/parts.js';
import type { CharterPart } from '../formatters/types.js';
import type { StreamedFile } from '../io/write-file.js';
import type { Terminal } from './terminal.js';

export interface OutputRequest {
  format: string;
  /** Written here when set; otherwise printed on stdout. */
  file?: string;
  /** A file the report is also appended to (GitHub's step summary). */
  appendTo?: string;
}

interface Streamed {
  request: OutputRequest;
  formatter: StreamingFormatter;
  /** Its options, for a worker thread to make the same parts. */
  options: FormatOptions;
  written: PartsWritten;
  /** The text of each section so far, but a live format's charters, which go out as they come. */
  spools: Map<string, Spool>;
  /** The -o file it goes to; null for stdout. */
  file: StreamedFile | null;
}

/** An output file that could not be written: an -o file, or the temporary file a format waits in. */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: unknown,
  ) {
    super(`cannot write ${file}`);
    this.name = 'OutputError';
  }
}

export class StreamedOutputs {
  private constructor(
    private readonly streamed: Streamed[],
    private readonly terminal: Terminal,
    private readonly spoolFolder: SpoolFolder,
  ) {}

  static async open(requests: OutputRequest[], head: Pick<RunReport, 'tool' | 'policy' | 'rules'>, terminal: Terminal, formatOptions: (request: OutputRequest) => FormatOptions): Promise<StreamedOutputs> {
    const streamed: Streamed[] = [];
    const spoolFolder = new SpoolFolder();
    for (const request of requests) {
      const options = formatOptions(request);
      const formatter = (await loadStreamingFormatter(request.format))(head, options);
      let file: StreamedFile | null = null;
      if (request.file) {
        try {
          file = await terminal.files.openForWriting(resolve(terminal.cwd, request.file));
        } catch (error) {
          await Promise.all(streamed.map(async (output) => output.file?.abort()));
          throw new OutputError(request.file, error);
        }
      }
      streamed.push({ request, formatter, options, written: new PartsWritten(), spools: new Map(), file });
    }
    return new StreamedOutputs(streamed, terminal, spoolFolder);
  }

  /** The streamed formats and their options, in order: what a worker thread makes parts for. */
  get streamedFormats(): { format: string; options: FormatOptions }[] {
    return this.streamed.map((output) => ({ format: output.request.format, options: output.options }));
  }

  /** The streamed formats' formatters, in order, to make a charter's parts with. */
  get formatters(): StreamingFormatter[] {
    return this.streamed.map((output) => output.formatter);
  }

  /** Writes one charter's parts, made here or on a worker thread: one per streamed output, in their order. */
  async parts(parts: CharterPart[]): Promise<void> {
    for (const [index, output] of this.streamed.entries()) {
      const part = parts[index]!;
      const text = output.written.add(part, output.formatter);
      if (text !== '') {
        if (output.formatter.live) await this.emit(output, text);
        else this.spool(output, CHARTERS.section).write(text);
      }
      for (const [section, sectionText] of Object.entries(part.sections ?? {})) {
        if (sectionText !== '') this.spool(output, section).write(sectionText);
      }
    }
  }

  private spool(output: Streamed, section: string): Spool {
    let spool = output.spools.get(section);
    if (!spool) output.spools.set(section, (spool = new Spool(this.spoolFolder)));
    return spool;
  }

  /** Text to an output's file, or to stdout (waiting while a reader catches up); and to the file it is appended to. */
  private async emit(output: Streamed, text: string): Promise<void> {
    if (text === '') return;
    if (output.request.appendTo) {
      try {
        appendFileSync(output.request.appendTo, text);
      } catch (error) {
        throw new OutputError(output.request.appendTo, error);
      }
    }
    if (output.file) {
      try {
        await output.file.write(text);
      } catch (error) {
        throw new OutputError(output.request.file!, error);
      }
      return;
    }
    this.terminal.stdout(text);
    await this.terminal.drain();
  }

  /** Leaves every -o file as it was (a run that cannot finish). */
  async abort(): Promise<void> {
    for (const output of this.streamed) for (const spool of output.spools.values()) spool.close();
    await Promise.all(this.streamed.map(async (output) => output.file?.abort()));
    this.spoolFolder.remove();
  }

  /** Finishes every streamed output with the run's verdict, puts -o files in place, and removes the spool files. */
  async finish(run: RunEnvelope): Promise<void> {
    try {
      for (const output of this.streamed) {
        for (const piece of output.formatter.envelope(run, output.written)) {
          if (typeof piece === 'string') await this.emit(output, piece);
          else if (!(output.formatter.live && piece.section === CHARTERS.section)) {
            for await (const chunk of output.spools.get(piece.section)?.chunks() ?? []) await this.emit(output, chunk);
          }
        }
        if (output.file) {
          try {
            await output.file.commit();
          } catch (error) {
            throw new OutputError(output.request.file!, error);
          }
          this.terminal.stderr(`partner-check: wrote the ${output.request.format} report to ${output.request.file}\n`);
        }
      }
    } catch (error) {
      await this.abort();
      throw error;
    } finally {
      this.spoolFolder.remove();
    }
  }
}

/** Parts held in memory up to this many characters; past it, the spool goes to a file. */
const SPOOL_IN_MEMORY = 1 << 20;

/**
 * Where a format's charter parts wait for its head: in memory for a small run (no temporary file
 * to make, write, read back and remove for one charter), in a temporary file past a megabyte.
 * The file is written synchronously: an asynchronous stream held up to a megabyte of parts waiting
 * for the disk, long enough for the garbage collector to promote them, and a JSON run's memory
 * grew with the tree.
 */
class Spool {
  private held: string[] = [];
  private heldLength = 0;
  private file: { path: string; fd: number | null } | null = null;

  constructor(private readonly folder: SpoolFolder) {}

  write(text: string): void {
    if (!this.file) {
      this.held.push(text);
      this.heldLength += text.length;
      if (this.heldLength < SPOOL_IN_MEMORY) return;
      const path = this.folder.file();
      this.file = { path, fd: openSync(path, 'w') };
      text = this.held.join('');
      this.held = [];
    }
    try {
      // The string written as it is (no buffer for the garbage collector); the rest, if a write stops short.
      const written = writeSync(this.file.fd!, text);
      const bytes = Buffer.byteLength(text);
      if (written < bytes) {
        const rest = Buffer.from(text, 'utf8');
        for (let at = written; at < bytes; ) at += writeSync(this.file.fd!, rest, at);
      }
    } catch (error) {
      throw new OutputError(this.file.path, error);
    }
  }

  /** Everything written, a piece at a time. */
  async *chunks(): AsyncGenerator<string> {
    if (!this.file) {
      yield this.held.join('');
      return;
    }
    this.close();
    for await (const chunk of createReadStream(this.file.path, { encoding: 'utf8' })) yield chunk as string;
  }

  close(): void {
    if (!this.file || this.file.fd === null) return;
    closeSync(this.file.fd);
    this.file.fd = null;
  }
}

/** The temporary folder for the spool files, made when the first one is needed. */
class SpoolFolder {
  private path: string | null = null;
  private files = 0;

  /** The path of a new spool file. */
  file(): string {
    this.path ??= mkdtempSync(join(tmpdir(), 'partner-check-spool-'));
    return join(this.path, `${(this.files += 1)}.txt`);
  }

  remove(): void {
    if (this.path) rmSync(this.path, { recursive: true, force: true });
  }
}
