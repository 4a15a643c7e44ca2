// Text a reader cannot see says nothing: every check reads the charter's text once normalised
// (NFKC, format characters and HTML comments removed, Latin lookalikes read as Latin, spaces
// collapsed), so blank, invisible or disguised text is the same gap as no text (issue 23, item 5).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../src/core/text/normalise.js';
import { jsonReport, ROOT, safetyFolder } from './helpers.js';

const strong = parse(readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;

async function verdictOf(data: unknown) {
  const file = join(safetyFolder(), 'c.yaml');
  writeFileSync(file, stringify(data));
  const { code, run } = await jsonReport([file]);
  return { code, report: run.charters[0]! };
}

describe('invisible and disguised text', () => {
  it('the strong example is Ready as written', async () => {
    const { code, report } = await verdictOf(strong);
    expect([code, report.band]).toEqual([0, 'ready']);
  });

  it.each([
    ['spaces', '   '],
    ['two zero-width spaces', '\u200b\u200b'],
    ['the Hangul filler', '\u3164'],
    ['an HTML comment', '<!-- -->'],
    ['to be\\u00a0confirmed', 'to be\u00a0confirmed'],
    ['a soft hyphen in TBC', 'T\u00adBC'],
    ['full-width ＴＢＣ', 'ＴＢＣ'],
    ['TВC with a Cyrillic В', 'TВC'],
    ['TBC in a comment-padded disguise', '<!-- x -->T\u200bB\u0421 '],
  ])('need.evidence of %s is no evidence: the need gate fails', async (_label, text) => {
    const data = structuredClone(strong);
    data['need']!['evidence'] = text;
    const { code, report } = await verdictOf(data);
    expect(code).toBe(1);
    expect(report.gates.find((gate) => gate.id === 'PC-NEED-001')?.status).toBe('fail');
  });

  it('every text field set to an invisible text scores Not ready', async () => {
    const blank = (value: unknown, key = ''): unknown =>
      typeof value === 'string' && !/^(type|status|industry_access|id|goal|kind|start|end|by|signed|updated|date)$/.test(key)
        ? '\u3164\u200b'
        : Array.isArray(value)
          ? value.map((item) => blank(item, key))
          : value && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([name, item]) => [name, blank(item, name)]))
            : value;
    const { code, report } = await verdictOf(blank(strong));
    expect(code).toBe(1);
    expect(report.band).toBe('not-ready');
  });

  it("a gate waiver's note of one zero-width space is no note: the waiver is refused", async () => {
    const data = structuredClone(strong) as Record<string, unknown>;
    data['stakeholders'] = [];
    data['partners'] = (data['partners'] as { type: string }[]).filter((partner) => partner.type !== 'nhs-secondary-care');
    const waived = async (note: string) => (await verdictOf({ ...data, waivers: [{ criterion: 'PC-STAKE-001', reason: 'not-applicable', note }] })).report;
    expect((await waived('The service runs entirely in care homes.')).gates.find((gate) => gate.id === 'PC-STAKE-001')?.status).toBe('waived');
    const refused = await waived('\u200b');
    expect(refused.gates.find((gate) => gate.id === 'PC-STAKE-001')?.status).toBe('fail');
    expect(refused.findings.some((finding) => finding.ruleId === 'PC-STRUCT-003')).toBe(true);
  });

  it('a target "2540" beside a baseline 2540 does not differ', async () => {
    const data = structuredClone(strong) as unknown as { outcomes: Record<string, unknown>[] };
    data.outcomes[0]!['target'] = '2540';
    const { code, report } = await verdictOf(data);
    expect(code).toBe(1);
    expect(report.gates.find((gate) => gate.id === 'PC-OUT-001')?.status).toBe('fail');
  });

  it('the normal form is idempotent, and readable text keeps its words', () => {
    for (const text of ['e\u200b\u0301', '＜！－－ x －－＞TBC', 'О\u0301ne', 'Сonfirmed by the ICB', 'привет мир', 'a\u00a0\u2003b', '  “Quoted” — text ']) {
      expect(normaliseText(normaliseText(text))).toBe(normaliseText(text));
    }
    expect(normaliseText('Сonfirmed by the ICB')).toBe('Confirmed by the ICB');
    expect(normaliseText('привет мир')).toBe('привет мир');
    expect(normaliseText('a<!-- hidden -->b <!-- unclosed')).toBe('ab');
  });
});
