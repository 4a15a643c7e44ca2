// The HTML report, read in a real browser (Debian's Chromium driven by playwright-core), and the
// baseline comparison in json and stylish output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempFile } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(ROOT, 'test-output');

/** Chromium comes from .ci/run (Debian's package); without it the browser test is skipped, saying why. */
function ensureChromium(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (.ci/run installs Debian's chromium)`;
}

const skipReason = ensureChromium();
if (skipReason) console.log(`skipping the browser test: ${skipReason}`);

const hostileTitle = `Injected <script>window.__injected = true</script><img src=x onerror="window.__injected = true">`;

describe('HTML report in a browser', () => {
  it.skipIf(skipReason !== null)(
    'shows the score, the chart labels and a gap, runs no injected script, and prints to a screenshot',
    async () => {
      const charter = tempFile('hostile.yaml', readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8').replace(/^title: .*$/m, `title: '${hostileTitle}'`));
      mkdirSync(OUTPUT, { recursive: true });
      const page = join(OUTPUT, 'report.html');
      const { code } = await runCli([charter, '-f', 'html', '-o', page]);
      expect(code).toBe(1);
      const html = readFileSync(page, 'utf8');
      expect(html).not.toMatch(/<script|https?:\/\/(?!partner-check)/i);

      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const tab = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
        const requests: string[] = [];
        tab.on('request', (request) => requests.push(request.url()));
        await tab.goto(pathToFileURL(page).href);
        await expect(tab.locator('.score .big').innerText()).resolves.toBe('51.3');
        await expect(tab.locator('.verdict').innerText()).resolves.toContain('Not ready');
        for (const label of ['Need', 'Goals', 'Stakeholders', 'Governance', 'Resources', 'Outcomes', 'Planning', 'Information', 'Transparency']) {
          expect(await tab.locator('svg.chart text.area-label', { hasText: new RegExp(`^${label}$`) }).isVisible(), label).toBe(true);
        }
        expect(await tab.getByText('There is no dispute resolution route (governance.disputes).').isVisible()).toBe(true);
        expect(await tab.locator('h2').first().innerText()).toContain('<script>window.__injected = true</script>');
        expect(await tab.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
        expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
        await tab.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: true });
      } finally {
        await browser.close();
      }
      expect(existsSync(join(OUTPUT, 'report.png'))).toBe(true);
    },
    60_000,
  );
});

describe('baseline', () => {
  const halfDone = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
  const baseline = tempFile('baseline.json', '');
  beforeAll(async () => {
    await runCli(['examples/diabetes-acs-pathway.yaml', '-f', 'json', '-o', baseline]);
  });
  const improved = tempFile(
    'diabetes-acs-pathway.yaml',
    halfDone.replace('  decisions: Agreed by the project group.\n', '  decisions: Agreed by the project group.\n  disputes: Raised at the group; escalated to the ICB within 30 days.\n').replace('  patient_data: true\n', '  patient_data: true\n  dpia: Completed October 2024.\n').replace(/^  priorities: .*\n/m, ''),
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

  it('stylish shows the change', async () => {
    const { stdout } = await runCli([improved, '--baseline', baseline]);
    expect(stdout).toMatch(/Since the baseline: \+\d+(\.\d)? \(was 51\.3\); 2 gaps closed, 1 new/);
    expect(stdout).toMatch(/Information +100 .* \+40/);
    expect(stdout).toContain('new     PC-NEED-003  No local priority is named');
  });

  it('refuses anything but a JSON report of this or an older version', async () => {
    const newer = tempFile('newer.json', JSON.stringify({ reportVersion: 99, charters: [] }));
    expect((await runCli([improved, '--baseline', newer])).stderr).toBe(`partner-check: --baseline ${newer} is report version 99, newer than this partner-check reads (1); upgrade partner-check\n`);
    const notJson = tempFile('notes.json', 'hello');
    const result = await runCli([improved, '--baseline', notJson]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not JSON; a baseline is a partner-check JSON report');
    writeFileSync(notJson, '{"reportVersion": 1, "charters": [{"file": 3}]}');
    expect((await runCli([improved, '--baseline', notJson])).stderr).toContain('is not a partner-check JSON report');
  });
});
