// Nothing lost, nothing hangs: what a careless user or an attacker can hand partner-check.
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { ROOT, runCli, runCliOnThread, safetyFolder, withStrongCharter } from './helpers.js';

const STRONG = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');


describe('-o never destroys an input', () => {
  it('refuses an output onto the charter, the config, a criteria file or the baseline, and the same file twice', async () => {
    const { dir, charter } = withStrongCharter();
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [local.yaml]\n');
    writeFileSync(join(dir, 'local.yaml'), readFileSync(join(ROOT, 'test/fixtures/repo/criteria/local.yaml')));
    writeFileSync(join(dir, 'base.json'), (await runCli(['c.yaml', '-f', 'json'], { cwd: dir })).stdout);
    const cases: [string[], RegExp][] = [
      [['c.yaml', '-f', 'json', '-o', 'c.yaml'], /-o c\.yaml would overwrite the charter /],
      [['c.yaml', '-f', 'json', '-o', './sub/../c.yaml'], /would overwrite the charter /],
      [['c.yaml', '-f', 'json', '-o', 'partner-check.config.yaml'], /would overwrite the config file /],
      [['c.yaml', '-f', 'json', '-o', 'local.yaml'], /would overwrite the criteria file /],
      [['c.yaml', '--baseline', 'base.json', '-f', 'json', '-o', 'base.json'], /would overwrite the baseline /],
      [['c.yaml', '-f', 'json', '-o', 'r', '-f', 'sarif', '-o', 'r'], /-o r names the same file as -o r/],
    ];
    mkdirSync(join(dir, 'sub'));
    for (const [args, says] of cases) {
      const { code, stderr } = await runCli(args, { cwd: dir });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(says);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(readFileSync(charter, 'utf8')).toBe(STRONG);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('writes through a device, and through a symlink (even to a file not there yet), keeping the mode', async () => {
    const { dir } = withStrongCharter();
    expect((await runCli(['c.yaml', '-f', 'json', '-o', '/dev/null'], { cwd: dir })).code).toBe(0);
    symlinkSync(join(dir, 'target.json'), join(dir, 'link.json'));
    expect((await runCli(['c.yaml', '-f', 'json', '-o', 'link.json'], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe(join(dir, 'target.json'));
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).reportVersion).toBe(2);
    chmodSync(join(dir, 'target.json'), 0o600);
    expect((await runCli(['c.yaml', '-f', 'sarif', '-o', 'link.json'], { cwd: dir })).code).toBe(0);
    expect(statSync(join(dir, 'target.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('-o files written as the run goes', () => {
  it('json and stylish to files hold what stdout would, byte for byte, and leave no temporary file', async () => {
    const dir = safetyFolder();
    const charters = join(dir, 'charters');
    mkdirSync(charters);
    for (const name of ['community-elderly-care', 'diabetes-acs-pathway', 'msk-imaging-contract']) copyFileSync(join(ROOT, `examples/${name}.yaml`), join(charters, `${name}.yaml`));
    const written = await runCli(['charters', '-f', 'json', '-o', 'report.json', '-f', 'stylish', '-o', 'report.txt'], { cwd: dir });
    expect(written.code).toBe(1);
    expect(written.stderr).toBe('partner-check: wrote the json report to report.json\npartner-check: wrote the stylish report to report.txt\n');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe((await runCli(['charters', '-f', 'json'], { cwd: dir })).stdout);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe((await runCli(['charters', '-f', 'stylish'], { cwd: dir })).stdout);
    expect(readdirSync(dir).sort()).toEqual(['charters', 'report.json', 'report.txt']);
    // Over an existing file: its mode kept; through a symbolic link: the file it names is written.
    chmodSync(join(dir, 'report.json'), 0o600);
    symlinkSync('report.txt', join(dir, 'link.txt'));
    expect((await runCli(['charters', '-f', 'json', '-o', 'report.json', '-f', 'stylish', '-o', 'link.txt'], { cwd: dir })).code).toBe(1);
    expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('Readiness');
  });

  it('a file that cannot be written is one line and exit 2, and the old file is left as it was', async () => {
    const { dir, charter } = withStrongCharter();
    const missing = await runCli([charter, '-f', 'json', '-o', join(dir, 'no-such-folder', 'report.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`partner-check: cannot write ${join(dir, 'no-such-folder', 'report.json')}: its folder does not exist\n`);
    // A read-only file system, as the run's file system refuses it.
    // (An earlier report of partner-check's: the guard lets -o replace only its own.)
    const oldReport = '{\n  "reportVersion": 2,\n  "tool": {\n    "name": "partner-check"\n  }\n}\n';
    writeFileSync(join(dir, 'report.json'), oldReport);
    const readOnly: FileSystem = { ...nodeFileSystem, openForWriting: () => Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })) };
    const refused = await runCli(['c.yaml', '-f', 'json', '-o', 'report.json'], { cwd: dir, files: readOnly });
    expect(refused).toMatchObject({ code: 2, stdout: '', stderr: 'partner-check: cannot write report.json: the file system is read-only\n' });
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(oldReport);
  });
});

describe('the config search has a boundary', () => {
  it('stops at the repository root: a stray config above it changes nothing; --no-config ignores all', async () => {
    const outer = safetyFolder();
    writeFileSync(join(outer, 'partner-check.config.yaml'), 'failOn: never\n');
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const weak = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'));
    writeFileSync(join(repo, 'weak.yaml'), weak);
    expect((await runCli(['weak.yaml'], { cwd: repo })).code).toBe(1);
    expect(JSON.parse((await runCli(['weak.yaml', '--print-config'], { cwd: repo })).stdout).configFile).toBeNull();
    // Without the .git folder the search goes on up, and finds it.
    const loose = join(outer, 'loose');
    mkdirSync(loose);
    writeFileSync(join(loose, 'weak.yaml'), weak);
    expect((await runCli(['weak.yaml'], { cwd: loose })).code).toBe(0);
    expect(JSON.parse((await runCli(['weak.yaml', '--print-config'], { cwd: loose })).stdout).configFile).toBe(join(outer, 'partner-check.config.yaml'));
    expect((await runCli(['weak.yaml', '--no-config'], { cwd: loose })).code).toBe(1);
  });

  it('is searched from the charters, not from wherever the command runs', async () => {
    const outer = safetyFolder();
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, 'partner-check.config.yaml'), 'failOn: never\n');
    copyFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), join(repo, 'weak.yaml'));
    expect((await runCli([join(repo, 'weak.yaml')], { cwd: outer })).code).toBe(0);
  });
});

describe('honest messages: the file, the place, and words that fit the file', () => {
  it('an undefined alias, a list as a key and a duplicate key are named where they are', async () => {
    const cases: [string, string][] = [
      ['charter: 1\ntitle: A\ngovernance: *gov\n', ':3:13: the alias *gov refers to no anchor &gov before it'],
      ['charter: 1\ntitle: A\n[a, b]: 1\n', ':3:1: a key is a list or mapping; keys must be plain text'],
      ['charter: 1\ntitle: A\nneed:\n  statement: x\n  statement: y\n', ":5:3: the key 'statement' appears twice in the same mapping"],
    ];
    for (const [text, says] of cases) {
      const file = join(safetyFolder(), 'c.yaml');
      writeFileSync(file, text);
      const { code, stderr } = await runCli([file]);
      expect(code, text).toBe(2);
      expect(stderr, text).toBe(`partner-check: ${file}${says}\n`);
    }
  });

  it('a config typo is named as a config problem, with the key it meant', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'minScroe: 80\n');
    expect((await runCli(['c.yaml'], { cwd: dir })).stderr).toBe(
      `partner-check: ${join(dir, 'partner-check.config.yaml')}:1:1: not a valid config file: Unknown key 'minScroe' in the config file; did you mean 'minScore'?\n`,
    );
  });

  it('a baseline holding nulls, and a criteria schema that refers to itself without end, are input errors', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ reportVersion: 1, charters: [{ file: 'c.yaml', score: 3, areas: [], findings: [null] }] }));
    expect(await runCli(['c.yaml', '--baseline', 'b.json'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'partner-check: --baseline b.json is not a partner-check JSON report (its charters are missing or malformed)\n' });
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [mine.yaml]\n');
    const criterion = (check: string) => `criteria:\n  - id: MINE-001\n    area: need\n    title: t\n    weight: low\n    advice: a\n    source: s\n    checks:\n${check}`;
    writeFileSync(join(dir, 'mine.yaml'), criterion('      - schema: { $dynamicAnchor: x, $dynamicRef: "#x" }\n        message: m\n'));
    expect(await runCli(['c.yaml'], { cwd: dir })).toMatchObject({ code: 2, stderr: `partner-check: ${join(dir, 'mine.yaml')}:9:9: criterion MINE-001: check 1 ${LOOPS}\n` });
  });
});

