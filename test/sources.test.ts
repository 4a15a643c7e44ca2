// A rule's source is shown to users (explain, criteria, SARIF, HTML, docs/criteria.md): it must cite
// a document they can look up, never a file of this project's working papers they cannot open.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRules } from '../src/core/rules.js';
import { builtinCriteriaSet } from './builtin-criteria.js';
import { ROOT } from './helpers.js';

/** A file name or a path of the working papers: `seeds/000_...txt`, `shared/good-practice.md`. */
const NAMES_A_FILE = /\.(txt|md)\b|seeds\/|shared\//;

describe('rule sources', () => {
  const rules = describeRules(builtinCriteriaSet);

  it('the test sees a file name where one is written', () => {
    expect('see shared/good-practice.md').toMatch(NAMES_A_FILE);
    expect('seeds/000_545c3258f5a7b270.txt (MGP survey)').toMatch(NAMES_A_FILE);
  });

  it('every built-in criterion and structure rule cites a document, not a file', () => {
    expect(rules.some((rule) => rule.area === 'structure')).toBe(true);
    for (const rule of rules) {
      expect(rule.source, rule.id).not.toMatch(NAMES_A_FILE);
      // The passage cited follows the document's name after a colon.
      expect(rule.source, rule.id).toMatch(/\S: \S/);
    }
  });

  it('the examples shipped in the package cite documents in their comments, not files', () => {
    for (const name of readdirSync(join(ROOT, 'examples'))) {
      expect(readFileSync(join(ROOT, 'examples', name), 'utf8'), name).not.toMatch(NAMES_A_FILE);
    }
  });

  it('docs/criteria.md (regenerated with npm run docs) shows the same sources', () => {
    const sources = readFileSync(join(ROOT, 'docs/criteria.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('Source: '))
      .map((line) => line.slice('Source: '.length));
    expect(sources).toEqual(rules.map((rule) => rule.source));
  });
});
