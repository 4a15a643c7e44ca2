// Matching organisations' names: each partner against the board (PC-GOV-003) and the resource
// lines (PC-RES-004, PC-ABPI-R4). Sound charters name one organisation many ways; two different
// organisations must not be taken for one.
import fc from './fast-check.js';
import { describe, expect, it } from 'vitest';
import { pcInHolds, pcInMatches, pcShareHolds, type PcInOptions, type PcShareOptions } from '../src/core/keywords.js';
import { compareNames, NameIndex } from '../src/core/name-index.js';

describe('the same organisation, written another way', () => {
  it.each([
    // initials, from CamelCase words too, small words and NHS left out of them
    ['GSK', 'GlaxoSmithKline UK Limited', 'initials'],
    ['UHL', 'University Hospitals of Leicester NHS Trust', 'initials'],
    ['ICB', 'Integrated Care Board', 'initials'],
    ['NHS Humber and North Yorkshire ICB', 'NHS Humber and North Yorkshire Integrated Care Board', 'initials'],
    ['NHFT', 'Northamptonshire Healthcare NHS Foundation Trust', 'initials'],
    ['NHS Nene CCG', 'NHS Nene Clinical Commissioning Group', 'initials'],
    ['NHSE', 'NHS England', 'initials'],
    // & and "and", St and Saint, apostrophes, plurals, British and American spelling
    ['Humber & North Yorkshire ICB', 'Humber and North Yorkshire ICB', 'spelling'],
    ["St George's University Hospitals", 'Saint Georges University Hospital', 'spelling'],
    ['practice', 'practices', 'spelling'],
    ['GPs of Corby', 'GP of Corby', 'spelling'],
    ['Health Organization for Elders', 'Health organisations for elders', 'spelling'],
    ['Community Health Center', 'community health centres', 'spelling'],
    ['Paediatric Diabetes Network', 'Pediatric Diabetes Network', 'spelling'],
    // legal and generic suffixes
    ['Respira Pharma', 'Respira Pharma UK Ltd', 'suffix'],
    ['Respira Pharma Ltd', 'Respira Pharma (UK)', 'suffix'],
    ['Northamptonshire Healthcare', 'Northamptonshire Healthcare NHS Foundation Trust', 'suffix'],
    ['Breathe Easy', 'Breathe Easy Group', 'suffix'],
    // a part in parentheses, on either side
    ['Integration Joint Board (Health and Social Care Partnership)', 'Integration Joint Board', 'parentheses'],
    ['Integration Joint Board', 'Integration Joint Board (Health and Social Care Partnership)', 'parentheses'],
    // small words left out
    ['University Hospitals of Leicester', 'University Hospitals Leicester', 'words'],
  ])('%s ↔ %s (%s)', (a, b, how) => {
    expect(compareNames(a, b)).toEqual({ how, whole: true });
    expect(compareNames(b, a)).toEqual({ how, whole: true });
  });

  it('names written alike match exactly, case and spaces aside', () => {
    expect(compareNames('NHS Nene CCG', ' nhs  nene ccg')).toEqual({ how: 'exact', whole: true });
  });
});

describe('one name within the other', () => {
  it.each([
    ['participating practices', 'Participating general practices', 'words'],
    ['County Council adult social care', 'Northamptonshire County Council adult social care', 'words'],
    ['Northamptonshire Trust', 'Northamptonshire Healthcare NHS Foundation Trust', 'words'],
    ['Trust', 'Northampton General Hospital NHS Trust', 'words'],
    ['ICB', 'NHS Humber and North Yorkshire Integrated Care Board', 'initials'],
  ])('%s within %s (%s)', (a, b, how) => {
    expect(compareNames(a, b)).toEqual({ how, whole: false });
    expect(compareNames(b, a)).toEqual({ how, whole: false });
  });
});

describe('different organisations stay apart', () => {
  it.each([
    // two different trusts: their shared words are only NHS and Trust
    ['Leicestershire Partnership NHS Trust', 'University Hospitals of Leicester NHS Trust'],
    ['LPT', 'University Hospitals of Leicester NHS Trust'],
    ['UHL', 'Leicestershire Partnership NHS Trust'],
    // what is left once parentheses or suffixes go must still name one organisation
    ['NHS Trust (Leicester)', 'NHS Trust (Nottingham)'],
    ['NHS Trust (Leicester)', 'Leicestershire Partnership NHS Trust'],
    // "UK" may be a suffix, but a name without it does not then lie within another
    ['Age UK', 'Age Concern'],
    ['Age UK', 'Age Concern Ltd'],
    ['Partner number 5', 'Partner number 50 of the county'],
    // ordinary words are not initials, and a small word is not a name
    ['care', 'Community Ambulance Rapid Emergency'],
    ['the', 'The Royal Marsden'],
    ['Glaxo', 'GlaxoSmithKline'],
    ['North Lincolnshire', 'Northern Lincolnshire and Goole NHS Foundation Trust'],
    ['ICB transformation fund', 'NHS Humber and North Yorkshire Integrated Care Board'],
  ])('%s ≠ %s', (a, b) => {
    expect(compareNames(a, b)).toBeNull();
    expect(compareNames(b, a)).toBeNull();
  });
});

