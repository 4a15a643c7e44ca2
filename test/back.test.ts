// Going back at a terminal, from every kind of prompt: init run in-process with the terminal's
// prompter, its prompts (inquirer's) answered by a scripted keyboard; each test reads the charter
// it saves.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
