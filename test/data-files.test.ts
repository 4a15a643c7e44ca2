// Config and criteria files are data a user writes: every fault in one is reported, one line each
// with the file, line and column, and the run exits 2; a misspelt schema keyword is a fault, not a
// check that silently checks nothing.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SchemaObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { createAjv, runAjv } from '../src/core/ajv.js';
import { compileCriteria } from '../src/core/criteria.js';
import { builtinCriteria, loadSchemas } from '../src/io/builtin.js';
import { ROOT, builtModule, fakeTerminal, runCliOnThread } from './helpers.js';

/** A folder (a repository root, so no config above it is found) holding a charter and these files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-data-'));
  mkdirSync(join(dir, '.git'));
  copyFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), join(dir, 'charter.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Checks the folder's charter with its config, in-process, and returns what a user sees. */
async function check(dir: string) {
  const { terminal, out } = fakeTerminal(dir);
  const code = await main(['node', 'partner-check', join(dir, 'charter.yaml'), '-c', join(dir, 'partner-check.config.yaml'), '-f', 'json'], terminal);
  return { code, ...out };
}

/** A criterion of a user's own, with these checks (YAML flow mappings, one a line). */
const criterion = (id: string, ...checks: string[]) =>
  [`  - id: ${id}`, '    area: need', '    title: The need is stated at length', '    weight: medium', '    advice: Say more.', '    source: "A document: a passage"', '    checks:', ...checks.map((check) => `      - ${check}`)].join('\n');

/** Checks with a criteria file of these criteria, which must be refused (exit 2, no report): where it is, and the lines on stderr. */
async function refusedCriteria(...criteria: string[]): Promise<{ mine: string; lines: string[] }> {
  const dir = folder({ 'partner-check.config.yaml': 'criteria: [mine.yaml]\n', 'mine.yaml': ['criteria:', ...criteria, ''].join('\n') });
  const { code, stdout, stderr } = await check(dir);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  return { mine: join(dir, 'mine.yaml'), lines: stderr.split('\n').filter(Boolean) };
}

describe('a config file', () => {
  it('reports every fault, each at its line and column, and exits 2', async () => {
    const dir = folder({
      'partner-check.config.yaml': ['minScore: 800', 'failOn: sometimes', 'rules:', '  PC-GOV-003:', '    wieght: high', '  PC-GOV-002: on', 'ignor: [old/**]', ''].join('\n'),
    });
    const config = join(dir, 'partner-check.config.yaml');
    const { code, stdout, stderr } = await check(dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      `partner-check: ${config}:1:11: not a valid config file: minScore must be <= 100.`,
      `partner-check: ${config}:2:9: not a valid config file: failOn should be one of: error, warning, info, never.`,
      `partner-check: ${config}:5:5: not a valid config file: Unknown key 'wieght' in rules.PC-GOV-003; did you mean 'weight'?`,
      `partner-check: ${config}:6:15: not a valid config file: rules.PC-GOV-002 should be "off" or a mapping (key: value lines).`,
      `partner-check: ${config}:7:1: not a valid config file: Unknown key 'ignor' in the config file; did you mean 'ignore'?`,
    ]);
  });

  it('names every rule that is not a criterion', async () => {
    const dir = folder({ 'partner-check.config.yaml': 'rules:\n  PC-NOPE-001: off\n  PC-GOV-003: off\n  PC-NOPE-002: { weight: low }\n' });
    const config = join(dir, 'partner-check.config.yaml');
    const { code, stderr } = await check(dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `partner-check: ${config}:2:3: rules: PC-NOPE-001 is not a criterion (see partner-check criteria)\n` +
        `partner-check: ${config}:4:3: rules: PC-NOPE-002 is not a criterion (see partner-check criteria)\n`,
    );
  });
});