describe('pcIn with match: words, aka and among', () => {
  const onBoard: PcInOptions = { array: '/governance/board/members', match: 'words', aka: 'aka', among: { array: '/partners', key: 'name' } };
  const charter = (partners: object[], members: string[]) => ({ partners, governance: { board: { members } } });
  const present = (data: ReturnType<typeof charter>) => data.partners.map((partner) => pcInHolds({ ...onBoard }, (partner as { name: string }).name, data, {}, partner));

  it('finds each partner by its short name, initials or suffix', () => {
    const data = charter(
      [{ name: 'GlaxoSmithKline UK Limited' }, { name: 'University Hospitals of Leicester NHS Trust' }, { name: 'Integration Joint Board' }, { name: 'Participating general practices' }],
      ['GSK', 'UHL', 'Integration Joint Board (Health and Social Care Partnership)', 'participating practices'],
    );
    expect(present(data)).toEqual([true, true, true, true]);
  });

  it('a short form fitting several partners stands for none of them', () => {
    const trusts = [{ name: 'Leicestershire Partnership NHS Trust' }, { name: 'University Hospitals of Leicester NHS Trust' }];
    expect(present(charter(trusts, ['Trust']))).toEqual([false, false]);
    expect(present(charter(trusts, ['NHS']))).toEqual([false, false]);
    expect(present(charter(trusts, ['NHS Trust']))).toEqual([false, false]);
    // One trust among the partners: "Trust" can only be it.
    expect(present(charter([trusts[0]!, { name: 'Respira Pharma UK Ltd' }], ['Trust', 'Respira']))).toEqual([true, true]);
  });

  it('one trust on the board does not make another present', () => {
    const trusts = [{ name: 'Leicestershire Partnership NHS Trust' }, { name: 'University Hospitals of Leicester NHS Trust' }];
    expect(present(charter(trusts, ['University Hospitals of Leicester NHS Trust']))).toEqual([false, true]);
    expect(present(charter(trusts, ['UHL']))).toEqual([false, true]);
  });

  it('a longer name holding a partner\'s is not that partner when it names another in full', () => {
    const partners = [{ name: 'NHS Nene CCG' }, { name: 'NHS Nene CCG Commissioning Support Unit' }];
    expect(present(charter(partners, ['NHS Nene CCG Commissioning Support Unit']))).toEqual([false, true]);
    expect(present(charter(partners, ['NHS Nene Clinical Commissioning Group']))).toEqual([true, false]);
  });

  it('tries the names a partner lists under aka', () => {
    const data = charter([{ name: 'Example Respiratory UK Ltd', aka: ['Respira', 'Respira Pharma'] }], ['Respira Pharma']);
    expect(present(data)).toEqual([true]);
    expect(present(charter([{ name: 'Example Respiratory UK Ltd' }], ['Respira Pharma']))).toEqual([false]);
  });

  it('says how a partner was found, when not as written', () => {
    const options = { ...onBoard };
    const partners = [
      { name: 'GlaxoSmithKline UK Limited' },
      { name: 'Northampton General Hospital NHS Trust' },
      { name: 'Example Respiratory UK Ltd', aka: ['Respira Pharma'] },
      { name: 'Northamptonshire County Council adult social care' },
      { name: 'Northamptonshire LMC' },
    ];
    const data = charter(partners, ['GSK', 'Northampton General Hospital', 'Respira Pharma', 'County Council adult social care', 'Northamptonshire LMC']);
    expect(partners.map((partner) => pcInMatches(options, partner.name, data, partner))).toEqual([
      [{ name: 'GSK', matched: 'GlaxoSmithKline UK Limited', how: 'initials' }],
      [{ name: 'Northampton General Hospital', matched: 'Northampton General Hospital NHS Trust', how: 'suffix' }],
      [{ name: 'Respira Pharma', matched: 'Example Respiratory UK Ltd', how: 'aka', aka: 'Respira Pharma' }],
      [{ name: 'County Council adult social care', matched: 'Northamptonshire County Council adult social care', how: 'words' }],
      [],
    ]);
  });

  it('without match: words, names are compared as written, aka too', () => {
    const options: PcInOptions = { array: '/governance/board/members', aka: 'aka' };
    const partner = { name: 'GlaxoSmithKline UK Limited', aka: ['GSK'] };
    expect(pcInHolds(options, partner.name, charter([partner], ['gsk']), {}, partner)).toBe(true);
    expect(pcInHolds(options, partner.name, charter([partner], ['GSK UK']), {}, partner)).toBe(false);
  });
});

