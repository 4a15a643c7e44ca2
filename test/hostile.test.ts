// Hostile input: the real binary gives a clear one-line error or a report, never a stack trace.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';
import { writeHostileCases } from './hostile/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'partner-check-hostile-'));
const cases = writeHostileCases(dir);
const STACK = /\n\s+at .+:\d+:\d+\)?$/m;

describe('hostile charters', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const { code, stdout, stderr } = await runCli([entry.file, ...(entry.args ?? [])]);
    expect(entry.exits).toContain(code);
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toContain('internal error');
    if (code === 2) {
      // One line per problem, naming the file.
      for (const line of stderr.trim().split('\n')) expect(line).toMatch(/^partner-check: /);
      expect(stderr).toContain(entry.file.split('/').pop()!.replace(/\.yaml$/, ''));
    }
    if (entry.says) expect(`${stdout}${stderr}`).toMatch(entry.says);
  });

  it('a 50 MB charter is read when --max-file-size allows it', async () => {
    const { code, stderr, stdout } = await runCli([join(dir, 'huge.yaml'), '--max-file-size', '60mb']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('Readiness');
  });

  it('__proto__ and constructor keys pollute no prototype', async () => {
    const { checkCharter } = await import('../src/core/check.js');
    const { builtinCriteriaSet: set } = await import('./builtin-criteria.js');
    const text = 'charter: 1\ntitle: x\n__proto__:\n  polluted: true\nneed:\n  __proto__: { polluted: true }\n  constructor: { prototype: { polluted: true } }\n';
    const result = checkCharter(text, set, 'proto.yaml');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a criteria or config file with the same faults is an error at its line, exit 2', async () => {
    const faults: [string, string, RegExp][] = [
      ['syntax', 'criteria: [\n', /YAML syntax error/],
      ['alias bomb', `${'a: &a [1,1,1,1,1,1,1,1,1,1]\n'}b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`, /too many YAML aliases/],
      ['a list', '- minScore: 3\n', /expected a YAML mapping/],
      ['wrong type', 'minScore: high\n', /:1:11: not a valid config file: minScore should be a number\./],
      ['empty', '', /the file is empty/],
    ];
    for (const [label, text, says] of faults) {
      const folder = mkdtempSync(join(tmpdir(), 'partner-check-badconfig-'));
      writeFileSync(join(folder, 'partner-check.config.yaml'), text);
      copyFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), join(folder, 'charter.yaml'));
      const { code, stderr } = await runCli(['charter.yaml'], { cwd: folder });
      expect(code, label).toBe(2);
      expect(stderr, label).toMatch(says);
      expect(stderr, label).not.toMatch(STACK);
    }
    const folder = mkdtempSync(join(tmpdir(), 'partner-check-badcriteria-'));
    writeFileSync(join(folder, 'partner-check.config.yaml'), 'criteria: [bad.yaml, missing.yaml]\n');
    writeFileSync(join(folder, 'bad.yaml'), new Uint8Array([0, 1, 2, 3]));
    copyFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), join(folder, 'charter.yaml'));
    const binary = await runCli(['charter.yaml'], { cwd: folder });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toBe(`partner-check: ${join(folder, 'bad.yaml')}: is a binary file, not YAML text\n`);
  });
});
