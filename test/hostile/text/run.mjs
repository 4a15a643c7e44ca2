// Runs each hostile case of the text layer against the built CLI (npm run build first) and prints
// its exit code, time, peak memory and first line of stderr, beside what should happen.
//   node test/hostile/text/run.mjs [dir from generate.mjs] [name filter]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '../../../bin/partner-check.js');
const dir = process.argv[2] ?? spawnSync('node', [join(here, 'generate.mjs')], { encoding: 'utf8' }).stdout.trim();
const filter = process.argv[3] ?? '';
const user = (criteria, charter) => ['-c', `config-${criteria}`, charter];
const builtin = (...charters) => ['--no-config', ...charters];
const should = {
  refuse: 'exit 2, one line naming the file and line, promptly',
  quick: 'a verdict in well under a few seconds',
};
/** [name, args, what should happen] */
const cases = [
  ['exponential-choices', user('exponential-choices.yaml', 'x60.yaml'), `${should.refuse} (or a matcher that cannot blow up)`],
  ['gaps-times-choices', user('gaps-times-choices.yaml', 'zqa-x40.yaml'), `${should.refuse} (a budget on phrases x gaps x choices)`],
  ['nested-lists-stack', user('nested-lists-stack.yaml', 'x60.yaml'), should.refuse],
  ['nested-lists-array-length', user('nested-lists-array-length.yaml', 'x60.yaml'), should.refuse],
  ['places-times-choices', user('places-times-choices.yaml', 'x60.yaml'), should.refuse],
  ['answers-unbounded', [...user('answers-unbounded.yaml', 'qbmm-partners-2000.yaml')], `${should.refuse} (the 4,000-choice limit, as for says)`],
  ['depth-bypass', user('depth-bypass.yaml', 'x60.yaml'), 'refused as depth-limit.yaml is'],
  ['depth-limit', user('depth-limit.yaml', 'x60.yaml'), should.refuse],
  ['unknown-signal-applies-when', user('unknown-signal-applies-when.yaml', 'x60.yaml'), "exit 2: no signal is named 'copdSummary'"],
  ['unknown-signal-pcshare', user('unknown-signal-pcshare.yaml', 'x60.yaml'), "exit 2: no signal is named 'tokenContributoin'"],
  ['forbid-in-nowhere', user('forbid-in-nowhere.yaml', 'x60.yaml'), 'exit 2 (or a warning): no charter has governance.disclosre'],
  ['phrase-syntax-silent', user('phrase-syntax-silent.yaml', 'syntax.yaml'), 'exit 2 for unbalanced brackets, nested groups, empty choices and phrase syntax in list items'],
  ['british-anchor (paediatric)', user('british-anchor.yaml', 'paediatric.yaml'), 'found, as in pediatric.yaml'],
  ['british-anchor (pediatric)', user('british-anchor.yaml', 'pediatric.yaml'), 'found'],
  ['signal-error-line', user('signal-error-line.yaml', 'x60.yaml'), 'exit 2 at :10:, the phrase'],
  ['builtin-name-clash', user('builtin-name-clash.yaml', 'x60.yaml'), 'exit 2, saying the other list is built in'],
  ['withheld-16000', builtin('withheld-16000.yaml'), should.quick],
  ['withheld-64000', builtin('withheld-64000.yaml'), should.quick],
  ['hotel-16000', builtin('hotel-16000.yaml'), should.quick],
  ['hotel-32000', builtin('hotel-32000.yaml'), should.quick],
  ['long-evidence', builtin('long-evidence.yaml'), 'R9 fails, quoting a few hundred characters, not 2.2 MB twice'],
  ['partners-10000-empty', builtin('partners-10000-empty.yaml', '--max-file-size', '100MB'), 'baseline'],
  ['partners-10000', builtin('partners-10000.yaml', '--max-file-size', '100MB'), 'close to the baseline'],
  ['many 8 x 4.8 MB', builtin(...readdirSync(join(dir, 'many')).slice(0, 8).map((f) => join('many', f))), 'memory flat in the number of charters'],
  ['many 40 x 4.8 MB', builtin(...readdirSync(join(dir, 'many')).map((f) => join('many', f))), 'a verdict for each, memory flat; not a V8 heap crash'],
  ...['evade-soft-hyphen', 'evade-zero-width-space', 'evade-word-joiner', 'evade-ligature', 'evade-full-width', 'evade-soft-hyphen-denial', 'dotted-capital-i', 'unless-evasion'].map((name) => [name, builtin(`${name}.yaml`), 'PC-ABPI-R9 fails, quoting the sentence']),
];
for (const [name, args, expected] of cases) {
  if (!name.includes(filter)) continue;
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', 'timeout', '600', 'node', cli, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = run.stderr.trim().split('\n').filter((line) => !line.startsWith('Command '));
  const kb = Number(lines.at(-1));
  const r9 = run.stdout.split('\n').filter((line) => /PC-ABPI-R9 {2}(How|Some)/.test(line)).map((line) => line.trim().slice(0, 140));
  const user = run.stdout.split('\n').filter((line) => /X-HOSTILE-001 {2}(?!Hostile)/.test(line)).map((line) => line.trim().slice(0, 140));
  console.log(`${name}\n  exit ${run.status ?? run.signal}, ${seconds.toFixed(1)} s, ${(kb / 1024).toFixed(0)} MB, stdout ${run.stdout.length} bytes`);
  if (lines.length > 1) console.log(`  stderr: ${lines[0].slice(0, 220)}${lines.length > 2 ? ` (+${lines.length - 2} lines)` : ''}`);
  for (const line of [...r9, ...user].slice(0, 4)) console.log(`  ${line}`);
  console.log(`  should: ${expected}`);
}
if (!existsSync(dir)) process.exitCode = 1;
