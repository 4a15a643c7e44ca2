// The verdict as a user sees it: exit codes of sound and refused charters, and the failed gates
// named first in every format.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const CRITERIA = join(ROOT, 'test/criteria');
const RED_FIVE = 'test/criteria/PC-ABPI-R5/fail-company-designed-alone.yaml';

describe('exit codes', () => {
  it('a proposed charter that plans to sign and publish before it starts, and one whose company gives only staff, exit 0', async () => {
    for (const file of ['test/criteria/PC-GOV-008/pass-proposed-plans-signing.yaml', 'test/criteria/PC-ABPI-R4/pass-staff-only.yaml']) {
      const { code, stdout } = await runCli([file]);
      expect(code, file).toBe(0);
      expect(stdout.split('\n')[1]).toBe('  ✔ Ready');
    }
  });

  it('each ABPI red question failed alone exits 1, though the score stays high', async () => {
    const files = readdirSync(CRITERIA).filter((id) => id.startsWith('PC-ABPI-R')).flatMap((id) =>
      readdirSync(join(CRITERIA, id)).filter((name) => name.startsWith('fail')).map((name) => `test/criteria/${id}/${name}`),
    );
    expect(files.length).toBeGreaterThanOrEqual(10);
    const { code, stdout } = await runCli([...files, '-f', 'json']);
    expect(code).toBe(1);
    const run = JSON.parse(stdout) as { charters: { file: string; score: number; band: string; passed: boolean; gates: { id: string; status: string }[] }[] };
    for (const report of run.charters) {
      const id = report.file.split('/')[2]!;
      expect(report.passed, report.file).toBe(false);
      expect(report.band, report.file).toBe('not-ready');
      expect(report.gates[0], report.file).toMatchObject({ id, status: 'fail' });
    }
  });
});

describe('the failed gates come first in every format', () => {
  it('stylish', async () => {
    const { stdout } = await runCli([RED_FIVE]);
    expect(stdout.split('\n').slice(1, 3).join('\n')).toMatch(/^ {2}✖ Not ready: 1 gate fails\n {4}\S+:34:5 {2}gate PC-ABPI-R5 \(ABPI red 5\) {2}All parties share/);
  });

  it('json, sarif and github', async () => {
    const json = JSON.parse((await runCli([RED_FIVE, '-f', 'json'])).stdout);
    expect(json.charters[0].gates[0]).toMatchObject({ id: 'PC-ABPI-R5', status: 'fail', line: 34, column: 5 });
    expect(json.charters[0].findings[0]).toMatchObject({ ruleId: 'PC-ABPI-R5', gate: true });
    const sarif = JSON.parse((await runCli([RED_FIVE, '-f', 'sarif'])).stdout);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'PC-ABPI-R5', properties: { gate: true } });
    expect((await runCli([RED_FIVE, '-f', 'github'])).stdout.split('\n')[0]).toMatch(/^::error file=\S+,line=34,col=5,title=gate PC-ABPI-R5 /);
  });

  it('markdown, junit and html', async () => {
    const markdown = (await runCli([RED_FIVE, '-f', 'markdown'])).stdout;
    expect(markdown).toContain('| ❌ Not ready: 1 gate fails: PC-ABPI-R5 (ABPI red 5) |');
    expect(markdown.split('\n').find((line) => line.includes(":34:5"))).toContain('| **gate** | [PC-ABPI-R5]');
    const junit = (await runCli([RED_FIVE, '-f', 'junit'])).stdout;
    const names = [...junit.matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((match) => match[1]);
    expect(names.slice(0, 2)).toEqual(['readiness reaches the pass mark', 'PC-ABPI-R5 All parties share the development, implementation and delivery']);
    expect(junit).toContain('failed gates: PC-ABPI-R5 (ABPI red 5)');
    const html = (await runCli([RED_FIVE, '-f', 'html'])).stdout;
    expect(html).toMatch(/<p class="headline"><strong>Not ready<\/strong>: 1 gate fails · does not pass<\/p><ul class="blockers"><li>gate <strong>PC-ABPI-R5 \(ABPI red 5\)<\/strong> All parties share/);
  });
});
