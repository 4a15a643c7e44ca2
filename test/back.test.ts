// Going back at a terminal, from every kind of prompt: init run in-process with the terminal's
// prompter, its prompts (inquirer's) answered by a scripted keyboard; each test reads the charter
// it saves.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTerminal, loadBuiltSetup } from './helpers.js';

type Config = { message: string; default?: unknown; choices?: { name: string; value: unknown }[] };
/** One key press or answer: for the prompt whose message matches `at`, the text typed, the entry chosen or the entries ticked. */
type Step = { at: RegExp; type?: string; choose?: string; tick?: string[]; check?: () => void };
const script: Step[] = [];
const shown: { prompt: string; config: Config }[] = [];
let stopAfter = 1;

const keyboard = (prompt: string) => async (config: Config) => {
  shown.push({ prompt, config });
  const step = script[0];
  if (step && step.at.test(config.message)) {
    script.shift();
    step.check?.();
    const entry = (name: string) => {
      const found = config.choices!.find((choice) => choice.name === name);
      expect(found, `"${name}" offered at "${config.message}"`).toBeDefined();
      return found!.value;
    };
    if (step.tick) return step.tick.map(entry);
    return step.choose === undefined ? step.type : entry(step.choose);
  }
  // Not in the script: Enter, except that the person saves and stops after `stopAfter` sections.
  if (config.message === 'Go on?') return (stopAfter -= 1) > 0;
  if (config.message.startsWith('Leave it as not known yet?')) return true;
  if (prompt === 'checkbox') return [];
  // One that must be answered takes its first choice.
  if (prompt === 'select') return config.default ?? config.choices![/must be answered/.test(config.message) ? 1 : 0]!.value;
  return config.default ?? '';
};
vi.mock('@inquirer/prompts', () => ({
  checkbox: vi.fn(keyboard('checkbox')),
  confirm: vi.fn(keyboard('confirm')),
  editor: vi.fn(keyboard('editor')),
  input: vi.fn(keyboard('input')),
  select: vi.fn(keyboard('select')),
}));

const { runInit, recoveryPath } = await import('../src/cli/init.js');
const { nodeFileSystem } = await import('../src/io/file-system.js');
const setup = await loadBuiltSetup({ none: true }, { files: nodeFileSystem, now: Date.now });

let dir = '';
const shownDir = () => dir;

/** init at a terminal in a fresh folder, saving after `sections` sections: what it exits with and prints, and the charter saved. */
async function init(sections = 1) {
  stopAfter = sections;
  dir = mkdtempSync(join(tmpdir(), 'partner-check-back-'));
  const { terminal, out } = fakeTerminal(dir, { stdinIsTTY: true });
  const code = await runInit({ output: 'charter.yaml' }, setup, terminal, undefined);
  const file = join(dir, 'charter.yaml');
  // Every step of the script was played, at the prompt it was written for.
  expect(script.map((step) => step.at.source)).toEqual([]);
  return { code, out, dir, charter: existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined };
}

beforeEach(() => {
  script.splice(0);
  shown.splice(0);
});

const BACK = '‹ Back to the question before';
const lastShown = (message: RegExp) => shown.filter(({ config }) => message.test(config.message)).at(-1)!.config;
/** How many times a prompt was shown. */
const asked = (message: RegExp) => shown.filter(({ config }) => message.test(config.message)).length;

