// fix writes answers into the charter's text in place; everything else stays as it was.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { setInText } from '../src/questionnaire/edit-text.js';

const charter = [
  '# Our charter',
  'charter: 1',
  'title: Virtual ward   # working title',
  'need:',
  'resources:',
  '  funding:',
  '    - { from: ICB, amount: 45000 }',
  '  people: [Project manager]',
  'goals:',
  '  - id: G1',
  '    statement: Care at home.',
  '',
  '# the end',
  '',
].join('\n');

describe('setInText', () => {
  it('fills an empty key with a block under it', () => {
    const text = setInText(charter, '/need/statement', 'Admissions are avoidable.');
    expect(text).toContain('need:\n  statement: Admissions are avoidable.\nresources:');
  });

  it('adds a key to a flow map on its own line', () => {
    const text = setInText(charter, '/resources/funding/0/committed', true);
    expect(text).toContain('    - { from: ICB, amount: 45000, committed: true }\n');
  });

  it('appends to flow and block lists', () => {
    expect(setInText(charter, '/resources/people/1', 'Analyst')).toContain('  people: [Project manager, Analyst]\n');
    const text = setInText(charter, '/goals/1', { id: 'G2', statement: 'Fewer readmissions.' });
    expect(text).toContain('    statement: Care at home.\n  - id: G2\n    statement: Fewer readmissions.\n\n# the end');
  });

  it('adds a missing section after the last one (before a closing comment), and replaces a scalar in place', () => {
    const text = setInText(setInText(charter, '/plan/start', '2025-04-01'), '/title', 'Frail elderly virtual ward');
    expect(text).toContain('title: Frail elderly virtual ward   # working title\n');
    expect(text).toMatch(/ {4}statement: Care at home\.\nplan:\n {2}start: 2025-04-01\n\n# the end\n$/);
    expect(text.startsWith('# Our charter\n')).toBe(true);
    expect(parse(text)).toMatchObject({ plan: { start: '2025-04-01' }, title: 'Frail elderly virtual ward' });
  });

  it('starts a missing list with its first item, and will not invent the items before a later one', () => {
    const noOutcomes = 'charter: 1\ntitle: Virtual ward\n';
    expect(setInText(noOutcomes, '/outcomes/0/measure', 'Bed days saved')).toBe('charter: 1\ntitle: Virtual ward\noutcomes:\n  - measure: Bed days saved\n');
    expect(() => setInText(noOutcomes, '/outcomes/2/measure', 'Bed days saved')).toThrow(/could not be written without changing other parts of the charter/);
  });
});
