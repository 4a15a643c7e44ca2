// `partner-check summary`: the executive summary holds what the charter says and nothing else, is
// refused while a gate fails, is marked as a draft on request, and reads well in a browser.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, runCli, tempFile } from './helpers.js';

const EXAMPLES = ['community-elderly-care', 'copd-joint-working', 'diabetes-acs-pathway', 'msk-imaging-contract'];
const PUBLISHABLE = new Set(['community-elderly-care', 'copd-joint-working']);

const summary = (args: string[], cwd = ROOT) => runCli(['summary', ...args], { cwd });

const textOf = (name: string) => readFileSync(join(ROOT, `examples/${name}.yaml`), 'utf8');
type Data = Record<string, unknown>;
const items = (value: unknown) => (Array.isArray(value) ? (value as Data[]) : []);

// Every word of a summary is the charter's or one of the tool's own headings and labels.
const TOOL_WORDS = `DRAFT not fit to publish Status Charter last updated Summary The partners Role Contribution Funding Staff In kind Lead
  Other resources from need Evidence Population served Local priorities Objectives and expected benefits For patients the NHS
  Governance Board Chair Members Meets How decisions are made interests declared Agreement Signed Executive summary of agreement
  published Published at Timeline Start End Milestones Date Milestone Outcomes that will be measured Measure Baseline Target By
  Data source Publication outcomes Evaluation Exit strategy If plans change Contact Email Telephone committed not yet whole time
  equivalent equivalents Gaps to close before this can be Gate line partner check found none is marked as a draft because was
  asked for commissioner primary care secondary community services mental health social local authority industry independent
  provider voluntary sector patients carers patient organisation academic January February March April May June July August
  September October November December Untitled`;
// 3,000,000 and 3000000 are the same number: the summary writes amounts with separators.
const words = (text: string) => text.toLowerCase().replace(/(\d),(?=\d{3}\b)/g, '$1').match(/[\p{L}\p{N}]+/gu) ?? [];

