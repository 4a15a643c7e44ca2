// Tests run the CLI in-process: after each, the test process must be as it was, so that no run
// leaks into the next through the working folder, the environment or the exit code.
import childProcess from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll, afterEach, expect } from 'vitest';

// Every process a test starts, counted: with PARTNER_CHECK_SPAWN_LOG set, each spawn appends a line
// (the test file and the command) to that file, so a run can say how many processes the suite started.
const log = process.env.PARTNER_CHECK_SPAWN_LOG;
const COUNTED = Symbol.for('partner-check.spawn-counted');
if (log && !(childProcess as unknown as Record<symbol, boolean>)[COUNTED]) {
  (childProcess as unknown as Record<symbol, boolean>)[COUNTED] = true;
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'] as const) {
    const original = childProcess[name] as (...args: unknown[]) => unknown;
    (childProcess as unknown as Record<string, unknown>)[name] = function counted(this: unknown, ...args: unknown[]) {
      appendFileSync(log, `${expect.getState().testPath ?? '?'}\t${name}\t${String(args[0])}\n`);
      return original.apply(this, args);
    };
  }
  syncBuiltinESMExports();
}

// Each test file's temporary folders, and those of the processes it starts, go in one folder of
// its own, removed when the file is done: a run of the suite used to leave some 290 folders and
// 210 MB in /tmp. The system's own folder is kept for what must outlive a file (pre-commit's install).
process.env['PARTNER_CHECK_SYSTEM_TMPDIR'] ??= tmpdir();
const fileTmp = mkdtempSync(join(process.env['PARTNER_CHECK_SYSTEM_TMPDIR'], 'partner-check-test-'));
process.env['TMPDIR'] = fileTmp;
afterAll(() => rmSync(fileTmp, { recursive: true, force: true }));

const cwd = process.cwd();
const env = { ...process.env };

afterEach(() => {
  expect(process.exitCode, 'process.exitCode set by a test').toBeUndefined();
  expect(process.cwd(), 'process.cwd() changed by a test').toBe(cwd);
  expect({ ...process.env }, 'process.env changed by a test').toEqual(env);
});
