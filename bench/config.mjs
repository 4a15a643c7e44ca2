// One charter with a one-line config beside the same charter without one: what reading a config
// costs at start-up (goal: nothing measurable, its schema being compiled at build time).
// Paired (bench/paired.mjs). Part of npm run bench; `node bench/config.mjs` runs only this pair
// (after npm run build).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePair } from './paired.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/partner-check.js');

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
  const { base, other, cost, cpuCost } = measurePair([BIN, join(plain, 'charter.yaml'), '-f', 'json'], [BIN, join(configured, 'charter.yaml'), '-f', 'json'], pairs);
  rmSync(dir, { recursive: true, force: true });
  return { without: base, withConfig: other, cost, cpuCost };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { without, withConfig, cost, cpuCost } = measureConfigPair(Number(process.env.BENCH_PAIRS ?? 15));
  console.log(`one charter, no config:        ${without.seconds.toFixed(3)} s, ${without.rssMb.toFixed(0)} MB`);
  console.log(`one charter, one-line config:  ${withConfig.seconds.toFixed(3)} s, ${withConfig.rssMb.toFixed(0)} MB`);
  console.log(`the config costs ${(cost * 1000).toFixed(0)} ms wall, ${(cpuCost * 1000).toFixed(0)} ms CPU (median differences within a pair)`);
}