describe('pcShare with aka and among', () => {
  const share: PcShareOptions = { lines: ['/resources/funding'], key: 'from', amount: ['amount'], min: 0.05, aka: 'aka', among: { array: '/partners', key: 'name' } };
  const holds = (data: { partners: { name: string }[] }, index: number) => pcShareHolds({ ...share }, data.partners[index]!.name, data, {}, data.partners[index]);

  it('adds up a partner\'s lines under any of its names, each line once', () => {
    const data = {
      partners: [{ name: 'GlaxoSmithKline UK Limited', aka: ['GSK'] }, { name: 'NHS Nene CCG' }],
      resources: { funding: [{ from: 'GSK', amount: 4_000, committed: true }, { from: 'GlaxoSmithKline', amount: 2_000, committed: true }, { from: 'NHS Nene Clinical Commissioning Group', amount: 94_000, committed: true }] },
    };
    // 6% of the pounds: the two lines together are significant, each alone is not.
    expect(holds(data, 0)).toBe(true);
  });

  it('a line from a short form fitting two partners counts for neither', () => {
    const data = {
      partners: [{ name: 'Leicestershire Partnership NHS Trust' }, { name: 'University Hospitals of Leicester NHS Trust' }, { name: 'NHS Leicester ICB' }],
      resources: { funding: [{ from: 'Trust', amount: 50_000, committed: true }, { from: 'NHS Leicester ICB', amount: 50_000, committed: true }] },
    };
    expect([holds(data, 0), holds(data, 1), holds(data, 2)]).toEqual([false, false, true]);
  });
});

describe('the index, once comparing one by one has had its budget', () => {
  const names = [
    'Northamptonshire Healthcare NHS Foundation Trust',
    'Northampton General Hospital NHS Trust',
    'Respira Pharma UK Ltd',
    'Integration Joint Board (Health and Social Care Partnership)',
    'NHS Nene Clinical Commissioning Group',
    'Leicestershire Partnership NHS Trust',
  ];
  const entries = names.map((name, value) => ({ name, value }));

  it('finds whole words, suffixes and parentheses, and says how', () => {
    const index = new NameIndex(entries, 0);
    expect(index.find('Northampton General Hospital')).toEqual([{ value: 1, name: names[1], how: 'suffix', whole: true }]);
    expect(index.find('Respira Pharma Limited')).toEqual([{ value: 2, name: names[2], how: 'suffix', whole: true }]);
    expect(index.find('Integration Joint Board')).toEqual([{ value: 3, name: names[3], how: 'parentheses', whole: true }]);
    expect(index.matches('Northamptonshire Healthcare')).toEqual([0]);
    expect(index.matches('University Hospitals of Leicester NHS Trust')).toEqual([]);
  });

  it('finds nothing that comparing one by one would not', () => {
    const word = fc.constantFrom('NHS', 'Trust', 'Northampton', 'General', 'Hospital', 'of', 'the', 'Ltd', 'UK', 'Respira', 'Pharma', 'GSK', 'Glaxo', 'SmithKline', '(', ')', 'practices', 'practice', 'St', 'Saint', '&', 'and');
    const name = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 8 }), name, (list, wanted) => {
        const listed = list.map((entry, value) => ({ name: entry, value }));
        const compared = new NameIndex(listed).find(wanted);
        for (const found of new NameIndex(listed, 0).find(wanted)) expect(compared).toContainEqual(found);
      }),
      { numRuns: 500 },
    );
  });
});

describe('comparing names', () => {
  const anyName = fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.constantFrom('NHS', 'Trust', 'UHL', 'University', 'Hospitals', 'of', 'Leicester', '(', ')', 'Ltd', 'GlaxoSmithKline', 'GSK', 'and', '&'), { maxLength: 7 }).map((words) => words.join(' ')));

  it('is symmetric, and a name matches itself', () => {
    fc.assert(
      fc.property(anyName, anyName, (a, b) => {
        expect(compareNames(a, b)).toEqual(compareNames(b, a));
        if (/[\p{L}\p{N}]/u.test(a)) expect(compareNames(a, a)).toEqual({ how: 'exact', whole: true });
      }),
      { numRuns: 1000 },
    );
  });

  it('stays quick on names built to be slow', () => {
    const capitals = Array.from({ length: 400 }, (_, index) => `${'ABCDEF'.slice(0, 2 + (index % 5))} of NHS and`).join(' ');
    const board = Array.from({ length: 2_000 }, (_, index) => ({ name: `AB ${'OF '.repeat(index % 20)}CD EF ${index}`, value: index }));
    // CPU time, not the clock: other work on a loaded machine slows the clock, not this.
    const started = process.cpuUsage();
    const index = new NameIndex(board);
    for (let partner = 0; partner < 2_000; partner += 1) index.find(`A B C D E F ${partner} ${partner % 3 === 0 ? capitals : ''}`);
    expect(compareNames(capitals, capitals.replaceAll(' and', ' &'))).toEqual({ how: 'spelling', whole: true });
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(10_000);
  });
});
