// The build (npm run build, npm's prepare): TypeScript into dist/, the precompiled validators, then
// the bundle and its code cache. Nothing is done when the code cache, written last, is newer than
// every input: npm pack runs prepare again right after npm install ran it (pre-commit installs a
// hook that way), and a no-op tsc, precompile and bundle cost seven seconds of CPU.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const LAST_OUTPUT = 'dist/partner-check.cjs.v8cache';
const OUTPUTS = ['dist/cli/main.js', 'dist/generated/builtin-criteria.js', 'dist/generated/validators.js', 'dist/generated/schema-checks.cjs', 'dist/generated/signal-forms.txt', 'dist/check-worker.cjs', 'dist/partner-check.cjs'];
const INPUTS = ['src', 'schemas', 'bin', 'scripts/build.mjs', 'scripts/precompile-validators.mjs', 'scripts/bundle.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** The newest modification time of a file at or under `path` (0 when there is none): a folder's own time changes when a copy fills it. */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const built = newest(join(root, LAST_OUTPUT));
// A generated file deleted by hand is made again, though every input is older than the last output.
const outputsThere = OUTPUTS.every((output) => newest(join(root, output)) > 0);
if (built > 0 && outputsThere && INPUTS.every((input) => newest(join(root, input)) < built)) {
  console.error(`build: ${LAST_OUTPUT} is newer than every input; nothing to do`);
} else {
  for (const step of [[join(root, 'node_modules/typescript-native/bin/tsc'), '-p', join(root, 'tsconfig.json')], [join(root, 'scripts/precompile-validators.mjs')], [join(root, 'scripts/bundle.mjs')]]) {
    const { status } = spawnSync(process.execPath, step, { stdio: 'inherit', cwd: root });
    if (status !== 0) process.exit(status ?? 1);
  }
}
