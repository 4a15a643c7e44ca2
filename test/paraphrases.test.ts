// Every criterion with a paraphrase suite decides its sound and unsound paraphrases as a reviewer
// would: written by people who had not seen the criteria's word lists (see test/paraphrase-cases.ts).
// The misses still known are listed in test/criteria/paraphrase-misses.yaml; one that starts to
// pass fails here until it leaves the list, so the list only shrinks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinCriteriaSet } from './builtin-criteria.js';
import { ROOT } from './helpers.js';
import { judgeParaphrase, paraphraseCases } from './paraphrase-cases.js';

const criteria = builtinCriteriaSet;
const cases = paraphraseCases(ROOT);
const misses = (parse(readFileSync(join(ROOT, 'test/criteria/paraphrase-misses.yaml'), 'utf8')) ?? {}) as Record<string, string[]>;
const TODAY = new Date().toISOString().slice(0, 10);

describe.each([...new Set(cases.map((testCase) => testCase.id))])('%s', (id) => {
  it.each(cases.filter((testCase) => testCase.id === id).map((testCase) => [`${testCase.kind}: ${testCase.about}`, testCase] as const))('%s', (name, testCase) => {
    const outcome = judgeParaphrase(testCase, criteria, TODAY);
    const known = misses[id]?.includes(name) ?? false;
    if (known) expect(outcome.ok, `a known miss now decides right: take "${name}" out of paraphrase-misses.yaml`).toBe(false);
    else expect(outcome.ok, outcome.detail).toBe(true);
  });
});

describe('the list of known misses', () => {
  it('names only cases that exist', () => {
    for (const [id, names] of Object.entries(misses)) {
      for (const name of names) expect(cases.some((testCase) => testCase.id === id && `${testCase.kind}: ${testCase.about}` === name), `${id} ${name}`).toBe(true);
    }
  });
});
