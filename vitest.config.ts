// Time-outs sized for a loaded two-core machine (the system tests start processes and a browser),
// so that a slow machine is not a failing test; speed goals live in bench/, not here. The global
// setup refuses a build older than the source; the setup file checks that no in-process run leaks
// into the next test.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000, globalSetup: ['test/built.ts'], setupFiles: ['test/setup.ts'] } });
