// What only a browser shows: the HTML report and the HTML summary opened in Chromium, as a reader
// opens and prints them (the pages themselves are made in-process).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT, runCli, tempFile } from '../helpers.js';
import { missingItems, TEMPLATE_CHARTERS, templateItems } from '../template-items.js';

const textOf = (name: string) => readFileSync(join(ROOT, `examples/${name}.yaml`), 'utf8');
const summary = (args: string[]) => runCli(['summary', ...args]);

const OUTPUT = join(ROOT, 'test-output');

/**
 * Chromium's headless shell (Debian's chromium-headless-shell, which .ci/run installs): the same
 * Blink as the full browser without its user interface, at half the CPU for these pages (14.6
 * against 27.1 core-seconds for the same steps, measured). The full chromium serves when it is all
 * there is; without either, the browser tests are skipped, saying why.
 */
const BROWSERS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
const CHROMIUM = BROWSERS.find((path) => existsSync(path));

function ensureChromium(): string | null {
  return CHROMIUM ? null : `neither ${BROWSERS.join(' nor ')} is installed (.ci/run installs Debian's chromium-headless-shell)`;
}

const skipReason = ensureChromium();
if (skipReason) console.log(`skipping the browser tests: ${skipReason}`);

/** One Chromium for the file's tests, started by the first that needs it: each test opens and closes its own page. */
let started: Promise<Browser> | undefined;
function chromiumBrowser(): Promise<Browser> {
  started ??= import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  );
  return started;
}
afterAll(async () => {
  if (started) await (await started).close();
});

const injectedTitle = `Injected <script>window.__injected = true</script><img src=x onerror="window.__injected = true">`;

describe('HTML report in a browser', () => {
  it.skipIf(skipReason !== null)(
    'shows the score, the chart labels and a gap, runs no injected script, and prints to a screenshot',
    async () => {
      const charter = tempFile('hostile.yaml', textOf('diabetes-acs-pathway').replace(/^title: .*$/m, `title: '${injectedTitle}'`));
      mkdirSync(OUTPUT, { recursive: true });
      const page = join(OUTPUT, 'report.html');
      const { code } = await runCli([charter, '-f', 'html', '-o', page]);
      expect(code).toBe(1);
      const html = readFileSync(page, 'utf8');
      expect(html).not.toMatch(/<script|https?:\/\/(?!partner-check)/i);

      const tab = await (await chromiumBrowser()).newPage({ viewport: { width: 1000, height: 1400 } });
      try {
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
        await tab.close();
      }
      expect(existsSync(join(OUTPUT, 'report.png'))).toBe(true);
    },
  );
});

