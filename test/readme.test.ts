// The README, run: every command a user would type from it runs against the built tool, with its
// exit code and what it prints or writes checked; every output it quotes is compared with what the
// tool prints; the JSON sample and its consumer code are checked against a real report; and the
// claims its prose makes (the examples' verdicts, the no-charter errors, init's first questions)
// are tried. The README is parsed, so a fenced block added later fails here until it is run or
// listed as skipped with its reason.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runInit } from '../src/cli/init.js';
import { loadSchemas } from '../src/io/builtin.js';
import { nodeFileSystem } from '../src/io/file-system.js';
import { charterShape } from '../src/questionnaire/fields.js';
import { ROOT, fakeTerminal, jsonReport, loadBuiltSetup, runCli } from './helpers.js';
import { person } from './person.js';
import { COPD, DIABETES, EXPECTED, README, SHELL, SKIPPED, fencedBlocks, readmeCommands, toolRun, type Block } from './readme.js';


/** A folder as a user's would be: the examples, a charters/ folder (with a workflow to skip), a charter and answers. */
function userFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-readme-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(dir, 'charters'), { recursive: true });
  writeFileSync(join(dir, 'charters/ci.yaml'), 'name: CI\non: push\njobs: {}\n');
  writeFileSync(join(dir, 'charter.yaml'), DIABETES);
  writeFileSync(join(dir, 'answers.yaml'), DIABETES);
  writeFileSync(join(dir, 'more-answers.yaml'), 'governance:\n  disputes: Raised at the board first, then with the chief executives within 14 days, then mediation.\n');
  return dir;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Each README line found in the output, in order, ignoring indentation; `...` stands for what the
 * README leaves out (a line of its own: any lines; in a line: any text).
 */
function expectQuoted(quoted: string[], output: string, where: string): void {
  const lines = output.split('\n').map((line) => line.trim());
  let from = 0;
  for (const line of quoted.map((text) => text.trim()).filter((text) => text !== '' && text !== '...')) {
    const pattern = new RegExp(`^${line.split('...').map(escapeRegExp).join('.*')}$`);
    const found = lines.findIndex((candidate, index) => index >= from && pattern.test(candidate));
    expect(found, `${where}: the README's line\n  ${line}\nis not in the output, after what came before it:\n${output}`).toBeGreaterThanOrEqual(0);
    from = found + 1;
  }
}

async function runCommand(command: string, dir: string) {
  const run = toolRun(command)!;
  const input = run.stdinFrom === undefined ? undefined : readFileSync(join(dir, run.stdinFrom));
  const output = await runCli(run.args, { cwd: dir, ...(input ? { input } : {}) });
  if (run.stdoutTo !== undefined) writeFileSync(join(dir, run.stdoutTo), output.stdout);
  return output;
}

