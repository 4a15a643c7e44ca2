// The text layer as a criteria author meets it: signals read negation as a reader does, quote the
// sentence that shows them, and a criteria file cannot make them blow up (it is refused instead).
import { datesIn, writtenDay } from '../src/core/text/dates.js';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/core/ajv.js';
import { parseCharterText } from '../src/core/check.js';
import { compileCriteria } from '../src/core/criteria.js';
import { InputError } from '../src/core/problem.js';
import { compileSignal, packSignalForm, readSignal, type SignalData } from '../src/core/text/signals.js';
import { builtinCriteria, loadSchemas, packagePath } from '../src/io/builtin.js';
import { builtinCriteriaSet, builtinCriteriaSource, builtinPrecompiled } from './builtin-criteria.js';
import { parse as parseYaml } from 'yaml';
import { paraphraseCases } from './paraphrase-cases.js';

const signal = (data: SignalData, words: Record<string, string[]> = {}) => compileSignal('test', data, readSignal('test', data, words));

describe('a signal', () => {
  const withholding = signal({ description: 'kept from patients', says: ['keep ... private|from', 'confidential'], denies: ['disclose|tell'] });

  it('is cancelled by a negation, and found where a negation reaches what must be said', () => {
    expect(withholding.evidence('The partnership is not kept private.')).toBeNull();
    expect(withholding.evidence('The register is public, not confidential.')).toBeNull();
    expect(withholding.evidence('Nothing about the partnership is kept from patients.')).toBeNull();
    expect(withholding.evidence('Patients are never told who funds the clinics.')).toBe('Patients are never told who funds the clinics.');
    expect(withholding.evidence('Reports are public. The funding is confidential; minutes are not.')).toBe('The funding is confidential;');
  });

  it('reads British and American spellings, irregular forms and invisible characters alike', () => {
    const organised = signal({ description: 'organised', says: ['organise ... clinic'] });
    expect(organised.evidence('The trust organized the clinics.')).not.toBeNull();
    expect(withholding.evidence('The funding was kept private.')).not.toBeNull();
    expect(withholding.evidence('The company\u2019s funding is con\u00adfidential.')).not.toBeNull();
  });

  it('takes "None" for an answer only when it is the whole text', () => {
    const none = signal({ description: 'no', answers: ['none', 'not used'] });
    expect(none.evidence('None.')).not.toBeNull();
    expect(none.evidence('Not used yet')).not.toBeNull();
    expect(none.evidence('None. Interests are declared at every meeting.')).toBeNull();
  });

  it('matches overlapping choices in time proportional to the text, not exponentially', () => {
    const phrase = ['x', ...Array.from({ length: 40 }, () => '(x|x x)'), 'y'].join(' ');
    const overlapping = signal({ description: 'x', says: [phrase] });
    expect(overlapping.evidence(Array.from({ length: 200 }, () => 'x').join(' '))).toBeNull();
  });
});

describe('a criteria file whose signals would blow up', () => {
  const schemas = loadSchemas();
  // Beside the built-in criteria as a run reads them (parsed at build time): parsing their YAML again for each file took a second.
  const load = (text: string) => () => compileCriteria([builtinCriteriaSource, { origin: 'mine.yaml', text }], schemas, builtinPrecompiled, createAjv);
  const criterion = 'criteria:\n  - { id: MY-001, area: need, title: T, weight: low, advice: A, source: S, checks: [{ forbid: s1, message: M }] }\n';

  it('is refused when it names a signal that does not exist, in a condition too', () => {
    const text = 'criteria:\n  - { id: MY-002, area: need, title: T, weight: low, advice: A, source: S, applies_when: { properties: { summary: { pcSays: withholdnig } } }, checks: [{ require: /summary, message: M }] }\n';
    expect(load(text)).toThrow(/no signal is named 'withholdnig'/);
  });

  it('is refused, naming the file, when its word lists stand for too many phrases', () => {
    // Seventy distinct words: the same word written twice is one phrase.
    const words = Array.from({ length: 70 }, (_, index) => `w${String.fromCharCode(97 + (index % 26), 97 + Math.floor(index / 26))}`).join(', ');
    const many = Array.from({ length: 60 }, () => '"@a"').join(', ');
    const text = `${criterion}words:\n  a: [${words}]\n  b: [${many}]\nsignals:\n  s1: { description: d, reads: [/summary], says: ["@b"] }\n`;
    expect(load(text)).toThrow(InputError);
    expect(load(text)).toThrow(/mine\.yaml.*stands for more than/);
  });

  it('is refused, naming the file, when its signals together stand for too many phrases, each within its own limit', () => {
    // Two lists of 1,999 distinct words (a list holds at most 2,000); each signal's 40 phrases stand
    // for 159,920 sequences, three signals for more than 400,000.
    const word = (index: number) => `w${[0, 1, 2].map((place) => String.fromCharCode(97 + (Math.floor(index / 26 ** place) % 26))).join('')}`;
    const list = (from: number) => Array.from({ length: 1_999 }, (_, index) => word(from + index)).join(', ');
    const says = Array.from({ length: 40 }, () => '"(@a|@b)"').join(', ');
    const signal = (name: string) => `  ${name}: { description: d, reads: [/summary], says: [${says}] }\n`;
    const text = `${criterion}words:\n  a: [${list(0)}]\n  b: [${list(1_999)}]\nsignals:\n${signal('s1')}${signal('s2')}${signal('s3')}`;
    expect(load(text)).toThrow(/mine\.yaml.*signal s3: with the signals before it.*more than 400000 word sequences in all/);
  });

  it('is refused when YAML kept the quotes of a word list inside a phrase, which would then match nothing', () => {
    const text = `${criterion}words:\n  a: [company]\nsignals:\n  s1: { description: d, reads: [/summary], says: ['follow ... "@a" ... protocol'] }\n`;
    expect(load(text)).toThrow(/stray quotation mark or '@'/);
  });
});