describe('back, from every kind of prompt, at a terminal', () => {
  it('from a text prompt: the answer before is undone at once (the answers kept lose it), asked again with it as the default, and the corrected one saved', async () => {
    let kept: unknown;
    script.push(
      { at: /^Title/, type: 'Falls prevention in Bostn' },
      { at: /^Summary/, type: '<' },
      { at: /^Title/, type: 'Falls prevention in Boston', check: () => (kept = parse(readFileSync(recoveryPath(shownDir(), 'charter.yaml'), 'utf8'))) },
      { at: /^Summary/, type: 'Fewer falls among over-65s.' },
      { at: /^…/, type: '' },
      { at: /^Status/, choose: 'draft' },
    );
    const { code, charter, out } = await init();
    expect(code).toBe(0);
    expect(charter).toMatchObject({ title: 'Falls prevention in Boston', summary: 'Fewer falls among over-65s.', status: 'draft' });
    expect(kept).toEqual({}); // the title undone while it was asked again
    expect(lastShown(/^Title/).default).toBe('Falls prevention in Bostn');
    expect(out.stdout).toContain('Back to the question before:');
  });

  it('from a choice: "‹ Back" ends the list, and the question before is asked again', async () => {
    script.push(
      { at: /^Title/, type: 'Falls prevention in Boston' },
      { at: /^Summary/, type: 'Fewer falls.' },
      { at: /^…/, type: '' },
      { at: /^Status/, choose: BACK },
      { at: /^Summary/, type: 'Fewer falls among over-65s.' },
      { at: /^…/, type: '' },
      { at: /^Status/, choose: 'proposed' },
    );
    const { code, charter, out } = await init();
    expect(code).toBe(0);
    expect(charter).toMatchObject({ title: 'Falls prevention in Boston', summary: 'Fewer falls among over-65s.', status: 'proposed' });
    expect(lastShown(/^Status/).choices!.at(-1)!.name).toBe(BACK);
    expect(out.stdout).toContain('now: Fewer falls.'); // the answer before, kept if the person presses Enter
  });

  it('from a yes or no ("Add a partner?"): the choice before is asked again with its answer as the default', async () => {
    script.push(
      { at: /^Title/, type: 'Falls prevention in Boston' },
      { at: /^Need › Identified by/, choose: 'partner' },
      { at: /^Add a partner\?/, choose: BACK },
      { at: /^Need › Identified by/, choose: 'nhs', check: () => expect(lastShown(/^Need › Identified by/).default).toBe('partner') },
      { at: /^Add a partner\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter).toMatchObject({ title: 'Falls prevention in Boston', need: { identified_by: 'nhs' } });
    expect(lastShown(/^Add a partner\?/).choices!.map((choice) => choice.name)).toEqual(['yes', 'no', BACK]);
  });

  it('across a section boundary: back at the first question of a section, and at "Go on?", reach the last question of the one before', async () => {
    script.push(
      { at: /^Title/, type: 'Falls prevention in Boston' },
      { at: /^Plan › End/, type: '31 March 2025' },
      { at: /^Go on\?/, choose: BACK },
      { at: /^Plan › End/, type: '31 March 2026', check: () => expect(lastShown(/^Plan › End/).default).toBe('2025-03-31') },
      { at: /^Go on\?/, choose: 'Go on to What every gate needs: the charter cannot pass without these' },
      { at: /^Need › Statement/, type: '<' },
      { at: /^Plan › End/, type: '31 March 2027' },
      { at: /^Need › Statement/, type: 'Falls among over-65s in Boston are twice the national rate.' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter).toMatchObject({ plan: { end: '2027-03-31' }, need: { statement: 'Falls among over-65s in Boston are twice the national rate.' } });
  });

  it('at the first question: says there is nothing before it, and asks it again', async () => {
    script.push({ at: /^Title/, type: '<' }, { at: /^Title/, type: 'Falls prevention in Boston' });
    const { code, charter, out } = await init();
    expect(code).toBe(0);
    expect(charter).toMatchObject({ title: 'Falls prevention in Boston' });
    expect(out.stdout).toContain('This is the first question: there is nothing before it to go back to.');
    expect(out.stdout).not.toContain('Back to the question before:');
  });
});

/** The sound COPD charter with four answers emptied: a text, a choice, a yes or no, a text, in that order. */
const COPD = readFileSync(new URL('../examples/copd-joint-working.yaml', import.meta.url), 'utf8');
const EMPTIED = { evidence: /^ {2}evidence: .*$/m, identified_by: /^ {2}identified_by: .*$/m, in_place_before_start: /^ {2}in_place_before_start: .*$/m, decisions: /^ {2}decisions: .*$/m };
const GAPPY = Object.entries(EMPTIED).reduce((text, [key, line]) => text.replace(line, `  ${key}:`), COPD);
/** The gappy charter with each emptied line given this answer. */
const filled = (answers: Record<keyof typeof EMPTIED, string>) => Object.entries(answers).reduce((text, [key, value]) => text.replace(new RegExp(`^ {2}${key}:$`, 'm'), `  ${key}: ${value}`), GAPPY);

/** fix at a terminal on a charter (the gappy one unless given), saying yes to writing the changes: what it exits with and prints, and the charter's text after. */
async function fix(charter = GAPPY) {
  dir = mkdtempSync(join(tmpdir(), 'partner-check-back-'));
  const file = join(dir, 'c.yaml');
  writeFileSync(file, charter);
  const { terminal, out } = fakeTerminal(dir, { stdinIsTTY: true });
  const code = await runInit({ fix: file }, setup, terminal, undefined);
  expect(script.map((step) => step.at.source)).toEqual([]);
  return { code, out, text: readFileSync(file, 'utf8') };
}

describe('back in fix: the answers before go back to how they were, and each lands once in the file', () => {
  it('from a text prompt: the yes or no before is asked again with its answer as the default, and its new answer replaces the old', async () => {
    script.push(
      { at: /^Need › Evidence/, type: 'Emergency admissions doubled since 2019' },
      { at: /^Need › Identified by/, choose: 'nhs' },
      { at: /^Resources › In place before start/, choose: 'yes' },
      { at: /^Governance › Decisions/, type: '<' },
      { at: /^Resources › In place before start/, choose: 'no', check: () => expect(lastShown(/^Resources › In place before start/).default).toBe(true) },
      { at: /^Governance › Decisions/, type: 'By consensus of the board' },
    );
    const { code, text, out } = await fix();
    expect(code).toBe(0);
    expect(text).toBe(filled({ evidence: 'Emergency admissions doubled since 2019', identified_by: 'nhs', in_place_before_start: 'false', decisions: 'By consensus of the board' }));
    expect(out.stdout).toContain('Back to the question before:');
    expect(out.stdout).not.toContain('cannot be changed from here');
  });

  it('from a choice: the text before is asked again with its answer as the default, and typed anew', async () => {
    script.push(
      { at: /^Need › Evidence/, type: 'Emergency admisions doubled' },
      { at: /^Need › Identified by/, choose: BACK },
      { at: /^Need › Evidence/, type: 'Emergency admissions doubled since 2019', check: () => expect(lastShown(/^Need › Evidence/).default).toBe('Emergency admisions doubled') },
      { at: /^Need › Identified by/, choose: 'nhs' },
      { at: /^Resources › In place before start/, choose: 'yes' },
      { at: /^Governance › Decisions/, type: 'By consensus of the board' },
    );
    const { code, text } = await fix();
    expect(code).toBe(0);
    expect(text).toBe(filled({ evidence: 'Emergency admissions doubled since 2019', identified_by: 'nhs', in_place_before_start: 'true', decisions: 'By consensus of the board' }));
  });

  it('from a yes or no: the choice before is asked again with its answer as the default', async () => {
    script.push(
      { at: /^Need › Evidence/, type: 'Emergency admissions doubled since 2019' },
      { at: /^Need › Identified by/, choose: 'partner' },
      { at: /^Resources › In place before start/, choose: BACK },
      { at: /^Need › Identified by/, choose: 'nhs', check: () => expect(lastShown(/^Need › Identified by/).default).toBe('partner') },
      { at: /^Resources › In place before start/, choose: 'yes' },
      { at: /^Governance › Decisions/, type: 'By consensus of the board' },
    );
    const { code, text } = await fix();
    expect(code).toBe(0);
    expect(text).toBe(filled({ evidence: 'Emergency admissions doubled since 2019', identified_by: 'nhs', in_place_before_start: 'true', decisions: 'By consensus of the board' }));
  });

  it('back twice: each question gone back to is answered again once, in order, and the one the person was at comes next', async () => {
    script.push(
      { at: /^Need › Evidence/, type: 'Emergency admissions doubled since 2019' },
      { at: /^Need › Identified by/, choose: 'partner' },
      { at: /^Resources › In place before start/, choose: 'no' },
      { at: /^Governance › Decisions/, type: '<' },
      { at: /^Resources › In place before start/, choose: BACK },
      { at: /^Need › Identified by/, choose: 'nhs' },
      { at: /^Resources › In place before start/, choose: 'yes', check: () => expect(lastShown(/^Resources › In place before start/).default).toBe(false) },
      { at: /^Governance › Decisions/, type: 'By consensus of the board' },
    );
    const { code, text } = await fix();
    expect(code).toBe(0);
    expect(text).toBe(filled({ evidence: 'Emergency admissions doubled since 2019', identified_by: 'nhs', in_place_before_start: 'true', decisions: 'By consensus of the board' }));
    expect([asked(/^Need › Identified by/), asked(/^Resources › In place before start/), asked(/^Governance › Decisions/)]).toEqual([2, 3, 2]);
  });

  it('within one gap of several questions (a board not described): the corrected answer is the one written', async () => {
    const members = 'NHS Humber and North Yorkshire ICB, Example Respiratory UK Ltd, Breathe Easy group';
    script.push(
      { at: /^Governance › Board › Name/, type: 'COPD joint workng board' },
      { at: /^Governance › Board › Chair/, type: '<' },
      { at: /^Governance › Board › Name/, type: 'COPD joint working board', check: () => expect(lastShown(/^Governance › Board › Name/).default).toBe('COPD joint workng board') },
      { at: /^Governance › Board › Chair/, type: 'ICB clinical lead for respiratory' },
      { at: /^Governance › Board › Members/, type: members },
      { at: /^Governance › Board › Meets/, type: 'monthly' },
    );
    const { code, text } = await fix(COPD.replace(/^ {2}board:\n( {4}.*\n)+/m, '  board:\n'));
    expect(code).toBe(0);
    expect((parse(text) as { governance: unknown }).governance).toMatchObject({ board: { name: 'COPD joint working board', chair: 'ICB clinical lead for respiratory', members: members.split(', '), meets: 'monthly' } });
    expect(text).not.toContain('workng');
  });

  it('at the first question: says there is nothing before it, and asks it again', async () => {
    script.push(
      { at: /^Need › Evidence/, type: '<' },
      { at: /^Need › Evidence/, type: 'Emergency admissions doubled since 2019' },
      { at: /^Need › Identified by/, choose: 'nhs' },
      { at: /^Resources › In place before start/, choose: 'yes' },
      { at: /^Governance › Decisions/, type: 'By consensus of the board' },
    );
    const { code, text, out } = await fix();
    expect(code).toBe(0);
    expect(text).toBe(filled({ evidence: 'Emergency admissions doubled since 2019', identified_by: 'nhs', in_place_before_start: 'true', decisions: 'By consensus of the board' }));
    expect(out.stdout).toContain('This is the first question: there is nothing before it to go back to.');
    expect(out.stdout).not.toContain('Back to the question before:');
  });
});

describe('back from the first question of a new list item: "Add ...?" again, the items before kept', () => {
  const upToPartners: Step[] = [
    { at: /^Title/, type: 'Falls prevention in Boston' },
    { at: /^Need › Identified by/, choose: 'nhs' },
  ];
  const PARTNER_ONE = { name: 'NHS Lincolnshire ICB', type: 'nhs-commissioner', role: 'Commissions the falls service.', contribution: 'A falls lead and £40,000.', commits_to: ['development', 'delivery'] };
  /** Partner 1, every question answered (PARTNER_ONE). */
  const partnerOne: Step[] = [
    { at: /^Add a partner\?/, choose: 'yes' },
    { at: /^Partner 1: name/, type: PARTNER_ONE.name },
    { at: /^Partner 1\b.*: type/, choose: PARTNER_ONE.type },
    { at: /^Partner 1\b.*: role/, type: PARTNER_ONE.role },
    { at: /^Partner 1\b.*: contribution/, type: PARTNER_ONE.contribution },
    { at: /^Partner 1\b.*: commits to/, tick: PARTNER_ONE.commits_to },
  ];
  const yesIsTheDefault = (message: RegExp) => () => expect(lastShown(message).default).toBe(true);

  it('the first item: back from its first question asks "Add a partner?" again, not the question before it; yes goes on to the item', async () => {
    script.push(
      ...upToPartners,
      { at: /^Add a partner\?/, choose: 'yes' },
      { at: /^Partner 1: name/, type: '<' },
      { at: /^Add a partner\?/, choose: 'yes', check: yesIsTheDefault(/^Add a partner\?/) },
      { at: /^Partner 1: name/, type: PARTNER_ONE.name },
    );
    const { code, charter, out } = await init(2);
    expect(code).toBe(0);
    expect(charter).toMatchObject({ need: { identified_by: 'nhs' }, partners: [{ name: PARTNER_ONE.name }] });
    expect(charter!.partners).toHaveLength(1);
    expect(asked(/^Need › Identified by/)).toBe(1);
    expect(out.stdout).toContain('Back to the question before:');
  });

  it('a later item: back from its first question asks "Add another partner?" again; yes goes on to it, the first partner as answered', async () => {
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'yes' },
      { at: /^Partner 2: name/, type: '<' },
      { at: /^Add another partner\?/, choose: 'yes', check: yesIsTheDefault(/^Add another partner\?/) },
      { at: /^Partner 2: name/, type: 'Boston Borough Council' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([PARTNER_ONE, expect.objectContaining({ name: 'Boston Borough Council' })]);
    expect(asked(/^Partner 1\b.*: commits to/)).toBe(1);
  });

  it('a later item: no, when "Add another partner?" is asked again, ends the list there', async () => {
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'yes' },
      { at: /^Partner 2: name/, type: '<' },
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([PARTNER_ONE]);
    expect(asked(/^Partner 2/)).toBe(1);
  });

  it('back from further into the new item, to "Add another partner?", and no: what was typed for it goes from the answers kept and the charter', async () => {
    let kept: { partners?: unknown } = {};
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'yes' },
      { at: /^Partner 2: name/, type: 'Boston Borough Council' },
      { at: /^Partner 2\b.*: type/, choose: BACK },
      { at: /^Partner 2: name/, type: '<' },
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: 'no', check: () => (kept = parse(readFileSync(recoveryPath(shownDir(), 'charter.yaml'), 'utf8')) as typeof kept) },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(kept.partners).toEqual([PARTNER_ONE]);
    expect(charter!.partners).toEqual([PARTNER_ONE]);
  });

  it('after the list: back from the question after it, through the no and the last item, to "Add another partner?": no takes that item away, and the question the person was at comes again', async () => {
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'yes' },
      { at: /^Partner 2: name/, type: 'Boston Borough Council' },
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: BACK },
      { at: /^Add another partner\?/, choose: BACK },
      { at: /^Partner 2\b.*: commits to/, tick: [BACK] },
      { at: /^Partner 2\b.*: contribution/, type: '<' },
      { at: /^Partner 2\b.*: role/, type: '<' },
      { at: /^Partner 2\b.*: type/, choose: BACK },
      { at: /^Partner 2: name/, type: '<' },
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([PARTNER_ONE]);
  });

  it('from "Add another partner?" itself: back to the last question of the partner before, and its corrected answer saved', async () => {
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: BACK },
      { at: /^Partner 1\b.*: commits to/, tick: ['implementation'] },
      { at: /^Add another partner\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([{ ...PARTNER_ONE, commits_to: ['implementation'] }]);
  });

  it('from "Add another partner?" asked again from the new item: back once more reaches the partner before, then the new item goes on', async () => {
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'yes' },
      { at: /^Partner 2: name/, type: '<' },
      { at: /^Add another partner\?/, choose: BACK },
      { at: /^Partner 1\b.*: commits to/, tick: ['implementation'] },
      { at: /^Add another partner\?/, choose: 'yes', check: yesIsTheDefault(/^Add another partner\?/) },
      { at: /^Partner 2: name/, type: 'Boston Borough Council' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([{ ...PARTNER_ONE, commits_to: ['implementation'] }, expect.objectContaining({ name: 'Boston Borough Council' })]);
  });

  const noIsTheDefault = (message: RegExp) => () => expect(lastShown(message).default).toBe(false);

  it('after the list: back from the question after it reaches the no that ended the list; yes there asks the new partner, then the question the person was at', async () => {
    let kept: { partners?: unknown[] } = {};
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: BACK },
      { at: /^Add another partner\?/, choose: 'yes', check: noIsTheDefault(/^Add another partner\?/) },
      { at: /^Partner 2: name/, type: 'Boston Borough Council' },
      { at: /^Partner 2\b.*: type/, choose: 'local-authority' },
      { at: /^Add another partner\?/, choose: 'no', check: () => (kept = parse(readFileSync(recoveryPath(shownDir(), 'charter.yaml'), 'utf8')) as typeof kept) },
      { at: /^Add a stakeholder\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(kept.partners).toEqual([PARTNER_ONE, expect.objectContaining({ name: 'Boston Borough Council', type: 'local-authority' })]);
    expect(charter!.partners).toEqual([PARTNER_ONE, expect.objectContaining({ name: 'Boston Borough Council', type: 'local-authority' })]);
    expect([asked(/^Partner 1: name/), asked(/^Add a stakeholder\?/)]).toEqual([1, 2]);
  });

  it('after the list: back to the no that ended it, and no again: the list stays as it was and the question the person was at comes again', async () => {
    script.push(
      ...upToPartners,
      ...partnerOne,
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: BACK },
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([PARTNER_ONE]);
    expect(asked(/^Partner 2/)).toBe(0);
  });

  it('a list never started: back to "Add a partner?" answered no, and yes there asks the first partner', async () => {
    script.push(
      ...upToPartners,
      { at: /^Add a partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: BACK },
      { at: /^Add a partner\?/, choose: 'yes' },
      { at: /^Partner 1: name/, type: PARTNER_ONE.name },
      { at: /^Add another partner\?/, choose: 'no' },
      { at: /^Add a stakeholder\?/, choose: 'no' },
    );
    const { code, charter } = await init(2);
    expect(code).toBe(0);
    expect(charter!.partners).toEqual([expect.objectContaining({ name: PARTNER_ONE.name })]);
  });

  /** The gappy charter's four gaps answered, as `filled` writes them. */
  const gapsAnswered: Step[] = [
    { at: /^Need › Evidence/, type: 'Emergency admissions doubled since 2019' },
    { at: /^Need › Identified by/, choose: 'nhs' },
    { at: /^Resources › In place before start/, choose: 'yes' },
    { at: /^Governance › Decisions/, type: 'By consensus of the board' },
  ];
  const GAPS_FILLED = filled({ evidence: 'Emergency admissions doubled since 2019', identified_by: 'nhs', in_place_before_start: 'true', decisions: 'By consensus of the board' });
  const withoutRisks = (text: string) => text.replace(/^risks:\n( {2}.*\n)+/m, '');
  const withoutMilestones = (text: string) => text.replace(/^ {2}milestones:\n( {4}.*\n)+/m, '');
  const RISK = { risk: 'Practices cannot release nurse time', mitigation: 'Federation backfills sessions', owner: 'GP Federation' };
  const riskOne: Step[] = [
    { at: /^Risk 1: risk/, type: RISK.risk },
    { at: /^Risk 1\b.*: mitigation/, type: RISK.mitigation },
    { at: /^Risk 1\b.*: owner/, type: RISK.owner },
  ];

  it('in fix, a gap that is a list (no risks): back from the first question of the first and of a later item asks "Add ...?" again; the answers before are written once', async () => {
    script.push(
      ...gapsAnswered,
      { at: /^Add a risk\?/, choose: 'yes' },
      { at: /^Risk 1: risk/, type: '<' },
      { at: /^Add a risk\?/, choose: 'yes', check: yesIsTheDefault(/^Add a risk\?/) },
      ...riskOne,
      { at: /^Add another risk\?/, choose: 'yes' },
      { at: /^Risk 2: risk/, type: '<' },
      { at: /^Add another risk\?/, choose: 'no' },
    );
    const { code, text } = await fix(withoutRisks(GAPPY));
    expect(code).toBe(0);
    expect(parse(text)).toEqual({ ...(parse(withoutRisks(GAPS_FILLED)) as object), risks: [RISK] });
    expect(asked(/^Governance › Decisions/)).toBe(1);
  });

  it('in fix, back from a later gap into a list answered before it (the risks), through its no, to "Add a risk?": no takes the risk away, and fix goes on from there', async () => {
    script.push(
      ...gapsAnswered,
      { at: /^Add a risk\?/, choose: 'yes' },
      ...riskOne,
      { at: /^Add another risk\?/, choose: 'no' },
      { at: /^Add a milestone\?/, choose: BACK },
      { at: /^Add another risk\?/, choose: BACK },
      { at: /^Risk 1\b.*: owner/, type: '<' },
      { at: /^Risk 1\b.*: mitigation/, type: '<' },
      { at: /^Risk 1: risk/, type: '<' },
      { at: /^Add a risk\?/, choose: 'no' },
      { at: /^Add a milestone\?/, choose: 'no' },
    );
    const { code, text } = await fix(withoutMilestones(withoutRisks(GAPPY)));
    expect(code).toBe(0);
    expect(text).toBe(withoutMilestones(withoutRisks(GAPS_FILLED)));
    expect([asked(/^Governance › Decisions/), asked(/^Add a risk\?/), asked(/^Add a milestone\?/)]).toEqual([1, 2, 2]);
  });

  it('in fix, back from a later gap to the no that ended a list answered before it (the risks): yes asks a second risk, and both are written once', async () => {
    const RISK_TWO = { risk: 'The shared record is late', mitigation: 'Paper notes meanwhile', owner: 'ICB digital lead' };
    script.push(
      ...gapsAnswered,
      { at: /^Add a risk\?/, choose: 'yes' },
      ...riskOne,
      { at: /^Add another risk\?/, choose: 'no' },
      { at: /^Add a milestone\?/, choose: BACK },
      { at: /^Add another risk\?/, choose: 'yes' },
      { at: /^Risk 2: risk/, type: RISK_TWO.risk },
      { at: /^Risk 2\b.*: mitigation/, type: RISK_TWO.mitigation },
      { at: /^Risk 2\b.*: owner/, type: RISK_TWO.owner },
      { at: /^Add another risk\?/, choose: 'no' },
      { at: /^Add a milestone\?/, choose: 'no' },
    );
    const { code, text } = await fix(withoutMilestones(withoutRisks(GAPPY)));
    expect(code).toBe(0);
    expect(parse(text)).toEqual({ ...(parse(withoutMilestones(withoutRisks(GAPS_FILLED))) as object), risks: [RISK, RISK_TWO] });
    expect(asked(/^Governance › Decisions/)).toBe(1);
  });
});