// The blocks that hold no command, by their first line: what the README quotes (checked against a
// run) or a sample of a file (not run, with the reason). A block missing here fails.
type Quoted = { run: string[]; files?: Record<string, string>; code: number; stream: 'stdout' | 'stderr' };
const breached = COPD.replace(/disclosure: .*/, "disclosure: Reports are taken in closed session, and patient letters leave out the company's funding.").replace(
  'contribution: A project manager (0.6 WTE), a data analyst (0.4 WTE) and £60,000.',
  'contribution: A project manager and £60,000, and £4,000 each to Dr R Example and Dr X Example, consultant respiratory physicians, with flights and hotel for the European Respiratory Society congress.',
);
const QUOTED: Record<string, Quoted> = {
  'examples/diabetes-acs-pathway.yaml  Diabetes care after acute coronary syndrome': { run: ['examples/diabetes-acs-pathway.yaml'], code: 1, stream: 'stdout' },
  'copd-no-disclosure.yaml  COPD virtual clinics in North Lincolnshire': { run: ['copd-no-disclosure.yaml'], files: { 'copd-no-disclosure.yaml': COPD.replace(/\n {2}disclosure: .*/, '') }, code: 1, stream: 'stdout' },
  [README.split('\n').find((line) => line.startsWith('charter.yaml:51:19'))!]: { run: ['charter.yaml'], files: { 'charter.yaml': breached }, code: 1, stream: 'stdout' },
  "partner-check: forgot/plan.yaml: looks like a charter (title, summary, status...) but has no 'charter: 1' line; add it as the first line": {
    run: ['forgot'],
    files: { 'forgot/plan.yaml': 'title: Falls prevention\nsummary: Fewer falls.\nstatus: draft\nneed: { statement: Falls rise. }\n' },
    code: 2,
    stream: 'stderr',
  },
  'partner-check: charter.yaml:4:10: YAML syntax error: Nested mappings are not allowed in compact mappings': {
    run: ['charter.yaml'],
    files: { 'charter.yaml': 'charter: 1\ntitle: Falls prevention\nstatus: draft\nsummary: Falls: a pilot in Boston\n' },
    code: 2,
    stream: 'stderr',
  },
};
const WORKFLOW = '# .github/workflows/charters.yml';
const PRE_COMMIT = '# .pre-commit-config.yaml';
const SAMPLES: Record<string, string> = {
  [WORKFLOW]: 'a GitHub workflow: it runs on GitHub (the Action\'s script is run in test/system/package.test.ts; its inputs are checked below)',
  [PRE_COMMIT]: 'needs pre-commit and the network to fetch the hook (installed from the project in test/system/package.test.ts; its hook id is checked below)',
  'words:                                   # named word lists, matched by lemma': 'an excerpt of a criteria file, not a command',
  '# yaml-language-server: $schema=../schemas/charter.schema.json': 'a line of a charter; init writes it when the repository holds a copy of the schema (test/schema.test.ts) and the editor reads it (test/system/editor.test.ts)',
  'partners:': 'an excerpt of a charter, not a command',
};
// Checked by the tests named (below): the JSON sample, its consumer code, the options, the layout.
const CONFIG = '# yaml-language-server: $schema=node_modules/partner-check/schemas/config.schema.json';
const CRITERION = '- id: PC-OUT-004';
const CHECKED = [CONFIG, CRITERION, '{', 'const rules = new Map(report.rules.map((rule) => [rule.id, rule]));', 'partner-check [check] <inputs...>   files, directories, globs; - reads stdin', 'bin/partner-check.js   the executable, CommonJS (runs the bundle dist/partner-check.cjs, else dist/cli/main.js)'];

const blocks = fencedBlocks();
// The README's words as a reader sees them: a line break is a space.
const PROSE = README.replace(/\s+/g, ' ');
const firstLine = (block: Block) => block.lines.find((line) => line.trim() !== '')!.trim();
const blockStarting = (start: string) => blocks.find((block) => firstLine(block) === start)!;

describe('the README, every fenced block', () => {
  it('is run, checked or listed as skipped with its reason', () => {
    const commands = readmeCommands(blocks);
    const unknown = commands.filter((command) => !(command.text in SKIPPED) && !(command.text in EXPECTED && toolRun(command.text)));
    expect(unknown.map((command) => `README.md:${command.line}: ${command.text}`), 'commands to run (add to EXPECTED) or skip (add to SKIPPED, with the reason)').toEqual([]);
    const others = blocks.filter((block) => !SHELL.has(block.lang)).map(firstLine);
    const known = [...Object.keys(QUOTED), ...Object.keys(SAMPLES), ...CHECKED];
    expect(others.filter((start) => !known.includes(start)), 'blocks to check or list as samples').toEqual([]);
    // Nothing listed that the README no longer has.
    expect(Object.keys(EXPECTED).filter((text) => !commands.some((command) => command.text === text))).toEqual([]);
    expect(Object.keys(SKIPPED).filter((text) => !commands.some((command) => command.text === text))).toEqual([]);
    expect(known.filter((start) => !others.includes(start))).toEqual([]);
    const skipped = commands.filter((command) => command.text in SKIPPED);
    console.log(
      [
        `README: ${blocks.length} fenced blocks; ${commands.length} commands in ${blocks.length - others.length} shell blocks: ${commands.length - skipped.length} run, ${skipped.length} skipped`,
        ...skipped.map((command) => `  skipped ${command.text}: ${SKIPPED[command.text]}`),
        `${others.length} other blocks: ${Object.keys(QUOTED).length} quoted outputs compared with a run, ${CHECKED.length} checked (config, criterion, JSON sample, its consumer code, options, layout), ${Object.keys(SAMPLES).length} file samples not run:`,
        ...Object.entries(SAMPLES).map(([start, reason]) => `  ${start}: ${reason}`),
      ].join('\n'),
    );
  });

  for (const block of blocks.filter((candidate) => SHELL.has(candidate.lang))) {
    const commands = readmeCommands([block]).filter((command) => command.text in EXPECTED);
    if (commands.length === 0) continue;
    it(`README.md:${block.line}: ${commands.map((command) => command.text).join('; ')}`, async () => {
      // The block's commands one after another, in a fresh folder, as a user would type them.
      const dir = userFolder();
      for (const command of commands) {
        const expected = EXPECTED[command.text]!;
        if (expected.charter !== undefined) writeFileSync(join(dir, 'charter.yaml'), expected.charter);
        for (const file of expected.absent ?? []) rmSync(join(dir, file), { force: true });
        const output = await runCommand(command.text, dir);
        const where = `README.md:${command.line}: ${command.text}`;
        expect(output.code, `${where}\n${output.stderr}`).toBe(expected.code);
        for (const text of expected.stdout ?? []) expect(output.stdout, where).toContain(text);
        for (const text of expected.stderr ?? []) expect(output.stderr, where).toContain(text);
        for (const [file, texts] of Object.entries(expected.files ?? {})) {
          expect(existsSync(join(dir, file)), `${where} writes ${file}`).toBe(true);
          for (const text of texts) expect(readFileSync(join(dir, file), 'utf8'), `${where}: ${file}`).toContain(text);
        }
      }
    });
  }

  for (const [start, quoted] of Object.entries(QUOTED)) {
    it(`README.md:${blockStarting(start).line}: the output it quotes is what partner-check ${quoted.run.join(' ')} prints`, async () => {
      const dir = userFolder();
      for (const [file, text] of Object.entries(quoted.files ?? {})) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
      const output = await runCli(quoted.run, { cwd: quoted.files ? dir : ROOT });
      expect(output.code, output.stderr).toBe(quoted.code);
      expectQuoted(blockStarting(start).lines, output[quoted.stream], `README.md:${blockStarting(start).line}`);
    });
  }
});

