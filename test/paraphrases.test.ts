// Every criterion with a paraphrase suite decides its sound and unsound paraphrases as a reviewer
// would: written by people who had not seen the criteria's word lists (see test/paraphrase-cases.ts).
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/core/ajv.js';
import { compileCriteria } from '../src/core/criteria.js';
import { builtinCriteria, loadSchemas } from '../src/io/builtin.js';
import { ROOT } from './helpers.js';
import { judgeParaphrase, paraphraseCases } from './paraphrase-cases.js';

const criteria = compileCriteria([builtinCriteria()], loadSchemas(), new Map(), createAjv);
const cases = paraphraseCases(ROOT);
const TODAY = new Date().toISOString().slice(0, 10);

describe.each([...new Set(cases.map((testCase) => testCase.id))])('%s', (id) => {
  it.each(cases.filter((testCase) => testCase.id === id).map((testCase) => [`${testCase.kind}: ${testCase.about}`, testCase] as const))('%s', (_name, testCase) => {
    const outcome = judgeParaphrase(testCase, criteria, TODAY);
    expect(outcome.ok, outcome.detail).toBe(true);
  });
});
