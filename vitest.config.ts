// Time-outs sized for a loaded two-core machine (the system tests start processes and a browser),
// so that a slow machine is not a failing test; speed goals live in bench/, not here. The global
// setup refuses a build older than the source; the setup file checks that no in-process run leaks
// into the next test.
//
// Three projects, in two pools that run side by side. The in-process files (CPU-bound) share two
// worker threads (isolate: false: a fresh process and module graph for each file was a quarter of
// the suite's CPU). Beside them, in processes of their own (forks), the files that mock a module,
// stub the environment or a global, or set process.env, so that nothing they change can reach
// another file, and the system tests, which spend most of their time waiting on the processes
// (Chromium, tmux, npm) they start. A project's `isolate: false` alone shares nothing: the pool
// that runs it isolates its workers unless the root's poolOptions say otherwise.
//
// Two files at a time in each pool even on two cores (vitest's own default is one fewer worker
// than cores, which is one on this machine): the main vitest process is idle while the files run.
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
    poolOptions: { threads: { isolate: false } },
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    globalSetup: ['test/built.ts'],
    setupFiles: ['test/setup.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...ISOLATED, SYSTEM], pool: 'threads', isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      { extends: true, test: { name: 'system', include: [SYSTEM] } },
    ],
  },
});