/** The sample matches the report: "..." stands for anything, and a list's items are found by their id. */
function expectSample(sample: unknown, actual: unknown, path: string): void {
  if (sample === '...') return;
  if (Array.isArray(sample)) {
    expect(Array.isArray(actual), path).toBe(true);
    const list = actual as unknown[];
    if (sample.at(-1) === '...') return expect(list.slice(0, sample.length - 1), path).toEqual(sample.slice(0, -1));
    if (sample.every((item) => typeof item !== 'object' || item === null)) return expect(list, path).toEqual(sample);
    for (const item of sample as Record<string, unknown>[]) {
      const key = ['id', 'ruleId', 'area', 'file'].find((name) => name in item)!;
      const match = (list as Record<string, unknown>[]).find((candidate) => candidate[key] === item[key]);
      expect(match, `${path}: no item with ${key} ${String(item[key])}`).toBeDefined();
      expectSample(item, match, `${path}[${key}=${String(item[key])}]`);
    }
    return;
  }
  if (typeof sample === 'object' && sample !== null) {
    for (const [key, value] of Object.entries(sample)) expectSample(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toBe(sample);
}

describe('the README, its samples', () => {
  it('the criterion shown is the built-in PC-OUT-004', () => {
    const shown = parseYaml(blockStarting(CRITERION).lines.join('\n')) as unknown[];
    const builtin = parseYaml(readFileSync(join(ROOT, 'schemas/criteria/builtin.yaml'), 'utf8')) as { criteria: { id: string }[] };
    expect(shown).toEqual([builtin.criteria.find((criterion) => criterion.id === 'PC-OUT-004')]);
  });

  it('the config shown is taken as it says, with the criterion shown as its local criteria file', async () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'partner-check.config.yaml'), blockStarting(CONFIG).lines.join('\n'));
    mkdirSync(join(dir, 'criteria'));
    writeFileSync(join(dir, 'criteria/local.yaml'), `criteria:\n${blockStarting(CRITERION).lines.join('\n').replace('PC-OUT-004', 'LOCAL-OUT-004')}\n`);
    const printed = await runCli(['--print-config', 'charters'], { cwd: dir });
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ minScore: 75, failOn: 'error', maxWarnings: 20, criteriaFiles: ['built-in', join(dir, 'criteria/local.yaml')], rules: { 'PC-STAKE-007': 'off', 'PC-GOV-010': { weight: 'high', severity: 'error' } }, ignore: ['charters/archive/**'] });
    const { run } = await jsonReport(['charters/diabetes-acs-pathway.yaml'], { cwd: dir });
    expect(run.charters[0]!.findings.filter((finding) => finding.ruleId === 'LOCAL-OUT-004').map((finding) => finding.message)).toEqual(["Outcome 'O1' has no owner (outcomes[].owner).", "Outcome 'O2' has no owner (outcomes[].owner)."]);
    expect(run.charters[0]!.criteria.find((result) => result.id === 'PC-STAKE-007')).toBeUndefined();
  });

  it('the JSON sample is the report of the example it names, counts and all', async () => {
    const text = blockStarting('{').lines.join('\n').replace(/\s\/\/ .*$/gm, '');
    const sample = JSON.parse(text) as { charters: { file: string }[] };
    const { code, run } = await jsonReport([sample.charters[0]!.file]);
    expect(code).toBe(1);
    expectSample(sample, run, 'report');
  });

  it('the consumer code of report version 2 runs on a real report', async () => {
    const code = blockStarting('const rules = new Map(report.rules.map((rule) => [rule.id, rule]));').lines.join('\n');
    const { run } = await jsonReport(['examples/diabetes-acs-pathway.yaml', 'examples/copd-joint-working.yaml']);
    // Every lookup it makes finds its rule: a missing one would throw reading from undefined.
    expect(() => runInNewContext(code, { report: run, Map })).not.toThrow();
  });

  it('the options listed are the options each command takes, and every command is listed', async () => {
    // "(also: init --fix <file>)" names another command's option.
    const synopsis = blockStarting('partner-check [check] <inputs...>   files, directories, globs; - reads stdin').lines.map((line) => line.replace(/\(also: [^)]*\)/, ''));
    const flags = (text: string) => new Set(text.match(/(?<=^|[\s[,])--?[a-z][a-z-]*/g) ?? []);
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]!).filter((name) => name !== 'help');
    expect(commands.length).toBeGreaterThan(4);
    for (const command of commands) {
      // The synopsis lines of a command: `partner-check init ...`; check's are the first and those under it.
      const own = command === 'check' ? synopsis.slice(0, synopsis.findIndex((line, index) => index > 0 && line.startsWith('partner-check '))) : synopsis.filter((line) => line.startsWith(`partner-check ${command} `) || line === `partner-check ${command}`);
      expect(own.length, `partner-check ${command} in the README's options`).toBeGreaterThan(0);
      const listed = flags(own.join('\n'));
      const takes = flags((await runCli([command, '--help'])).stdout);
      for (const flag of listed) expect(takes.has(flag), `${command} ${flag}`).toBe(true);
      // check's are listed in full; the others' common -c/--no-config are said once, under check.
      if (command === 'check') for (const flag of takes) if (!['-h', '--help'].includes(flag)) expect(listed.has(flag), `check ${flag} in the README`).toBe(true);
    }
  });

  it('the workflow and the pre-commit config shown use only the inputs and hook this repository defines', () => {
    const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const workflow = parseYaml(blockStarting(WORKFLOW).lines.join('\n')) as { steps: { uses?: string; with?: Record<string, unknown> }[] };
    const step = workflow.steps.find((candidate) => candidate.uses?.startsWith('partner-check/'))!;
    expect(Object.keys(step.with!).filter((input) => !(input in action.inputs))).toEqual([]);
    const hooks = (parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((hook) => hook.id);
    const config = parseYaml(blockStarting(PRE_COMMIT).lines.join('\n')) as { hooks: { id: string }[] }[];
    expect(config[0]!.hooks.map((hook) => hook.id).filter((id) => !hooks.includes(id))).toEqual([]);
  });

  it('the layout names folders and files that exist', () => {
    const layout = blockStarting('bin/partner-check.js   the executable, CommonJS (runs the bundle dist/partner-check.cjs, else dist/cli/main.js)').lines;
    const paths = layout.filter((line) => /^\S/.test(line)).map((line) => line.split(/\s+/)[0]!);
    expect(paths.length).toBeGreaterThan(8);
    for (const path of paths) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });
});

