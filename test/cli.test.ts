// What a user sees at the command line: exit codes, error lines, colour, the JSON report's shape.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ANSI, jsonReport, runCli, tempFile } from './helpers.js';
import { COMMAND_NAMES } from '../src/cli/read-charters.js';

const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)/;

describe('input errors exit 2 with one line naming the file, and no stack trace', () => {
  it('a YAML syntax error is reported at its own line and column', async () => {
    const file = tempFile('broken.yaml', 'charter: 1\ntitle: Broken\nneed:\n  statement: Patients wait: too long\n');
    const { code, stdout, stderr } = await runCli([file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`partner-check: ${file}:4:14: YAML syntax error: Nested mappings are not allowed in compact mappings\n`);
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it('a missing file', async () => {
    const { code, stderr } = await runCli(['no-such-charter.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe('partner-check: no-such-charter.yaml: no such file\n');
  });

  it('a misspelt command, taken for a charter that is not there, with the command it most likely meant', async () => {
    const { code, stderr } = await runCli(['summery', 'examples/diabetes-acs-pathway.yaml', '-f', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe("partner-check: summery: no such file (did you mean the command 'summary'? It comes first: partner-check summary ...)\n");
  });

  it('knows every command main() has, for that hint', async () => {
    const { stdout } = await runCli(['--help']);
    const listed = [...stdout.matchAll(/^ {2}(\w+)(?: \[options\]| <|\s)/gm)].map((match) => match[1]).filter((name) => name !== 'help');
    expect(listed.sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('a directory with no charters in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-dir-'));
    const { code, stderr } = await runCli([dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: no charters match '${dir}' (use --no-error-on-unmatched-pattern to allow this)\n`);
  });

  it('a binary file', async () => {
    const file = tempFile('image.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const { code, stderr } = await runCli([file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: ${file}: is a binary file, not YAML text\n`);
  });

  it('a file over the size limit, which --max-file-size raises', async () => {
    const file = tempFile('big.yaml', `charter: 1\ntitle: Big\nx-padding: "${'a'.repeat(4096)}"\n`);
    const refused = await runCli([file, '--max-file-size', '2kb']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`partner-check: ${file}: is 4 KB, over the 2 KB limit (raise it with --max-file-size)\n`);
    expect((await runCli([file, '--max-file-size', '1mb'])).code).toBe(1);
  });

  it('an output file that cannot be written, and an oversized charter on stdin', async () => {
    const unwritable = await runCli(['examples/community-elderly-care.yaml', '-f', 'json', '-o', '/nonexistent/dir/report.json']);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe('partner-check: cannot write /nonexistent/dir/report.json: its folder does not exist\n');
    // In words, not the system's codes (ENOTDIR, ENAMETOOLONG).
    const underFile = await runCli(['examples/community-elderly-care.yaml', '-o', 'examples/community-elderly-care.yaml/report.txt']);
    expect(underFile.stderr).toBe('partner-check: cannot write examples/community-elderly-care.yaml/report.txt: a part of its path is a file, not a folder\n');
    const long = `${'x'.repeat(300)}.txt`;
    expect((await runCli(['examples/community-elderly-care.yaml', '-o', long])).stderr).toBe(`partner-check: cannot write ${long}: its name is too long\n`);
    const big = await runCli(['-', '--max-file-size', '1kb'], { input: readFileSync('examples/diabetes-acs-pathway.yaml', 'utf8') });
    expect(big.code).toBe(2);
    expect(big.stderr).toBe('partner-check: <stdin>: is over the 1 KB limit (raise it with --max-file-size)\n');
  });

  it('a YAML alias bomb hits the alias limit', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]', ''].join('\n');
    const { code, stderr } = await runCli([tempFile('bomb.yaml', bomb)]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/too many YAML aliases: written out, they would add more than 10,000 values/);
  });

  it('a list instead of a mapping', async () => {
    const file = tempFile('list.yaml', '- charter: 1\n');
    const { code, stderr } = await runCli([file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: ${file}:1:1: a charter is a YAML mapping (key: value lines), but this file holds a list\n`);
  });

  it('an unknown option or a bad --min-score is a usage error', async () => {
    expect((await runCli(['examples/diabetes-acs-pathway.yaml', '--bogus'])).code).toBe(2);
    const bad = await runCli(['examples/diabetes-acs-pathway.yaml', '--min-score', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a number from 0 to 100');
  });

  it('an empty file name to write (-o "", --cache-location "") is a usage error, not stdout or the working folder', async () => {
    for (const args of [['examples/diabetes-acs-pathway.yaml', '-o', ''], ['examples/diabetes-acs-pathway.yaml', '--cache', '--cache-location', ''], ['summary', 'examples/diabetes-acs-pathway.yaml', '-o', '']]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout, args.join(' ')).toBe('');
      expect(stderr, args.join(' ')).toMatch(/^error: option '.*' argument '' is invalid\. name a file\.\n/);
    }
  });

  it('no file at all is a usage error', async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toBe('error: missing charters to check (files, directories or globs; - for stdin)\n');
  });
});

describe('thresholds', () => {
  it('--min-score decides the exit code when there is no critical gap', async () => {
    const strong = 'examples/community-elderly-care.yaml';
    expect((await runCli([strong, '--min-score', '100'])).code).toBe(0);
    const file = tempFile('no-contingency.yaml', readFileSync(strong, 'utf8').replace(/ {2}contingency: .*\n/, ''));
    expect((await runCli([file, '--min-score', '99'])).code).toBe(0);
    expect((await runCli([file, '--min-score', '99.9'])).code).toBe(1);
  });

  it('a critical gap fails whatever the pass mark', async () => {
    expect((await runCli(['examples/diabetes-acs-pathway.yaml', '--min-score', '0'])).code).toBe(1);
  });
});

describe('output manners', () => {
  it('no colour when stdout is not a terminal', async () => {
    expect((await runCli(['examples/community-elderly-care.yaml'])).stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR colours the stylish report; NO_COLOR wins over it', async () => {
    expect((await runCli(['examples/community-elderly-care.yaml'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runCli(['examples/community-elderly-care.yaml'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });

  it('the JSON report is never coloured', async () => {
    const { stdout } = await runCli(['examples/community-elderly-care.yaml', '-f', 'json'], { env: { FORCE_COLOR: '3' } });
    expect(stdout).not.toMatch(ANSI);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: partner-check');
    const checkHelp = await runCli(['check', '--help']);
    expect(checkHelp.stdout).toContain('--min-score');
    expect(checkHelp.stdout).toContain('Exit codes');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('JSON report', () => {
  it('has the documented shape', async () => {
    const { code, stdout, run } = await jsonReport(['examples/diabetes-acs-pathway.yaml']);
    expect(code).toBe(1);
    expect(run).toMatchObject({ reportVersion: 2, tool: { name: 'partner-check' }, policy: { minScore: 70 }, passed: false, failures: [], summary: { charters: 1, notReady: 1, passed: 0 } });
    expect(run.rules.map((rule) => rule.id)).toContain('PC-STRUCT-001');
    const report = run.charters[0]!;
    expect(Object.keys(report).sort()).toEqual(['areas', 'band', 'counts', 'criteria', 'criticalGaps', 'file', 'findings', 'gates', 'passed', 'score', 'title'].sort());
    expect(report.file).toBe('examples/diabetes-acs-pathway.yaml');
    expect(report.areas[0]).toEqual({ area: 'need', score: 70, criteria: 5, passed: 2, gaps: 3 });
    expect(report.gates[0]).toMatchObject({ id: 'PC-NEED-001', status: 'fail', line: 14, column: 1 });
    expect(report.counts.errors + report.counts.warnings + report.counts.infos).toBe(report.findings.length);
    // A finding names its rule by id; the rule's title, advice and source are in the run's rules, once.
    const rules = new Map(run.rules.map((rule) => [rule.id, rule]));
    expect(rules.size).toBe(run.rules.length);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(['area', 'column', 'gate', 'line', 'message', 'pointer', 'ruleId', 'severity', 'weight'].sort());
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      const rule = rules.get(finding.ruleId)!;
      expect(rule.source.length, finding.ruleId).toBeGreaterThan(0);
      // Said in the rules and nowhere else (two rules may share a source).
      const count = (text: string, words: string) => text.split(JSON.stringify(words)).length - 1;
      for (const words of [rule.advice, rule.source]) expect(count(stdout, words), `${finding.ruleId}: ${words}`).toBe(count(JSON.stringify(run.rules), words));
    }
  });

  it('validates against the published schemas/report.schema.json', async () => {
    const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync('schemas/report.schema.json', 'utf8')));
    for (const example of ['community-elderly-care', 'diabetes-acs-pathway', 'msk-imaging-contract']) {
      const { run } = await jsonReport([`examples/${example}.yaml`, 'missing.yaml']);
      expect(validate(run), `${example}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('lists files that could not be read under failures, and exits 2', async () => {
    const { code, run } = await jsonReport(['examples/community-elderly-care.yaml', 'missing.yaml']);
    expect(code).toBe(2);
    expect(run.charters).toHaveLength(1);
    expect(run.failures).toEqual([{ code: 'read', file: 'missing.yaml', message: 'no such file' }]);
  });
});