describe('a criteria file', () => {
  it('reports every fault of its shape, each at its line and column, and exits 2', async () => {
    const { mine, lines } = await refusedCriteria(
      criterion('MINE-001', '{ message: no check named }').replace('weight: medium', 'weight: enormous'),
      criterion('mine-2', '{ require: /need, message: m, at: 5 }').replace('title:', 'titel:'),
      criterion('MINE-003', '{ require: need/statement, message: m }'),
    );
    expect(lines).toEqual([
      `partner-check: ${mine}:5:13: not a valid criteria file: criteria[0].weight should be one of: critical, high, medium, low.`,
      `partner-check: ${mine}:9:9: not a valid criteria file: criteria[0].checks[0] needs 'require', 'schema' or 'forbid'.`,
      `partner-check: ${mine}:10:5: not a valid criteria file: criteria[1] needs 'title'.`,
      `partner-check: ${mine}:10:9: not a valid criteria file: criteria[1].id should be an id of capital letters and digits in parts joined by hyphens, as PC-STAKE-007.`,
      `partner-check: ${mine}:12:5: not a valid criteria file: Unknown key 'titel' in criteria[1]; check the spelling.`,
      `partner-check: ${mine}:17:43: not a valid criteria file: criteria[1].checks[0].at should be text or a list.`,
      `partner-check: ${mine}:25:20: not a valid criteria file: criteria[2].checks[0].require should be a JSON Pointer to a place in the charter, as /need/statement.`,
    ]);
  });

  it('reports every criterion at fault: each unknown signal, each id defined twice', async () => {
    const { mine, lines } = await refusedCriteria(
      criterion('MINE-001', '{ require: /need/statement, schema: { pcSays: withholdnig }, message: Says it withholds. }'),
      criterion('MINE-002', '{ forbid: inducment, message: An inducement. }'),
      criterion('MINE-001', '{ require: /title, message: Twice. }'),
    );
    expect(lines).toEqual([
      `partner-check: ${mine}:9:55: criterion MINE-001: no signal is named 'withholdnig'`,
      `partner-check: ${mine}:17:19: criterion MINE-002: no signal is named 'inducment'`,
      `partner-check: ${mine}:18:5: criterion MINE-001 is defined twice (first in ${mine})`,
    ]);
  });

  it('refuses a misspelt schema keyword or an unknown format with the criterion and its line, every one', async () => {
    const { mine, lines } = await refusedCriteria(
      criterion('MINE-001', '{ require: /need/statement, schema: { type: string, minLenght: 200 }, message: Too short. }'),
      criterion('MINE-002', '{ require: /updated, schema: { format: dat }, message: Not a date. }', '{ require: /title, schema: { maxLenth: 20 }, message: Too long. }'),
    );
    expect(lines).toEqual([
      `partner-check: ${mine}:9:61: criterion MINE-001: check 1 has an unknown keyword 'minLenght'; did you mean 'minLength'?`,
      `partner-check: ${mine}:17:40: criterion MINE-002: check 1 has an unknown format 'dat' (known: date, date-time, email, uri and the other formats of JSON Schema)`,
      `partner-check: ${mine}:18:38: criterion MINE-002: check 2 has an unknown keyword 'maxLenth'; did you mean 'maxLength'?`,
    ]);
  });
  it("reports a keyword of partner-check's own with a wrong value, or one ajv refuses in its own words, at that keyword", async () => {
    const { mine, lines } = await refusedCriteria(
      criterion('MINE-001', '{ schema: { properties: { title: { pcIn: { array: outcomes } } } }, message: M. }', '{ schema: { properties: { title: { enum: [] } } }, message: M. }', '{ schema: { id: mine }, message: M. }'),
      criterion(
        'MINE-002',
        '{ schema: { properties: { title: { pcIn: { array: /partners, match: word } } } }, message: M. }',
        '{ schema: { properties: { start: { pcDate: { afer: today } } } }, message: M. }',
        '{ schema: { properties: { title: { pcIn: { array: /partners, among: { array: /partners } } } } }, message: M. }',
      ),
    );
    expect(lines).toEqual([
      `partner-check: ${mine}:9:52: criterion MINE-001: check 1 has a 'pcIn' that is not valid: its 'array' must be a JSON Pointer to a place in the charter, as /partners`,
      `partner-check: ${mine}:10:44: criterion MINE-001: check 2 has 'enum', which must have non-empty array`,
      `partner-check: ${mine}:11:21: criterion MINE-001: check 3 has 'id', which JSON Schema 2020-12 does not know; use '$id'`,
      // An enum's values, a misspelt part with the one it most likely meant (at that part), a part needed.
      `partner-check: ${mine}:19:70: criterion MINE-002: check 1 has a 'pcIn' that is not valid: its 'match' must be one of exact, words, not "word"`,
      `partner-check: ${mine}:20:54: criterion MINE-002: check 2 has a 'pcDate' that is not valid: it has 'afer', which is not one of its parts (after, notBefore, before, notAfter); did you mean 'after'?`,
      `partner-check: ${mine}:21:70: criterion MINE-002: check 3 has a 'pcIn' that is not valid: its 'among' has no 'key', which it needs`,
    ]);
  });

  it("reports a signal's unknown word list where the phrase or `with` list names it, with the list it most likely meant", async () => {
    const signal = (name: string, rest: string) => `  ${name}:\n    description: says it is secret\n    reads: [/summary]\n${rest}`;
    const text = ['words:', '  secrecy: [secret, confidential]', 'signals:', signal('hush', '    says: ["kept @secrcy"]'), signal('quiet', '    says: [private]\n    with: [nolist]'), 'criteria:', criterion('MINE-001', '{ forbid: hush, message: M. }'), ''].join('\n');
    const dir = folder({ 'partner-check.config.yaml': 'criteria: [mine.yaml]\n', 'mine.yaml': text });
    const { code, stderr } = await check(dir);
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: ${join(dir, 'mine.yaml')}:7:12: signal hush: no word list is named 'secrcy'; did you mean 'secrecy'?\n`);
    writeFileSync(join(dir, 'mine.yaml'), text.replace('@secrcy', '@secrecy'));
    expect((await check(dir)).stderr).toBe(`partner-check: ${join(dir, 'mine.yaml')}:12:12: signal quiet: no word list is named 'nolist'\n`);
  });

  it("a check with `require` reads its schema's own $defs ('#/$defs/name'), as a whole-charter check does", async () => {
    const text = ['criteria:', criterion('MINE-001', '{ require: /title, schema: { $ref: "#/$defs/long", $defs: { long: { type: string, minLength: 500 } } }, message: The title is short. }'), ''].join('\n');
    const dir = folder({ 'partner-check.config.yaml': 'criteria: [mine.yaml]\n', 'mine.yaml': text });
    const { code, stdout, stderr } = await check(dir);
    expect(stderr).toBe('');
    expect(code).toBe(0); // a medium criterion: a gap, not a refusal
    const findings = (JSON.parse(stdout) as { charters: { findings: { ruleId: string; message: string }[] }[] }).charters[0]!.findings;
    expect(findings.filter((finding) => finding.ruleId === 'MINE-001').map((finding) => finding.message)).toEqual(['The title is short.']);
  });

  it('refuses a schema the meta-schema finds wrong in words, once a mistake, at the value at fault', async () => {
    const { mine, lines } = await refusedCriteria(
      criterion('MINE-001', '{ require: /need/statement, schema: { type: strin }, message: Not text. }'),
      criterion('MINE-002', '{ schema: { properties: { title: { minLength: "x", maxLength: -1 } } }, message: Too short. }', '{ schema: { $ref: "#/nowhere" }, message: Nothing. }'),
      criterion('MINE-003', '{ schema: { required: [1, title], properties: { title: { type: [string, string] } } }, message: M. }'),
    );
    expect(lines).toEqual([
      `partner-check: ${mine}:9:53: criterion MINE-001: check 1 is not valid JSON Schema: 'type' must be one of array, boolean, integer, null, number, object, string, not "strin"`,
      `partner-check: ${mine}:17:55: criterion MINE-002: check 1 is not valid JSON Schema: 'minLength' must be a whole number, not "x"`,
      `partner-check: ${mine}:17:71: criterion MINE-002: check 1 is not valid JSON Schema: 'maxLength' must be >= 0, not -1`,
      `partner-check: ${mine}:18:21: criterion MINE-002: check 2 has a $ref to #/nowhere, which is not there (refer within the schema, '#/$defs/name', or to the shared definitions, 'pc:defs#/$defs/name')`,
      `partner-check: ${mine}:26:32: criterion MINE-003: check 1 is not valid JSON Schema: item 1 of 'required' must be text, not 1`,
      `partner-check: ${mine}:26:66: criterion MINE-003: check 1 is not valid JSON Schema: 'type' lists the same item twice`,
    ]);
  });
});

