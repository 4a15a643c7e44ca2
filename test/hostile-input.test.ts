// Hostile input, second round (issue 23): one reading of the YAML whichever parser reads it, and
// budgets on work that would otherwise grow faster than the input. A hang test uses an input that
// would take minutes if the work were quadratic and milliseconds when it is linear.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, safetyFolder } from './helpers.js';

const STRONG = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');

function charterFile(text: string, name = 'c.yaml'): string {
  const file = join(safetyFolder(), name);
  writeFileSync(file, text);
  return file;
}

describe('one reading of the YAML (item 8)', () => {
  it.each([
    ['0b1011011100011011000000', '0b…: a number to js-yaml, text to the yaml package'],
    ['+.5', '+.5: text to js-yaml, a number to the yaml package'],
  ])('amount: %s gives the same verdict with or without a comment that sends the file to the other parser', async (amount) => {
    const text = STRONG.replace('amount: 3000000', `amount: ${amount}`);
    const plain = await runCli([charterFile(text), '-f', 'json']);
    const commented = await runCli([charterFile(`${text}# see *notes*\n`), '-f', 'json']);
    expect(commented.code).toBe(plain.code);
    const reports = [plain, commented].map((run) => ({ ...(JSON.parse(run.stdout) as { charters: Record<string, unknown>[] }).charters[0], file: 'c.yaml' }));
    expect(reports[1]).toEqual(reports[0]);
  });
});

