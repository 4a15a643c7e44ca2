// npm run bench: times partner-check against a bare node start, against ajv-cli and against Spectral
// (bench/spectral.mjs) on the same generated charters (1, 100, 1,000, 10,000 and 20,000; strong, weak
// and broken), in stylish and json, a cached rerun of 10,000 unchanged charters, and one charter with
// and without a config; prints a table. Beside each ratio, the floor (reading and parsing the same
// charters, nothing else: bench/parse-only.mjs) and our work beyond it per charter; from 10,000
// charters, the same run evaluating no criteria (bench/without-checks.mjs), the part of that work
// that is not checking.
// Spectral lints up to BENCH_SPECTRAL_MAX charters (1,000: at 10,000 it takes a quarter of an hour).
// Peak RSS in every format: node bench/memory.mjs.
// Figures, not assertions: speed goals live here, never in a timed test.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { measureConfigPair } from './config.mjs';
import { generateCorpus } from './corpus.mjs';
import { measurePair } from './paired.mjs';
import { SPECTRAL_RULES, spectralCommand } from './spectral.mjs';
import { buildWithoutChecks } from './without-checks.mjs';
import { buildWithoutTextLayer } from './without-text-layer.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = fileURLToPath(new URL('.', import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? '1,100,1000,10000,20000').split(',').map(Number);
const SPECTRAL_MAX = Number(process.env.BENCH_SPECTRAL_MAX ?? 1000);
const REPEATS = 11;

/**
 * Wall time (s, measured here to the millisecond: /usr/bin/time gives hundredths, too coarse for a
 * start-up), peak RSS (MB, from /usr/bin/time) and exit status of a command, the median of several runs for short ones.
 */
function measure(command, args, runs = 1) {
  const samples = [];
  for (let run = 0; run < runs; run += 1) {
    const stats = join(tmpdir(), `partner-check-bench-time-${process.pid}`);
    const started = performance.now();
    const { status } = spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, command, ...args], { cwd: ROOT, stdio: 'ignore' });
    const seconds = (performance.now() - started) / 1000;
    const kilobytes = Number(readFileSync(stats, 'utf8').trim().split('\n').pop());
    samples.push({ seconds, rssMb: kilobytes / 1024, status });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  return samples[Math.floor(samples.length / 2)];
}

const node = process.execPath;
const partnerCheck = join(ROOT, 'bin/partner-check.js');
const ajvCli = join(BENCH, 'node_modules/.bin/ajv');
const ajvArgs = (files) => ['validate', '-s', 'schemas/charter.schema.json', '-d', files, '--spec=draft2020', '-c', join(BENCH, 'node_modules/ajv-formats/dist/index.js'), '--all-errors'];

const parseOnly = join(BENCH, 'parse-only.mjs');
// A row: [case, charters, measure(), ratio, the floor's measure() for our rows].
const rows = [];
const nodeStart = measure(node, ['-e', ''], REPEATS);
rows.push(['node -e \'\' (a bare start)', 1, nodeStart, null]);
const oneFloor = measure(node, [parseOnly, 'examples/diabetes-acs-pathway.yaml'], REPEATS);
rows.push(['read and parse only, one charter', 1, oneFloor, null]);
const one = measure(node, [partnerCheck, 'examples/diabetes-acs-pathway.yaml', '-f', 'json'], REPEATS);
rows.push(['partner-check, one charter', 1, one, `${(one.seconds / nodeStart.seconds).toFixed(2)}× node start (goal ≤ 2×, aim 1.5×)`, oneFloor]);
// The same build with its text layer idle (bench/without-text-layer.mjs): what reading free text
// costs, paired (bench/paired.mjs) since a few milliseconds are less than a busy machine's noise.
const idle = await buildWithoutTextLayer();
// The same build evaluating no criteria (bench/without-checks.mjs): what the rest of a run costs
// beyond the floor (scores, the report, the formats, writing), against the goal for the whole.
const unchecked = buildWithoutChecks();
const layerRows = (charter, name, note) => {
  const { base, other, cost, cpuCost } = measurePair([idle, charter, '-f', 'json'], [partnerCheck, charter, '-f', 'json'], 21, ROOT);
  rows.push([name, 1, other, `the layer costs ${(cost * 1000).toFixed(1)} ms wall, ${(cpuCost * 1000).toFixed(1)} ms CPU, median differences within a pair (${note})`]);
  rows.push(['the same, text layer idle', 1, base, null]);
};
layerRows('examples/diabetes-acs-pathway.yaml', 'partner-check, one charter, paired', 'goal ≤ 10 ms');
layerRows('examples/copd-joint-working.yaml', 'partner-check, one sound industry charter, paired', 'every signal reads');
// Paired with the same charter without a config (bench/config.mjs; run alone: node bench/config.mjs).
const { without, withConfig, cost, cpuCost } = measureConfigPair();
rows.push(['partner-check, one charter, no config (paired)', 1, without, null]);
rows.push(['the same, one-line config', 1, withConfig, `the config costs ${(cost * 1000).toFixed(0)} ms wall, ${(cpuCost * 1000).toFixed(0)} ms CPU, median differences within a pair (goal: none)`]);

