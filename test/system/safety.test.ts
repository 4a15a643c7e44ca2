// What only a real process shows: reading FIFOs and devices (a read that blocks would hang the
// test's own process), stdin that never ends, a full disk behind /dev/full, and a reader that
// closes the pipe early.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, ROOT, runCli, safetyFolder, shellQuote, withStrongCharter } from '../helpers.js';

const STACK = /\n\s+at |internal error/;

/**
 * Runs the binary once for each shell line (its arguments and redirections) from one bash, so
 * that the test starts one process for them all, after the shell command `first`. Each run is
 * stopped after `seconds` (a read that blocks fails with exit 124) and its stdout goes nowhere
 * unless its line redirects it. Gives each run's exit code and what it wrote to stderr.
 */
function runInOneShell(lines: string[], options: { cwd: string; first?: string; seconds?: number }): { code: number; stderr: string | undefined }[] {
  const seconds = options.seconds ?? 15;
  const err = shellQuote(join(safetyFolder(), 'err.txt'));
  const runs = lines.map((line) => `timeout ${seconds} ${shellQuote(process.execPath)} ${shellQuote(join(ROOT, 'bin/partner-check.js'))} > /dev/null ${line} 2> ${err}; printf '%s\\0' "$?"; cat ${err}; printf '\\0'`);
  const shell = spawnSync('bash', ['-c', [options.first ?? ':', ...runs].join('\n')], { cwd: options.cwd, encoding: 'utf8', timeout: (seconds * lines.length + 30) * 1000 });
  const fields = shell.stdout.split('\0');
  return lines.map((_, index) => ({ code: Number(fields[2 * index]), stderr: fields[2 * index + 1] }));
}

describe('only what can be read safely is read', () => {
  it.skipIf(!onPath('mkfifo'))('a FIFO as the charter, the config or the answers is refused at once', () => {
    const dir = safetyFolder();
    const fifo = join(dir, 'pipe.yaml');
    const cases = [[fifo], [join(ROOT, 'examples/community-elderly-care.yaml'), '-c', fifo], ['init', '--answers', fifo, '-o', join(dir, 'new.yaml')]];
    const runs = runInOneShell(cases.map((args) => args.map(shellQuote).join(' ')), { cwd: ROOT, first: `mkfifo ${shellQuote(fifo)}` });
    cases.forEach((args, index) => {
      const { code, stderr } = runs[index]!;
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toContain('is a named pipe (FIFO), not a regular file');
      expect(stderr).not.toMatch(STACK);
    });
  });

  it('/dev/zero as the charter or as a criteria file is refused; on stdin, reading stops at the size limit', () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'zero.config.yaml'), 'criteria: [/dev/zero]\n');
    const device = 'partner-check: /dev/zero: is a device, not a regular file\n';
    expect(runInOneShell(['/dev/zero', 'c.yaml -c zero.config.yaml', '- --max-file-size 2mb < /dev/zero'], { cwd: dir, seconds: 20 })).toEqual([
      { code: 2, stderr: device },
      { code: 2, stderr: device },
      { code: 2, stderr: 'partner-check: <stdin>: is over the 2.0 MB limit (raise it with --max-file-size)\n' },
    ]);
  });
});

describe('a stdin that holds no charter says what it is (issue 23 item 20)', () => {
  it('a directory, /dev/null and a closed stdin are each one line and exit 2, not "the file is empty"', () => {
    const dir = safetyFolder();
    // One shell for the three runs: a closed stdin (<&-) can only be made by a shell.
    const bin = join(ROOT, 'bin/partner-check.js');
    const script = ['< "$1"', '< /dev/null', '<&-'].map((redirect) => `"$0" "$2" - --no-config ${redirect}; echo "exit $?" >&2`).join('\n');
    const { stderr } = spawnSync('sh', ['-c', script, process.execPath, dir, bin], { encoding: 'utf8', timeout: 60_000 });
    const empty = 'partner-check: <stdin>: is empty: stdin is /dev/null or was closed, so there is no charter to read; pipe or redirect one in (partner-check - < charter.yaml)';
    expect(stderr.split('\n')).toEqual([
      'partner-check: <stdin>: is a directory, not a charter: - reads a charter piped or redirected in (partner-check - < charter.yaml); to check a folder, name it (partner-check folder/)',
      'exit 2',
      empty,
      'exit 2',
      empty,
      'exit 2',
      '',
    ]);
  });
});

describe('a device that cannot be written', () => {
  it.skipIf(!existsSync('/dev/full'))('/dev/full as -o is one line and exit 2', async () => {
    // In-process: writing a device does not block, so the test's own process can do it.
    const { charter } = withStrongCharter();
    const full = await runCli([charter, '-f', 'json', '-o', '/dev/full']);
    expect(full.code).toBe(2);
    expect(full.stderr).toBe('partner-check: cannot write /dev/full: the disk is full\n');
  });

  it.skipIf(!existsSync('/dev/full'))('/dev/full as stdout is one line and exit 2, for --help as for a check (issue 23, item 16)', () => {
    const { dir } = withStrongCharter();
    const commands = ['--help', 'c.yaml', 'c.yaml -f json', 'criteria'];
    const runs = runInOneShell(commands.map((args) => `${args} > /dev/full`), { cwd: dir });
    commands.forEach((args, index) => {
      expect(runs[index], args).toEqual({ code: 2, stderr: 'partner-check: cannot write to stdout: the disk is full\n' });
    });
  });
});

describe('a closed pipe', () => {
  it('ends the run quietly with its own exit code, no stack trace', () => {
    // One shell runs both: each prints its exit code, then what it wrote to stderr (nothing).
    const dir = safetyFolder();
    const cases = [['examples/diabetes-acs-pathway.yaml', '1'], ['examples/community-elderly-care.yaml', '0']] as const;
    const script = cases.map(([charter]) => `"${process.execPath}" bin/partner-check.js ${charter} 2>"${dir}/err.txt" | head -c 0; echo "\${PIPESTATUS[0]}"; cat "${dir}/err.txt"`).join('\n');
    const run = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toBe(cases.map(([, expected]) => `${expected}\n`).join(''));
  });
});
