// Time-outs sized for a loaded two-core machine (the system tests start processes and a browser),
// so that a slow machine is not a failing test; speed goals live in bench/, not here. The global
// setup refuses a build older than the source; the setup file checks that no in-process run leaks
// into the next test.
//
// Two test files at a time even on two cores (vitest's own default is one fewer worker than
// cores, which is one on this machine): the main vitest process is idle while the files run, and a
// system test spends much of its time waiting on the processes it started.
//
// Three projects. Most in-process files share their worker processes (isolate: false): a fresh
// process and module graph for each file was a quarter of the suite's CPU. The files that mock a
// module, stub the environment or a global, or set process.env keep a process of their own, so that
// nothing they change can reach another file. The system tests start real processes, as before.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** In-process files that change what the test process is: a module mocked, the environment or a global stubbed. */
const ISOLATED = [
  'test/back.test.ts', // vi.mock('@inquirer/prompts')
  'test/prompter.test.ts', // vi.mock('@inquirer/prompts')
  'test/ci-mode.test.ts', // vi.stubEnv('TMPDIR'), vi.spyOn(process, 'getBuiltinModule')
  'test/guard.test.ts', // process.env.TMPDIR set for a run
  'test/spool.test.ts', // process.env.TMPDIR set for each test
];
const SYSTEM = 'test/system/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    globalSetup: ['test/built.ts'],
    setupFiles: ['test/setup.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...ISOLATED, SYSTEM], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      { extends: true, test: { name: 'system', include: [SYSTEM] } },
    ],
  },
});
