// Tests run the CLI in-process: after each, the test process must be as it was, so that no run
// leaks into the next through the working folder, the environment or the exit code.
import { afterEach, expect } from 'vitest';

const cwd = process.cwd();
const env = { ...process.env };

afterEach(() => {
  expect(process.exitCode, 'process.exitCode set by a test').toBeUndefined();
  expect(process.cwd(), 'process.cwd() changed by a test').toBe(cwd);
  expect({ ...process.env }, 'process.env changed by a test').toEqual(env);
});
