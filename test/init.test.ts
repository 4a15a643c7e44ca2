// The questionnaire: a full init, --fix closing gaps without touching the rest of the file, the
// overwrite question, no terminal, an interrupted run, and the real binary under a terminal.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInit } from '../src/cli/init.js';
import { loadSchemas } from '../src/io/builtin.js';
import { nodeFileSystem } from '../src/io/file-system.js';
import { charterShape, findShape, type Field, type Shape } from '../src/questionnaire/fields.js';
import { parse as parseYaml } from 'yaml';
import { AnswersPrompter, type Prompter, type Question } from '../src/questionnaire/prompter.js';
import { ROOT, fakeTerminal, jsonReport, loadBuiltSetup, runCli } from './helpers.js';
import { person } from './person.js';
import { valueAtPointer } from '../src/core/pointer.js';

const setup = await loadBuiltSetup({ none: true }, { files: nodeFileSystem, now: Date.now });
const strongText = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
const halfDoneText = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'partner-check-init-'));
}

describe('init', () => {
  it('a full init answered well writes a valid charter that scores at least 85', async () => {
    const dir = freshDir();
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, strongText);
    const { code, stderr } = await runCli(['init', '--answers', answers, '-o', 'charter.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toContain('wrote charter.yaml');
    const written = readFileSync(join(dir, 'charter.yaml'), 'utf8');
    // Editors find the schema with no network: a path from the charter's folder to the installed tool's copy.
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(written)![1]!;
    expect(schema).not.toMatch(/^[a-z]+:/);
    expect(schema.endsWith('schemas/charter.schema.json')).toBe(true);
    expect(resolve(dir, schema)).toBe(join(ROOT, 'schemas/charter.schema.json'));
    expect(written).toContain('charter: 1\n');
    expect(written).not.toContain('why:'); // the questionnaire's explanations stay out of the data
    const { run } = await jsonReport([join(dir, 'charter.yaml')]);
    expect(run.charters[0]!.score).toBeGreaterThanOrEqual(85);
    expect(run.charters[0]!.findings.filter((finding) => finding.area === 'structure')).toEqual([]);
  });

  it('takes money, decimals and dates as people write them, in an answers file too, and stores them as the schema wants', async () => {
    const dir = freshDir();
    const typed = halfDoneText
      .replace(/^(\s+start:).*$/m, '$1 1 April 2025')
      .replace(/amount: \d+/, "amount: '£250,000'")
      .replace(/fte: [\d.]+/, 'fte: 1.6');
    expect(typed).toContain("amount: '£250,000'");
    writeFileSync(join(dir, 'answers.yaml'), typed);
    expect((await runCli(['init', '--answers', 'answers.yaml', '-o', 'charter.yaml'], { cwd: dir })).code).toBe(0);
    const written = parseYaml(readFileSync(join(dir, 'charter.yaml'), 'utf8'));
    expect(written.plan.start).toBe('2025-04-01');
    expect(written.resources.funding[0].amount).toBe(250000);
    expect(written.resources.people[0].fte).toBe(1.6);
    const { run } = await jsonReport([join(dir, 'charter.yaml')]);
    expect(run.charters[0]!.findings.filter((finding) => finding.area === 'structure')).toEqual([]);
  });

  it('asks money where the schema counts pounds and decimals wherever it takes a number', () => {
    const schemas = loadSchemas();
    const shape = charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>);
    const kindAt = (pointer: string) => (findShape(shape, pointer) as { field: Field }).field;
    expect(kindAt('/resources/funding/0/amount')).toMatchObject({ kind: 'money', minimum: 0 });
    expect(kindAt('/resources/in_kind/0/value')).toMatchObject({ kind: 'money', minimum: 0 });
    expect(kindAt('/resources/people/0/fte')).toMatchObject({ kind: 'number', minimum: 0 });
    expect(kindAt('/resources/people/0/fte').integer).toBeUndefined();
    expect(kindAt('/plan/start').kind).toBe('date');
    expect(kindAt('/partners/0/commits_to')).toMatchObject({ kind: 'choiceList', choices: ['development', 'implementation', 'delivery'], gate: true });
    expect(kindAt('/outcomes/0/kind')).toMatchObject({ kind: 'choice', gate: true });
    expect(kindAt('/outcomes/0/kind').why).toBeTruthy();
  });

  it('--answers keeps every answer, waivers included', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'answers.yaml'), halfDoneText);
    expect((await runCli(['init', '--answers', 'answers.yaml', '-o', 'charter.yaml'], { cwd: dir })).code).toBe(0);
    const { run } = await jsonReport([join(dir, 'charter.yaml')]);
    const waived = run.charters[0]!.criteria.find((criterion) => criterion.id === 'PC-STAKE-007')!;
    expect(waived).toMatchObject({ status: 'waived', waiver: { reason: 'planned', note: 'Diabetes UK local group to be invited once the pilot clinic runs.' } });
    expect(run.charters[0]!.score).toBe((await jsonReport([join(ROOT, 'examples/diabetes-acs-pathway.yaml')])).run.charters[0]!.score);
  });

  it('asks the project first, then every gate question, then area by area, with the score so far after each', async () => {
    const dir = freshDir();
    const asked: string[] = [];
    const said: string[] = [];
    const prompter = new AnswersPrompter(parseYaml(halfDoneText), {}, (text) => said.push(text));
    const recording: Prompter = Object.assign(prompter, {
      value: async (question: Question) => (asked.push(question.pointer), AnswersPrompter.prototype.value.call(prompter, question)),
    });
    const { terminal } = fakeTerminal(dir);
    expect(await runInit({ output: 'charter.yaml' }, setup, terminal, recording)).toBe(0);
    const position = (pointer: string) => asked.indexOf(pointer);
    expect(position('/title')).toBe(0);
    // Gates (the need, the exit strategy) before what no gate needs (patient data, risks).
    expect(position('/need/statement')).toBeLessThan(position('/information/patient_data'));
    expect(position('/plan/exit')).toBeLessThan(position('/need/population'));
    expect(position('/plan/exit')).toBeLessThan(position('/risks/0/risk') === -1 ? Infinity : position('/risks/0/risk'));
    // A partner's gate fields first, its lead later, in the governance area.
    expect(position('/partners/0/name')).toBeLessThan(position('/governance/board/name'));
    expect(position('/partners/0/lead/name')).toBeGreaterThan(position('/plan/exit'));
    expect(new Set(asked).size).toBe(asked.length); // nothing asked twice
    expect(said.filter((text) => text.startsWith('Readiness so far:')).length).toBeGreaterThan(5);
    expect(said).toContain('\nWhat every gate needs: the charter cannot pass without these');
    // Every field a gate reads is asked there, a partner's stages (ABPI red 5) and an outcome's kind (red 6) too.
    const firstArea = said.indexOf('\nNeed');
    expect(firstArea).toBeGreaterThan(-1);
    expect(position('/partners/0/commits_to')).toBeLessThan(position('/need/population'));
    expect(position('/outcomes/0/kind')).toBeLessThan(position('/need/population'));
    // The section ends naming each gate still failing and the question that would close it.
    const gateLines = said.filter((text) => text.startsWith('  ✖ PC-'));
    expect(gateLines.length).toBeGreaterThan(0);
    for (const line of gateLines) expect(line).toMatch(/^ {2}✖ PC-[A-Z0-9-]+( \(.+?\))? .+: (answer .+|the report below says what it needs)$/);
    expect(said.indexOf(gateLines[0]!)).toBeLessThan(firstArea);
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toContain('population:');
  });

  it('makes the ids (G1, O1), offers the goals that exist for an outcome, and names the item of every repeated question', async () => {
    const dir = freshDir();
    const full = parseYaml(readFileSync(join(ROOT, 'examples/copd-joint-working.yaml'), 'utf8'));
    // The commissioner's notes have no ids: they are made. The outcomes' goals are chosen from the goals made.
    const notes = structuredClone(full);
    for (const item of [...notes.goals, ...notes.outcomes]) delete item.id;
    const schemas = loadSchemas();
    const shape = charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>);
    const commissioner = person(notes, shape);
    const { terminal } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({ output: 'charter.yaml' }, setup, terminal, commissioner)).toBe(0);
    const written = parseYaml(readFileSync(join(dir, 'charter.yaml'), 'utf8'));
    for (const list of ['/partners', '/stakeholders', '/goals', '/outcomes', '/resources/funding', '/resources/people', '/resources/in_kind', '/plan/milestones', '/risks']) {
      expect(valueAtPointer(written, list), list).toEqual(valueAtPointer(full, list));
    }
    const made = commissioner.asked.filter(({ question }) => question.made !== undefined).map(({ question }) => `${question.pointer} ${question.made}`);
    expect(made).toEqual(['/goals/0/id G1', '/goals/1/id G2', '/outcomes/0/id O1', '/outcomes/1/id O2', '/outcomes/2/id O3']);
    const goalOfOutcome = commissioner.asked.find(({ question }) => question.pointer === '/outcomes/2/goal')!.question;
    expect(goalOfOutcome.choices).toEqual(['G1', 'G2']);
    // Every question about an item of a list says which: its place, and its name once it has one.
    const repeated = commissioner.asked.filter(({ question }) => /\/\d+\//.test(question.pointer));
    expect(repeated.length).toBeGreaterThan(60);
    for (const { question } of repeated) expect(question.label, question.pointer).toMatch(/^[A-Z][a-z ]+ \d+(, .+)?: ([a-z]|[A-Z]{2}).*$/);
    expect(repeated.find(({ question }) => question.pointer === '/partners/1/lead/role')!.question.label).toBe('Partner 2, Northern Lincolnshire and Goole NHS Foundation Trust: lead\'s role');
  });

  it('words a person reads: abbreviations spelled out, no underscores, each field described by the schema', () => {
    const schemas = loadSchemas();
    const shape = charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>);
    const fields: Field[] = [];
    const nouns: string[] = [];
    const walk = (node: Shape): void => {
      if (node.type === 'field') fields.push(node.field);
      else if (node.type === 'list') {
        nouns.push(node.noun);
        walk(node.item);
      }
      else for (const [, child] of node.properties) walk(child);
    };
    walk(shape);
    const label = (pattern: string) => fields.find((field) => field.pattern === pattern)!.label;
    expect(label('/goals/*/benefits/nhs')).toBe('Goals › Benefits › NHS');
    expect(label('/information/dpia')).toBe('Information › DPIA (data protection impact assessment)');
    expect(label('/resources/people/*/fte')).toBe('Resources › People › FTE (whole-time equivalents)');
    for (const field of fields) {
      expect(field.label, field.pattern).not.toMatch(/_|\b(Nhs|Dpia|Fte|Abpi|Icb|Id)\b/);
      if (!field.pattern.startsWith('/x-')) expect(field.description, field.pattern).toBeTruthy();
    }
    for (const noun of nouns) expect(noun).not.toContain('_');
    expect(nouns).toContain('contribution in kind');
  });

  it('asks the start and end with the project, before any milestone, and never stops before a section with nothing to ask', async () => {
    const dir = freshDir();
    const events: string[] = [];
    const prompter = new AnswersPrompter(parseYaml(halfDoneText), {}, (text) => events.push(`say ${text.trim()}`));
    const recording: Prompter = Object.assign(prompter, {
      value: async (question: Question) => (events.push(question.pointer), AnswersPrompter.prototype.value.call(prompter, question)),
      addItem: async (pointer: string) => (events.push(`add ${pointer}`), AnswersPrompter.prototype.addItem.call(prompter, pointer)),
      continueWith: async (next: string) => (events.push(`go on to ${next}`), true),
    });
    const { terminal } = fakeTerminal(dir);
    expect(await runInit({ output: 'charter.yaml' }, setup, terminal, recording)).toBe(0);
    expect(events.indexOf('/plan/start')).toBeGreaterThan(-1);
    expect(events.indexOf('/plan/start')).toBeLessThan(events.indexOf('add /plan/milestones/0'));
    expect(events.indexOf('/plan/end')).toBeLessThan(events.indexOf('/need/statement'));
    // Sections with nothing left to ask (here, three of them) are passed over without a stop.
    const stops = events.filter((event) => event.startsWith('go on to ')).length;
    expect(stops).toBeLessThan(setup.criteria.areas.length + 3 - 1);
    // Each "go on to X" is followed by X's title and then at least one question.
    for (const [index, event] of events.entries()) {
      if (!event.startsWith('go on to ')) continue;
      const title = event.slice('go on to '.length);
      const at = events.indexOf(`say ${title}`, index);
      expect(at, title).toBeGreaterThan(index);
      expect(events[at + 1], title).toMatch(/^(\/|add \/)/);
    }
  });

  it('saves what there is and stops when told to after a section', async () => {
    const dir = freshDir();
    const prompter = new AnswersPrompter(parseYaml(strongText));
    const stopAfterProject: Prompter = Object.assign(prompter, { continueWith: async () => false });
    const { terminal } = fakeTerminal(dir);
    expect(await runInit({ output: 'charter.yaml' }, setup, terminal, stopAfterProject)).toBe(0);
    const written = readFileSync(join(dir, 'charter.yaml'), 'utf8');
    expect(written).toContain('title: Community Elderly Care Service');
    expect(written).not.toContain('need:');
  });

  it('the report shown before saving gives the saved file\'s line numbers', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'answers.yaml'), halfDoneText);
    const shown = await runCli(['init', '--answers', 'answers.yaml', '-o', 'charter.yaml'], { cwd: dir });
    expect(shown.code).toBe(0);
    const checked = await runCli(['charter.yaml'], { cwd: dir });
    // Each finding with its place: PC-NEED-001 at 7:1.
    const places = (text: string) => [...text.matchAll(/:(\d+):(\d+)\s+\S+\s+(PC-[A-Z0-9-]+)/g)].map((match) => `${match[3]} at ${match[1]}:${match[2]}`).sort();
    expect(places(shown.stdout).length).toBeGreaterThan(3);
    expect(places(shown.stdout)).toEqual(places(checked.stdout));
  });

  it('never overwrites an existing file without being told to', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'answers.yaml'), 'title: New\n');
    writeFileSync(join(dir, 'charter.yaml'), 'charter: 1\ntitle: Mine, keep it\n');
    const refused = await runCli(['init', '--answers', 'answers.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('charter.yaml already exists; add --force to overwrite it');
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toBe('charter: 1\ntitle: Mine, keep it\n');
    expect((await runCli(['init', '--answers', 'answers.yaml', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toContain('title: New');
  });

  it('asks before overwriting, and saves elsewhere when told no', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'charter.yaml'), 'title: Mine, keep it\n');
    const prompter = new AnswersPrompter({ title: 'Asked' }, { confirms: [false], inputs: ['charter.yaml', 'other.yaml'] });
    const { terminal } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({}, setup, terminal, prompter)).toBe(0);
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toBe('title: Mine, keep it\n');
    expect(readFileSync(join(dir, 'other.yaml'), 'utf8')).toContain('title: Asked');
  });

  it('with no terminal and no answers file, exits 2 and points at --answers', async () => {
    const { code, stderr, stdout } = await runCli(['init'], { cwd: freshDir() });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('partner-check: init asks questions and needs a terminal; to run without one, give the answers in a file: --answers answers.yaml\n');
    // fix is named as fix.
    const dir = freshDir();
    writeFileSync(join(dir, 'c.yaml'), readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8'));
    expect((await runCli(['fix', 'c.yaml'], { cwd: dir })).stderr).toBe('partner-check: fix asks questions and needs a terminal; to run without one, give the answers in a file: --answers answers.yaml\n');
  });

  it('an interrupted run exits 130 keeping every answer given, and init --resume goes on from them', async () => {
    const dir = freshDir();
    let asked = 0;
    const interrupted: Prompter = Object.assign(new AnswersPrompter({}), {
      value: async (question: Question) => {
        asked += 1;
        if (asked === 3) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
        return question.pointer === '/title' ? 'Falls prevention in Boston' : 'Fewer falls among over-65s.';
      },
    });
    const { terminal, out } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({}, setup, terminal, interrupted)).toBe(130);
    expect(out.stderr).toBe('\npartner-check: cancelled; your answers so far are kept in charter.yaml.answers-so-far.yaml; go on with: partner-check init --resume\n');
    expect(readdirSync(dir)).toEqual(['charter.yaml.answers-so-far.yaml']);
    expect(parseYaml(readFileSync(join(dir, 'charter.yaml.answers-so-far.yaml'), 'utf8'))).toEqual({ title: 'Falls prevention in Boston', summary: 'Fewer falls among over-65s.' });

    // Going on: what was answered is not asked again, and the charter saved holds it.
    const again: string[] = [];
    const resumed: Prompter = Object.assign(new AnswersPrompter({ status: 'draft' }), {
      value: async (question: Question) => (again.push(question.pointer), AnswersPrompter.prototype.value.call(resumed, question)),
      continueWith: async () => false,
    });
    const second = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({ resume: true }, setup, second.terminal, resumed)).toBe(0);
    expect(again).not.toContain('/title');
    expect(again).toContain('/status');
    const written = parseYaml(readFileSync(join(dir, 'charter.yaml'), 'utf8'));
    expect(written).toMatchObject({ title: 'Falls prevention in Boston', summary: 'Fewer falls among over-65s.', status: 'draft' });
    // Saved, the kept answers are gone.
    expect(readdirSync(dir)).toEqual(['charter.yaml']);
  });

  it('an answer corrected by going back is the one saved', async () => {
    const dir = freshDir();
    const prompter = new AnswersPrompter({ title: 'Falls prevention in Bostn', status: 'draft' });
    // At the summary the person goes back (< at a terminal) and mends the title: the terminal calls the title question's correct().
    let titleQuestion: Question | undefined;
    const goesBack: Prompter = Object.assign(prompter, {
      value: async (question: Question) => {
        if (question.pointer === '/title') titleQuestion = question;
        if (question.pointer === '/summary') await titleQuestion!.correct!('Falls prevention in Boston');
        return AnswersPrompter.prototype.value.call(prompter, question);
      },
      continueWith: async () => false,
    });
    const { terminal } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({}, setup, terminal, goesBack)).toBe(0);
    expect(parseYaml(readFileSync(join(dir, 'charter.yaml'), 'utf8')).title).toBe('Falls prevention in Boston');
  });

  it('init --resume with nothing kept says so and exits 2', async () => {
    const { terminal, out } = fakeTerminal(freshDir(), { stdinIsTTY: true });
    expect(await runInit({ resume: true }, setup, terminal, new AnswersPrompter({}))).toBe(2);
    expect(out.stderr).toBe('partner-check: no answers to go on from: charter.yaml.answers-so-far.yaml cannot be read\n');
  });
});

