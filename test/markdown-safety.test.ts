// Issue 23, item 19: Markdown shows a charter's text as text (no link, image, HTML or autolink it
// did not mean), and the step summary never grows past what GitHub shows of one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, safetyFolder } from './helpers.js';

const DIABETES = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
const STRONG = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
/** GitHub's limit on one step's summary. */
const MIB = 1024 * 1024;

// A disguised link, an image, a tag, the three kinds of address GitHub links by itself, emphasis and code.
const HOSTILE_TITLE = '[Approved - click to sign](https://evil.example/login) ![i](https://evil.example/i.png) <img src=x onerror=alert(1)> http://evil.example www.evil.example sign@evil.example *now* `x`';
const HOSTILE_SHOWN = '\\[Approved - click to sign](https\\://evil.example/login) !\\[i](https\\://evil.example/i.png) \\<img src=x onerror=alert(1)> http\\://evil.example www\\.evil.example sign\\@evil.example \\*now\\* \\`x\\`';

function withTitle(text: string, title: string): string {
  const changed = text.replace(/^title: .*$/m, `title: '${title.replace(/'/g, "''")}'`);
  expect(changed).not.toBe(text);
  return changed;
}

describe('-f markdown and the step summary show charter text as text (issue 23, item 19)', () => {
  it("a link, an image, a tag or an address in a charter's value is escaped, in the report and the step summary alike", async () => {
    const dir = safetyFolder();
    writeFileSync(join(dir, 'c.yaml'), withTitle(DIABETES, HOSTILE_TITLE));
    const { code, stdout } = await runCli(['c.yaml', '-f', 'markdown'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: 'step.md' } });
    expect(code).toBe(1);
    expect(stdout).toContain(`| c.yaml | ${HOSTILE_SHOWN} | ❌`);
    // The tool's own links (each criterion's documentation) are still links.
    expect(stdout).toMatch(/\| \[PC-[A-Z0-9-]+\]\(https:\/\/github\.com\/partner-check\/partner-check\/blob\/main\/docs\/criteria\.md#pc-/);
    // The whole run fits the step summary: it is the report, as it is.
    expect(readFileSync(join(dir, 'step.md'), 'utf8')).toBe(stdout);
  });

  it('a finding that quotes a value escapes it too', async () => {
    const dir = safetyFolder();
    const text = DIABETES.replace('name: Lincolnshire Community Health Services NHS Trust', "name: '[Trust](https://evil.example)'");
    expect(text).not.toBe(DIABETES);
    writeFileSync(join(dir, 'c.yaml'), text);
    const { stdout } = await runCli(['c.yaml', '-f', 'markdown'], { cwd: dir });
    expect(stdout).toContain("Partner '\\[Trust](https\\://evil.example)' has no senior sponsor");
    expect(stdout).not.toContain('[Trust](https://evil.example)');
  });
});

describe('the step summary fits in what GitHub shows of it (issue 23, item 19)', () => {
  /** 100 copies of a failing charter: 1.9 MB of Markdown. */
  const hundred = () => {
    const dir = safetyFolder();
    mkdirSync(join(dir, 'charters'));
    for (let index = 1; index <= 100; index += 1) writeFileSync(join(dir, 'charters', `c${String(index).padStart(3, '0')}.yaml`), DIABETES);
    return dir;
  };

  it('100 failing charters: the totals and the first charters, then what was left out and where the full report is', async () => {
    const dir = hundred();
    const { code, stderr } = await runCli(['charters', '-f', 'markdown', '-o', 'report.md'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'step.md') } });
    expect(code).toBe(1);
    expect(stderr).toBe('partner-check: wrote the markdown report to report.md\n');
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    const step = readFileSync(join(dir, 'step.md'), 'utf8');
    expect(Buffer.byteLength(report)).toBeGreaterThan(1.5 * MIB);
    expect(Buffer.byteLength(step)).toBeLessThanOrEqual(MIB);
    expect(step).toContain('100 charters: 0 ready, 0 nearly ready, 100 not ready');
    const closing = /\n\n\*\*Cut short to fit GitHub's limit on a step summary \(1 MiB\):\*\* the (\d+) of 100 charters' gaps are left out\. The full report is in report\.md\.\n$/.exec(step);
    expect(closing).not.toBeNull();
    // Before its closing line, the step summary is the report's beginning: every row, and the gaps of the charters it shows.
    const shown = step.slice(0, closing!.index);
    expect(report.startsWith(shown)).toBe(true);
    expect(shown.match(/^\| charters\/c\d{3}\.yaml \|/gm)).toHaveLength(100);
    const detailed = shown.match(/<details><summary>charters\/c\d{3}\.yaml: \d+ gaps/g)?.length ?? 0;
    expect(detailed).toBeGreaterThan(10);
    expect(Number(closing![1])).toBe(100 - detailed);
  }, 300_000);

  it('what the step wrote there before counts: the file stays within 1 MiB; the report printed on stdout is whole', async () => {
    const dir = hundred();
    const before = `${'x'.repeat(99)}\n`.repeat(10_000); // 1,000,000 bytes from an earlier tool of the step
    writeFileSync(join(dir, 'step.md'), before);
    const { code, stdout } = await runCli(['charters', '-f', 'markdown'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: 'step.md' } });
    expect(code).toBe(1);
    const step = readFileSync(join(dir, 'step.md'), 'utf8');
    expect(step.startsWith(before)).toBe(true);
    expect(Buffer.byteLength(step)).toBeLessThanOrEqual(MIB);
    expect(step).toMatch(/and \d+ of their rows in the table are left out\. The full report is in this step's log\.\n$/);
    expect(stdout.match(/^\| charters\/c\d{3}\.yaml \|/gm)).toHaveLength(100);
  }, 300_000);

  it('a step summary already full gets nothing more', async () => {
    const dir = safetyFolder();
    writeFileSync(join(dir, 'c.yaml'), DIABETES);
    const full = 'x'.repeat(MIB - 10);
    writeFileSync(join(dir, 'step.md'), full);
    const { code, stdout } = await runCli(['c.yaml', '-f', 'markdown'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: 'step.md' } });
    expect(code).toBe(1);
    expect(stdout).toContain('| c.yaml |');
    expect(readFileSync(join(dir, 'step.md'), 'utf8')).toBe(full);
  });
});

describe('the executive summary links only what the tool links (issue 23, item 19)', () => {
  it('https addresses link to themselves as in the HTML; http, www and e-mail addresses in prose, and disguised links, do not', async () => {
    const dir = safetyFolder();
    const text = withTitle(STRONG, 'See https://example.nhs.uk/plan, http://evil.example, www.evil.example, sign@evil.example and [sign](https://evil.example/login)');
    writeFileSync(join(dir, 'c.yaml'), `${text}\ncontact:\n  name: Partnerships team\n  email: partnerships@example.nhs.uk\n`);
    const { code, stdout } = await runCli(['summary', 'c.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('# See https://example.nhs.uk/plan, http\\://evil.example, www\\.evil.example, sign\\@evil.example and \\[sign](https://evil.example/login)\n');
    // An e-mail address given as one is the tool's link.
    expect(stdout).toContain('- **Email:** partnerships@example.nhs.uk\n');
  });
});
