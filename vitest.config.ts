// Time-outs sized for a loaded two-core machine (the system tests start processes and a browser),
// so that a slow machine is not a failing test; speed goals live in bench/, not here. The global
// setup refuses a build older than the source; the setup file checks that no in-process run leaks
// into the next test.
//
// Two test files at a time even on two cores (vitest's own default is one fewer worker than
// cores, which is one on this machine): the main vitest process is idle while the files run, and a
// system test spends much of its time waiting on the processes it started.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    globalSetup: ['test/built.ts'],
    setupFiles: ['test/setup.ts'],
  },
});
