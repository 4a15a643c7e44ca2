// The shipped examples land in their bands, with the exit codes a CI step relies on.
import { describe, expect, it } from 'vitest';
import { jsonReport, runCli } from './helpers.js';

describe('examples', () => {
  it('the strong charter is Ready (≥ 85) and exits 0', async () => {
    const { code, run } = await jsonReport(['examples/community-elderly-care.yaml']);
    const report = run.charters[0]!;
    expect(report.score).toBeGreaterThanOrEqual(85);
    expect(report.band).toBe('ready');
    expect(report.passed).toBe(true);
    expect(code).toBe(0);
  });

  it('the half-done charter scores 40-70 and exits 1', async () => {
    const { code, run } = await jsonReport(['examples/diabetes-acs-pathway.yaml']);
    const report = run.charters[0]!;
    expect(report.score).toBeGreaterThanOrEqual(40);
    expect(report.score).toBeLessThanOrEqual(70);
    expect(report.band).toBe('not-ready');
    expect(code).toBe(1);
  });

  it('the supply contract dressed up as a partnership scores under 30 and exits 1', async () => {
    const { code, run } = await jsonReport(['examples/msk-imaging-contract.yaml']);
    const report = run.charters[0]!;
    expect(report.score).toBeLessThan(30);
    expect(report.criticalGaps).toContain('PC-GOV-001');
    expect(code).toBe(1);
  });

  it('prints the stylish report with score, band, areas, gaps and passes', async () => {
    const { code, stdout, stderr } = await runCli(['examples/diabetes-acs-pathway.yaml']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    // The verdict first, then what holds it back: the failed gates, each with where its first gap is.
    expect(stdout).toMatch(/^examples\/diabetes-acs-pathway\.yaml {2}Diabetes care.*\n {2}✖ Not ready: \d+ gates fail, .*\n {4}examples\/diabetes-acs-pathway\.yaml:14:1 {2}gate PC-NEED-001 {2}The need is identified first/);
    expect(stdout).toMatch(/\n {2}Readiness [45]\d(\.\d)?\/100 {2}\(pass mark 70\)\n/);
    expect(stdout).toContain('gate PC-ABPI-R3 (ABPI red 3)  Benefits go to organisations, not to any individual');
    expect(stdout).toContain('Governance');
    // A gap: file:line:col  severity  id  what is missing  → how to fix it
    expect(stdout).toMatch(
      /examples\/diabetes-acs-pathway\.yaml:70:1 {2}error {4}PC-GOV-006 {2}There is no dispute resolution route \(governance\.disputes\)\. {2}→ Write the steps/,
    );
    // What already passes is shown too.
    expect(stdout).toContain('✔ PC-NEED-002');
    expect(stdout).toMatch(/✖ \d+ problems .*; Not ready: \d+ gates fail: .*PC-ABPI-R7 \(ABPI red 7\)/);
  });
});
