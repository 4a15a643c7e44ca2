// The engine's work beyond the read-and-parse floor, per charter, measured in one process: a run
// of the CLI through main() (output discarded) and the floor (read and parse every charter, as
// bench/parse-only.mjs does) in turn, after a warm-up, as CPU time; the medians of each and of the
// differences within a pair. With --prof DIR, the runs are also profiled (.cpuprofile files in DIR).
//
//   node bench/engine.mjs FOLDER [--format stylish] [--pairs 7] [--threads N] [--dist DIR] [--prof DIR]
//
// --threads 0 keeps the run on one thread (CPU time then is the engine's own, not worker threads' too).
// --dist names another build's dist/ (a reference tree), to compare builds on the same charters.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'stylish' }, pairs: { type: 'string', default: '7' }, threads: { type: 'string' }, dist: { type: 'string', default: new URL('../dist', import.meta.url).pathname }, prof: { type: 'string' } },
});
const folder = resolve(positionals[0]);
const dist = resolve(values.dist);
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { main } = await load('cli/main.js');
const { processTerminal } = await load('cli/terminal.js');
const { parseYamlFast } = await load('core/fast-parse.js');

const names = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
const charters = names.filter((name) => name.startsWith('charter-')).length;
// Counted over every run: the warm-up and each pair's.
let bytes = 0;
const terminal = { ...processTerminal(), stdout: (text) => (bytes += text.length), stderr: () => {}, drain: async () => {}, stdoutIsTTY: false, stdoutColumns: undefined };

const floor = () => {
  for (const name of names) parseYamlFast(readFileSync(join(folder, name), 'utf8'));
};
const run = () => main(['node', 'partner-check', folder, '-f', values.format, '--no-config', ...(values.threads === undefined ? [] : ['--threads', values.threads])], terminal);

/** CPU time (ms) of one call. */
async function cpu(work) {
  const started = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

const session = values.prof ? new Session() : null;
if (session) {
  mkdirSync(values.prof, { recursive: true });
  session.connect();
  await session.post('Profiler.enable');
}

await run();
floor();
const runs = [];
const floors = [];
for (let pair = 0; pair < Number(values.pairs); pair += 1) {
  if (session) await session.post('Profiler.start');
  runs.push(await cpu(run));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(values.prof, `run-${pair}.cpuprofile`), JSON.stringify(profile));
  }
  floors.push(await cpu(floor));
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const perCharter = (ms) => ((ms / charters) * 1000).toFixed(0).padStart(5);
console.log(`${charters} charters (${names.length - charters} broken), -f ${values.format}, ${runs.length} pairs, ${dist}`);
console.log(`run   ${perCharter(median(runs))} µs a charter`);
console.log(`floor ${perCharter(median(floors))} µs a charter`);
console.log(`beyond the floor ${perCharter(median(runs.map((ms, index) => ms - floors[index])))} µs a charter (median difference within a pair; ${(bytes / (runs.length + 1) / 1e6).toFixed(1)} MB of report a run)`);
