// Property-based tests: random charters, valid and mutated, never break the core.
import fc from './fast-check.js';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCharter } from '../src/core/check.js';
import { parseYamlFast } from '../src/core/fast-parse.js';
import { parseYaml, PARSE_LIMITS } from '../src/core/parse.js';
import { normaliseText } from '../src/core/text/normalise.js';
import { verdictOf } from '../src/core/verdict.js';
import { resolvePolicy } from '../src/core/policy.js';
import { describeRules } from '../src/core/rules.js';
import { runReportOf } from '../src/core/run.js';
import { formatReport } from '../src/formatters/index.js';
import { markdownText } from '../src/formatters/markdown-text.js';
import { visibleControls } from '../src/formatters/visible.js';
import { builtinCriteriaSet } from './builtin-criteria.js';
import { FUZZ_TIMEOUT, fuzzRuns, shown } from './fuzz-runs.js';

/** Cases per property in npm test (npm run fuzz tries ten thousand of each): fewer where a case costs more. */
const CHARTER_RUNS = fuzzRuns(100);
const TEXT_RUNS = fuzzRuns(1_000);
/** Printing a charter in four formats costs some 80 ms. */
const FORMAT_RUNS = fuzzRuns(50);

/**
 * Lets the test's thread answer vitest now and then. A property that holds the thread for minutes
 * (ten thousand cases on a loaded machine) makes vitest's calls to it time out, an "unhandled
 * error" that fails the run although every property holds.
 */
