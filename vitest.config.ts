// Tests that start the CLI as a process take seconds on a loaded two-core machine: a timeout sized
// for that, so that a slow machine is not a failing test. Speed goals live in bench/, not here.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
