// Would a V8 start-up snapshot (node --build-snapshot) start one charter sooner than the bin, which
// compiles the bundle with its code cache? The issue's goal is one charter within 1.5× a bare Node
// start. Two snapshots of the built bundle are made: one with its modules loaded, and one taken
// after a warm-up check of another charter (so that the functions a check runs are compiled).
// Each is timed paired with the bin (bench/paired.mjs). A snapshot runs only with --snapshot-blob
// on node's own command line, which an npm bin cannot pass: this measures whether it would pay,
// it is not a way the tool starts. Run after npm run build: node bench/snapshot.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePair } from './paired.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist/partner-check.cjs');
const BIN = join(ROOT, 'bin/partner-check.js');
const CHARTER = join(ROOT, 'examples/diabetes-acs-pathway.yaml');
const WARM_UP = join(ROOT, 'examples/copd-joint-working.yaml');
// The flags the bin sets before it compiles the bundle; a snapshot is made and started under them.
const FLAGS = ['--no-regexp-tier-up', '--heap-growing-percent=50'];
const PAIRS = Number(process.env.BENCH_PAIRS ?? 21);

const dir = mkdtempSync(join(tmpdir(), 'partner-check-bench-snapshot-'));

/** A snapshot's entry script: loads the bundle as the bin does, optionally checks a charter, and makes main the snapshot's start. */
function entry(warmUp) {
  const setMain = `require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {
  // Started from a snapshot, argv has no script: the charter and flags follow node's own path.
  loaded.exports.main([process.argv[0], 'partner-check', ...process.argv.slice(1)]).then((code) => { process.exitCode = code; });
});`;
  return `const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { runInThisContext } = require('node:vm');
const bundle = ${JSON.stringify(BUNDLE)};
const loaded = { exports: {} };
runInThisContext(readFileSync(bundle, 'latin1'), { filename: bundle })(loaded.exports, createRequire(bundle), loaded, bundle, require('node:path').dirname(bundle));
${warmUp ? `loaded.exports.main(['node', 'partner-check', ${JSON.stringify(WARM_UP)}, '--no-config', '-f', 'json', '-o', ${JSON.stringify(join(dir, 'warm-up.json'))}]).then(() => {\n${setMain}\n});` : setMain}
`;
}

/** Builds a snapshot blob from an entry script; returns its path. */
function snapshot(name, warmUp) {
  const script = join(dir, `${name}.js`);
  const blob = join(dir, `${name}.blob`);
  writeFileSync(script, entry(warmUp));
  const built = spawnSync(process.execPath, [...FLAGS, '--snapshot-blob', blob, '--build-snapshot', script], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`could not build the ${name} snapshot: ${built.stderr}`);
  return blob;
}

try {
  const check = [CHARTER, '--no-config', '-f', 'json'];
  const bare = measurePair(['-e', ''], ['-e', ''], 11, ROOT).base;
  console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}: one charter (json), ${PAIRS} pairs each`);
  console.log(`a bare start (node -e ''):  ${(bare.seconds * 1000).toFixed(1)} ms`);
  for (const [name, warmUp] of [['loaded', false], ['warmed-up', true]]) {
    const blob = snapshot(name, warmUp);
    const { base, other, cost } = measurePair([BIN, ...check], [...FLAGS, '--snapshot-blob', blob, ...check], PAIRS, ROOT);
    console.log(`the bin, from its code cache:  ${(base.seconds * 1000).toFixed(1)} ms (${(base.seconds / bare.seconds).toFixed(2)}× a bare start)`);
    console.log(`a snapshot, bundle ${name}:  ${(other.seconds * 1000).toFixed(1)} ms (${(other.seconds / bare.seconds).toFixed(2)}× a bare start; ${cost >= 0 ? '+' : ''}${(cost * 1000).toFixed(1)} ms within a pair)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
