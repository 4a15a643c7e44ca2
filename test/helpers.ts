// Runs partner-check the way a user does, and collects what they would see: in-process through
// main() (the built modules, whose criteria are precompiled), or, for what needs a real process,
// as the built binary.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Terminal } from '../src/cli/terminal.js';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { readStreamText } from '../src/io/read-text.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'partner-check.js');
// Typed from the source, run from the build (npm test builds first); loaded by the first in-process
// run, not by every file that only needs ROOT or a process helper (most of the system files).
let loadedMain: Promise<typeof import('../src/cli/main.js')> | undefined;
const main: (typeof import('../src/cli/main.js'))['main'] = async (...args) => {
  loadedMain ??= builtModule<typeof import('../src/cli/main.js')>('cli/main.js');
  return (await loadedMain).main(...args);
};

/** A module of the build (dist/, which test/built.ts refuses when older than the source), typed as its source. */
export function builtModule<Module>(path: string): Promise<Module> {
  return import(pathToFileURL(join(ROOT, 'dist', path)).href) as Promise<Module>;
}

/**
 * The run's setup as the built package loads it, with the validators generated at build time:
 * from the source, which has none, each call compiled every built-in schema with ajv (about a
 * second of CPU in a loaded test thread).
 */
export async function loadBuiltSetup(...args: Parameters<(typeof import('../src/cli/setup.js'))['loadSetup']>): ReturnType<(typeof import('../src/cli/setup.js'))['loadSetup']> {
  const built = await builtModule<typeof import('../src/cli/setup.js')>('cli/setup.js');
  return built.loadSetup(...args);
}

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The whole environment the run sees (nothing is inherited from the test's process). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string | Uint8Array;
  /** The clock; the real one unless a test fixes "today". */
  now?: () => number;
  /** The file system; the real one unless a test makes a part of it fail. */
  files?: FileSystem;
  /** Every write to stdout fails with this error (ENOSPC: a full disk). */
  stdoutFails?: NodeJS.ErrnoException;
  /** Stdout is read slowly (a pipe to a busy reader): each write waits a turn of the event loop to drain. */
  slowStdout?: boolean;
  /** The file stdout was sent to (`> out.txt`), which an -o naming it must not replace. */
  stdoutFile?: string;
}

/**
 * Runs the CLI in-process, as `partner-check ...args` typed in `cwd` (ROOT unless given): the exit
 * code main() returns and what it wrote to stdout and stderr. Nothing of the test's process is
 * shared: not its working folder, environment or exit code.
 */
export async function runCli(args: string[], options: RunOptions = {}): Promise<RunOutput> {
  const env = Object.fromEntries(Object.entries(options.env ?? {}).filter(([, value]) => value !== undefined)) as Record<string, string>;
  const { terminal, out } = fakeTerminal(options.cwd ?? ROOT, { env, stdin: options.input ?? '', now: options.now ?? Date.now, files: options.files ?? nodeFileSystem, ...(options.stdoutFails ? { stdoutFails: options.stdoutFails } : {}), slowStdout: options.slowStdout === true, ...(options.stdoutFile ? { stdoutFile: options.stdoutFile } : {}) });
  const code = await main(['node', 'partner-check', ...args], terminal);
  return { code, ...out };
}

/**
 * Runs the CLI as runCli does, but on a worker thread (still no process): for a run that takes
 * tens of seconds on a loaded machine, during which the test's own thread must stay free to
 * answer vitest. `root`: the built package to run (a copy of this one, say), this one by default.
 */
export async function runCliOnThread(args: string[], options: { cwd?: string; root?: string } = {}): Promise<RunOutput> {
  const built = (path: string) => pathToFileURL(join(options.root ?? ROOT, 'dist', path)).href;
  const worker = new Worker(new URL('./cli-thread.mjs', import.meta.url), { workerData: { args, cwd: options.cwd ?? ROOT, mainUrl: built('cli/main.js'), filesUrl: built('io/file-system.js') } });
  try {
    const [output] = (await once(worker, 'message')) as [RunOutput];
    return output;
  } finally {
    await worker.terminate();
  }
}

/**
 * Runs the built binary as a child process, for what only a real process shows (the bundle and its
 * code cache, pipes, signals): each call is a spawn, which costs the suite about half a second.
 */
export function spawnCli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; input?: string; timeout?: number } = {}): RunOutput {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    // A hang is a failure too: the child is killed and `code` is null.
    timeout: options.timeout ?? 60_000,
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a command without blocking: npm and pre-commit take a minute or more on a loaded machine,
 * and a test that holds its worker that long makes vitest's own calls to it time out.
 */
export function runProcess(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => done({ status: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Whether a program is installed: an executable of that name in a folder of $PATH (found without starting it). */
export function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Text as one word in a shell command: single-quoted, each single quote in it closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** Writes text to a fresh temporary file and returns its path. */
export function tempFile(name: string, text: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;

/** The JSON report of one charter (the first). */
export async function jsonReport(args: string[], options: RunOptions = {}) {
  const output = await runCli([...args, '--format', 'json'], options);
  return { ...output, run: JSON.parse(output.stdout) as import('../src/core/report.js').RunReport };
}

/** A terminal for in-process tests: it records what a user would see on stdout and stderr. */
export function fakeTerminal(cwd: string, options: Partial<Pick<Terminal, 'stdinIsTTY' | 'stderrIsTTY' | 'env' | 'now' | 'files'>> & { stdin?: string | Uint8Array; stdoutFails?: NodeJS.ErrnoException; slowStdout?: boolean; stdoutFile?: string } = {}) {
  const out = { stdout: '', stderr: '' };
  // A stdout that fails (a full disk): what is written to it is lost, and the failure kept, as processTerminal keeps it.
  let failure: unknown = null;
  const terminal: Terminal = {
    stdout: (text) => {
      if (options.stdoutFails) failure ??= options.stdoutFails;
      else out.stdout += typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
    },
    drain: () => (options.slowStdout ? new Promise((done) => setTimeout(done, 5)) : Promise.resolve()),
    stdoutError: async () => failure,
    stderr: (text) => void (out.stderr += text),
    stdoutIsTTY: false,
    isStdout: (path) => path === options.stdoutFile,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdinIsTTY: options.stdinIsTTY ?? false,
    env: options.env ?? {},
    cwd,
    readStdin: (maxBytes) => readStreamText(Readable.from([Buffer.from(options.stdin ?? '')]), maxBytes),
    files: options.files ?? nodeFileSystem,
    now: options.now ?? Date.now,
  };
  return { terminal, out };
}

/** A fresh temporary folder for a safety test. */
export function safetyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'partner-check-safety-'));
}

/** A fresh folder holding the strong example as c.yaml. */
export function withStrongCharter(): { dir: string; charter: string } {
  const dir = safetyFolder();
  const charter = join(dir, 'c.yaml');
  writeFileSync(charter, readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8'));
  return { dir, charter };
}
