// Writes the per-criterion test charters under test/criteria/<ID>/ from test/criteria/cases.yaml:
// each case is a strong example with a few line edits, and a `# expect ID` comment on every line
// where a finding of that criterion must be reported. Run it after changing cases.yaml or an
// example: `node scripts/make-criteria-fixtures.mjs`. The test reads the written files.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applyEdits, BASES } from './charter-edits.mjs';

const root = new URL('../', import.meta.url);
const cases = parse(readFileSync(new URL('test/criteria/cases.yaml', root), 'utf8'));

// Only the charters this script wrote go: a folder also keeps hand-written files (paraphrases.yaml).
for (const entry of readdirSync(new URL('test/criteria/', root), { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const name of readdirSync(new URL(`test/criteria/${entry.name}/`, root))) {
    const file = new URL(`test/criteria/${entry.name}/${name}`, root);
    if (/^(pass|fail)-.*\.yaml$/.test(name) && readFileSync(file, 'utf8').includes('# Written by scripts/make-criteria-fixtures.mjs')) rmSync(file);
  }
}

let written = 0;
for (const [id, list] of Object.entries(cases)) {
  mkdirSync(new URL(`test/criteria/${id}/`, root), { recursive: true });
  for (const testCase of list) {
    const lines = applyEdits(readFileSync(new URL(BASES[testCase.base], root), 'utf8'), testCase, id, testCase.name);
    if (testCase.verdict !== 'pass' && testCase.verdict !== 'fail') throw new Error(`${id} ${testCase.name}: verdict must be pass or fail`);
    const header = [
      '# yaml-language-server: $schema=../../../schemas/charter.schema.json',
      `# ${id}: ${testCase.name.startsWith('fail') ? 'fails' : 'passes'}: ${testCase.about}`,
      `# verdict: ${testCase.verdict}`,
      `# Written by scripts/make-criteria-fixtures.mjs from test/criteria/cases.yaml and ${BASES[testCase.base]}; do not edit.`,
    ];
    const body = lines.filter((line) => !line.startsWith('# yaml-language-server:'));
    writeFileSync(new URL(`test/criteria/${id}/${testCase.name}.yaml`, root), [...header, ...body].join('\n'));
    written += 1;
  }
}
console.error(`wrote ${written} charters in ${Object.keys(cases).length} folders`);