describe.each(EXAMPLES)('the summary of examples/%s.yaml', (name) => {
  const file = `examples/${name}.yaml`;
  const charter = parseYaml(textOf(name)) as Data;
  const args = PUBLISHABLE.has(name) ? [file] : [file, '--draft'];

  it('names every partner and every outcome, with its dates', async () => {
    const { code, stdout } = await summary(args);
    expect(code).toBe(0);
    for (const partner of items(charter['partners'])) expect(stdout).toContain(String(partner['name']));
    for (const outcome of items(charter['outcomes'])) {
      if (typeof outcome['measure'] === 'string') expect(stdout).toContain(outcome['measure']);
      if (typeof outcome['by'] === 'string') {
        const [year, month, day] = outcome['by'].split('-').map(Number);
        expect(stdout).toContain(`${day} ${new Date(Date.UTC(year!, month! - 1, day)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`);
      }
    }
  });

  it('says nothing the charter does not: every word is the charter\'s or a heading\'s, no "undefined", no empty heading', async () => {
    const { stdout } = await summary(args);
    const allowed = new Set([...words(textOf(name)), ...words(TOOL_WORDS)]);
    const foreign = [...new Set(words(stdout.replace(/^- Gate .*|^- PC-.*/gm, '')))].filter((word) => !allowed.has(word));
    expect(foreign).toEqual([]);
    expect(stdout).not.toMatch(/undefined|null|NaN|\[object/);
    // A heading is always followed by something before the next heading of its level or above.
    expect(stdout).not.toMatch(/^## .*\n\n## /m);
    expect(stdout).not.toMatch(/^### .*\n\n#{2,3} /m);
  });
});

describe('refusing a charter that cannot be published', () => {
  it('exits 1 and names every failing gate with its line, writing nothing', async () => {
    const output = join(dirname(tempFile('x', '')), 'summary.md');
    const { code, stdout, stderr } = await summary(['examples/diabetes-acs-pathway.yaml', '-o', output]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(existsSync(output)).toBe(false);
    expect(stderr).toMatch(/^partner-check: no summary written: examples\/diabetes-acs-pathway\.yaml cannot be published while 16 gates fail; .*--draft/);
    expect(stderr).toContain('examples/diabetes-acs-pathway.yaml:75:3  gate PC-GOV-008');
    expect(stderr).toContain('examples/diabetes-acs-pathway.yaml:86:1  gate PC-ABPI-R10 (ABPI red 10)');
    expect(stderr.trim().split('\n')).toHaveLength(17);
  });

  it('--draft writes it, marked as a draft at the top and the end, with the gaps listed', async () => {
    const { code, stdout } = await summary(['examples/diabetes-acs-pathway.yaml', '--draft']);
    expect(code).toBe(0);
    expect(stdout.startsWith('> **DRAFT: not fit to publish**')).toBe(true);
    expect(stdout.trimEnd().endsWith('> **DRAFT: not fit to publish**')).toBe(true);
    const gaps = stdout.slice(stdout.indexOf('## Gaps to close before this summary can be published'));
    expect(gaps).toContain('- Gate PC-GOV-008, line 75: The agreement is neither signed nor planned');
    expect(gaps.indexOf('Gate PC-ABPI-R10')).toBeLessThan(gaps.indexOf('PC-PLAN-004')); // gates first
  });

  it('a publishable charter is not marked as a draft', async () => {
    const { stdout } = await summary(['examples/community-elderly-care.yaml']);
    expect(stdout).not.toMatch(/draft/i);
  });

  it('a file that is not a charter is one line, exit 2; -o onto the charter is refused', async () => {
    const broken = tempFile('broken.yaml', 'charter: 1\ntitle: "unterminated\n');
    const { code, stderr } = await summary([broken]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: /);
    const onto = await summary(['examples/community-elderly-care.yaml', '-o', 'examples/community-elderly-care.yaml']);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toContain('would overwrite the charter');
  });
});

describe('optional facts left out cleanly', () => {
  it('without a summary, milestones or declared interests, their headings and labels go too', async () => {
    const text = textOf('community-elderly-care')
      .replace(/^summary: >-\n(?: {2}.*\n)+/m, '')
      .replace(/^ {2}conflicts_of_interest: .*\n/m, '');
    const file = tempFile('lean.yaml', text);
    const { code, stdout } = await summary([file, '--draft']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('## Summary');
    expect(stdout).not.toContain('How interests are declared');
    expect(stdout).toContain('## The need');
  });

  it('writes a date in words only when it is a real day; one that is not stays as written', async () => {
    const file = tempFile('no-such-day.yaml', textOf('community-elderly-care').replace('  start: 2012-07-01\n', '  start: 2012-02-30\n'));
    const { stdout } = await summary([file, '--draft']);
    expect(stdout).toContain('- **Start:** 2012-02-30\n');
    expect(stdout).toContain('**Charter last updated:** 27 June 2012');
  });

  it('a contact given in the charter is the contact', async () => {
    const file = tempFile('contact.yaml', `${textOf('community-elderly-care')}\ncontact:\n  name: Partnerships team\n  organisation: NHS Nene CCG\n  email: partnerships@example.nhs.uk\n`);
    const { stdout } = await summary([file]);
    expect(stdout.slice(stdout.indexOf('## Contact'))).toBe('## Contact\n\n- Partnerships team, NHS Nene CCG\n- **Email:** partnerships@example.nhs.uk\n');
  });
});

describe('markdown that says only what it says', () => {
  it('escapes a title that would be HTML, a link or emphasis', async () => {
    const hostile = tempFile('hostile.yaml', textOf('community-elderly-care').replace(/^title: .*$/m, `title: '<img src=x onerror=alert(1)> [click](https://evil.example) *now*'`));
    const { stdout } = await summary([hostile]);
    expect(stdout).toContain('# \\<img src=x onerror=alert(1)\\> \\[click\\](https://evil.example) \\*now\\*');
  });
});
