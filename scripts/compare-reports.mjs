// Compares the reports of two builds byte for byte: the built CLI of a reference tree (default
// /tmp/ref-run, a build of the commit before a refactor) and of this tree, over a corpus (the
// examples, the test fixtures, the per-criterion charters, and a generated folder of many
// charters) in every format, to stdout and to -o files, one charter and many, with the options
// that change how a report is made (quiet, baseline, cache, worker threads, colour, stdin, the step
// summary). Every case's exit code, stdout, stderr and written files must match.
//
//   node scripts/compare-reports.mjs [--ref DIR] [--many N] [--only TEXT]
//
// Both trees must be built (npm run build). Prints one line per differing case and a summary;
// exits 1 when any case differs.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { ref: { type: 'string', default: '/tmp/ref-run' }, many: { type: 'string', default: '400' }, only: { type: 'string' } } });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILDS = { ref: join(values.ref, 'bin/partner-check.js'), new: join(ROOT, 'bin/partner-check.js') };
const FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown', 'junit', 'html'];

// The corpus, copied into a folder for each build (so that both can run at once) with the same relative paths.
const corpus = mkdtempSync(join(tmpdir(), 'partner-check-compare-'));
for (const build of Object.keys(BUILDS)) {
  const copy = join(corpus, build);
  cpSync(join(ROOT, 'examples'), join(copy, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/repo'), join(copy, 'repo'), { recursive: true });
  cpSync(join(ROOT, 'test/criteria'), join(copy, 'criteria'), { recursive: true });
  makeMany(join(copy, 'many'), Number(values.many));
}
const criteriaCharters = listYaml(join(corpus, 'ref', 'criteria')).map((file) => relative(join(corpus, 'ref'), file));

/** N charters like the bench's: strong, weak, supply contracts, broken YAML, and a charter's title with control characters. */
function makeMany(dir, count) {
  mkdirSync(dir, { recursive: true });
  const read = (name) => readFileSync(join(ROOT, 'examples', name), 'utf8');
  const strong = read('community-elderly-care.yaml');
  const weak = read('diabetes-acs-pathway.yaml');
  const contract = read('msk-imaging-contract.yaml');
  const sound = read('copd-joint-working.yaml');
  for (let index = 0; index < count; index += 1) {
    const kind = index % 10;
    const base = kind < 3 ? strong : kind < 7 ? weak : kind === 7 ? contract : kind === 8 ? sound : `${weak}\nbroken: "unterminated\n`;
    writeFileSync(join(dir, `charter-${String(index).padStart(5, '0')}.yaml`), base.replace(/^title: (.*)$/m, `title: $1 (${index}${index % 97 === 0 ? ' \u001b[31m<b>&' : ''})`));
  }
}

function listYaml(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** The cases: a name, the arguments, and optionally a working folder below the corpus, stdin, env, and a setup run before. */
function cases() {
  const list = [];
  const singles = ['examples/community-elderly-care.yaml', 'examples/copd-joint-working.yaml', 'examples/diabetes-acs-pathway.yaml', 'examples/msk-imaging-contract.yaml', ...criteriaCharters.filter((_, index) => index % 80 === 0)];
  const many = { examples: ['examples'], criteria: ['criteria'], repo: ['charters'], none: ['examples/none-*.yaml', '--no-error-on-unmatched-pattern'] };
  for (const format of FORMATS) {
    for (const file of singles) {
      list.push({ name: `${format} ${file}`, args: [file, '-f', format, '--no-config'] });
      if (file.startsWith('examples')) list.push({ name: `${format} -o ${file}`, args: [file, '-f', format, '-o', 'out/report', '--no-config'] });
    }
    for (const [name, args] of Object.entries(many)) {
      const cwd = name === 'repo' ? 'repo' : '.';
      const config = name === 'repo' ? [] : ['--no-config'];
      list.push({ name: `${format} many ${name}`, cwd, args: [...args, '-f', format, ...config] });
      list.push({ name: `${format} -o many ${name}`, cwd, args: [...args, '-f', format, '-o', 'out/report', ...config] });
      list.push({ name: `${format} --quiet many ${name}`, cwd, args: [...args, '-f', format, '--quiet', ...config] });
    }
    list.push({ name: `${format} many`, args: ['many', '-f', format, '--no-config'] });
    list.push({ name: `${format} criteria threads 1`, args: ['criteria', '-f', format, '--threads', '1', '--no-config'] });
    list.push({ name: `${format} many threads 1`, args: ['many', '-f', format, '--threads', '1', '--no-config', '-o', 'out/report'] });
    if (format === 'json' || format === 'stylish') {
      list.push({ name: `${format} many threads 2 stdin`, args: ['-', 'many', 'criteria', '-f', format, '--threads', '2', '--stdin-filepath', 'from-stdin.yaml', '--no-config'], stdin: 'examples/diabetes-acs-pathway.yaml' });
      list.push({ name: `${format} cache rerun threads 2`, args: ['many', 'criteria', '-f', format, '--threads', '2', '--cache', '--cache-location', 'out/cache', '--no-config'], setup: ['many', 'criteria', '-f', 'json', '--threads', '2', '--cache', '--cache-location', 'out/cache', '--no-config'] });
      list.push({ name: `${format} one charter threads 64`, args: ['examples/copd-joint-working.yaml', '-f', format, '--threads', '64', '--no-config'] });
    }
    list.push({ name: `${format} baseline`, args: ['examples', '-f', format, '--baseline', 'baseline.json', '--no-config'], setup: ['examples/diabetes-acs-pathway.yaml', 'examples/copd-joint-working.yaml', '-f', 'json', '-o', 'baseline.json', '--no-config', '--min-score', '40'] });
    list.push({ name: `${format} policy`, args: ['examples', '-f', format, '--min-score', '40', '--fail-on', 'warning', '--max-warnings', '3', '--no-config'] });
    list.push({ name: `${format} stdin`, args: ['-', 'examples/copd-joint-working.yaml', '-f', format, '--stdin-filepath', 'from-stdin.yaml', '--no-config'], stdin: 'examples/diabetes-acs-pathway.yaml' });
    list.push({ name: `${format} cache rerun`, args: ['examples', 'criteria', '-f', format, '--cache', '--cache-location', 'out/cache', '--no-config'], setup: ['examples', 'criteria', '-f', 'json', '--cache', '--cache-location', 'out/cache', '--no-config'] });
    list.push({ name: `${format} unreadable`, args: ['examples/copd-joint-working.yaml', 'examples/missing.yaml', 'repo/charters/imaging/broken.yaml', '-f', format, '--no-config'] });
  }
  list.push({ name: 'stylish colour', args: ['examples', '--no-config'], env: { FORCE_COLOR: '1' } });
  list.push({ name: 'markdown step summary', args: ['examples', '-f', 'markdown', '--no-config'], env: { GITHUB_STEP_SUMMARY: 'out/summary.md' } });
  list.push({ name: 'every format at once', args: ['examples', 'criteria', ...FORMATS.flatMap((format) => ['-f', format, '-o', `out/report.${format}`]), '-f', 'stylish', '--no-config'] });
  list.push({ name: 'every format at once, many', args: ['many', ...FORMATS.flatMap((format) => ['-f', format, '-o', `out/report.${format}`]), '--no-config'] });
  list.push({ name: 'summary markdown', args: ['summary', 'examples/copd-joint-working.yaml', '--no-config'] });
  list.push({ name: 'summary html -o', args: ['summary', 'examples/copd-joint-working.yaml', '--format', 'html', '-o', 'out/summary.html', '--no-config'] });
  list.push({ name: 'summary refused', args: ['summary', 'examples/diabetes-acs-pathway.yaml', '--no-config'] });
  list.push({ name: 'explain', args: ['explain', 'PC-GOV-001', '--no-config'] });
  list.push({ name: 'criteria', args: ['criteria', '--no-config'] });
  return values.only ? list.filter((entry) => entry.name.includes(values.only)) : list;
}

function run(build, args, { cwd, stdin, env }) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BUILDS[build], ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    if (stdin) child.stdin.end(readFileSync(join(cwd, stdin)));
    else child.stdin.end();
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/** One build's result for a case: exit code, stdout, stderr, and every file it wrote under out/ (the folder is emptied first). */
async function result(build, entry) {
  const cwd = join(corpus, build, entry.cwd ?? '.');
  const out = join(cwd, 'out');
  rmSync(out, { recursive: true, force: true });
  rmSync(join(cwd, 'baseline.json'), { force: true });
  mkdirSync(out);
  if (entry.setup) await run(build, entry.setup, { cwd, env: entry.env });
  const ran = await run(build, entry.args, { cwd, stdin: entry.stdin, env: entry.env });
  // A config's criteria file is named by its absolute path: the copy's folder is left out.
  const here = Buffer.from(join(corpus, build));
  const anywhere = (bytes) => Buffer.from(bytes.toString('latin1').replaceAll(here.toString('latin1'), '<corpus>'), 'latin1');
  const files = {};
  for (const name of readdirSync(out).sort()) if (name !== 'cache') files[name] = anywhere(readFileSync(join(out, name)));
  return { code: ran.code, stdout: anywhere(ran.stdout), stderr: anywhere(ran.stderr), files };
}

function differences(a, b) {
  const said = [];
  if (a.code !== b.code) said.push(`exit ${a.code} → ${b.code}`);
  if (!a.stdout.equals(b.stdout)) said.push(`stdout differs at byte ${firstDifference(a.stdout, b.stdout)} (${a.stdout.length} → ${b.stdout.length} bytes)`);
  if (!a.stderr.equals(b.stderr)) said.push(`stderr differs: ${JSON.stringify(a.stderr.toString().slice(0, 200))} → ${JSON.stringify(b.stderr.toString().slice(0, 200))}`);
  for (const name of new Set([...Object.keys(a.files), ...Object.keys(b.files)])) {
    if (!a.files[name] || !b.files[name]) said.push(`${name} written by only one`);
    else if (!a.files[name].equals(b.files[name])) said.push(`${name} differs at byte ${firstDifference(a.files[name], b.files[name])}`);
  }
  return said;
}

function firstDifference(a, b) {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  return index;
}

for (const build of Object.values(BUILDS)) if (!existsSync(build)) throw new Error(`${build} is not built`);
const all = cases();
let same = 0;
let bytes = 0;
const started = performance.now();
for (const [index, entry] of all.entries()) {
  if (process.stderr.isTTY) process.stderr.write(`\r${index + 1}/${all.length} ${entry.name.slice(0, 60).padEnd(60)}`);
  const [a, b] = await Promise.all([result('ref', entry), result('new', entry)]);
  const said = differences(a, b);
  bytes += a.stdout.length + a.stderr.length + Object.values(a.files).reduce((sum, file) => sum + file.length, 0);
  if (said.length === 0) same += 1;
  else console.log(`DIFFERS ${entry.name}: ${said.join('; ')}`);
}
rmSync(corpus, { recursive: true, force: true });
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`${same} of ${all.length} cases byte for byte the same (${(bytes / 1048576).toFixed(1)} MiB of reports, ${Number(values.many)} generated charters, ${criteriaCharters.length} criteria charters; ${seconds} s)`);
process.exitCode = same === all.length ? 0 : 1;