describe('dates written in a text', () => {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

  it('reads a day in the forms charters use, and a month as the span of its days', () => {
    expect(datesIn('certified on 3 June 2025')).toEqual([{ from: day('2025-06-03'), to: day('2025-06-03') }]);
    expect(datesIn('certified on May 6, 2025')).toEqual([{ from: day('2025-05-06'), to: day('2025-05-06') }]);
    expect(datesIn('on 2025-02-12, or 12/02/2025 as the trust writes it')).toEqual([
      { from: day('2025-02-12'), to: day('2025-02-12') },
      { from: day('2025-02-12'), to: day('2025-02-12') },
    ]);
    expect(datesIn('reference ER-UK-0412, October 2025')).toEqual([{ from: day('2025-10-01'), to: day('2025-10-31') }]);
  });

  it('reads a whole typed answer as the one day it writes, in the same forms as a text', () => {
    expect(writtenDay('1 April 2025')).toBe('2025-04-01');
    expect(writtenDay(' 31st Mar. 2026 ')).toBe('2026-03-31');
    expect(writtenDay('April 1, 2025')).toBe('2025-04-01');
    expect(writtenDay('01.04.2025')).toBe('2025-04-01');
    expect(writtenDay('1 Decemb 2025')).toBe('2025-12-01');
    expect(datesIn('certified in Sept 2025')).toEqual([{ from: day('2025-09-01'), to: day('2025-09-30') }]);
    // In a text, dots are not read as a date: "version 2.1.2025" is a version.
    expect(datesIn('version 2.1.2025 of the policy')).toEqual([]);
    // Read, not judged: the schema's date format refuses a day that does not exist.
    expect(writtenDay('29 February 2025')).toBe('2025-02-29');
    expect(writtenDay('April 2025')).toBeNull();
    expect(writtenDay('certified on 1 April 2025')).toBeNull();
  });

  it('reads no date where there is none, nor a day that does not exist', () => {
    expect(datesIn('certified in the second month of the clinics, 31 February 2025 aside')).toEqual([]);
    expect(datesIn('may the board agree in 2025')).toEqual([]);
  });
});

describe('a benefit line that says its party gains nothing', () => {
  const signals = builtinCriteriaSet.signals;

  it('is found whether the verb or its object carries the negation', () => {
    const noGain = signals.get('noGain')!;
    expect(noGain.evidence('The company gains nothing from the project.')).not.toBeNull();
    expect(noGain.evidence('Example Respiratory UK Ltd receives nothing for its contribution.')).not.toBeNull();
    expect(noGain.evidence('The company gains insight into how virtual clinics run.')).toBeNull();
  });
});

describe("a signal's anchors and lemmas", () => {
  // One test per signal, so that no test holds the worker for a minute on a loaded machine.
  const builtin = parseYaml(builtinCriteria().text) as { words: Record<string, string[]>; signals: Record<string, SignalData> };
  const texts = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') texts.add(value);
    else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collect(item);
  };
  // Read as a run reads them (the fast path first): the yaml package took seconds over all of them.
  for (const testCase of paraphraseCases(packagePath('.'))) {
    const parsed = parseCharterText(testCase.text);
    if (!parsed.ok) throw new Error(`a paraphrase case does not parse: ${parsed.problem.message}`);
    collect(parsed.value.data);
  }
  let found = 0;

  it.each(Object.keys(builtin.signals))('never rule out a text that %s, reading every text, would find: over every text of the examples and the paraphrase suites', (name) => {
    expect(texts.size).toBeGreaterThan(1_000);
    const data = builtin.signals[name]!;
    const form = readSignal(name, data, builtin.words);
    const anchored = compileSignal(name, data, packSignalForm(form));
    // Anchors and lemmas that hold for any text: every text is read.
    const reading = compileSignal(name, data, { ...form, anchors: { phrases: [[]], with: [] }, lemmas: { phrases: [[]], with: [] } });
    for (const text of texts) {
      const expected = reading.evidence(text);
      if (expected !== null) found += 1;
      expect(anchored.evidence(text), `${name}: ${text}`).toBe(expected);
    }
  });

  it('are tried on texts in which the signals find things (else the comparison above means nothing)', () => {
    expect(found).toBeGreaterThan(300);
  });
});
