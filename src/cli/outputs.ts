// Where the report goes, a charter at a time. A format that can be streamed is written as each
// charter is checked (stylish), or held back until the end and wrapped there (json, whose head
// holds the run's verdict: its parts wait in memory for a small run, in a temporary file past a
// megabyte), so a run of any size holds one report at once: on stdout, or in a file named with -o,
// which is put in place whole at the end. Other formats get the whole run at the end.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunReport } from '../core/report.js';
import { loadStreamingFormatter, type FormatOptions, type RunEnvelope, type StreamingFormatter } from '../formatters/index.js';
import { PartsWritten } from '../formatters/parts.js';
import type { CharterPart } from '../formatters/types.js';
import { openStreamedFile, type StreamedFile } from '../io/write-file.js';
import type { Terminal } from './terminal.js';

export interface OutputRequest {
  format: string;
  /** Written here when set; otherwise printed on stdout. */
  file?: string;
}

interface Streamed {
  request: OutputRequest;
  formatter: StreamingFormatter;
  /** Its options, for a worker thread to make the same parts. */
  options: FormatOptions;
  written: PartsWritten;
  /** The charters' text so far, for a format whose head comes last. */
  spool: Spool | null;
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
    /** The outputs printed whole at the end, from the full run. */
    readonly whole: OutputRequest[],
    private readonly terminal: Terminal,
    private readonly spoolFolder: SpoolFolder,
  ) {}

  static async open(requests: OutputRequest[], head: Pick<RunReport, 'tool' | 'policy' | 'rules'>, terminal: Terminal, formatOptions: (request: OutputRequest) => FormatOptions): Promise<StreamedOutputs> {
    const streamed: Streamed[] = [];
    const whole: OutputRequest[] = [];
    const spoolFolder = new SpoolFolder();
    for (const request of requests) {
      const factory = await loadStreamingFormatter(request.format);
      if (!factory) {
        whole.push(request);
        continue;
      }
      const options = formatOptions(request);
      const formatter = factory(head, options);
      let spool: Spool | null = null;
      if (!formatter.live) {
        spool = new Spool(spoolFolder, `${streamed.length}.txt`);
      }
      let file: StreamedFile | null = null;
      if (request.file) {
        try {
          file = await openStreamedFile(resolve(terminal.cwd, request.file));
        } catch (error) {
          await Promise.all(streamed.map((output) => output.file?.abort()));
          throw new OutputError(request.file, error);
        }
      }
      streamed.push({ request, formatter, options, written: new PartsWritten(), spool, file });
    }
    return new StreamedOutputs(streamed, whole, terminal, spoolFolder);
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
      const text = output.written.add(parts[index]!, output.formatter);
      if (text === '') continue;
      if (output.spool) {
        output.spool.write(text);
      } else {
        await this.emit(output, text);
      }
    }
  }

  /** Text to an output's file, or to stdout (waiting while a reader catches up). */
  private async emit(output: Streamed, text: string): Promise<void> {
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
    for (const output of this.streamed) output.spool?.close();
    await Promise.all(this.streamed.map((output) => output.file?.abort()));
    this.spoolFolder.remove();
  }

  /** Finishes every streamed output with the run's verdict, puts -o files in place, and removes the spool files. */
  async finish(run: RunEnvelope): Promise<void> {
    try {
      for (const output of this.streamed) {
        const { before, after } = output.formatter.envelope(run, output.written);
        await this.emit(output, before);
        if (output.spool) {
          for await (const chunk of output.spool.chunks()) await this.emit(output, chunk);
        }
        await this.emit(output, after);
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

  constructor(
    private readonly folder: SpoolFolder,
    private readonly name: string,
  ) {}

  write(text: string): void {
    if (!this.file) {
      this.held.push(text);
      this.heldLength += text.length;
      if (this.heldLength < SPOOL_IN_MEMORY) return;
      const path = this.folder.file(this.name);
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

  file(name: string): string {
    this.path ??= mkdtempSync(join(tmpdir(), 'partner-check-spool-'));
    return join(this.path, name);
  }

  remove(): void {
    if (this.path) rmSync(this.path, { recursive: true, force: true });
  }
}