for (const size of SIZES) {
  const dir = generateCorpus(size);
  const charters = join(dir, 'charters');
  const runs = size > 1000 ? 1 : 3;
  const theirs = measure(ajvCli, ajvArgs(join(charters, 'charter-*.yaml')), runs);
  // What any run must spend before checking anything: reading and parsing the charters it reads.
  const floor = measure(node, [parseOnly, charters], runs);
  rows.push([`read and parse only (the floor: no criteria, no report)`, size, floor, `${(theirs.seconds / floor.seconds).toFixed(2)}× ajv-cli's speed`]);
  const spectral = size <= SPECTRAL_MAX ? measure(...spectralCommand(dir, charters), runs) : null;
  // Spectral exits 1 when it finds problems and 2 when it could not lint: a failed run would look fast.
  if (spectral?.status > 1) throw new Error(`Spectral could not lint the ${size} charters (exit ${spectral.status}): run ${spectralCommand(dir, charters).flat().join(' ')}`);
  const ours = {};
  for (const format of ['stylish', 'json']) {
    ours[format] = measure(node, [partnerCheck, charters, '-f', format], runs);
    const againstSpectral = spectral && format === 'stylish' ? `; ${(spectral.seconds / ours[format].seconds).toFixed(1)}× Spectral's (goal ≥ 10× at 1,000)` : '';
    rows.push([`partner-check, tree, ${format}`, size, ours[format], `${(theirs.seconds / ours[format].seconds).toFixed(2)}× ajv-cli's speed (goal ≥ 1×, aim 1.5×)${againstSpectral}`, floor]);
    if (format === 'json' && size >= 10000) {
      const withoutLayer = measure(node, [idle, charters, '-f', format], runs);
      rows.push([`the same, text layer idle`, size, withoutLayer, `the layer costs ${((ours[format].seconds / withoutLayer.seconds - 1) * 100).toFixed(0)}% (goal ≤ 25%)`, floor]);
    }
    if (size >= 10000) {
      const withoutChecks = measure(node, [unchecked, charters, '-f', format, '--threads', '0'], runs);
      rows.push([`the same, one thread, no criteria evaluated (each charter given an earlier one's results)`, size, withoutChecks, 'what a run costs beyond the floor without checking anything (goal for the whole: ≤ 0.2 ms a charter)', floor]);
    }
  }
  rows.push([`ajv-cli (schema only, parseable files)`, size, theirs, null]);
  if (spectral) rows.push([`Spectral (${SPECTRAL_RULES} rules, bench/spectral/ruleset.yaml), stylish`, size, spectral, `${(spectral.rssMb / ours.stylish.rssMb).toFixed(1)}× partner-check's peak RSS (stylish)`]);
  if (size === 10000) {
    // The worker threads' figure: on two cores a run checks on one thread (see src/cli/parallel.ts).
    const threaded = measure(node, [partnerCheck, charters, '-f', 'json', '--threads', '1'], runs);
    rows.push([`partner-check, tree, json, one worker thread`, size, threaded, `${(theirs.seconds / threaded.seconds).toFixed(2)}× ajv-cli's speed`, floor]);
    const cache = join(dir, 'cache');
    measure(node, [partnerCheck, charters, '-f', 'json', '--cache', '--cache-location', cache]);
    const cached = measure(node, [partnerCheck, charters, '-f', 'json', '--cache', '--cache-location', cache]);
    rows.push([`partner-check, cached rerun, json`, size, cached, `${(ours.json.seconds / cached.seconds).toFixed(1)}× the cold run's speed (goal ≥ 5×); ${(theirs.seconds / cached.seconds).toFixed(2)}× ajv-cli's (goal ≥ 2×)`, floor]);
  }
  rmSync(dir, { recursive: true, force: true });
}

// Our time beyond the floor, per charter (ms): what checking and reporting cost on top of reading and parsing.
const beyondFloor = (seconds, floor, count) => (floor ? ((seconds - floor.seconds) * 1000 / count).toFixed(count === 1 ? 1 : 3) : '');
const table = [
  '| case | charters | wall time (s) | charters/s | peak RSS (MB) | ratio | floor (s) | beyond the floor (ms a charter) |',
  '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ...rows.map(([name, count, { seconds, rssMb }, ratio, floor]) => `| ${name} | ${count} | ${seconds.toFixed(count === 1 ? 3 : 2)} | ${name.includes('(a bare start)') ? '' : Math.round(count / seconds)} | ${rssMb.toFixed(0)} | ${ratio ?? ''} | ${floor?.seconds.toFixed(count === 1 ? 3 : 2) ?? ''} | ${beyondFloor(seconds, floor, count)} |`),
];
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(table.join('\n'));