let cases = 0;
async function breathe(): Promise<void> {
  if ((cases += 1) % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}

const criteria = builtinCriteriaSet;
const TYPES = ['nhs-commissioner', 'nhs-primary-care', 'nhs-secondary-care', 'nhs-community', 'social-care', 'industry', 'independent-provider', 'voluntary-sector', 'patients', 'carers'];

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('TBC', 'Quarterly report to each board.', 'Frail older people are admitted too often.'));
const date = fc.date({ min: new Date('2010-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((value) => value.toISOString().slice(0, 10));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const person = fc.record({ name: text, role: maybe(text) }, { requiredKeys: ['name'] });

/** Charters shaped like the format, every part optional. */
const charter = fc.record(
  {
    charter: fc.constant(1),
    title: text,
    summary: text,
    status: fc.constantFrom('draft', 'proposed', 'approved', 'live', 'closed'),
    updated: date,
    need: fc.record({ statement: text, evidence: text, population: text, priorities: fc.array(text, { maxLength: 3 }) }, { requiredKeys: [] }),
    partners: fc.array(fc.record({ name: text, type: fc.constantFrom(...TYPES), role: text, contribution: text, lead: person, sponsor: person }, { requiredKeys: ['name'] }), { maxLength: 4 }),
    stakeholders: fc.array(fc.record({ group: text, type: fc.constantFrom(...TYPES), how: text }, { requiredKeys: ['group'] }), { maxLength: 4 }),
    goals: fc.array(fc.record({ id: fc.constantFrom('G1', 'G2', 'G3'), statement: text, benefits: fc.record({ patients: text, nhs: text, partners: text }, { requiredKeys: [] }) }, { requiredKeys: ['statement'] }), { maxLength: 3 }),
    outcomes: fc.array(fc.record({ id: fc.constantFrom('O1', 'O2'), goal: fc.constantFrom('G1', 'G2', 'G9'), measure: text, baseline: fc.oneof(fc.integer(), text), target: fc.integer(), by: date, source: text, owner: text }, { requiredKeys: ['measure'] }), { maxLength: 3 }),
    resources: fc.record({ funding: fc.array(fc.record({ from: text, amount: fc.nat(), committed: fc.boolean() }), { maxLength: 2 }), in_place_before_start: fc.boolean() }, { requiredKeys: [] }),
    governance: fc.record({ board: fc.record({ name: text, chair: text, members: fc.array(text, { maxLength: 4 }), meets: text }, { requiredKeys: [] }), decisions: text, disputes: text, agreement: fc.record({ type: text, signed: date }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    information: fc.record({ patient_data: fc.boolean(), dpia: text, industry_access: fc.constantFrom('none', 'anonymised-aggregated', 'identifiable') }, { requiredKeys: [] }),
    plan: fc.record({ start: date, end: date, pilot: text, exit: text, milestones: fc.array(fc.record({ name: text, date }), { maxLength: 3 }) }, { requiredKeys: [] }),
    risks: fc.array(fc.record({ risk: text, mitigation: text, owner: text }, { requiredKeys: [] }), { maxLength: 3 }),
  },
  { requiredKeys: ['charter', 'title'] },
);

/** The same, with some values replaced by anything JSON can hold (wrong types, nulls, deep nests). */
const mutated = fc.tuple(charter, fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 4 })), { maxLength: 6 })).map(([base, mutations]) => {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = Object.keys(copy);
  for (const [index, value] of mutations) copy[keys[index % keys.length]!] = value;
  return copy;
});

/** The strong examples with a few fields taken out: charters near the Ready line, on both sides of it. */
const examples = ['community-elderly-care', 'copd-joint-working'].map((name) => parse(readFileSync(new URL(`../examples/${name}.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>);
const nearlyStrong = fc.tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 })).map(([base, removals]) => {
  const copy = structuredClone(base);
  for (const [section, field] of removals) {
    const keys = Object.keys(copy);
    const key = keys[section % keys.length]!;
    const value = copy[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      delete (value as Record<string, unknown>)[Object.keys(value)[field % Object.keys(value).length]!];
    } else if (key !== 'charter' && key !== 'title') delete copy[key];
  }
  return copy;
});

function report(data: unknown) {
  return reportOfText(stringify(data));
}

function reportOfText(text: string) {
  const result = checkCharter(text, criteria, 'random.yaml');
  if (!result.ok) throw new Error(`not a charter: ${result.problem.message}`);
  return result.report;
}

describe('random charters', () => {
  it(`never throw, score within 0-100, and locate every finding at line ≥ 1 (${shown(CHARTER_RUNS)} charters)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(charter, mutated), async (data) => {
        await breathe();
        const result = report(data);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const finding of result.findings) {
          expect(finding.line).toBeGreaterThanOrEqual(1);
          expect(finding.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: CHARTER_RUNS },
    );
  }, FUZZ_TIMEOUT);

  it(`a Ready band never goes with a failed gate, a critical gap or a structure error, and always passes the default policy (${shown(CHARTER_RUNS)} charters)`, async () => {
    const seen = { ready: 0, failedGate: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(charter, mutated, nearlyStrong), async (data) => {
        await breathe();
        const result = report(data);
        const blocked = result.gates.some((gate) => gate.status === 'fail') || result.criticalGaps.length > 0 || result.findings.some((finding) => finding.area === 'structure');
        if (result.band === 'ready') {
          seen.ready += 1;
          expect(blocked).toBe(false);
          expect(verdictOf(result, { minScore: 70 }).passed).toBe(true);
        }
        if (result.gates.some((gate) => gate.status === 'fail')) {
          seen.failedGate += 1;
          expect(result.band).toBe('not-ready');
        }
      }),
      { numRuns: CHARTER_RUNS },
    );
    // Both sides of the line were met: a property over charters that are never Ready would hold of anything.
    expect(seen.ready, 'Ready charters').toBeGreaterThan(0);
    expect(seen.failedGate, 'charters failing a gate').toBeGreaterThan(0);
  }, FUZZ_TIMEOUT);

  it(`mutations of the real examples (bytes, indentation, keys) give a report or an input problem, never an exception (${shown(CHARTER_RUNS)} charters)`, async () => {
    const texts = ['community-elderly-care', 'copd-joint-working', 'diabetes-acs-pathway', 'msk-imaging-contract'].map((name) =>
      readFileSync(new URL(`../examples/${name}.yaml`, import.meta.url), 'utf8'),
    );
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) }),
      fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
      fc.record({ kind: fc.constant('key' as const), at: fc.nat(), key: fc.constantFrom('x', 'goverance', '__proto__', 'charter', 'title', '- a', '&a', '*a', '? k', '"q') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 5 }), async (original, mutations) => {
        await breathe();
        let lines = original.split('\n');
        for (const change of mutations) {
          const index = change.at % lines.length;
          const line = lines[index]!;
          if (change.kind === 'byte') {
            const position = change.at % (line.length + 1);
            lines[index] = line.slice(0, position) + change.char + line.slice(position + 1);
          } else if (change.kind === 'indent') {
            lines[index] = change.by >= 0 ? ' '.repeat(change.by) + line : line.replace(new RegExp(`^ {0,${-change.by}}`), '');
          } else {
            lines[index] = line.replace(/^(\s*-?\s*)[^:#\s][^:#]*:/, `$1${change.key}:`);
          }
          lines = lines.slice();
        }
        const result = checkCharter(lines.join('\n'), criteria, 'mutated.yaml');
        if (!result.ok) {
          expect(result.problem.message.length).toBeGreaterThan(0);
          return;
        }
        expect(result.report.score).toBeGreaterThanOrEqual(0);
        expect(result.report.score).toBeLessThanOrEqual(100);
        for (const finding of result.report.findings) expect(finding.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: CHARTER_RUNS },
    );
  }, FUZZ_TIMEOUT);

  it(`any text at all gives a report or an input problem, never an exception (${shown(TEXT_RUNS)} texts)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (input) => {
        await breathe();
        const result = checkCharter(input, criteria, 'random.yaml');
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: TEXT_RUNS },
    );
  }, FUZZ_TIMEOUT);

  it(`waiving a criterion met no better than the charter as a whole never lowers the score (${shown(CHARTER_RUNS)} charters)`, async () => {
    // Waiving takes a criterion out of the weighted average, so waiving one that scores above the
    // average would lower it; waiving a gap never does.
    await fc.assert(
      fc.asyncProperty(charter, fc.nat(), async (data, pick) => {
        await breathe();
        const before = report(data);
        // Gates are left out: waiving one is refused (most cannot be waived at all).
        const candidates = before.criteria.filter((criterion) => !criterion.gate && criterion.credit !== null && criterion.credit * 100 <= before.score);
        if (candidates.length === 0) return;
        const chosen = candidates[pick % candidates.length]!;
        const after = report({ ...data, waivers: [{ criterion: chosen.id, reason: 'accepted-risk' }] });
        expect(after.criteria.find((criterion) => criterion.id === chosen.id)!.status).toBe('waived');
        expect(after.score).toBeGreaterThanOrEqual(before.score - 0.1); // scores are rounded to one decimal
      }),
      { numRuns: CHARTER_RUNS },
    );
  }, FUZZ_TIMEOUT);
});

/** Numbers as both parsers' results can be compared: -0, NaN and the infinities kept apart. */
const comparable = (data: unknown): unknown => JSON.parse(JSON.stringify(data, (_key, value: unknown) => (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? `number ${Object.is(value, -0) ? '-0' : String(value)}` : value)));

describe('parser disagreement (issue 23, item 8)', () => {
  // Plain scalars from the characters that decide a scalar's type (0b, 0o, 0x, +, ., e, inf, nan,
  // true, null, ~), quoted ones with every escape, block ones with odd blank lines, in every place
  // a scalar can stand: the fast path either declines or reads exactly what the yaml package reads.
  const piece = fc.constantFrom(...'0123456789+-._eEoxbXOBinfINFaNtrueTRUEfalsnulNULyYo~ :#,'.split(''), '0b', '0x', '0o', '.inf', '.nan', 'null', 'True', '_', '\n', '\n ', '\n   ', '\t', ': ', ' #', '- ', 'é', '\u00a0', '\u2028', '\u0085', '\ufeff', '\r\n', '\r');
  const plain = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
  const escape = fc.constantFrom('\\x41', '\\u00e9', '\\n', '\\t', '\\/', '\\N', '\\_', '\\L', '\\P', '\\ ', '\\0', '\\e', '\\"', '\\\\', '\\U0001F600', '\\ud800', '\\q', "'", '#', ' ', '\n', '\n\n', '\t', 'a', '\\\n');
  const doubleQuoted = fc.array(escape, { maxLength: 6 }).map((pieces) => `"${pieces.join('')}"`);
  const singleQuoted = fc.array(fc.constantFrom("''", 'a', ' ', '\n', '\n\n', '#', '"', '\\'), { maxLength: 6 }).map((pieces) => `'${pieces.join('')}'`);
  const block = fc
    .tuple(fc.constantFrom('|', '>', '|-', '>+', '|2', '>-'), fc.array(fc.constantFrom('a', ' b', '', '  c', '#d', '\t', '   ', ' ', '\ta', 'x: y', '- z'), { maxLength: 4 }))
    .map(([header, lines]) => `${header}\n${lines.map((line) => `  ${line}`).join('\n')}`);
  const scalar = fc.oneof(plain, plain.map((text) => text.trim()), doubleQuoted, singleQuoted);
  const documents = fc.oneof(
    scalar.map((text) => `a: ${text}\n`),
    scalar.map((text) => `${text}: a\n`),
    scalar.map((text) => `a: [${text}]\n`),
    scalar.map((text) => `{a: ${text}}\n`),
    scalar.map((text) => `a:\n  - ${text}\n`),
    scalar.map((text) => `a: ${text} # note\n`),
    block.map((text) => `a: ${text}\nb: 1\n`),
  );

  it(`the fast path reads every scalar as the yaml package does, or declines it (${shown(TEXT_RUNS)} documents)`, async () => {
    let read = 0;
    await fc.assert(
      fc.asyncProperty(documents, async (text) => {
        await breathe();
        const fast = parseYamlFast(text);
        if (fast === null) return;
        read += 1;
        const slow = parseYaml(text);
        expect(slow.ok, text).toBe(true);
        if (slow.ok) expect(comparable(fast.data), text).toEqual(comparable(slow.value.data));
      }),
      { numRuns: TEXT_RUNS },
    );
    // Declining everything would pass too: most of these documents are read.
    expect(read).toBeGreaterThan(TEXT_RUNS / 2);
  }, FUZZ_TIMEOUT);

  it('the cases the issue names: a binary number and a signed decimal go to the yaml package', () => {
    expect(parseYamlFast('amount: 0b1011011100011011000000\n')).toBeNull();
    expect(parseYamlFast('amount: +.5\n')).toBeNull();
    expect(parseYamlFast('amount: 2540\n')?.data).toEqual({ amount: 2540 });
  });
});