describe('strict schemas', () => {
  it('ajv refuses an unknown keyword, and knows the keywords partner-check adds', () => {
    const ajv = createAjv();
    expect(() => ajv.compile({ type: 'string', minLenght: 3 })).toThrow(/unknown keyword: "minLenght"/);
    expect(() => ajv.compile({ properties: { title: { pcSays: 'withholding', regexp: { pattern: 'x', flags: 'i' } } } })).not.toThrow();
  });

  it("a schema is refused in ajv's own words whether the build's generated checks or ajv's metaschemas check it", async () => {
    const built = await builtModule<typeof import('../src/io/builtin.js')>('io/builtin.js');
    const checks = built.loadSchemaChecks();
    expect(checks).toBeDefined();
    const refusal = (compile: () => unknown) => {
      try {
        compile();
        return 'compiled';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const invalid: SchemaObject[] = [
      { type: 'strin', minLength: -1 },
      { required: 'title', items: [{}], $defs: 3, dependentRequired: { a: 1 } },
      { properties: { a: { anyOf: [], enum: 'x', pattern: 7 } } },
      { properties: { a: { pcIn: { arr: '/x' } } } },
      { regexp: { pattern: 1 } },
      { pcDate: {} },
      { pcShare: { lines: [], key: 1 } },
      { pcSays: '1x' },
      { pcDiffers: '' },
      { pcNotPartOf: { array: 'x' } },
      { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' },
      { $schema: 5 } as unknown as SchemaObject,
    ];
    // One ajv for every schema: a new one compiles the metaschemas again (each schema is a new object, which ajv has not seen).
    const reference = createAjv();
    for (const schema of invalid) {
      const expected = refusal(() => reference.compile(schema));
      expect(expected, JSON.stringify(schema)).not.toBe('compiled');
      expect(refusal(() => runAjv(checks).compile(schema)), JSON.stringify(schema)).toBe(expected);
    }
    const sound = { $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { a: { type: 'string', pcSays: 'withholding', regexp: '/x/i' } } };
    expect(refusal(() => runAjv(checks).compile(sound))).toBe('compiled');
  });

  it('the built-in criteria compile under strict mode', () => {
    expect(compileCriteria([builtinCriteria()], loadSchemas(), new Map(), createAjv).criteria.length).toBeGreaterThan(25);
  });
});

/** A copy of the built package, to run on a worker thread (runCliOnThread's root): its own dist, this one's node_modules. */
function packageCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'partner-check-damaged-'));
  for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

describe('a damaged installation', () => {
  it('checks on worker threads from their modules when the worker bundle is missing, and reports the same', async () => {
    const copy = packageCopy();
    rmSync(join(copy, 'dist/check-worker.cjs'));
    const run = (threads: string) => runCliOnThread([join(ROOT, 'test/fixtures/repo/charters'), '-f', 'json', '--no-config', '--threads', threads], { root: copy });
    const [one, two] = [await run('0'), await run('2')];
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(one.code);
    expect(JSON.parse(two.stdout).charters.length).toBeGreaterThan(5);
    expect(two.stdout).toBe(one.stdout);
  });

  it("reads the built-in criteria from their YAML, says so in one line, and reports the same, when the signals' file is of another build or missing", async () => {
    const copy = packageCopy();
    const run = () => runCliOnThread([join(ROOT, 'examples/diabetes-acs-pathway.yaml'), '-f', 'json', '--no-config'], { root: copy });
    const sound = await run();
    expect(sound.stderr).toBe('');
    const signals = join(copy, 'dist/generated/signal-forms.txt');
    writeFileSync(signals, readFileSync(signals, 'latin1').replace(/^\w+\n/, 'another-build\n'), 'latin1');
    const mixed = await run();
    expect(mixed.stderr).toMatch(/^partner-check: \S*signal-forms\.txt is not of the same build as builtin-criteria\.js: .* reinstall partner-check to mend it\n$/);
    expect(mixed.stdout).toBe(sound.stdout);
    rmSync(signals);
    const missing = await run();
    expect(missing.stderr).toMatch(/^partner-check: \S*signal-forms\.txt is missing: /);
    expect(missing.stdout).toBe(sound.stdout);
  });
});