describe('user criteria cannot stall a run', () => {
  /** A folder with the strong charter, titled `title`, and a config naming mine.yaml, whose one gate checks `schema` (at line 10). */
  const withCriterion = (title: string) => {
    const { dir, charter } = withStrongCharter();
    writeFileSync(charter, readFileSync(charter, 'utf8').replace(/^title: .*$/m, `title: ${title}`));
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [mine.yaml]\n');
    const write = (schema: string, require: string | null = '/title') =>
      writeFileSync(join(dir, 'mine.yaml'), `criteria:\n  - id: MINE-001\n    area: need\n    title: t\n    weight: low\n    gate: true\n    advice: a\n    source: s\n    checks:\n      - schema: ${schema}\n${require === null ? '' : `        require: ${require}\n`}        message: m\n`);
    return { dir, write, mine: join(dir, 'mine.yaml') };
  };
  it('patterns that backtrack catastrophically in JavaScript run in linear time, and still decide the check', async () => {
    // 41 letters hung `^(a|a)*$` under JavaScript's engine; 5,000 would not end in a lifetime.
    const { dir, write } = withCriterion(`${'a'.repeat(5000)}b`);
    for (const [schema, holds] of [
      ['{ type: string, pattern: "^(a|a)*$" }', false],
      ['{ type: string, pattern: "^(a|a)*b$" }', true],
      ['{ type: string, pattern: "^(a+)+$" }', false],
      ['{ type: string, regexp: { pattern: "^(A|A)*B$", flags: i } }', true],
      ['{ type: string, regexp: "/^(x*)*y/i" }', false],
      ['{ type: string, allOf: [{ pattern: "^a" }, { pattern: "^(a|aa)+c$" }] }', false],
    ] as const) {
      write(schema);
      expect((await runCli(['c.yaml'], { cwd: dir })).code, schema).toBe(holds ? 0 : 1);
    }
    // patternProperties meet the charter's own keys.
    write('{ patternProperties: { "^(t|t)*(i|i)*tle$": { type: number } } }', null);
    expect((await runCli(['c.yaml'], { cwd: dir })).code).toBe(1);
  });

  it('a sound pattern works as JavaScript reads it, and each pattern of a criterion is its own', async () => {
    const { dir, write } = withCriterion('Community Elderly Care Service');
    write('{ type: string, pattern: "^[A-Z][a-z ]+[A-Z]" }');
    expect((await runCli(['c.yaml'], { cwd: dir })).code).toBe(0);
    write('{ type: string, allOf: [{ pattern: "^Community" }, { pattern: "Nothing like it" }] }');
    expect((await runCli(['c.yaml'], { cwd: dir })).code).toBe(1);
    write('{ type: string, regexp: { pattern: "elderly care", flags: i } }');
    expect((await runCli(['c.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('a pattern the linear-time engine cannot run is refused when the criteria are loaded, at its place', async () => {
    const { dir, write, mine } = withCriterion('A title');
    for (const [schema, column, feature] of [
      ['{ type: string, pattern: "^(?=A)A" }', 42, '(?='],
      ['{ regexp: { pattern: "(x)\\\\1", flags: i } }', 38, '\\1'],
      ['{ patternProperties: { "(?<!a)b": true } }', 40, '(?<!'],
    ] as const) {
      write(schema);
      const { code, stderr } = await runCli(['c.yaml'], { cwd: dir });
      expect(code, schema).toBe(2);
      expect(stderr.split('\n'), schema).toHaveLength(2);
      expect(stderr, schema).toMatch(new RegExp(`^partner-check: ${escape(mine)}:10:${column}: criterion MINE-001: the pattern .* cannot be run by RE2, the linear-time engine a criteria file's patterns run under \\(.*${escape(feature)}.*\\); write it without look-around or back-references\n$`));
    }
    // Not a regular expression at all: said so, not sent to look for look-around.
    write('{ type: string, pattern: "(" }');
    const { code, stderr } = await runCli(['c.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: ${mine}:10:42: criterion MINE-001: the pattern "(" is not a regular expression (error parsing regexp: missing closing ): \`(\`)\n`);
  });

  it('a $ref that loops, or that multiplies the schema past its budget, is refused at its line, never a stack overflow or a hang', async () => {
    const { dir, write, mine } = withCriterion('A title');
    const chain = (links: number) => {
      const defs = Object.fromEntries(Array.from({ length: links }, (_, index) => [`d${index}`, { anyOf: [{ $ref: `#/$defs/d${index + 1}` }, { $ref: `#/$defs/d${index + 1}` }] }]));
      return JSON.stringify({ $defs: { ...defs, [`d${links}`]: { type: 'number' } }, properties: { title: { $ref: '#/$defs/d0' } } });
    };
    // Each is pointed at the key holding the $ref at fault, or at the check's schema.
    for (const [schema, require, column, says] of [
      // Passed the dry run on {}, then overflowed the stack on a real charter: "internal error: Maximum call stack".
      ['{ if: { required: [title] }, then: { $ref: "#" } }', null, 46, LOOPS],
      ['{ $ref: "#" }', null, 9, LOOPS],
      ['{ properties: { title: { $ref: "#" } } }', null, 33, LOOPS],
      ['{ $defs: { a: { anyOf: [{ $ref: "#/$defs/b" }] }, b: { not: { $ref: "#/$defs/a" } } }, $ref: "#/$defs/a" }', null, 72, LOOPS],
      ['{ $defs: { a: { $anchor: here, items: { $ref: "#here" } } }, $ref: "#/$defs/a" }', null, 48, LOOPS],
      ['{ $ref: "https://example.org/schema" }', null, 9, `has a $ref partner-check cannot follow ("https://example.org/schema")`],
      [chain(40), null, 9, 'stands for more than 10,000 schemas once its $refs are followed'],
    ] as const) {
      write(schema, require);
      const { code, stderr } = await runCli(['c.yaml'], { cwd: dir });
      expect(code, schema).toBe(2);
      expect(stderr, schema).toMatch(new RegExp(`^partner-check: ${escape(mine)}:10:\\d+: criterion MINE-001: check 1 ${escape(says)}[^\n]*\n$`));
      expect(stderr, schema).toContain(`:10:${column}:`);
    }
    // Eleven doubled links are 8,193 schemas: within the budget, and checked.
    write(chain(11), null);
    expect((await runCli(['c.yaml'], { cwd: dir })).code).toBe(1);
  });
});

const LOOPS = 'refers back to itself through its $ref, so on some charter it would never finish; a criterion cannot be recursive';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('safe output', () => {
  const hostileTitle = 'Evil \u001b]0;pwned\u0007\u001b[2J title \u202Eright-to-left \ud800 end';

  it('control characters from a charter are made visible in stylish, markdown and html, and kept valid in junit and sarif', async () => {
    const dir = safetyFolder();
    // eslint-disable-next-line no-control-regex -- the control characters are escaped to put them in YAML
    writeFileSync(join(dir, 'c.yaml'), STRONG.replace('title: Community Elderly Care Service', `title: "${hostileTitle.replace(/[\u0000-\u001f\ud800]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`));
    for (const format of ['stylish', 'markdown', 'html']) {
      const { stdout } = await runCli(['c.yaml', '-f', format], { cwd: dir });
      // eslint-disable-next-line no-control-regex
      expect(stdout, format).not.toMatch(/[\u0007\u001b\u202E]/);
      expect(stdout, format).toContain('Evil \\x1B]0;pwned\\x07\\x1B[2J title \\u202Eright-to-left');
    }
    const junit = (await runCli(['c.yaml', '-f', 'junit'], { cwd: dir })).stdout;
    // eslint-disable-next-line no-control-regex
    expect(junit).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(JSON.parse((await runCli(['c.yaml', '-f', 'sarif'], { cwd: dir })).stdout).version).toBe('2.1.0');
  });

  it('in -f github no file name can start a workflow command', async () => {
    const dir = safetyFolder();
    const name = 'x\n::set-env name=PATH::evil\n.yaml';
    writeFileSync(join(dir, name), readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml')));
    const { stdout } = await runCli([name, '-f', 'github'], { cwd: dir });
    const commands = stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) expect(line).toMatch(/^::(error|warning|notice) /);
    expect(stdout).not.toMatch(/^::set-env/m);
    expect(stdout).toContain('partner-check: x%0A::set-env name=PATH::evil%0A.yaml: ');
  });
});

describe('bounded work on any input', () => {
  // Each of these took from 15 seconds to several minutes before parsing, duplicate keys,
  // cross-references and error gathering were made linear. The time-out only catches a hang. They
  // run on a worker thread: a run of tens of seconds on this thread would starve vitest's calls.
  const big = (lines: string[]) => {
    const file = join(safetyFolder(), 'big.yaml');
    writeFileSync(file, ['charter: 1', 'title: Big', ...lines, ''].join('\n'));
    return file;
  };
  const count = (n: number, line: (index: number) => string) => Array.from({ length: n }, (_, index) => line(index));

  it('one mapping of 100,000 keys', async () => {
    const { code, stderr } = await runCliOnThread([big(['x-map:', ...count(100_000, (index) => `  k${index}: v${index}`)])]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
  }, 600_000);

  it('3,000 partners, goals and outcomes, and a board of 3,000, cross-referenced', async () => {
    const file = big([
      'partners:',
      ...count(3000, (index) => `  - { name: Partner number ${index} of the county, type: nhs-community, role: r }`),
      'goals:',
      ...count(3000, (index) => `  - { id: G${index}, statement: s }`),
      'outcomes:',
      ...count(3000, (index) => `  - { id: O${index}, goal: G${(index * 7) % 3000}, measure: m }`),
      'governance:',
      '  board:',
      `    members: [${count(2999, (index) => `Partner number ${index}`).join(', ')}]`,
    ]);
    const { code, stdout } = await runCliOnThread([file, '-f', 'json']);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).charters[0].findings as { ruleId: string; message: string }[];
    // Only the last partner is missing from the board; every goal is measured by some outcome.
    expect(findings.filter((finding) => finding.ruleId === 'PC-GOV-003').map((finding) => finding.message)).toEqual([
      "Partner 'Partner number 2999 of the county' is not on the joint board (governance.board.members).",
    ]);
    expect(findings.filter((finding) => finding.ruleId === 'PC-OUT-002')).toEqual([]);
  }, 600_000);

  it('a line of a million brackets in plain words, in a charter the yaml package reads (it has an anchor)', async () => {
    const { code, stderr } = await runCliOnThread([big(['x-owner: &owner CCG', 'x-also: *owner', `x-note: ${'a['.repeat(1_000_000)}`])]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
  }, 600_000);

  it('a 5 MB charter of 100,000 failing list items', async () => {
    const lines = ['risks:'];
    for (let index = 0, size = 0; size < 4.9 * 1024 * 1024; index += 1) {
      const line = `  - { risk: Risk ${index}, mitigation: M, owner: O }`;
      lines.push(line);
      size += line.length + 1;
    }
    const { code, stdout } = await runCliOnThread([big(lines), '-f', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout).charters[0] as { findings: { ruleId: string; message: string }[]; criteria: { id: string; checks: { passed: number; total: number } }[] };
    // Each failing criterion lists its first 100 gaps and the report says which listed no more.
    const listed = new Map<string, number>();
    for (const finding of report.findings) listed.set(finding.ruleId, (listed.get(finding.ruleId) ?? 0) + 1);
    expect(Math.max(...listed.values())).toBeLessThanOrEqual(100);
    expect(report.findings.find((finding) => finding.ruleId === 'PC-STRUCT-004')?.message).toMatch(/found more than 100 gaps each; only the first 100 of each are listed/);
  }, 600_000);
});
