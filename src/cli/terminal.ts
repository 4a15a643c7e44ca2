// The process as the CLI sees it: where output goes and whether it may be coloured, the working
// folder, the files and the clock. main() takes one, so a test can run the CLI in-process.
import { once } from 'node:events';
import { fstatSync, statSync } from 'node:fs';
import { visibleControls, visibleLines } from '../formatters/visible.js';
import { nodeFileSystem, sameInode, type FileSystem } from '../io/file-system.js';
import { readStdinText, type ReadResult } from '../io/read-text.js';

export interface Terminal {
  /** Text, or its UTF-8 bytes (a report's pieces as a run keeps them). */
  stdout: (text: string | Uint8Array) => void;
  /** Resolves when stdout can take more (at once when it is not backed up, or is closed). */
  drain: () => Promise<void>;
  /**
   * Why stdout could not be written (a full disk, a file past `ulimit -f`), or null: awaited once
   * the command is done, after any failure still on its way has arrived. A reader gone away is not
   * a failure.
   */
  stdoutError: () => Promise<unknown>;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** The terminal's width in columns, when stdout is a terminal; piped output has none and is not wrapped. */
  stdoutColumns?: number;
  /**
   * Whether a path names what stdout writes to (/dev/stdout, or the file stdout was sent to): an -o
   * file there is printed on stdout in its turn, not put in place of the file stdout is writing.
   */
  isStdout?: (path: string) => boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The folder relative paths are taken from: every read, search and write resolves against it. */
  cwd: string;
  /** Reads stdin as text, stopping at `maxBytes`. */
  readStdin: (maxBytes: number) => Promise<ReadResult>;
  files: FileSystem;
  /** The clock, in milliseconds since 1970: "today" is its date in London. */
  now: () => number;
}

export function processTerminal(): Terminal {
  // A reader that goes away (`| head -1`, `| grep -q`) is not an error: stop writing, finish the
  // run, and exit with its own code. Any other failure stops the writing too, and is kept for
  // main() to report in one line (thrown here, it was a stack trace for every command).
  let stdoutClosed = false;
  let failure: unknown = null;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (error.code !== 'EPIPE') failure ??= error;
  });
  return {
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    drain: async () => {
      if (stdoutClosed || !process.stdout.writableNeedDrain) return;
      // An 'error' (a reader gone) rejects the wait; the handler above has marked stdout closed.
      await once(process.stdout, 'drain').catch(() => {});
    },
    // A failed write is reported on the next tick: one turn of the event loop lets it arrive.
    stdoutError: () => new Promise((done) => setImmediate(() => done(failure))),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    isStdout: (path) => {
      try {
        return sameInode(fstatSync(1), statSync(path));
      } catch {
        return false; // no stdout, or nothing at the path yet
      }
    },
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    // Asked only when needed: making process.stdin or process.stderr sets up a stream (for a pipe,
    // the net module), which a check that never reads stdin or shows progress can do without.
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    },
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    env: process.env,
    cwd: process.cwd(),
    readStdin: readStdinText,
    files: nodeFileSystem,
    now: Date.now,
  };
}

/** NO_COLOR (https://no-color.org) wins, then FORCE_COLOR, then whether stdout is a terminal. */
export function wantsColor(terminal: Terminal): boolean {
  const { NO_COLOR, FORCE_COLOR } = terminal.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined) return !['0', 'false'].includes(FORCE_COLOR.toLowerCase());
  return terminal.stdoutIsTTY;
}

/** One line, prefixed with the program's name, on stderr. */
export function printError(terminal: Pick<Terminal, 'stderr'>, message: string): void {
  printLine(terminal, `partner-check: ${message}`);
}

/** One line on stderr: a line break in a file name, a key or a charter's value is shown, not taken. */
export function printLine(terminal: Pick<Terminal, 'stderr'>, line: string): void {
  terminal.stderr(`${visibleControls(line)}\n`);
}

/**
 * The terminal with nothing on stderr able to drive a terminal or a log viewer: every write's
 * unsafe characters made visible (visible.ts) but its line breaks, and the carriage return that
 * starts progress's redraw of its line (no message starts with one).
 */
export function withVisibleStderr(terminal: Terminal): Terminal {
  // Copied as property descriptors, not spread: a spread would call the getters for stdin and
  // stderr, setting up both streams at every start.
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(terminal)) as Terminal;
  copy.stderr = (text) => terminal.stderr(text.startsWith('\r') ? `\r${visibleLines(text.slice(1))}` : visibleLines(text));
  return copy;
}
