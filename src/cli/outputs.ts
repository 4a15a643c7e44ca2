// Where the report goes: each requested format, fed the run's checked charters (see spool.ts), its
// text piped into stdout or into an -o file that is put in place whole at the end. Stylish prints
// each charter as it is checked; the other formats wait for the run's verdict, which their
// documents give before the charters. Outputs finish in the order they were asked for.
import { once } from 'node:events';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError } from '../core/problem.js';
import type { CheckedCharter } from '../core/report.js';
import type { KeptText } from '../core/run.js';
import { formatTraits, loadFormatter, type FormatOptions, type Formatter, type RunEnvelope, type RunHead } from '../formatters/index.js';
import type { ReportPiece } from '../formatters/types.js';
import type { AtomicFile } from '../io/write-file.js';
import { OutputError } from './output-error.js';
import { CharterSpool, readKept } from './spool.js';
import { printError, type Terminal } from './terminal.js';

export interface OutputRequest {
  format: string;
  /** Written here when set; otherwise printed on stdout. */
  file?: string;
  /** Appended to this file instead (GitHub's step summary), never printed. */
  appendTo?: string;
  /** Where the whole report is, for a step summary cut short. */
  fullReport?: string;
}

export { OutputError };

interface Output {
  request: OutputRequest;
  /** The format; one that prints each charter on its own (charterText) is given their texts as they are added, kept instead of the charters. */
  format: Formatter;
  options: FormatOptions;
  /** The -o file it goes to; null for stdout. */
  file: AtomicFile | null;
}

export class Outputs {
  /** The charters, for the formats that read them; the texts of each format that prints charters on their own. */
  private readonly spool: CharterSpool;
  private readonly texts: (CharterSpool<ReportPiece | KeptText, ReportPiece> | null)[];
  private readonly printers: (((charter: CheckedCharter) => string) | null)[];
  private readonly ending = deferred<RunEnvelope>();
  private readonly stop = new AbortController();
  /** Each output's text written to its end, in the order asked for. */
  private readonly written: Promise<void>[];
  /** Each output's turn done: finished, put in place and said so. */
  private readonly turns = new Map<number, Deferred<void>>();
  /** Each output's text printed before the run's verdict (a live format's charters) all written, or the output ended. */
  private readonly caughtUp: Deferred<void>[];
  private failure: unknown = null;

  private constructor(
    private readonly outputs: Output[],
    printers: (((charter: CheckedCharter) => string) | null)[],
    head: RunHead,
    private readonly terminal: Terminal,
  ) {
    this.printers = printers;
    const live = outputs.map((output) => formatTraits(output.request.format).live);
    this.spool = new CharterSpool(outputs.some((_, index) => printers[index] === null && !live[index]));
    this.texts = outputs.map((_, index) => (printers[index] === null ? null : new CharterSpool(!live[index], readKept)));
    // Nothing awaits the envelope of a run that fails before its end.
    this.ending.promise.catch(() => {});
    this.caughtUp = outputs.map(() => deferred<void>());
    this.written = outputs.map((output, index) => {
      this.turns.set(index, deferred<void>());
      // What a format prints once it has the run's verdict is written after what every output
      // printed before it (a live format's charters), however far behind its reader is, and after
      // the outputs asked for before it (see sink).
      let hasVerdict = false;
      const envelope = this.ending.promise.then((verdict) => {
        hasVerdict = true;
        return verdict;
      });
      envelope.catch(() => {});
      // A live read holds the run back until it is read: each format is given only what it reads.
      const read = <T, Shown>(spool: CharterSpool<T, Shown>) => (live[index] ? spool.liveCharters() : spool.charters());
      const texts = this.texts[index];
      const run = texts ? { head, envelope, charters: NO_CHARTERS, printed: read(texts) } : { head, envelope, charters: read(this.spool) };
      const text = Readable.from(marked(output.format(run, output.options), () => hasVerdict));
      const written = pipeline(text, this.sink(output, index), { signal: this.stop.signal });
      // A live output that fails part way ends the run at the next charter.
      written.catch((error: unknown) => (this.failure ??= error));
      void written.catch(() => {}).finally(() => this.caughtUp[index]!.resolve());
      return written;
    });
  }

  /** Opens every -o file first, so that one that cannot be written stops the run before it checks anything. */
  static async open(requests: OutputRequest[], head: RunHead, terminal: Terminal, formatOptions: (request: OutputRequest) => FormatOptions): Promise<Outputs> {
    const outputs: Output[] = [];
    const printers: (((charter: CheckedCharter) => string) | null)[] = [];
    for (const request of requests) {
      const format = await loadFormatter(request.format);
      printers.push(format.charterText ? await format.charterText(head, formatOptions(request)) : null);
      let file: AtomicFile | null = null;
      if (request.file) {
        try {
          file = await terminal.files.openForWriting(resolve(terminal.cwd, request.file));
        } catch (error) {
          await Promise.all(outputs.flatMap((output) => (output.file ? [output.file.abort()] : [])));
          throw new OutputError(request.file, error);
        }
      }
      outputs.push({ request, format, options: formatOptions(request), file });
    }
    return new Outputs(outputs, printers, head, terminal);
  }

