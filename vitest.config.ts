// Time-outs sized for a loaded two-core machine (the system tests start processes and a browser),
// so that a slow machine is not a failing test; speed goals live in bench/, not here. The global
// setup refuses a build older than the source; the setup file checks that no in-process run leaks
// into the next test.
//
// Three projects, in two pools that run side by side. The in-process files (CPU-bound) share two
// worker threads (isolate: false: a fresh process and module graph for each file was a quarter of
// the suite's CPU). Beside them, in processes of their own (forks), the files that mock a module
// or measure the heap, so that nothing they change can reach another file, and the system tests,
// which spend most of their time waiting on the processes (Chromium, tmux, npm) they start. A
// project's `isolate: false` alone shares nothing: the pool that runs it isolates its workers
// unless the root's poolOptions say otherwise.
//
// Two in-process files at a time even on two cores (vitest's own default is one fewer worker than
// cores, which is one on this machine): the main vitest process is idle while the files run. Three
// forks, as the system files among them mostly wait.
import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * In-process files that change what the test process is (a module mocked), or measure it, so that
 * nothing they do can reach another file. Files that only set an environment variable for a run
 * (TMPDIR) restore it and share the pool: a worker thread has its own process.env, and the setup
 * file fails any test that leaves it changed.
 */
const ISOLATED = [
  'test/back.test.ts', // vi.mock('@inquirer/prompts')
  'test/prompter.test.ts', // vi.mock('@inquirer/prompts')
  // Measures the old generation: in a shared worker, V8 may have learnt from an earlier file's
  // long-lived objects to allocate the same sites' objects old at once (17-19 MB a round, seen).
  'test/fast-parse-heap.test.ts',
];
const SYSTEM = 'test/system/**/*.test.ts';

/**
 * The order files start in, longest first, so that no long file starts last and runs on alone:
 * the files that mostly wait (npm installing, Chromium, a person typing under tmux), whose waits
 * then overlap the other files' work, and the in-process files that take longest. vitest orders
 * by the durations it kept from the last run, which a fresh clone has none of: there the longest
 * in-process files started half way through (vitest alone: 141 s, and 136 s in this order, on the
 * same machine within minutes). The rest follow in vitest's order.
 */
const LONGEST_FIRST = [
  'test/system/pre-commit.test.ts',
  'test/system/browser.test.ts',
  'test/system/init-copd.test.ts',
  'test/system/package.test.ts',
  'test/system/readme.test.ts',
  'test/ci-mode.test.ts',
  'test/safety.test.ts',
  'test/cache.test.ts',
  'test/fast-parse.test.ts',
  'test/properties.test.ts',
  'test/system/fix-diabetes.test.ts',
  'test/system/safety.test.ts',
  'test/hostile-input.test.ts',
  'test/init.test.ts',
  'test/paraphrases.test.ts',
  'test/fix.test.ts',
  'test/readme.test.ts',
  'test/guard.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const place = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return place === -1 ? LONGEST_FIRST.length : place;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { threads: { isolate: false }, forks: { maxForks: 3 } },
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    sequence: { sequencer: LongestFirst },
    // The build (dist/, which most in-process runs load) is plain JavaScript: Node loads it itself,
    // as it loads node_modules, instead of vite transforming and wrapping each module (2-4
    // core-seconds less for the shared files, paired runs). Tests that mock a module use src/.
    server: { deps: { external: [/\/node_modules\//, /\/dist\//] } },
    globalSetup: ['test/built.ts'],
    setupFiles: ['test/setup.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...ISOLATED, SYSTEM], pool: 'threads', isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      { extends: true, test: { name: 'system', include: [SYSTEM] } },
    ],
  },
});