describe('the README, what its prose says', () => {
  it('the examples table: each example\'s verdict, score, gates and exit code', async () => {
    const rows = [...README.matchAll(/^\| `(examples\/[^`]+)` \| [^|]+ \| (Ready|Nearly ready|Not ready), (about )?([\d.]+); (?:all (\d+) gates hold|(\d+) gates fail); exit (\d) \|$/gm)];
    expect(rows.length).toBe(4);
    for (const [, file, band, about, score, allHold, failing, exit] of rows) {
      const { code, run } = await jsonReport([file!]);
      const charter = run.charters[0]!;
      expect(code, file).toBe(Number(exit));
      expect(charter.band, file).toBe(band!.toLowerCase().replace(' ', '-'));
      // "about 51" is the score to the nearest whole number.
      if (about) expect(Math.round(charter.score), file).toBe(Number(score));
      else expect(charter.score, file).toBe(Number(score));
      if (allHold) expect(charter.gates.map((gate) => gate.status).filter((status) => status === 'pass'), file).toHaveLength(Number(allHold));
      if (allHold) expect(charter.gates, file).toHaveLength(Number(allHold));
      if (failing) expect(charter.gates.filter((gate) => gate.status === 'fail'), file).toHaveLength(Number(failing));
    }
  });

  it('a pattern or folder that matches no charter is an error (exit 2) with the words the README quotes', async () => {
    const dir = userFolder();
    // forgot/ holds three YAML files, none a charter; drafts/ holds no YAML at all.
    mkdirSync(join(dir, 'forgot'));
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `forgot/${name}.yaml`), `${name}: 1\n`);
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts/notes.txt'), 'To do.\n');
    const cases = [
      { args: ['drafts/'], says: "no charters match 'drafts/'" },
      { args: ['drafts/*.yaml'], says: "no charters match 'drafts/*.yaml'" },
      { args: ['typo/'], says: 'typo/: no such file' },
      { args: ['forgot/'], says: 'no charter found in forgot/ (3 YAML files, none a charter)' },
    ];
    for (const { args, says } of cases) {
      expect(PROSE, 'the README quotes it').toContain(`\`${says}\``);
      const output = await runCli(args, { cwd: dir });
      expect(output.code, args.join(' ')).toBe(2);
      expect(output.stderr).toBe(`partner-check: ${says}${says.startsWith('no charters match') ? ' (use --no-error-on-unmatched-pattern to allow this)' : ''}\n`);
    }
    expect((await runCli(['drafts/', '--no-error-on-unmatched-pattern'], { cwd: dir })).code).toBe(0);
  });

  it('the stylish report ends with a summary line of the shape the README gives', async () => {
    const sample = /The stylish report ends with a summary line such as\s+`([^`]+)`/.exec(README)![1]!;
    const shape = new RegExp(`^${escapeRegExp(sample).replace(/\d+/g, '\\d+')}`);
    const output = await runCli(['charters'], { cwd: userFolder() });
    expect(output.stdout.trimEnd().split('\n').at(-1)).toMatch(shape);
  });

  it('skipped YAML is counted in the closing line, which comes with two or more charters, and in JSON always', async () => {
    expect(PROSE).toContain('counted in the closing line of the stylish report, which comes when two or more charters are checked');
    const dir = userFolder();
    rmSync(join(dir, 'charters/copd-joint-working.yaml'));
    rmSync(join(dir, 'charters/community-elderly-care.yaml'));
    rmSync(join(dir, 'charters/msk-imaging-contract.yaml'));
    const single = await runCli(['charters'], { cwd: dir });
    expect(single.stdout).not.toContain('skipped');
    expect(single.stdout).not.toMatch(/^1 charter:/m);
    const { run } = await jsonReport(['charters'], { cwd: dir });
    expect(run.summary.skipped).toBe(1);
  });

  it('init asks the project first, in the order the README gives', async () => {
    const listed = /`init` asks the project first \(([^)]+)\)/.exec(README)![1]!.split(/, | and /);
    const pointers: Record<string, string> = { title: '/title', summary: '/summary', status: '/status', start: '/plan/start', end: '/plan/end' };
    expect(listed.every((word) => word in pointers), listed.join(', ')).toBe(true);
    const setup = await loadBuiltSetup({ none: true }, { files: nodeFileSystem, now: Date.now });
    const schemas = loadSchemas();
    const commissioner = person(parseYaml(COPD), charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>));
    const dir = userFolder();
    const { terminal } = fakeTerminal(dir, { stdinIsTTY: true });
    expect(await runInit({ output: 'new.yaml' }, setup, terminal, commissioner)).toBe(0);
    expect(commissioner.asked.slice(0, listed.length).map(({ question }) => question.pointer)).toEqual(listed.map((word) => pointers[word]));
  });
});
