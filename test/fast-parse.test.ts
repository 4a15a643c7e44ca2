// The fast parse path (js-yaml with positions) and the yaml package give the same reports: the
// same data, and the same line and column for every finding. Where the fast path declines, the
// yaml package reads the text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from './fast-check.js';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCharter } from '../src/core/check.js';
import { parseYamlFast } from '../src/core/fast-parse.js';
import { parseYaml } from '../src/core/parse.js';
import { builtinCriteriaSet } from './builtin-criteria.js';
import { FUZZ_TIMEOUT, fuzzRuns, shown } from './fuzz-runs.js';
import { ROOT } from './helpers.js';

const criteria = builtinCriteriaSet;
/** Generated charters compared in npm test; npm run fuzz compares ten thousand. */
const GENERATED = fuzzRuns(300);
const slow = (text: string) => parseYaml(text, 'a charter: a YAML mapping that starts with `charter: 1`');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/**
 * Whether the fast path reads the text; if it does, the report is the yaml package's. Where it
 * declines, checkCharter reads the text with the yaml package itself: there is nothing to compare.
 */
function sameReports(text: string, label: string): boolean {
  if (parseYamlFast(text) === null) return false;
  const both = checkCharter(text, criteria, 'c.yaml', { today: '2026-01-01' });
  const yamlOnly = checkCharter(text, criteria, 'c.yaml', { today: '2026-01-01' }, slow);
  expect(both, label).toEqual(yamlOnly);
  return true;
}

describe('the fast parse path', () => {
  it('gives the same reports as the yaml package for every example and fixture, and reads nearly all of them', () => {
    const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/criteria')), ...yamlFiles(join(ROOT, 'test/fixtures'))];
    expect(files.length).toBeGreaterThan(150);
    let fast = 0;
    for (const file of files) if (sameReports(readFileSync(file, 'utf8'), file)) fast += 1;
    expect(fast / files.length).toBeGreaterThan(0.95);
  });

  it(`gives the same reports on ${shown(GENERATED)} generated charters, in block and flow style, with comments`, async () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('TBC', 'yes', 'no', '1e3', '0x1F', '0o17', '.inf', '~', 'null', '12:30', '2024-01-01', "it's", 'a: b', '- x', '"q"', '#c'));
    const value = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const charter = fc.record(
      {
        charter: fc.constant(1),
        title: text,
        need: fc.dictionary(fc.constantFrom('statement', 'evidence', 'identified_by', 'x-note'), value, { maxKeys: 4 }),
        partners: fc.array(fc.record({ name: text, type: fc.constantFrom('industry', 'nhs-commissioner', 'patients'), contribution: value }, { requiredKeys: ['name'] }), { maxLength: 3 }),
        outcomes: fc.array(fc.record({ measure: text, baseline: value, target: value, by: value }, { requiredKeys: [] }), { maxLength: 3 }),
        plan: fc.record({ start: value, end: value, milestones: fc.array(fc.record({ name: text, date: value }), { maxLength: 2 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['charter'] },
    );
    const style = fc.record({ flow: fc.boolean(), comment: fc.boolean(), indent: fc.constantFrom(2, 4) });
    let fast = 0;
    let total = 0;
    // Asynchronous, and giving way after each charter: a loop that holds the worker for a minute
    // (on a loaded machine) makes vitest's own calls to it time out.
    await fc.assert(
      fc.asyncProperty(charter, style, async (data, { flow, comment, indent }) => {
        await new Promise((done) => setImmediate(done));
        let yamlText = stringify(data, { indent, ...(flow ? { collectionStyle: 'flow' as const } : {}) });
        if (comment) yamlText = yamlText.replace(/\n/g, (match, offset: number) => (offset % 3 === 0 ? '  # note\n' : match));
        total += 1;
        if (sameReports(yamlText, yamlText)) fast += 1;
      }),
      { numRuns: GENERATED },
    );
    expect(fast / total).toBeGreaterThan(0.5);
  }, FUZZ_TIMEOUT);

  it('declines what it might read differently: anchors, tags, merge keys, duplicate keys, several documents, syntax errors', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: {x: 1}\nb:\n  <<: {y: 2}\n', 'a: 1\na: 2\n', 'a: 1\n---\nb: 2\n', 'a: [1\n']) {
      expect(parseYamlFast(text), text).toBeNull();
    }
  });
});
