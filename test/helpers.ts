// Runs the built binary the way a user does, and collects what they would see.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'partner-check.js');

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; input?: string; timeout?: number } = {}): RunOutput {
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
export function jsonReport(args: string[]) {
  const output = runCli([...args, '--format', 'json']);
  return { ...output, run: JSON.parse(output.stdout) as import('../src/core/report.js').RunReport };
}

/** A terminal for in-process tests: it records what a user would see on stdout and stderr. */
export function fakeTerminal(cwd: string, options: Partial<Pick<import('../src/cli/terminal.js').Terminal, 'stdinIsTTY' | 'stderrIsTTY' | 'env'>> = {}) {
  const out = { stdout: '', stderr: '' };
  const terminal: import('../src/cli/terminal.js').Terminal = {
    stdout: (text) => void (out.stdout += text),
    drain: async () => {},
    stderr: (text) => void (out.stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdinIsTTY: options.stdinIsTTY ?? false,
    env: options.env ?? {},
    cwd,
    readStdin: async () => ({ ok: true, text: '', encoding: { name: 'utf-8', bom: false } }),
  };
  return { terminal, out };
}
