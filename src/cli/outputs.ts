// Where the report goes, a charter at a time. A format that can be streamed and goes to stdout is
// written as each charter is checked (stylish), or spooled to a temporary file and wrapped at the
// end (json, whose head holds the run's verdict), so a run of any size holds one report at once.
// Other formats, and files named with -o, get the whole run at the end.
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckedCharter, RunReport } from '../core/report.js';
import { loadStreamingFormatter, type FormatOptions, type RunEnvelope, type StreamingFormatter } from '../formatters/index.js';
import type { Terminal } from './terminal.js';

export interface OutputRequest {
  format: string;
  /** Written here when set; otherwise printed on stdout. */
  file?: string;
}

interface Streamed {
  request: OutputRequest;
  formatter: StreamingFormatter;
  /** The charters' text so far, for a format whose head comes last. */
  spool: WriteStream | null;
}

export class StreamedOutputs {
  private constructor(
    private readonly streamed: Streamed[],
    /** The outputs printed whole at the end, from the full run. */
    readonly whole: OutputRequest[],
    private readonly terminal: Terminal,
    private readonly spoolFolder: string | null,
  ) {}

  static async open(requests: OutputRequest[], head: Pick<RunReport, 'tool' | 'policy' | 'rules'>, terminal: Terminal, formatOptions: (request: OutputRequest) => FormatOptions): Promise<StreamedOutputs> {
    const streamed: Streamed[] = [];
    const whole: OutputRequest[] = [];
    let spoolFolder: string | null = null;
    for (const request of requests) {
      const factory = request.file ? null : await loadStreamingFormatter(request.format);
      if (!factory) {
        whole.push(request);
        continue;
      }
      const formatter = factory(head, formatOptions(request));
      let spool: WriteStream | null = null;
      if (!formatter.live) {
        spoolFolder ??= mkdtempSync(join(tmpdir(), 'partner-check-spool-'));
        // A large buffer: a charter's JSON is about 17 KB, and waiting on the disk after each would idle the run.
        spool = createWriteStream(join(spoolFolder, `${streamed.length}.txt`), { encoding: 'utf8', highWaterMark: 1 << 20 });
      }
      streamed.push({ request, formatter, spool });
    }
    return new StreamedOutputs(streamed, whole, terminal, spoolFolder);
  }

  /** Writes one charter's report to every streamed output, waiting while a reader catches up. */
  async charter(report: CheckedCharter): Promise<void> {
    for (const output of this.streamed) {
      const text = output.formatter.charter(report);
      if (output.spool) {
        if (!output.spool.write(text)) await once(output.spool, 'drain');
      } else {
        this.terminal.stdout(text);
        await this.terminal.drain();
      }
    }
  }

  /** Finishes every streamed output with the run's verdict, and removes the spool files. */
  async finish(run: RunEnvelope): Promise<void> {
    try {
      for (const output of this.streamed) {
        const { before, after } = output.formatter.envelope(run);
        this.terminal.stdout(before);
        if (output.spool) {
          output.spool.end();
          await once(output.spool, 'close');
          for await (const chunk of createReadStream(output.spool.path, { encoding: 'utf8' })) {
            this.terminal.stdout(chunk as string);
            await this.terminal.drain();
          }
        }
        this.terminal.stdout(after);
        await this.terminal.drain();
      }
    } finally {
      if (this.spoolFolder) rmSync(this.spoolFolder, { recursive: true, force: true });
    }
  }
}
