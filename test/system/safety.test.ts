// What only a real process shows: reading FIFOs and devices (a read that blocks would hang the
// test's own process), stdin that never ends, a full disk behind /dev/full, and a reader that
// closes the pipe early.
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, safetyFolder, spawnCli, withStrongCharter } from '../helpers.js';

const STACK = /\n\s+at |internal error/;


function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

describe('only what can be read safely is read', () => {
  it('a FIFO as the charter, the config or the answers is refused at once', () => {
    const dir = safetyFolder();
    const fifo = join(dir, 'pipe.yaml');
    if (!mkfifo(fifo)) return console.log('skipped: mkfifo is not available');
    for (const args of [[fifo], [join(ROOT, 'examples/community-elderly-care.yaml'), '-c', fifo], ['init', '--answers', fifo, '-o', join(dir, 'new.yaml')]]) {
      const { code, stderr } = spawnCli(args, { timeout: 15_000 });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toContain('is a named pipe (FIFO), not a regular file');
      expect(stderr).not.toMatch(STACK);
    }
  });

  it('/dev/zero as the charter or as a criteria file is refused; on stdin, reading stops at the size limit', () => {
    const zero = spawnCli(['/dev/zero'], { timeout: 15_000 });
    expect(zero).toMatchObject({ code: 2, stderr: 'partner-check: /dev/zero: is a device, not a regular file\n' });
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [/dev/zero]\n');
    expect(spawnCli(['c.yaml'], { cwd: dir, timeout: 15_000 })).toMatchObject({ code: 2, stderr: 'partner-check: /dev/zero: is a device, not a regular file\n' });
    const fromZero = spawnSync(process.execPath, [join(ROOT, 'bin/partner-check.js'), '-', '--max-file-size', '2mb'], {
      stdio: [openSync('/dev/zero', 'r'), 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(fromZero.status).toBe(2);
    expect(fromZero.stderr).toBe('partner-check: <stdin>: is over the 2.0 MB limit (raise it with --max-file-size)\n');
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
  it.skipIf(!existsSync('/dev/full'))('/dev/full as -o is one line and exit 2', () => {
    const { charter } = withStrongCharter();
    const full = spawnCli([charter, '-f', 'json', '-o', '/dev/full']);
    expect(full.code).toBe(2);
    expect(full.stderr).toBe('partner-check: cannot write /dev/full: the disk is full\n');
  });

  it.skipIf(!existsSync('/dev/full'))('/dev/full as stdout is one line and exit 2, for --help as for a check (issue 23, item 16)', () => {
    const { dir } = withStrongCharter();
    const commands = ['--help', 'c.yaml', 'c.yaml -f json', 'criteria'];
    // One shell runs the four, printing each one's exit code and stderr, NUL-separated.
    const script = commands.map((args) => `"${process.execPath}" "${join(ROOT, 'bin/partner-check.js')}" ${args} > /dev/full 2> err.txt; printf '%s\\0' "$?"; cat err.txt; printf '\\0'`).join('\n');
    const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const results = run.stdout.split('\0');
    commands.forEach((args, index) => {
      expect({ code: Number(results[2 * index]), stderr: results[2 * index + 1] }, args).toEqual({ code: 2, stderr: 'partner-check: cannot write to stdout: the disk is full\n' });
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