describe.skipIf(skipReason !== null)('the HTML summary in Chromium', () => {
  const hostileTitle = `Falls <script>window.__injected = true</script><img src=x onerror="window.__injected = true">`;

  it('is one self-contained page: escaped, accessible (axe: no serious or critical), two A4 pages, and a screenshot', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const strong = join(OUTPUT, 'summary.html');
    expect((await summary(['examples/community-elderly-care.yaml', '-f', 'html', '-o', strong])).code).toBe(0);
    const hostileCharter = tempFile('hostile.yaml', textOf('diabetes-acs-pathway').replace(/^title: .*$/m, `title: '${hostileTitle}'`));
    const draft = join(OUTPUT, 'summary-draft.html');
    expect((await summary([hostileCharter, '-f', 'html', '--draft', '-o', draft])).code).toBe(0);
    // Nothing to run or fetch: no script, stylesheet, font or image, and the hostile title only as text.
    expect(readFileSync(strong, 'utf8')).not.toMatch(/<script|<link|<img|@import|@font-face|url\(/i);
    expect(readFileSync(draft, 'utf8')).not.toMatch(/<script|<link|<img|@import|@font-face|url\(/i);

    const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const tab = await (await chromiumBrowser()).newPage({ viewport: { width: 900, height: 1270 } });
    try {
      const requests: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      for (const page of [strong, draft]) {
        await tab.goto(pathToFileURL(page).href);
        await tab.addScriptTag({ content: axeSource });
        const violations = await tab.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
          return (await axe.run(document)).violations.map((violation) => `${violation.id} (${violation.impact})`);
        });
        expect(violations.filter((violation) => /serious|critical/.test(violation)), page).toEqual([]);
        if (page === strong) {
          expect(await tab.locator('h1').innerText()).toBe('Community Elderly Care Service');
          await tab.screenshot({ path: join(OUTPUT, 'summary.png') });
          const pdf = await tab.pdf({ preferCSSPageSize: true });
          const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))![1]);
          expect(pages).toBeGreaterThanOrEqual(1);
          expect(pages).toBeLessThanOrEqual(2);
        } else {
          expect(await tab.locator('h1').innerText()).toBe(hostileTitle);
          expect(await tab.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
          await expect(tab.locator('.draft-banner').first().innerText()).resolves.toBe('DRAFT: not fit to publish');
          expect(await tab.locator('.draft-banner').count()).toBe(2);
          expect(await tab.locator('body.draft').count()).toBe(1); // the watermark on every printed page
        }
      }
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await tab.close();
    }
    expect(existsSync(join(OUTPUT, 'summary.png'))).toBe(true);
  });
  it('links the contact e-mails and the published summary, keeps each date on one line, and stays axe-clean, even narrow', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const page = join(OUTPUT, 'summary-copd.html');
    expect((await summary(['examples/copd-joint-working.yaml', '-o', page, '-f', 'html'])).code).toBe(0);
    const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    // The browser the other tests use: a page of its own is all this one needs (a second Chromium cost seconds of CPU).
    const tab = await (await chromiumBrowser()).newPage({ viewport: { width: 360, height: 800 } });
    try {
      await tab.goto(pathToFileURL(page).href);
      await tab.addScriptTag({ content: axeSource });
      const violations = await tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        return (await axe.run(document)).violations.map((violation) => `${violation.id} (${violation.impact})`);
      });
      expect(violations.filter((violation) => /serious|critical/.test(violation))).toEqual([]);
      const links = await tab.locator('a').evaluateAll((anchors) => anchors.map((anchor) => `${anchor.textContent} -> ${(anchor as HTMLAnchorElement).href}`));
      expect(links).toContain('v.example@example.com -> mailto:v.example@example.com');
      expect(links).toContain('https://example.org/copd-joint-working-summary -> https://example.org/copd-joint-working-summary');
      // On a phone-width page every date is still one line: its box is no taller than one line of its text.
      const heights = await tab.locator('.date').evaluateAll((dates) => dates.map((date) => date.getClientRects().length));
      expect(heights.length).toBeGreaterThan(5);
      expect(heights.every((rects) => rects === 1)).toBe(true);
    } finally {
      await tab.close();
    }
  });
});

describe.skipIf(skipReason !== null)('every template item in the HTML summary, as Chromium shows it', () => {
  it('for each example and each charter written from a published summary: each item in its section, axe-clean', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const tab = await (await chromiumBrowser()).newPage({ viewport: { width: 900, height: 1270 } });
    try {
      for (const { file, publishable } of TEMPLATE_CHARTERS) {
        const page = join(OUTPUT, `template-${basename(file, '.yaml')}.html`);
        expect((await summary([file, '-o', page, ...(publishable ? [] : ['--draft'])])).code, file).toBe(0);
        await tab.goto(pathToFileURL(page).href);
        // What a reader sees: the title, each section under its heading, the foot.
        const places = await tab.evaluate(() => {
          const seen: Record<string, string> = { title: document.querySelector('h1')?.innerText ?? '', foot: document.querySelector('footer')?.innerText ?? '' };
          for (const section of document.querySelectorAll('section')) {
            const heading = section.querySelector('h2')?.innerText;
            if (heading) seen[heading] = section.innerText;
          }
          return seen;
        });
        expect(missingItems(templateItems(file), places), file).toEqual([]);
        await tab.addScriptTag({ content: axeSource });
        const violations = await tab.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
          return (await axe.run(document)).violations.map((violation) => `${violation.id} (${violation.impact})`);
        });
        expect(violations.filter((violation) => /serious|critical/.test(violation)), file).toEqual([]);
      }
    } finally {
      await tab.close();
    }
  }, 600_000); // seven pages, each read and checked by axe: the heaviest of the file on a loaded machine
});
