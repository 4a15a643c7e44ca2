// The questionnaire at a terminal, as a commissioner meets it: the prompts it opens (inquirer's,
// replaced here by recorders that answer as a person pressing Enter would).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAjv } from '../src/core/ajv.js';
import type { Field } from '../src/questionnaire/fields.js';
import { ROOT } from './helpers.js';

type Call = { prompt: string; config: Record<string, unknown> };
const calls: Call[] = [];
// What each prompt answers when the person presses Enter: its default, or blank.
const pressEnter = (prompt: string) => async (config: Record<string, unknown>) => {
  calls.push({ prompt, config });
  if (prompt === 'select') return config['default'] ?? (config['choices'] as { value: unknown }[])[0]!.value;
  return config['default'] ?? (prompt === 'confirm' ? true : '');
};
vi.mock('@inquirer/prompts', () => ({
  checkbox: vi.fn(pressEnter('checkbox')),
  confirm: vi.fn(pressEnter('confirm')),
  editor: vi.fn(pressEnter('editor')),
  input: vi.fn(pressEnter('input')),
  number: vi.fn(pressEnter('number')),
  select: vi.fn(pressEnter('select')),
}));

const { TerminalPrompter } = await import('../src/questionnaire/prompter.js');
const { askShape } = await import('../src/questionnaire/ask.js');

const field = (pattern: string, kind: Field['kind'], extra: Partial<Field> = {}): Field => ({ pattern, kind, label: pattern, ...extra });
const prompter = (options: Partial<{ hasEditor: boolean; columns: number }> = {}, written: string[] = []) =>
  new TerminalPrompter((text) => void written.push(text), { color: false, hasEditor: false, ...options });

beforeEach(() => void calls.splice(0));

