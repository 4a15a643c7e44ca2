// Going back at a terminal, from every kind of prompt: init run in-process with the terminal's
// prompter, its prompts (inquirer's) answered by a scripted keyboard; each test reads the charter
// it saves.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTerminal } from './helpers.js';

type Config = { message: string; default?: unknown; choices?: { name: string; value: unknown }[] };
/** One key press or answer: for the prompt whose message matches `at`, the text typed or the entry chosen. */
type Step = { at: RegExp; type?: string; choose?: string; check?: () => void };
const script: Step[] = [];
const shown: { prompt: string; config: Config }[] = [];
let stopAfter = 1;

const keyboard = (prompt: string) => async (config: Config) => {
  shown.push({ prompt, config });
  const step = script[0];
  if (step && step.at.test(config.message)) {
    script.shift();
    step.check?.();
    if (step.choose === undefined) return step.type;
    const entry = config.choices!.find((choice) => choice.name === step.choose);
    expect(entry, `"${step.choose}" offered at "${config.message}"`).toBeDefined();
    return entry!.value;
  }
  // Not in the script: Enter, except that the person saves and stops after `stopAfter` sections.
  if (config.message === 'Go on?') return (stopAfter -= 1) > 0;
  if (config.message.startsWith('Leave it as not known yet?')) return true;
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
const { loadSetup } = await import('../src/cli/setup.js');
const { nodeFileSystem } = await import('../src/io/file-system.js');
const setup = await loadSetup({ none: true }, { files: nodeFileSystem, now: Date.now });

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

const asked = (message: RegExp) => shown.filter(({ config }) => message.test(config.message)).length;

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
