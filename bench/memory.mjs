// node bench/memory.mjs [build folder]: peak RSS of a tree of 20,000 generated charters (see
// corpus.mjs) in every format, written to an -o file; and wall time. Figures, not assertions (the
// goal, issue 21: ≤ 150 MiB in every format). BENCH_SIZES=5000 for another size, BENCH_FORMATS=json,html for some formats.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateCorpus } from './corpus.mjs';

const ROOT = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const SIZES = (process.env.BENCH_SIZES ?? '20000').split(',').map(Number);
const FORMATS = (process.env.BENCH_FORMATS ?? 'stylish,json,sarif,github,markdown,junit,html').split(',');
const partnerCheck = join(ROOT, 'bin/partner-check.js');

const rows = [];
for (const size of SIZES) {
  const dir = generateCorpus(size);
  for (const format of FORMATS) {
    const stats = join(dir, 'time');
    const started = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, process.execPath, partnerCheck, join(dir, 'charters'), '-f', format, '-o', join(dir, `report.${format}`)], { stdio: 'ignore' });
    const seconds = (performance.now() - started) / 1000;
    const mib = Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) / 1024;
    rows.push(`| ${format} | ${size} | ${seconds.toFixed(1)} | ${mib.toFixed(0)} | ${run.status} |`);
    console.error(rows.at(-1));
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${ROOT}\n`);
console.log(['| format | charters | wall time (s) | peak RSS (MiB) | exit |', '| --- | ---: | ---: | ---: | ---: |', ...rows].join('\n'));
