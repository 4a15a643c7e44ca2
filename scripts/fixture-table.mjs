// Prints the per-criterion test charters as a markdown table: file, expected verdict, score, band
// and the exit code `partner-check FILE` gives. Run after `npm run build`.
import { readdirSync, readFileSync } from 'node:fs';
import { checkCharter } from '../dist/core/check.js';
import { compileCriteria } from '../dist/core/criteria.js';
import { charterPasses } from '../dist/core/report.js';
import { builtinCriteria, loadPrecompiled, loadSchemas } from '../dist/io/builtin.js';

const set = compileCriteria([builtinCriteria()], loadSchemas(), await loadPrecompiled());
const today = new Date().toISOString().slice(0, 10);
const root = new URL('../test/criteria/', import.meta.url);
const rows = ['| file | expected | score | band | exit | gates failed |', '| --- | --- | ---: | --- | ---: | --- |'];
for (const id of readdirSync(root).filter((name) => !name.includes('.'))) {
  for (const name of readdirSync(new URL(`${id}/`, root))) {
    const text = readFileSync(new URL(`${id}/${name}`, root), 'utf8');
    const { report } = checkCharter(text, set, name, { today });
    const expected = /^# verdict: (\w+)/m.exec(text)[1];
    const failed = report.gates.filter((gate) => gate.status === 'fail').map((gate) => gate.id).join(', ');
    rows.push(`| ${id}/${name} | ${expected} | ${report.score} | ${report.band} | ${charterPasses(report, { minScore: 70 }) ? 0 : 1} | ${failed} |`);
  }
}
console.log(rows.join('\n'));