describe('invisible text (issue 23, item 5)', () => {
  // What a reader cannot see or cannot tell apart, put into the text of a small charter: the
  // verdict is the one its normalised copy gets (the copy with every text as a reader sees it).
  const disguise = fc.constantFrom('\u200b', '\u00ad', '\u2060', '\ufeff', '\u3164', '\u00a0', '\u2003', '  ', '<!-- -->', '<!--', '\u202e', '\u0007', '\n');
  const letter = fc.constantFrom(...'TBCtbcaeiopxyhsj'.split(''));
  const lookalike = (character: string) => ({ T: 'Т', B: 'В', C: 'С', a: 'а', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', c: 'с', i: 'і', s: 'ѕ', j: 'ј', h: 'һ' })[character] ?? character;
  const wide = (character: string) => String.fromCodePoint(character.codePointAt(0)! + 0xfee0);
  const piece = fc.oneof(disguise, letter, letter.map(lookalike), letter.map(wide), fc.constantFrom('TBC', 'to be confirmed', 'n/a', 'Quarterly report to each board.', 'The ICB', ' '));
  const text = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
  const small = fc.record(
    {
      charter: fc.constant(1),
      title: text,
      summary: text,
      need: fc.record({ statement: text, evidence: text, identified_by: fc.constantFrom('nhs', 'partner') }, { requiredKeys: [] }),
      partners: fc.array(fc.record({ name: text, type: fc.constantFrom('nhs-commissioner', 'industry'), role: text }, { requiredKeys: ['name'] }), { maxLength: 2 }),
      plan: fc.record({ exit: text, pilot: text }, { requiredKeys: [] }),
    },
    { requiredKeys: ['charter', 'title'] },
  );
  const normalised = (value: unknown): unknown =>
    typeof value === 'string' ? normaliseText(value) : Array.isArray(value) ? value.map(normalised) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalised(item)])) : value;
  const verdict = (data: unknown) => {
    const { band, score, gates, criticalGaps } = report(data);
    return { band, score, gates: gates.map((gate) => `${gate.id} ${gate.status}`), criticalGaps };
  };

  it(`no throw, and the verdict a normalised copy gets (${shown(CHARTER_RUNS)} charters)`, async () => {
    await fc.assert(
      fc.asyncProperty(small, async (data) => {
        await breathe();
        expect(verdict(data)).toEqual(verdict(normalised(data)));
      }),
      { numRuns: CHARTER_RUNS },
    );
  }, FUZZ_TIMEOUT);
});

