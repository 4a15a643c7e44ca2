// Spectral, the peer that lints the same charters with rules as data (bench/spectral/ruleset.yaml).
// Spectral 6 leaves a $ref in a YAML ruleset's functionOptions unresolved (its schema rule would then
// check nothing), so the bench writes the ruleset as JSON with our charter schema put in its place.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../dist/core/parse.js';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const RULESET = join(BENCH, 'spectral/ruleset.yaml');

/** Every `{ $ref: file }` in the ruleset replaced by that file's JSON, read from beside the ruleset. */
function inlineRefs(value) {
  if (Array.isArray(value)) return value.map(inlineRefs);
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.$ref === 'string' && !value.$ref.startsWith('#')) return JSON.parse(readFileSync(join(BENCH, 'spectral', value.$ref), 'utf8'));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inlineRefs(item)]));
}

const parsed = parseYaml(readFileSync(RULESET, 'utf8'));
if (!parsed.ok) throw new Error(`${RULESET}: ${parsed.problem.message}`);
const ruleset = inlineRefs(parsed.value.data);
export const SPECTRAL_RULES = Object.keys(ruleset.rules).length;

/** Writes the ruleset, its schema inlined, as `spectral-ruleset.json` in `dir`; returns the command and arguments that lint the charters of `folder`. */
export function spectralCommand(dir, folder) {
  const file = join(dir, 'spectral-ruleset.json');
  writeFileSync(file, JSON.stringify(ruleset));
  return [join(BENCH, 'node_modules/.bin/spectral'), ['lint', join(folder, '*.yaml'), '--ruleset', file, '--format', 'stylish', '--ignore-unknown-format']];
}