describe('the questionnaire at a terminal', () => {
  it('opens an editor for a long answer only when $VISUAL or $EDITOR is set; otherwise asks line by line', async () => {
    await prompter({ hasEditor: false }).value({ pointer: '/summary', field: field('/summary', 'longtext') });
    expect(calls.map((call) => call.prompt)).toEqual(['input']);
    expect(calls[0]!.config['message']).toMatch(/several lines; an empty line ends it/);
    calls.splice(0);
    await prompter({ hasEditor: true }).value({ pointer: '/summary', field: field('/summary', 'longtext') });
    expect(calls.map((call) => call.prompt)).toEqual(['editor']);
  });

  it('takes several typed lines as one answer', async () => {
    const { input } = await import('@inquirer/prompts');
    const typed = ['First line.', 'Second line.', ''];
    vi.mocked(input).mockImplementation((async () => typed.shift()!) as unknown as typeof input);
    expect(await prompter().value({ pointer: '/summary', field: field('/summary', 'longtext') })).toBe('First line.\nSecond line.');
    vi.mocked(input).mockImplementation(pressEnter('input') as unknown as typeof input);
  });

  it('has no default that changes the verdict: Enter on yes/no leaves it out, and patient data must be answered', async () => {
    const { select } = await import('@inquirer/prompts');
    expect(await prompter().value({ pointer: '/resources/in_place_before_start', field: field('/resources/in_place_before_start', 'boolean') })).toBeUndefined();
    expect((calls[0]!.config['choices'] as { name: string }[]).map((choice) => choice.name)).toEqual(['(leave out)', 'yes', 'no', '‹ Back to the question before']);
    calls.splice(0);
    const pressed = [undefined, false]; // Enter on no answer, then "no"
    vi.mocked(select).mockImplementation((async (config: Record<string, unknown>) => (calls.push({ prompt: 'select', config }), pressed.shift())) as unknown as typeof select);
    expect(await prompter().value({ pointer: '/information/patient_data', field: field('/information/patient_data', 'boolean', { decides: true }) })).toBe(false);
    vi.mocked(select).mockImplementation(pressEnter('select') as unknown as typeof select);
    expect(calls.map((call) => call.config['message'])).toEqual(['/information/patient_data', '/information/patient_data (this one must be answered: it decides which criteria apply)']);
    expect(calls[0]!.config['default']).toBeUndefined();
  });

  it('starts a choice on no answer, and asks again until a choice that decides which criteria apply is made', async () => {
    const { select } = await import('@inquirer/prompts');
    const pressed = ['', 'industry']; // Enter, then a choice
    vi.mocked(select).mockImplementation((async (config: { choices: { value: unknown }[] }) => (calls.push({ prompt: 'select', config }), config.choices.find((choice) => choice.value === pressed[0])?.value ?? (pressed.shift(), undefined))) as unknown as typeof select);
    const answer = await prompter().value({ pointer: '/partners/0/type', field: field('/partners/*/type', 'choice', { choices: ['nhs-trust', 'industry'], decides: true }) });
    vi.mocked(select).mockImplementation(pressEnter('select') as unknown as typeof select);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.config['message']).toMatch(/must be answered/);
    expect((calls[0]!.config['choices'] as { value: unknown }[])[0]!.value).toBeUndefined(); // the cursor starts on no answer
    expect(answer).toBe('industry');
  });

  it('Enter on "add another?" adds nothing, and no empty item is written', async () => {
    const shape = { type: 'list' as const, pattern: '/resources/funding', label: 'Funding', noun: 'funding source', item: { type: 'object' as const, pattern: '/resources/funding/*', label: '', properties: [['committed', { type: 'field' as const, field: field('/resources/funding/*/committed', 'boolean') }]] as [string, { type: 'field'; field: Field }][] } };
    expect(await askShape(shape, '/resources/funding', prompter())).toBeUndefined();
    expect(calls[0]).toMatchObject({ prompt: 'select', config: { default: false, message: 'Add a funding source?' } });
    calls.splice(0);
    await prompter().addItem('/outcomes/0', 'outcome', true);
    await prompter().addItem('/outcomes/1', 'outcome', false);
    expect(calls.map((call) => call.config['message'])).toEqual(['Add an outcome?', 'Add another outcome?']);
  });

  it('takes a date, e-mail or web address only when the charter schema accepts it', async () => {
    const charterSchema = JSON.parse(readFileSync(`${ROOT}/schemas/charter.schema.json`, 'utf8')) as { properties: Record<string, { properties: Record<string, unknown> }>; $defs: Record<string, object> };
    const ajv = createAjv();
    const schemaAccepts = {
      email: ajv.compile(charterSchema.properties['contact']!.properties['email'] as object),
      uri: ajv.compile((charterSchema.properties['governance']!.properties['agreement'] as { properties: Record<string, object> }).properties['published_summary']!),
      date: ajv.compile(charterSchema.$defs['date']!),
    };
    // What the prompt tells the person typing: true, or why the answer is refused.
    const promptSays = async (kind: 'email' | 'uri' | 'date', typed: string) => {
      calls.splice(0);
      await prompter().value({ pointer: '/contact/email', field: field('/contact/email', kind) });
      return (calls.at(-1)!.config['validate'] as (text: string) => true | string)(typed);
    };
    const answers = {
      email: ['jo.bloggs@nhs.net', 'jo..bloggs@nhs.net', 'jo@nhs_trust.net', 'jo bloggs@nhs.net', 'jo@nhs.', '.jo@nhs.net'],
      uri: ['https://www.england.nhs.uk/partnerships', 'https://example.org/a b', 'www.nhs.uk', 'mailto:jo@nhs.net'],
      date: ['2024-02-29', '2025-02-29', '2025-13-01', '0099-01-01', '2025-4-1'],
    };
    for (const [kind, typed] of Object.entries(answers) as [keyof typeof answers, string[]][]) {
      for (const answer of typed) expect((await promptSays(kind, answer)) === true, `${kind} '${answer}'`).toBe(schemaAccepts[kind](answer));
    }
    // The old prompt's check (something@something.something) let this through; the schema refuses a double dot.
    expect(await promptSays('email', 'jo..bloggs@nhs.net')).toBe('Write an e-mail address, e.g. jo.bloggs@nhs.net.');
  });

  it('takes numbers, money and dates in the forms people type, stored as the schema wants them', async () => {
    const { input } = await import('@inquirer/prompts');
    const charterSchema = JSON.parse(readFileSync(`${ROOT}/schemas/charter.schema.json`, 'utf8')) as { $defs: Record<string, object> };
    const schemaDate = createAjv().compile(charterSchema.$defs['date']!);
    // What the person typing sees (true, or why the answer is refused), and what is stored when it is taken.
    const typedInto = async (kind: Field['kind'], typed: string, extra: Partial<Field> = {}) => {
      calls.splice(0);
      vi.mocked(input).mockImplementation((async (config: Record<string, unknown>) => (calls.push({ prompt: 'input', config }), typed)) as unknown as typeof input);
      const stored = await prompter().value({ pointer: '/x', field: field('/x', kind, extra) });
      vi.mocked(input).mockImplementation(pressEnter('input') as unknown as typeof input);
      const says = (calls.at(-1)!.config['validate'] as (text: string) => true | string)(typed);
      return { says, stored, message: calls.at(-1)!.config['message'] as string };
    };
    const fte = { minimum: 0 };
    // Whole-time equivalents: decimals, never "must be a multiple of 1".
    for (const [typed, stored] of [['1.6', 1.6], ['0.5', 0.5], ['.5', 0.5], ['2', 2], [' 2.5 ', 2.5]] as const) {
      expect(await typedInto('number', typed, fte), typed).toMatchObject({ says: true, stored });
    }
    // Money: the pound sign, thousands commas, k and m, GBP before or after; stored as a number of pounds.
    for (const [typed, stored] of [['£250,000', 250000], ['250,000', 250000], ['250k', 250000], ['£1.2m', 1200000], ['GBP 250,000', 250000], ['250000 GBP', 250000], ['£80,000.50', 80000.5], ['60000', 60000]] as const) {
      expect(await typedInto('money', typed, fte), typed).toMatchObject({ says: true, stored });
    }
    // Dates: day month year, or ISO; stored as ISO, which the schema's date format accepts.
    for (const [typed, stored] of [['1 April 2025', '2025-04-01'], ['2025-04-01', '2025-04-01'], ['31st Mar 2026', '2026-03-31'], ['April 1, 2025', '2025-04-01'], ['01/04/2025', '2025-04-01']] as const) {
      const answer = await typedInto('date', typed);
      expect(answer, typed).toMatchObject({ says: true, stored });
      expect(schemaDate(answer.stored)).toBe(true);
    }
    // A baseline or target (a number, or a number with its unit): 1180 typed is the number 1180, as
    // the charter's examples write it, not the text "1180"; 59% stays as typed.
    for (const [typed, stored] of [['1180', 1180], ['2.5', 2.5], ['59%', '59%'], ['about 400', 'about 400']] as const) {
      expect(await typedInto('text', typed, { numberOrText: true }), typed).toMatchObject({ says: true, stored });
    }
    // A refused answer says the form wanted, with an example.
    expect((await typedInto('number', 'one and a half', fte)).says).toBe('Write a number; decimals are fine, e.g. 1.6 or 0.5.');
    expect((await typedInto('number', '-1', fte)).says).toBe('It cannot be less than 0. Write a number; decimals are fine, e.g. 1.6 or 0.5.');
    expect((await typedInto('number', '1,6', fte)).says).toMatch(/e\.g\. 1\.6/);
    expect((await typedInto('money', 'a quarter of a million', fte)).says).toBe('Write an amount in pounds, e.g. £250,000, 250k or GBP 250,000.');
    expect((await typedInto('money', '$250,000', fte)).says).toBe('The amount is in pounds. Write an amount in pounds, e.g. £250,000, 250k or GBP 250,000.');
    expect((await typedInto('money', '£250,00', fte)).says).toMatch(/^Write an amount in pounds/);
    expect((await typedInto('date', 'next April')).says).toBe('Write a date, e.g. 1 April 2025 or 2025-04-01.');
    expect((await typedInto('date', '29 February 2025')).says).toBe('There is no such day. Write a date, e.g. 1 April 2025 or 2025-04-01.');
    expect((await typedInto('uri', 'www.nhs.uk')).says).toBe('Write the full web address, starting https://, e.g. https://www.example.nhs.uk/partnership.');
    // The prompt says the form before anything is typed.
    expect((await typedInto('money', '', fte)).message).toContain('(in pounds, e.g. £250,000 or 250k; < to go back)');
    expect((await typedInto('date', '')).message).toContain('(e.g. 1 April 2025; < to go back)');
  });

  it('names the item in the prompt, offers a reference as a choice of what exists, and does not ask a made id', async () => {
    const written: string[] = [];
    await prompter({}, written).value({ pointer: '/partners/1/lead/name', field: field('/partners/*/lead/name', 'text', { label: 'Partners › Lead › Name' }), label: 'Partner 2 of 4, University Hospitals of Leicester: lead\'s name' });
    expect(calls.at(-1)!.config['message']).toBe('Partner 2 of 4, University Hospitals of Leicester: lead\'s name (< to go back)');
    const goal = field('/outcomes/*/goal', 'text', { refersTo: { pattern: '/goals/*/id', open: false } });
    await prompter().value({ pointer: '/outcomes/0/goal', field: goal, choices: ['G1', 'G2'] });
    expect(calls.at(-1)).toMatchObject({ prompt: 'select' });
    expect((calls.at(-1)!.config['choices'] as { name: string }[]).map((choice) => choice.name)).toEqual(['(leave out)', 'G1', 'G2', '‹ Back to the question before']);
    // A funder need not be a partner: the list has a way to type another name.
    const from = field('/resources/funding/*/from', 'text', { refersTo: { pattern: '/partners/*/name', open: true } });
    await prompter().value({ pointer: '/resources/funding/0/from', field: from, choices: ['ICB'] });
    expect((calls.at(-1)!.config['choices'] as { name: string }[]).map((choice) => choice.name)).toEqual(['(leave out)', 'ICB', '(someone else: type the name)', '‹ Back to the question before']);
    calls.splice(0);
    expect(await prompter({}, written).value({ pointer: '/goals/2/id', field: field('/goals/*/id', 'text', { idPrefix: 'G' }), made: 'G3', label: 'Goal 3: id' })).toBe('G3');
    expect(calls).toEqual([]);
    expect(written.at(-1)).toBe('  Goal 3: id: G3 (made for you)\n');
  });

  it('never takes an empty Enter as the answer to a gate\'s question: it asks again, and ? says not known yet (a gap)', async () => {
    const { input, select } = await import('@inquirer/prompts');
    const gate = (kind: Field['kind'], extra: Partial<Field> = {}) => field('/governance/agreement/type', kind, { gate: true, ...extra });
    const validateOf = async (kind: Field['kind']) => {
      calls.splice(0);
      await prompter().value({ pointer: '/governance/agreement/type', field: gate(kind) });
      return calls[0]!.config['validate'] as (text: string) => true | string;
    };
    for (const kind of ['text', 'date', 'money', 'textList', 'longtext'] as const) {
      const validate = await validateOf(kind);
      expect(validate(''), kind).toMatch(/a gate needs this one|A gate needs this one/i);
      expect(validate('?'), kind).toBe(true);
      expect(calls[0]!.config['message'], kind).toMatch(/a gate needs it; \? if not known yet/);
    }
    // ? is the answer "not known yet": the field is left out, and stays a gap.
    vi.mocked(input).mockImplementation((async () => '?') as unknown as typeof input);
    for (const kind of ['text', 'date', 'textList', 'longtext'] as const) expect(await prompter().value({ pointer: '/x', field: gate(kind) }), kind).toBeUndefined();
    vi.mocked(input).mockImplementation(pressEnter('input') as unknown as typeof input);
    // A gate's choice (a yes or no too) left out by Enter is asked about once more, and asked again when the author says no.
    for (const [kind, answer] of [['choice', 'joint-working'], ['boolean', true]] as const) {
      const chosen: unknown[] = [undefined, false, answer]; // Enter on no answer, "no" to leaving it, then the answer
      vi.mocked(select).mockImplementation((async (config: Record<string, unknown>) => (calls.push({ prompt: 'select', config }), chosen.shift())) as unknown as typeof select);
      calls.splice(0);
      expect(await prompter().value({ pointer: '/x', field: gate(kind, { choices: ['joint-working'] }) }), kind).toBe(answer);
      expect(calls.map((call) => call.config['message'])).toEqual(['/governance/agreement/type', 'Leave it as not known yet? A gate needs it: the charter cannot pass until it is answered.', '/governance/agreement/type']);
    }
    vi.mocked(select).mockImplementation(pressEnter('select') as unknown as typeof select);
  });

  it('takes a list of words on one line, its items separated by commas, as the README says', async () => {
    expect(readFileSync(`${ROOT}/README.md`, 'utf8').replace(/\s+/g, ' ')).toContain('A list of words is typed on one line, its items separated by commas');
    const { input } = await import('@inquirer/prompts');
    vi.mocked(input).mockImplementation((async (config: Record<string, unknown>) => (calls.push({ prompt: 'input', config }), 'Breathe Well Partners,  BWP ,')) as unknown as typeof input);
    const aka = field('/partners/*/aka', 'textList');
    expect(await prompter().value({ pointer: '/partners/0/aka', field: aka })).toEqual(['Breathe Well Partners', 'BWP']);
    // One prompt for the whole list, which says how to type it.
    expect(calls.map((call) => call.prompt)).toEqual(['input']);
    expect(calls[0]!.config['message']).toMatch(/separate with commas/);
    vi.mocked(input).mockImplementation(pressEnter('input') as unknown as typeof input);
  });

  it('offers a list of allowed values (a partner\'s stages) to tick, never as words to type with commas', async () => {
    const { checkbox } = await import('@inquirer/prompts');
    vi.mocked(checkbox).mockImplementation((async (config: Record<string, unknown>) => (calls.push({ prompt: 'checkbox', config }), ['development', 'delivery'])) as unknown as typeof checkbox);
    const stages = field('/partners/*/commits_to', 'choiceList', { choices: ['development', 'implementation', 'delivery'], gate: true });
    expect(await prompter().value({ pointer: '/partners/0/commits_to', field: stages, current: ['delivery'] })).toEqual(['development', 'delivery']);
    expect(calls.at(-1)!.prompt).toBe('checkbox');
    expect(calls.at(-1)!.config['choices']).toEqual([
      { name: 'development', value: 'development', checked: false },
      { name: 'implementation', value: 'implementation', checked: false },
      { name: 'delivery', value: 'delivery', checked: true },
      expect.objectContaining({ name: '‹ Back to the question before', checked: false }),
    ]);
    vi.mocked(checkbox).mockImplementation(pressEnter('checkbox') as unknown as typeof checkbox);
  });

  it('< goes back to the question before, corrects its answer, then asks this one again', async () => {
    const { input } = await import('@inquirer/prompts');
    const typed = ['Falls prevention in Bostn', '<', 'Falls prevention in Boston', 'Fewer falls.'];
    vi.mocked(input).mockImplementation((async (config: Record<string, unknown>) => (calls.push({ prompt: 'input', config }), typed.shift())) as unknown as typeof input);
    const corrected: unknown[] = [];
    const terminal = prompter();
    expect(await terminal.value({ pointer: '/title', field: field('/title', 'text'), correct: async (value) => void corrected.push(value) })).toBe('Falls prevention in Bostn');
    expect(await terminal.value({ pointer: '/need/statement', field: field('/need/statement', 'text') })).toBe('Fewer falls.');
    // Undone at once (the kept answers lose it), then corrected.
    expect(corrected).toEqual([undefined, 'Falls prevention in Boston']);
    expect(calls.map((call) => call.config['message'])).toEqual(['/title (< to go back)', '/need/statement (< to go back)', '/title (< to go back)', '/need/statement (< to go back)']);
    // Asked again with the answer given as the default.
    expect(calls[2]!.config['default']).toBe('Falls prevention in Bostn');
    vi.mocked(input).mockImplementation(pressEnter('input') as unknown as typeof input);
  });

  it('wraps what it says to the terminal at word boundaries', async () => {
    const written: string[] = [];
    const why = 'State the problem in one or two sentences and the data that shows it (activity, outcomes, cost, inequality), and record that the NHS identified it.';
    await prompter({ columns: 50 }, written).value({ pointer: '/need/statement', field: field('/need/statement', 'text', { why }) });
    const lines = written.join('').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(why);
  });
});