describe('alias expansion (issue 23, item 13)', () => {
  // Values shared through anchors and aliases, nested in each other: read as the same data written
  // out in full, or refused as an alias bomb when written out it would pass the budget; never a throw.
  const leaf = fc.oneof(fc.constantFrom('x', 'TBC', 1, true, null), fc.string({ maxLength: 5 }));
  const shared = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 })),
  })).node;
  const document = fc.tuple(shared, fc.integer({ min: 1, max: 5 }), fc.nat({ max: 9 })).map(([value, width, depth]) => {
    // A chain of lists each naming the one before several times: sizes that grow geometrically.
    const root: Record<string, unknown> = { charter: 1, title: 'Aliases' };
    let previous: unknown = value;
    for (let level = 0; level < depth; level += 1) {
      const next = Array.from({ length: width }, () => previous);
      root[`x-level-${level}`] = next;
      previous = next;
    }
    root['x-top'] = previous;
    return root;
  });
  /** How many values the data holds written out: each shared object measured once. */
  const writtenOut = (data: unknown): number => {
    const sizes = new Map<object, number>();
    const size = (value: unknown): number => {
      if (typeof value !== 'object' || value === null) return 1;
      const known = sizes.get(value);
      if (known !== undefined) return known;
      const total = 1 + Object.values(value).reduce((sum: number, item) => sum + size(item), 0);
      sizes.set(value, total);
      return total;
    };
    return size(data);
  };

  it(`no throw, the data written out in full, or an alias bomb past the budget (${shown(CHARTER_RUNS)} documents)`, async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(document, async (data) => {
        await breathe();
        const values = writtenOut(data);
        const result = parseYaml(stringify(data));
        if (values > 2 * PARSE_LIMITS.maxAliasExpansion) expect(result.ok).toBe(false);
        if (values <= PARSE_LIMITS.maxAliasExpansion / 2) expect(result.ok).toBe(true);
        if (!result.ok) {
          refused += 1;
          expect(result.problem.message).toMatch(/alias bomb|too many YAML aliases/);
          return;
        }
        if (values > 1_000) return;
        const writtenOutText = stringify(data, { aliasDuplicateObjects: false });
        expect(result.value.data).toEqual(parse(writtenOutText));
        // And the charter gets the verdict its written-out copy gets.
        const { band, score, gates } = report(data);
        expect({ band, score, gates }).toEqual((({ band, score, gates }) => ({ band, score, gates }))(reportOfText(writtenOutText)));
      }),
      { numRuns: CHARTER_RUNS },
    );
    expect(refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT);
});

