// The baseline comparison in json and stylish output (the HTML report in a browser is in
// test/system/browser.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempFile } from './helpers.js';

describe('baseline', () => {
  const halfDone = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
  const baseline = tempFile('baseline.json', '');
  beforeAll(async () => {
    await runCli(['examples/diabetes-acs-pathway.yaml', '-f', 'json', '-o', baseline]);
  });
  const improved = tempFile(
    'diabetes-acs-pathway.yaml',
    halfDone.replace('  decisions: Agreed by the project group.\n', '  decisions: Agreed by the project group.\n  disputes: Raised at the group; escalated to the ICB within 30 days.\n').replace('  patient_data: true\n', '  patient_data: true\n  dpia: Completed October 2024.\n').replace(/^ {2}priorities: .*\n/m, ''),
  );

  it('json shows score and area deltas, gaps closed and gaps new', async () => {
    const { stdout } = await runCli([improved, '--baseline', baseline, '-f', 'json']);
    const report = JSON.parse(stdout).charters[0];
    expect(report.baseline.score).toBe(51.3);
    expect(report.baseline.delta).toBe(Math.round((report.score - 51.3) * 10) / 10);
    expect(report.baseline.closed.map((gap: { ruleId: string }) => gap.ruleId).sort()).toEqual(['PC-GOV-006', 'PC-INFO-001']);
    expect(report.baseline.opened).toEqual([{ ruleId: 'PC-NEED-003', message: 'No local priority is named (need.priorities).', pointer: '/need/priorities' }]);
    expect(report.baseline.areas.find((area: { area: string }) => area.area === 'information').delta).toBe(40);
  });

  it('reads a report of version 2 (findings, criteria and gates by rule id) and of version 1 (each with its rule\'s words) alike', async () => {
    const saved = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(saved.reportVersion).toBe(2);
    expect(saved.charters[0].findings[0]).not.toHaveProperty('advice');
    expect(saved.charters[0].criteria[0]).not.toHaveProperty('title');
    expect(saved.charters[0].gates[0]).not.toHaveProperty('title');
    // A version 1 report, as partner-check 0.1.0 printed it before version 2 (main at b5ecca2), of the same charter.
    const v1 = join(ROOT, 'test/fixtures/report-v1/diabetes-acs-pathway.json');
    const old = JSON.parse(readFileSync(v1, 'utf8'));
    expect(old.reportVersion).toBe(1);
    expect(old.charters[0].findings[0]).toHaveProperty('advice');
    expect(old.charters[0].criteria[0]).toHaveProperty('title');
    expect(old.charters[0].gates[0]).toHaveProperty('title');
    const fromV2 = await runCli([improved, '--baseline', baseline, '-f', 'json']);
    const fromV1 = await runCli([improved, '--baseline', v1, '-f', 'json']);
    expect(fromV1.code).toBe(fromV2.code);
    expect(fromV1.stderr).toBe('');
    const [againstV1, againstV2] = [fromV1, fromV2].map((run) => JSON.parse(run.stdout).charters[0].baseline);
    // The version 1 report was made before PC-TRANS-009 (a publishable contact) existed: its score is
    // its own, and that criterion's gap is new against it; everything else compares alike.
    expect(againstV1.score).toBe(old.charters[0].score);
    expect(againstV2.score).toBe(saved.charters[0].score);
    expect(againstV1.closed).toEqual(againstV2.closed);
    expect(againstV1.closed).toHaveLength(2);
    expect(againstV1.opened.filter((gap: { ruleId: string }) => gap.ruleId !== 'PC-TRANS-009')).toEqual(againstV2.opened);
  });

  it('stylish shows the change', async () => {
    const { stdout } = await runCli([improved, '--baseline', baseline]);
    expect(stdout).toMatch(/Since the baseline: \+\d+(\.\d)? \(was 51\.3\); 2 gaps closed, 1 new/);
    expect(stdout).toMatch(/Information +100 .* \+40/);
    expect(stdout).toContain('new     PC-NEED-003  No local priority is named');
  });

  it('refuses anything but a JSON report of this or an older version', async () => {
    const newer = tempFile('newer.json', JSON.stringify({ reportVersion: 99, charters: [] }));
    expect((await runCli([improved, '--baseline', newer])).stderr).toBe(`partner-check: --baseline ${newer} is report version 99, newer than this partner-check reads (2); upgrade partner-check\n`);
    const notJson = tempFile('notes.json', 'hello');
    const result = await runCli([improved, '--baseline', notJson]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not JSON; a baseline is a partner-check JSON report');
    writeFileSync(notJson, '{"reportVersion": 1, "charters": [{"file": 3}]}');
    expect((await runCli([improved, '--baseline', notJson])).stderr).toContain('is not a partner-check JSON report');
  });
});
