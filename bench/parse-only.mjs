// The floor of a tree run, for the benchmark: start Node, read every charter in a folder and parse
// it with positions (partner-check's fast parse path), nothing else: no criteria, no report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFast } from '../dist/core/fast-parse.js';

const folder = process.argv[2];
for (const name of readdirSync(folder)) {
  if (name.startsWith('charter-')) parseYamlFast(readFileSync(join(folder, name), 'utf8'));
}
