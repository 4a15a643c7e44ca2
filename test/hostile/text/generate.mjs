// Writes the hostile inputs of the text layer into a folder (default: a new temporary one) and
// prints it: the criteria files under criteria/ are committed, the charters (some of them MBs)
// are built here from examples/copd-joint-working.yaml. See README.md for what each case shows.
//   node test/hostile/text/generate.mjs [dir]
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'partner-check-hostile-text-'));
mkdirSync(join(dir, 'many'), { recursive: true });
const example = readFileSync(join(root, 'examples/copd-joint-working.yaml'), 'utf8');
const W = (n, f) => Array.from({ length: n }, (_, i) => f(i));
/** A number as letters only (0 -> a), so that a generated word is one word to the tokenizer. */
const letters = (i) => i.toString(26).split('').map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');

const withSummary = (text) => example.replace(/^summary: >-\n(?: {2}.*\n)+/m, `summary: ${JSON.stringify(text)}\n`);
const withDisclosure = (text) => example.replace(/^ {2}disclosure: .*$/m, `  disclosure: ${JSON.stringify(text)}`);
const write = (name, text) => writeFileSync(join(dir, name), text);

for (const file of readdirSync(join(here, 'criteria'))) copyFileSync(join(here, 'criteria', file), join(dir, file));
// A config per criteria file, so each case is one command.
for (const file of readdirSync(join(here, 'criteria'))) write(`config-${file}`, `criteria: [${file}]\n`);

// --- charters read by the user criteria files' signals (they read /summary)
write('x60.yaml', withSummary(W(60, () => 'x').join(' ')));
write('zqa-x40.yaml', withSummary(`zqa ${W(40, () => 'x').join(' ')}`));
write('qbmm-partners-2000.yaml', example.replace(/^partners:\n/m, `partners:\n${W(2000, (i) => `  - { name: P${i}, type: voluntary-sector, role: Helps., contribution: "qbmm zz${letters(i)}", commits_to: [delivery] }\n`).join('')}`));
write('paediatric.yaml', withDisclosure('It is shown at the paediatric clinic.'));
write('pediatric.yaml', withDisclosure('It is shown at the pediatric clinic.'));
write('syntax.yaml', withDisclosure('Patients told. The website. ICB. A b. Y website. It is hush quiet. Keep all of it secret.'));

// --- charters against the built-in criteria only (--no-config)
// Quadratic: every 'withheld' is a match, and each match looks for `unless` over the whole sentence.
for (const n of [16_000, 64_000]) write(`withheld-${n}.yaml`, withDisclosure(`The funding ${'withheld '.repeat(n)}records.`));
// Quadratic in one clause: individualBenefit has unless_within: clause.
for (const n of [16_000, 32_000]) write(`hotel-${n}.yaml`, withSummary(`The company books ${'hotel '.repeat(n)}salary.`));
// The sentence that shows a signal is quoted whole, however long.
write('long-evidence.yaml', withDisclosure(`The company's funding is kept private from patients${' and carers'.repeat(200_000)}.`));
// More than 4,000 texts: the caches are cleared when full, so every signal reads every text again.
const partners = (n, text) => example.replace(/^partners:\n/m, `partners:\n${W(n, (i) => `  - name: Partner ${i} Community Interest Company\n    type: voluntary-sector\n    role: ${JSON.stringify(text ? `Runs part ${i} of the clinics and reports each month to the board on activity and outcomes.` : '')}\n    contribution: ${JSON.stringify(text ? `Staff time worth £${i + 1000} and rooms for ${(i % 7) + 1} clinics a week, with administrative support and travel for the nurses who visit patients at home; nothing is kept from the public (${i}).` : '')}\n    commits_to: [delivery]\n`).join('')}`);
write('partners-10000.yaml', partners(10_000, true));
write('partners-10000-empty.yaml', partners(10_000, false));
// Many large charters in one run: the caches keep up to 4,000 analyses whatever their size.
const sentence = 'The partnership and its funding are published on the ICB website and in the board papers each quarter. ';
for (let i = 1; i <= 40; i += 1) writeFileSync(join(dir, 'many', `c${i}.yaml`), withDisclosure(`Charter ${i}. ${sentence.repeat(46_000)}`));
// Unicode a reader cannot see, which normaliseText removes but the anchor pre-filter read raw (fixed on wip/hostile).
const evasions = {
  'evade-soft-hyphen': "The company's funding is con\u00adfidential.",
  'evade-zero-width-space': "The company's funding is con\u200bfidential.",
  'evade-word-joiner': "The company's funding is con\u2060fidential.",
  'evade-ligature': "The company's funding is con\ufb01dential.",
  'evade-full-width': "The company's funding is \uff43\uff4f\uff4e\uff46\uff49\uff44\uff45\uff4e\uff54\uff49\uff41\uff4c.",
  'evade-soft-hyphen-denial': "Patients are not to\u00adld about the company's funding.",
  'dotted-capital-i': `${'\u0130'.repeat(40)}. The company's funding is kept private from patients.`,
  'unless-evasion': "The company's funding is kept secret from patients and their records.",
};
for (const [name, text] of Object.entries(evasions)) write(`${name}.yaml`, withDisclosure(text));

// --- a criteria file too big to commit: 300 phrases of 600 places of a 2,000-word list
write('places-times-choices.yaml', `words:\n  l: ${JSON.stringify(W(2000, (i) => `w${letters(i)}`))}\nsignals:\n  s1:\n    description: d\n    reads: [/summary]\n    says: ${JSON.stringify(W(300, () => `${W(600, () => '@l').join(' ')} zz`))}\n${readFileSync(join(here, 'criteria/exponential-choices.yaml'), 'utf8').replace(/^[\s\S]*?(?=criteria:)/, '')}`);
write('config-places-times-choices.yaml', 'criteria: [places-times-choices.yaml]\n');
console.log(dir);
