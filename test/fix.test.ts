// fix on real charters: empty values, aliases, flow maps with comments, block scalars, encodings,
// line ends, symlinks and modes; wrong answers, a file changed meanwhile and a failed save, with
// nothing typed lost. Run in-process where the binary adds nothing.
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from './fast-check.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runInit } from '../src/cli/init.js';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { setInText } from '../src/questionnaire/edit-text.js';
import { AnswersPrompter, type Prompter, type Question } from '../src/questionnaire/prompter.js';
import { loadSchemas } from '../src/io/builtin.js';
import { charterShape } from '../src/questionnaire/fields.js';
import { valueAtPointer } from '../src/core/pointer.js';
import { person } from './person.js';
import { ROOT, fakeTerminal, loadBuiltSetup, runCli } from './helpers.js';

const setup = await loadBuiltSetup({ none: true }, { files: nodeFileSystem, now: Date.now });

function fixture(name: string, content: string | Uint8Array): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-fix-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

async function fix(file: string, answers: unknown, prompter?: Prompter) {
  const { terminal, out } = fakeTerminal(join(file, '..'));
  const code = await runInit({ fix: file, answers: 'given' }, setup, terminal, prompter ?? new AnswersPrompter(answers));
  return { code, ...out };
}

const BASE = 'charter: 1\ntitle: T\ngovernance:\n  disputes:\n  reporting: # fill in later\n  board: { name: B, # the board\n    chair: C }\ngoals:\n  - id: G1\n    statement: s\n    benefits:\n      patients:\n';

describe('fix writes answers where they belong, and nothing else', () => {
  it('fills empty values on their own line, before a comment, and adds to a flow map with a comment', async () => {
    const { file } = fixture('c.yaml', BASE);
    const { code } = await fix(file, { governance: { disputes: 'Raised at the board.', reporting: 'Quarterly.', board: { meets: 'monthly' } }, goals: [{ benefits: { patients: 'Better care' } }] });
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      'charter: 1\ntitle: T\ngovernance:\n  disputes: Raised at the board.\n  reporting: Quarterly. # fill in later\n  board: { name: B, # the board\n    chair: C, meets: monthly }\ngoals:\n  - id: G1\n    statement: s\n    benefits:\n      patients: Better care\n',
    );
  });

  it('keeps a byte-order mark, UTF-16, CRLF line ends and the kept newlines of a |+ block', async () => {
    const text = 'charter: 1\ntitle: T\nsummary: |+\n  Kept lines.\n\n\ngovernance:\n  disputes:\n';
    const answer = { governance: { disputes: 'At the board.' } };
    const expected = text.replace('  disputes:\n', '  disputes: At the board.\n');
    const bom = fixture('bom.yaml', `\uFEFF${text}`);
    await fix(bom.file, answer);
    expect(readFileSync(bom.file, 'utf8')).toBe(`\uFEFF${expected}`);
    const utf16 = fixture('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await fix(utf16.file, answer);
    expect(readFileSync(utf16.file)).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(expected, 'utf16le')]));
    const crlf = fixture('crlf.yaml', text.replace(/\n/g, '\r\n'));
    await fix(crlf.file, answer);
    expect(readFileSync(crlf.file, 'utf8')).toBe(expected.replace(/\n/g, '\r\n'));
  });

  it('writes through a symlinked charter and keeps its mode', async () => {
    const { dir, file } = fixture('real.yaml', BASE);
    chmodSync(file, 0o600);
    const link = join(dir, 'link.yaml');
    symlinkSync(file, link);
    expect((await fix(link, { governance: { disputes: 'At the board.' } })).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('  disputes: At the board.\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('explains an alias instead of crashing, and leaves the anchored value alone', async () => {
    const text = 'charter: 1\ntitle: T\nx-shared: &gov\n  board: { name: B }\ngovernance: *gov\n';
    const { file } = fixture('alias.yaml', text);
    const { code, stdout } = await fix(file, { governance: { decisions: 'By consensus.' } });
    expect(code).toBe(0);
    expect(stdout).toContain('governance is an alias of &gov; edit the anchored value instead');
    expect(readFileSync(file, 'utf8')).toBe(text);
    const selfReference = fixture('loop.yaml', 'charter: 1\ntitle: T\ngovernance: &a [*a]\n');
    const loop = await fix(selfReference.file, {});
    expect(loop.code).toBe(2);
  });
});