describe('escapes (issue 23, items 18 and 19)', () => {
  // What can drive a terminal or a log viewer, or make text read other than it is, and Markdown's
  // markup, in a charter's values, its keys and its file name.
  const unsafe = fc.constantFrom('\u001b]8;;http://x\u0007', '\u001b[2J', '\u0007', '\u0000', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\u200e', '\u061c', '\u2028', '\u2029', '\ufffe', '\uffff', '\u{10FFFF}', '\ud800', '\r', '\n', '\t');
  const markup = fc.constantFrom('[a](https://e.example)', '![i](x)', '[', ']', '(', ')', '<b>', '<', '&amp;', '&#91;', '`', '*', '_', '~', '|', '\\', '#', '- ', '1. ', 'http://', 'https://e.example', 'www.', 'a@e.example', '@', ':', '.', ' ', 'TBC', 'x');
  const piece = fc.oneof(unsafe, markup, fc.string({ maxLength: 3 }));
  const words = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
  const hostile = fc.record(
    {
      charter: fc.constant(1),
      title: words,
      summary: words,
      need: fc.record({ statement: words, identified_by: fc.constantFrom('nhs', 'partner') }, { requiredKeys: [] }),
      partners: fc.array(fc.record({ name: words, type: fc.constantFrom('nhs-commissioner', 'industry'), role: words }, { requiredKeys: ['name'] }), { maxLength: 2 }),
      status: words,
    },
    { requiredKeys: ['charter', 'title'] },
  );
  const charterText = fc.tuple(hostile, fc.dictionary(words, words, { maxKeys: 2 })).map(([data, extra]) => stringify({ ...extra, ...data }));
  // eslint-disable-next-line no-control-regex -- what must never be printed raw (a line break may)
  const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}\p{Surrogate}]/u;
  const settings = { criteria, policy: resolvePolicy({}), context: {} };
  const head = { tool: { name: 'partner-check', version: '' }, rules: describeRules(criteria) };

  it(`no format read by people prints an unsafe character raw, whatever a charter's text, keys and file name (${shown(FORMAT_RUNS)} charters)`, async () => {
    await fc.assert(
      fc.asyncProperty(charterText, words, async (text, name) => {
        await breathe();
        const run = await runReportOf([{ file: `${name}.yaml`, text }], settings, head);
        for (const format of ['stylish', 'markdown', 'html', 'github']) expect(await formatReport(format, run, { color: false }), format).not.toMatch(RAW);
      }),
      { numRuns: FORMAT_RUNS },
    );
  }, FUZZ_TIMEOUT);

  it(`Markdown text reads as the words it is: nothing in it links, shows an image, runs HTML or leaves its cell (${shown(TEXT_RUNS)} texts)`, () => {
    const punctuation = /\\([!-/:-@[-`{-~])/g;
    fc.assert(
      fc.property(words, (text) => {
        const cell = markdownText(text, { inTable: true });
        expect(cell).not.toMatch(/[\r\n]/);
        // Take out each backslash escape: the words come back, control characters shown.
        expect(cell.replace(punctuation, '$1')).toBe(visibleControls(text.replace(/\s*\r?\n\s*/g, ' ')));
        // What is left unescaped holds no link, image, tag, entity, code span, strike-through, pipe or address GitHub would link.
        const live = cell.replace(punctuation, ' ');
        expect(live, cell).not.toMatch(/\[[^\]]*\][([:]|<[A-Za-z/!?]|&#?[A-Za-z0-9]{1,32};|`|~.*~|\||(?:^|[^\p{L}\p{N}])(?:https?|ftp|mailto|xmpp):|(?:^|[^\p{L}\p{N}])www\.|[\p{L}\p{N}._+-]@[\p{L}\p{N}._+-]/iu);
      }),
      { numRuns: TEXT_RUNS },
    );
  }, FUZZ_TIMEOUT);
});
