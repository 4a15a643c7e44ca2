// Two commands run in alternation, so that a busy machine slows both alike: the medians of each
// one's runs, and the medians of the differences within each pair, which are steadier than two
// medians apart. CPU time (user + system) is taken inside the process, to the microsecond
// (/usr/bin/time gives hundredths of a second, too coarse for a start-up); peak RSS from /usr/bin/time.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CPU_HOOK = fileURLToPath(new URL('./cpu-hook.cjs', import.meta.url));

/** One run of `node ...args`: wall time (s), CPU time (s), peak RSS (MB). */
function once(args, cwd) {
  const stats = join(tmpdir(), `partner-check-bench-pair-${process.pid}`);
  const cpuFile = `${stats}.cpu`;
  rmSync(cpuFile, { force: true });
  const started = performance.now();
  spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, process.execPath, '-r', CPU_HOOK, ...args], { cwd, stdio: 'ignore', env: { ...process.env, PARTNER_CHECK_BENCH_CPU: cpuFile } });
  const seconds = (performance.now() - started) / 1000;
  const kilobytes = Number(readFileSync(stats, 'utf8').trim().split('\n').pop());
  return { seconds, cpuSeconds: Number(readFileSync(cpuFile, 'utf8')), rssMb: kilobytes / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function medianRun(runs) {
  const wall = median(runs.map((run) => run.seconds));
  return runs.find((run) => run.seconds === wall);
}

/**
 * Runs `node ...base` and `node ...other` `pairs` times each, alternating which goes first.
 * Returns each one's median run and what `other` costs more than `base`: the median difference
 * within a pair, of wall time and of CPU time (s).
 */
export function measurePair(base, other, pairs = 21, cwd = process.cwd()) {
  const baseRuns = [];
  const otherRuns = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    const runs = [() => baseRuns.push(once(base, cwd)), () => otherRuns.push(once(other, cwd))];
    if (pair % 2) runs.reverse();
    for (const run of runs) run();
  }
  const differences = (measure) => median(otherRuns.map((run, index) => run[measure] - baseRuns[index][measure]));
  return { base: medianRun(baseRuns), other: medianRun(otherRuns), cost: differences('seconds'), cpuCost: differences('cpuSeconds') };
}