describe('work that grows with the input stays linear, and a report stays readable (items 11, 12)', () => {
  it('100,000 unknown keys in one mapping are reported at once, the first 1,000 of them listed (quadratic: minutes)', async () => {
    const keys = Array.from({ length: 100_000 }, (_, index) => `  k${index}: 1\n`).join('');
    const { code, stdout, stderr } = await runCli([charterFile(`charter: 1\ntitle: Keys\nneed:\n${keys}`)]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain("Unknown key 'k0' in need");
    expect(stdout).not.toContain("Unknown key 'k99999'");
    expect(stdout).toContain('PC-STRUCT-004  The charter has more than 1,000 problems of shape; only the first 1,000 are listed. Fix these and check again.');
  }, 180_000);

  it('a list of 50,000 plain values lists 1,000 problems and says so, in every format', async () => {
    const file = charterFile(`charter: 1\ntitle: Risks\nrisks:\n${'  - 1\n'.repeat(50_000)}`);
    for (const format of ['stylish', 'json', 'github']) {
      const { code, stdout } = await runCli([file, '-f', format]);
      expect(code, format).toBe(1);
      expect(stdout, format).toContain('PC-STRUCT-004');
      // GitHub shows the first annotations only (and says so); the other formats say what was left out.
      if (format !== 'github') expect(stdout, format).toContain('only the first 1,000 are listed');
      // Without the cap: about 200,000 findings, tens of megabytes.
      expect(stdout.length, format).toBeLessThan(2_000_000);
    }
    const { run } = { run: JSON.parse((await runCli([file, '-f', 'json'])).stdout) as { charters: { findings: unknown[]; band: string }[] } };
    // 1,000 problems of shape, each criterion's first gaps, and the finding that says the rest are not listed.
    expect(run.charters[0]!.findings.length).toBeLessThan(1_500);
    expect(run.charters[0]!.band).toBe('not-ready');
  }, 180_000);
});

describe('alias expansion has a budget (item 13)', () => {
  it('99 aliases of a 300,000-item list are refused as an alias bomb, before the list is built 99 times', async () => {
    const file = charterFile(`charter: 1\ntitle: Bomb\nx-list: &l [${Array(300_000).fill('1').join(',')}]\nx-more:\n${'  - *l\n'.repeat(99)}`, 'bomb.yaml');
    const { code, stdout, stderr } = await runCli([file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`partner-check: ${file}:1:1: too many YAML aliases: written out, they would add more than 10,000 values; the file looks like an alias bomb\n`);
  }, 120_000);

  it('a few aliases of small values are read as written out', async () => {
    const { code, stderr } = await runCli([charterFile('charter: 1\ntitle: &t Shared title\nsummary: *t\nrisks:\n  - &r { risk: Delay, mitigation: Bank staff, owner: CCG }\n  - *r\n')]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
  });
});

describe('nesting has a limit: refused before it is parsed, at the place it goes past the limit', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
  it('a hundred and one flow collections or sequences begun on one line are refused at once, naming the line and column; a hundred are read', async () => {
    for (const [text, place] of [
      [`charter: 1\ntitle: Deep\nx-deep: ${deep(101)}\n`, '3:109'],
      [`charter: 1\ntitle: Deep\nx-deep: ${deep(10_000)}\n`, '3:109'],
      [`charter: 1\ntitle: Deep\nx-deep:\n  ${'- '.repeat(10_000)}1\n`, '4:203'],
      [`charter: 1\ntitle: Deep\nx-deep: # the data: [[[\n  - - ${deep(99)}\n`, '4:105'],
    ] as const) {
      const file = charterFile(text, 'deep.yaml');
      expect(await runCli([file])).toEqual({ code: 2, stdout: '', stderr: `partner-check: ${file}:${place}: YAML syntax error: the data is nested too deeply to read (more than 100 levels)\n` });
    }
    const { code, stderr } = await runCli([charterFile(`charter: 1\ntitle: Deep\nx-deep: ${deep(100)}\n`, 'deep.yaml')]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });

  it('brackets in quoted text, in comments and in plain words are not nesting: a sound charter with hundreds of them is read', async () => {
    const brackets = '['.repeat(300);
    const text = STRONG.replace(/^title: .*$/m, (line) => `${line}\n# ${brackets}\nx-notes:\n  - "${brackets}"\n  - '${brackets} it''s fine'\n  - the note's ${'- '.repeat(150)}end`);
    const { code, stderr } = await runCli([charterFile(text)]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('brackets left open in plain words, line after line, are text, on either parse path (an anchor sends a charter to the yaml package)', async () => {
    const notes = Array.from({ length: 150 }, (_, index) => `  - see [${index} and {${index}, as noted`).join('\n');
    for (const anchor of ['', '\nx-owner: &owner CCG\nx-also: *owner']) {
      const text = STRONG.replace(/^title: .*$/m, (line) => `${line}${anchor}\nx-notes:\n${notes}`);
      const { code, stderr } = await runCli([charterFile(text)]);
      expect({ code, stderr }, anchor || 'no anchor').toEqual({ code: 0, stderr: '' });
    }
    // An anchor or a tag before a bracket still opens a collection that counts.
    const deep = `charter: 1\ntitle: Deep\nx-deep: &d ${'['.repeat(101)}1${']'.repeat(101)}\nx-again: *d\n`;
    const file = charterFile(deep, 'deep.yaml');
    expect(await runCli([file])).toEqual({ code: 2, stdout: '', stderr: `partner-check: ${file}:3:112: YAML syntax error: the data is nested too deeply to read (more than 100 levels)\n` });
  });
});

describe('worker threads are capped to the work (item 15)', () => {
  it('--threads 64 on one charter starts one worker, and on 100 charters no more than MAX_THREADS', async () => {
    const { MAX_THREADS, workerCount } = await import('../src/cli/parallel.js');
    expect(workerCount(1, 64)).toBe(1);
    expect(workerCount(100, 64)).toBe(MAX_THREADS);
    expect(workerCount(0, 64)).toBe(0);
    expect(workerCount(10_000, 3)).toBe(3);
  });

  it('--threads 64 on one charter gives the same report as a plain run', async () => {
    const file = charterFile(STRONG);
    const threaded = await runCli([file, '--threads', '64', '-f', 'json']);
    const plain = await runCli([file, '-f', 'json']);
    expect(threaded.code).toBe(0);
    expect(threaded.stdout).toBe(plain.stdout);
  }, 600_000);
});
