// The floor of a run, for the benchmark: start Node, read every charter a run reads (one file, or
// the *.yaml of a folder) and parse it with positions as a run does (the fast path, the yaml package
// when it declines, as parseCharterText in src/core/check.ts, whose module would load the criteria
// code too), nothing else: no criteria, no report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFast } from '../dist/core/fast-parse.js';
import { parseYaml } from '../dist/core/parse.js';

const input = process.argv[2];
const files = statSync(input).isDirectory() ? readdirSync(input).filter((name) => name.endsWith('.yaml')).map((name) => join(input, name)) : [input];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (!parseYamlFast(text)) parseYaml(text);
}