  /** Whether every output prints each charter on its own: then a charter's text can be printed again from what add() returned (--cache). */
  get printsCharterTexts(): boolean {
    return this.printers.every((printer) => printer !== null);
  }

  /**
   * Hands a checked charter to every format; returns each output's text for it when every output
   * prints charters on their own, else null.
   */
  async add(charter: CheckedCharter): Promise<ReportPiece[] | null> {
    if (this.failure) throw this.outputError(this.failure);
    if (!this.printsCharterTexts) await this.spool.add(charter);
    const texts: ReportPiece[] = [];
    for (const [index, spool] of this.texts.entries()) {
      if (!spool) continue;
      const text = this.printers[index]!(charter);
      texts.push(text);
      await spool.add(text);
    }
    return this.printsCharterTexts ? texts : null;
  }

  /**
   * Hands every output the text it printed for a charter before, where the cache keeps it: read
   * from there as it is printed, without being decoded, copied or kept meanwhile.
   */
  async addPrinted(printed: KeptText[]): Promise<void> {
    if (this.failure) throw this.outputError(this.failure);
    // Only a run whose every output prints charters on their own keeps their texts (printsCharterTexts).
    for (const [index, spool] of this.texts.entries()) await spool!.add(printed[index]!);
  }

  /** Finishes every output with the run's verdict, in order: puts -o files in place, and removes the spool. */
  async finish(envelope: RunEnvelope): Promise<void> {
    this.spool.close();
    for (const spool of this.texts) spool?.close();
    this.ending.resolve(envelope);
    try {
      for (const [index, output] of this.outputs.entries()) {
        try {
          await this.written[index];
          await output.file?.commit();
        } catch (error) {
          throw this.outputError(error, output);
        }
        if (output.request.file) printError(this.terminal, `wrote the ${output.request.format} report to ${output.request.file}`);
        this.turns.get(index)!.resolve();
      }
    } catch (error) {
      await this.abort();
      throw error;
    } finally {
      this.removeSpools();
    }
  }

  /** Leaves every -o file as it was (a run that cannot finish). */
  async abort(): Promise<void> {
    this.stop.abort();
    this.ending.reject(new Error('the run did not finish'));
    await Promise.allSettled(this.written);
    await Promise.all(this.outputs.flatMap((output) => (output.file ? [output.file.abort()] : [])));
    this.removeSpools();
  }

  private removeSpools(): void {
    this.spool.remove();
    for (const spool of this.texts) spool?.remove();
  }

  /**
   * Where an output's text goes: its -o file, stdout (waiting while a reader catches up), or the
   * file it is appended to. What a format printed once it had the run's verdict waits until every
   * output has written what it printed before (see caughtUp), then for the outputs asked for before it.
   */
  private sink(output: Output, index: number): Writable {
    const { appendTo } = output.request;
    const destination = output.file?.stream;
    return new Writable({
      objectMode: true,
      write: ({ text, afterVerdict }: MarkedPiece, _encoding, done) => {
        const write = async () => {
          if (afterVerdict) {
            this.caughtUp[index]!.resolve();
            await Promise.all(this.caughtUp.map((output) => output.promise));
            if (index > 0) await this.turns.get(index - 1)!.promise;
          }
          if (appendTo) {
            try {
              appendFileSync(resolve(this.terminal.cwd, appendTo), text);
            } catch (error) {
              throw new OutputError(appendTo, error);
            }
          } else if (destination) await writeTo(destination, text);
          else {
            this.terminal.stdout(text);
            await this.terminal.drain();
          }
        };
        write().then(() => done(), done);
      },
      final: (done) => {
        if (!destination) return done();
        if (destination.errored) return done(destination.errored);
        destination.end(() => done(destination.errored));
      },
    });
  }

  private outputError(error: unknown, output?: Output): unknown {
    // A file read to print the report that no longer holds its text (the cache) is not the output's fault.
    if (error instanceof OutputError || error instanceof InputError) return error;
    const failed = output ?? this.outputs.find((candidate) => candidate.file);
    return failed?.request.file ? new OutputError(failed.request.file, error) : error;
  }
}

/** A piece of a format's text, and whether the format printed it once it had the run's verdict. */
interface MarkedPiece {
  text: ReportPiece;
  afterVerdict: boolean;
}

/** Each piece a format prints, marked as printed after the run's verdict or not, when it is printed (not when it is written). */
async function* marked(pieces: AsyncIterable<ReportPiece>, hasVerdict: () => boolean): AsyncGenerator<MarkedPiece> {
  for await (const text of pieces) yield { text, afterVerdict: hasVerdict() };
}

/** What a format that is given its charters' texts reads instead of the charters. */
const NO_CHARTERS: AsyncIterable<CheckedCharter> = {
  async *[Symbol.asyncIterator]() {
    yield* [];
  },
};

/** Writes to a file's stream, waiting while it catches up; throws what went wrong writing it (a full disk). */
async function writeTo(stream: Writable, text: ReportPiece): Promise<void> {
  if (stream.errored) throw asError(stream.errored);
  if (stream.write(text)) return;
  if (stream.errored) throw asError(stream.errored);
  await once(stream, 'drain'); // rejects on an 'error' while it waits
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

/** A promise settled from outside (Promise.withResolvers, which Node 20 lacks). */
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
