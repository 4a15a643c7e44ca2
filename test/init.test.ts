// The questionnaire: a full init, --fix closing gaps without touching the rest of the file, the
// overwrite question, no terminal, an interrupted run, and the real binary under a terminal.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInit } from '../src/cli/init.js';
import { loadSetup } from '../src/cli/setup.js';
import { nodeFileSystem } from '../src/io/file-system.js';
import { parse as parseYaml } from 'yaml';
import { AnswersPrompter, type Prompter, type Question } from '../src/questionnaire/prompter.js';
import { ROOT, fakeTerminal, jsonReport, runCli } from './helpers.js';

const setup = await loadSetup({ none: true }, { files: nodeFileSystem, now: Date.now });
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
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toContain('population:');
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
  });

  it('an interrupted run exits 130 and leaves no file behind', async () => {
    const dir = freshDir();
    let asked = 0;
    const interrupted: Prompter = Object.assign(new AnswersPrompter({ title: 'x' }), {
      value: async () => {
        asked += 1;
        if (asked === 3) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
        return 'an answer';
      },
    });
    const { terminal, out } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({}, setup, terminal, interrupted)).toBe(130);
    expect(out.stderr).toBe('\npartner-check: cancelled; nothing was written\n');
    expect(readdirSync(dir)).toEqual([]);
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

