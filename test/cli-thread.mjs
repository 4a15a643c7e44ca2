// main() on a worker thread, for runs long enough (a 5 MB charter) that holding the test's own
// thread would make vitest's calls to it time out. A plain terminal as helpers.ts's fakeTerminal
// makes one: no TTY, an empty environment, no stdin; the real files and clock.
import { parentPort, workerData } from 'node:worker_threads';

const { args, cwd, mainUrl, filesUrl } = workerData;
const { main } = await import(mainUrl);
const { nodeFileSystem } = await import(filesUrl);
const out = { stdout: '', stderr: '' };
const terminal = {
  stdout: (text) => void (out.stdout += text),
  drain: async () => {},
  stdoutError: async () => null,
  stderr: (text) => void (out.stderr += text),
  stdoutIsTTY: false,
  stderrIsTTY: false,
  stdinIsTTY: false,
  env: {},
  cwd,
  readStdin: async () => ({ ok: true, text: '', encoding: { name: 'utf-8', bom: false } }),
  files: nodeFileSystem,
  now: Date.now,
};
const code = await main(['node', 'partner-check', ...args], terminal);
parentPort.postMessage({ code, ...out });
