// One charter with a one-line config beside the same charter without one: what reading a config
// costs at start-up (goal: nothing measurable, its schema being compiled at build time).
// Paired: the two runs alternate, so a busy machine slows both alike. Part of npm run bench;
// `node bench/config.mjs` runs only this pair (after npm run build).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/partner-check.js');

/** Wall time (s), CPU time (user + system, s) and peak RSS (MB) of one run of partner-check. */
function once(args) {
  const stats = join(tmpdir(), `partner-check-bench-config-${process.pid}`);
  const started = performance.now();
  spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', stats, process.execPath, BIN, ...args], { stdio: 'ignore' });
  const seconds = (performance.now() - started) / 1000;
  const [kilobytes, user, system] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpuSeconds: user + system, rssMb: kilobytes / 1024 };
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Medians of `pairs` alternating runs, and the medians of the differences within each pair (s): wall and CPU time. */
export function measureConfigPair(pairs = 15) {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-bench-config-'));
  // Two folders, each its own repository root (.git), so the config search stops inside them.
  const plain = join(dir, 'plain');
  const configured = join(dir, 'configured');
  for (const folder of [plain, configured]) {
    mkdirSync(join(folder, '.git'), { recursive: true });
    copyFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), join(folder, 'charter.yaml'));
  }
  writeFileSync(join(configured, 'partner-check.config.yaml'), 'minScore: 80\n');
  const without = [];
  const withConfig = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    const runs = [() => without.push(once([join(plain, 'charter.yaml'), '-f', 'json'])), () => withConfig.push(once([join(configured, 'charter.yaml'), '-f', 'json']))];
    if (pair % 2) runs.reverse();
    for (const run of runs) run();
  }
  rmSync(dir, { recursive: true, force: true });
  // Each pair ran under the same load: their difference is steadier than two medians apart.
  // CPU time is steadier still on a machine others are using.
  const differences = (measure) => median(without.map((run, index) => ({ seconds: withConfig[index][measure] - run[measure] }))).seconds;
  return { without: median(without), withConfig: median(withConfig), cost: differences('seconds'), cpuCost: differences('cpuSeconds') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { without, withConfig, cost, cpuCost } = measureConfigPair(Number(process.env.BENCH_PAIRS ?? 15));
  console.log(`one charter, no config:        ${without.seconds.toFixed(3)} s, ${without.rssMb.toFixed(0)} MB`);
  console.log(`one charter, one-line config:  ${withConfig.seconds.toFixed(3)} s, ${withConfig.rssMb.toFixed(0)} MB`);
  console.log(`the config costs ${(cost * 1000).toFixed(0)} ms wall, ${(cpuCost * 1000).toFixed(0)} ms CPU (median differences within a pair)`);
}