describe('fix never writes a wrong answer, over a newer file, or loses what was typed', () => {
  it('refuses answers of the wrong type (a list, a mapping); a null answer writes nothing', async () => {
    for (const wrong of [['a', 'list'], { a: 'map' }]) {
      const { file } = fixture('c.yaml', BASE);
      const { code, stderr, stdout } = await fix(file, { governance: { disputes: wrong } });
      expect(code, JSON.stringify(wrong)).toBe(2);
      expect(stderr).toMatch(/the answer for governance\.disputes should be text; the file is unchanged/);
      // No readiness it will not reach is claimed.
      expect(stdout).not.toContain('Readiness');
      expect(readFileSync(file, 'utf8')).toBe(BASE);
    }
    // A null answer is no answer: nothing is written.
    const { file } = fixture('c.yaml', BASE);
    expect((await fix(file, { governance: { disputes: null } })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(BASE);
  });

  it('refuses to overwrite edits made while the questions were asked, and keeps the answers', async () => {
    const { dir, file } = fixture('c.yaml', BASE);
    const answers = new AnswersPrompter({ governance: { disputes: 'At the board.' } });
    const meddler: Prompter = {
      value: async (question) => {
        writeFileSync(file, `${BASE}# an edit made meanwhile\n`);
        return answers.value(question);
      },
      addItem: (pointer) => answers.addItem(pointer),
      confirm: async () => true,
      continueWith: async () => true,
      input: async (_message, fallback) => fallback,
      say: () => {},
    };
    const { terminal, out } = fakeTerminal(dir);
    const code = await runInit({ fix: file }, setup, terminal, meddler);
    expect(code).toBe(2);
    expect(out.stderr).toMatch(/c\.yaml changed while the questions were asked; it was not overwritten; your answers are saved in (\S+)/);
    expect(readFileSync(file, 'utf8')).toBe(`${BASE}# an edit made meanwhile\n`);
    const saved = readdirSync(dir).find((name) => name.startsWith('c.yaml.answers-'))!;
    expect(parse(readFileSync(join(dir, saved), 'utf8'))).toEqual({ governance: { disputes: 'At the board.' } });
  });

  it('a save that fails (disk full, read-only folder) is one line, exit 2, and the answers are kept', async () => {
    const { dir, file } = fixture('c.yaml', BASE);
    const diskFull: FileSystem = { ...nodeFileSystem, write: () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })) };
    const { terminal, out } = fakeTerminal(dir, { files: diskFull });
    const prompter = new AnswersPrompter({ governance: { disputes: 'At the board.' } }, { confirms: [true] });
    const code = await runInit({ fix: file }, setup, terminal, prompter);
    expect(code).toBe(2);
    expect(out.stderr).toMatch(/^partner-check: cannot write \S+c\.yaml: the disk is full; your answers are saved in \S+\n$/);
    expect(readFileSync(file, 'utf8')).toBe(BASE);
  });

  it('the binary: an empty value and a comment in a flow map, no internal error; a !!binary answer refused', async () => {
    const { dir } = fixture('c.yaml', BASE);
    writeFileSync(join(dir, 'binary.yaml'), 'governance:\n  disputes: !!binary AQID\n');
    const binary = await runCli(['fix', 'c.yaml', '--answers', 'binary.yaml'], { cwd: dir });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toBe('partner-check: c.yaml: the answer for governance.disputes should be text; the file is unchanged\n');
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe(BASE);
    writeFileSync(join(dir, 'answers.yaml'), 'governance:\n  disputes: Raised at the board.\n');
    const { code, stderr } = await runCli(['fix', 'c.yaml', '--answers', 'answers.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/internal error/);
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toContain('  disputes: Raised at the board.\n');
  });
});

describe('setInText on generated charters', () => {
  const word = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}[a-z]$/);
  const key = fc.constantFrom('statement', 'evidence', 'population', 'why_partnership', 'prior_work');
  const style = fc.constantFrom('block', 'flow', 'empty', 'comment');

  it('the result parses, holds the answer, and every other line is left as it was', async () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 4 }), style, word, key, word, (present, shape, existing, answered, answer) => {
        const lines = ['# a charter', 'charter: 1', 'title: T'];
        if (shape === 'flow') lines.push(`need: { ${present.map((name) => `${name}: ${existing}`).join(', ')} }`);
        else if (shape === 'empty') lines.push('need:', ...present.map((name) => `  ${name}:`));
        else lines.push('need:', ...present.map((name) => `  ${name}: ${existing}${shape === 'comment' ? '  # note' : ''}`));
        lines.push('plan:', '  start: 2025-01-01', '');
        const text = lines.join('\n');
        const result = setInText(text, `/need/${answered}`, answer);
        expect(parse(result).need[answered]).toBe(answer);
        // Every line of the original survives, in order, except the answered key's own line, which keeps its key.
        const after = result.split('\n');
        let cursor = 0;
        for (const line of text.split('\n')) {
          // The answered key's line keeps everything up to the key itself.
          // A flow map's line keeps everything before its closing brace.
          const at = line.indexOf(`${answered}:`);
          const kept = at !== -1 ? line.slice(0, at + answered.length + 1) : line.endsWith(' }') ? line.slice(0, -2) : null;
          while (cursor < after.length && after[cursor] !== line && !(kept !== null && after[cursor]!.startsWith(kept))) cursor += 1;
          expect(cursor, `line '${line}' kept`).toBeLessThan(after.length);
          cursor += 1;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('fix does what its help says', () => {
  const answers = 'governance:\n  disputes: Raised at the board.\n';
  const fixedBase = BASE.replace('  disputes:\n', '  disputes: Raised at the board.\n');

  it('-o writes the fixed charter there and leaves the charter as it was', async () => {
    const { dir, file } = fixture('c.yaml', BASE);
    writeFileSync(join(dir, 'answers.yaml'), answers);
    const { code, stderr } = await runCli(['fix', 'c.yaml', '-o', 'fixed.yaml', '--answers', 'answers.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe('partner-check: wrote fixed.yaml\n');
    expect(readFileSync(file, 'utf8')).toBe(BASE);
    expect(readFileSync(join(dir, 'fixed.yaml'), 'utf8')).toBe(fixedBase);
    // An existing output is not overwritten without --force.
    const again = await runCli(['fix', 'c.yaml', '-o', 'fixed.yaml', '--answers', 'answers.yaml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('partner-check: fixed.yaml already exists; add --force to overwrite it\n');
  });

  it('-o naming the charter itself (or a link to it) is refused before any question, unless --force', async () => {
    const { dir, file } = fixture('c.yaml', BASE);
    symlinkSync(file, join(dir, 'link.yaml'));
    writeFileSync(join(dir, 'answers.yaml'), answers);
    for (const target of ['c.yaml', './c.yaml', 'link.yaml']) {
      const refused = await runCli(['fix', 'c.yaml', '-o', target, '--answers', 'answers.yaml'], { cwd: dir });
      expect(refused.code, target).toBe(2);
      expect(refused.stderr).toBe(`partner-check: -o ${target} is the charter being fixed; leave out -o to update c.yaml in place, or add --force\n`);
      expect(readFileSync(file, 'utf8')).toBe(BASE);
    }
    const forced = await runCli(['fix', 'c.yaml', '-o', 'c.yaml', '--force', '--answers', 'answers.yaml'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixedBase);
  });

  it('at a terminal, -o asks before writing there and keeps the charter as it was', async () => {
    const { dir, file } = fixture('c.yaml', BASE);
    const asked: string[] = [];
    const prompter: Prompter = Object.assign(new AnswersPrompter(parse(answers)), { confirm: async (message: string) => (asked.push(message), true) });
    const { terminal, out } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({ fix: file, output: 'out.yaml' }, setup, terminal, prompter)).toBe(0);
    expect(asked).toEqual(['Write the fixed charter to out.yaml?']);
    expect(out.stderr).toBe('partner-check: wrote out.yaml\n');
    expect(readFileSync(file, 'utf8')).toBe(BASE);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe(fixedBase);
  });

  it('an answers file that is not a mapping (a list, a single value, nothing) is refused with exit 2 and nothing written', async () => {
    const refusal = (holds: string) => `partner-check: answers.yaml: the answers must be a mapping of the charter's fields (title: ..., partners: ...); this file holds ${holds}\n`;
    const cases = [
      ['- title: T\n', refusal('a list')],
      ['just words\n', refusal('a single value ("just words")')],
      ['', 'partner-check: answers.yaml:1:1: the file is empty; it should hold a YAML mapping\n'],
    ] as const;
    for (const [text, says] of cases) {
      const { dir, file } = fixture('c.yaml', BASE);
      writeFileSync(join(dir, 'answers.yaml'), text);
      const fixing = await runCli(['fix', 'c.yaml', '--answers', 'answers.yaml'], { cwd: dir });
      expect(fixing.code, text).toBe(2);
      expect(fixing.stderr).toBe(says);
      expect(readFileSync(file, 'utf8')).toBe(BASE);
      const init = await runCli(['init', '--answers', 'answers.yaml', '-o', 'new.yaml'], { cwd: dir });
      expect(init.code, text).toBe(2);
      expect(init.stderr).toBe(says);
      expect(readdirSync(dir).sort()).toEqual(['answers.yaml', 'c.yaml']);
    }
  });
});

describe('a question about one item of a list', () => {
  it('names the item, and its answer lands on that item, for every repeated question fix asks', async () => {
    const full = readFileSync(join(ROOT, 'examples/copd-joint-working.yaml'), 'utf8');
    // Each partner without its stages and lead, each stakeholder without how it is involved, each outcome without its owner.
    const gappy = full.replace(/^ {4}commits_to: .*\n/gm, '').replace(/^ {4}lead: .*\n/gm, '').replace(/^ {4}how: .*\n/gm, '').replace(/^ {4}owner: .*\n/gm, '');
    const { file } = fixture('c.yaml', gappy);
    const schemas = loadSchemas();
    const shape = charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>);
    const notes = parse(full);
    const commissioner = person(notes, shape);
    const { code } = await fix(file, undefined, commissioner);
    expect(code).toBe(0);
    const repeated = commissioner.asked.filter(({ question }) => /^\/(partners|stakeholders|outcomes)\/\d+\//.test(question.pointer));
    // Every partner's stages and lead, every stakeholder's how: asked, and each question names its item.
    expect(repeated.map(({ question }) => question.pointer)).toEqual(expect.arrayContaining(['/partners/0/commits_to', '/partners/3/commits_to', '/partners/1/lead/name', '/stakeholders/2/how']));
    expect(repeated.find(({ question }) => question.pointer === '/partners/1/lead/name')!.question.label).toBe('Partner 2 of 4, Northern Lincolnshire and Goole NHS Foundation Trust: lead\'s name');
    const fixed = parse(readFileSync(file, 'utf8'));
    expect(repeated.filter(({ answer }) => answer !== undefined).length).toBeGreaterThanOrEqual(16);
    for (const { question, answer } of repeated) {
      expect(question.label, question.pointer).toMatch(/^(Partner|Stakeholder|Outcome) \d+ of \d+, .+: .+$/);
      // The answer, read from the notes on the item the question named, is where that item is.
      if (answer === undefined) continue; // not in the notes (the leads' e-mail addresses)
      expect(valueAtPointer(fixed, question.pointer), question.label).toEqual(valueAtPointer(notes, question.pointer));
    }
  });
});

describe('fix asks each question once', () => {
  it('never asks a field twice, nor one already answered (an id, a partner\'s type) for a gap elsewhere; a gate still failing is named at the end with what it lacks', async () => {
    const { file } = fixture('c.yaml', readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8'));
    // The author knows some of it: the second outcome's baseline, not its target or date.
    const known = { need: { identified_by: 'nhs' }, outcomes: [{ source: 'Clinic records, aggregated' }, { baseline: '19%' }], governance: { board: { chair: 'Trust diabetes nurse consultant', meets: 'monthly' } } };
    const asked = new Map<string, number>();
    const author: Prompter = Object.assign(new AnswersPrompter(known), {
      value: async (question: Question) => (asked.set(question.pointer, (asked.get(question.pointer) ?? 0) + 1), AnswersPrompter.prototype.value.call(author, question)),
    });
    const { code, stdout } = await fix(file, undefined, author);
    expect(code).toBe(0);
    expect(asked.size).toBeGreaterThan(20);
    expect([...asked].filter(([, times]) => times > 1)).toEqual([]);
    expect([...asked.keys()]).not.toContain('/goals/1/id');
    expect([...asked.keys()]).not.toContain('/partners/0/type');
    // What is answered already is named with the gap it was not asked for; a gate its answers left open, with what it lacks.
    expect(stdout).toContain('Not asked or not written (edit by hand): PC-OUT-002: Goal \'G2\' is measured by no outcome (no outcomes[].goal names it); goals/1/id is answered already ("G2"), so it was not asked\n');
    expect(stdout).toContain('Still failing after its questions: gate PC-OUT-001: Outcome \'O2\' has no measurable target (outcomes[].target is not stated); Outcome \'O2\' has no date to be met by (outcomes[].by)\n');
    expect(stdout).not.toMatch(/Still failing after its questions: gate PC-GOV-002/); // the board: chair and meetings answered
    const fixed = parse(readFileSync(file, 'utf8'));
    expect(fixed.outcomes[1].baseline).toBe('19%');
    expect(fixed.governance.board).toMatchObject({ chair: 'Trust diabetes nurse consultant', meets: 'monthly' });
  });
});