describe('fix', () => {
  it('closes two gaps, raises the score and leaves every other byte of the file alone', async () => {
    const dir = freshDir();
    const charter = join(dir, 'charter.yaml');
    writeFileSync(charter, halfDoneText);
    writeFileSync(
      join(dir, 'answers.yaml'),
      'governance:\n  disputes: Raised at the project group; escalated to the ICB director within 30 days.\nplan:\n  exit: If uptake is under 40% at six months the group stops; patients return to usual care.\n',
    );
    const before = (await jsonReport([charter])).run.charters[0]!.score;
    const { code, stdout } = await runCli(['fix', 'charter.yaml', '--answers', 'answers.yaml'], { cwd: dir });
    expect(code).toBe(0);
    const after = (await jsonReport([charter])).run.charters[0]!.score;
    expect(after).toBeGreaterThan(before);
    expect(stdout).toContain(`Readiness ${before} → ${after}/100`);

    const fixed = readFileSync(charter, 'utf8');
    const added = ['  disputes: Raised at the project group; escalated to the ICB director within 30 days.', '  exit: If uptake is under 40% at six months the group stops; patients return to usual care.'];
    // Removing the two added lines gives back the original file exactly: comments, order, folding.
    expect(fixed.split('\n').filter((line) => !added.includes(line)).join('\n')).toBe(halfDoneText);
    expect(fixed).toContain('# A typical half-done charter');
    for (const line of added) expect(fixed.split('\n')).toContain(line);
  });

  it('init --fix is the same command', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'charter.yaml'), halfDoneText);
    writeFileSync(join(dir, 'answers.yaml'), 'plan:\n  contingency: The group meets within a week of any change in guidance.\n');
    expect((await runCli(['init', '--fix', 'charter.yaml', '--answers', 'answers.yaml'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toContain('  contingency: The group meets within a week');
  });
});

