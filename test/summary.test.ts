// `partner-check summary`: the executive summary holds what the charter says and nothing else, is
// refused while a gate fails, is marked as a draft on request, and reads well in a browser.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, runCli, tempFile } from './helpers.js';
import { markdownPlaces, missingItems, TEMPLATE_CHARTERS, templateItems } from './template-items.js';

const EXAMPLES = ['community-elderly-care', 'copd-joint-working', 'diabetes-acs-pathway', 'msk-imaging-contract'];
const PUBLISHABLE = new Set(['community-elderly-care', 'copd-joint-working']);

const summary = (args: string[], cwd = ROOT) => runCli(['summary', ...args], { cwd });

const textOf = (name: string) => readFileSync(join(ROOT, `examples/${name}.yaml`), 'utf8');
type Data = Record<string, unknown>;
const items = (value: unknown) => (Array.isArray(value) ? (value as Data[]) : []);

// Every word of a summary is the charter's or one of the tool's own headings and labels.
const MARK = '<!-- partner-check summary: written from the charter, so edit the charter and write it again -->';
const TOOL_WORDS = `DRAFT not fit to publish Status Charter last updated Summary The partners Role Contribution Funding Staff In kind Lead
  Other resources from need Evidence Population served Local priorities Objectives and expected benefits For patients the NHS
  Governance Board Chair Members Meets How decisions are made interests declared Agreement Signed Executive summary of agreement
  published Published at Timeline Start End Milestones Date Milestone Outcomes that will be measured Measure Baseline Target By
  Data source Publication outcomes Evaluation Exit strategy If plans change Contact Email Telephone committed not yet whole time
  equivalent equivalents Gaps to close before this can be Gate line partner check found none is marked as a draft because was
  asked for commissioner primary care secondary community services mental health social local authority industry independent
  provider voluntary sector patients carers patient organisation academic January February March April May June July August
  September October November December Untitled National guidance and clinical control Clinical control Every treatment involved
  follows where it exists Disclosure to public Accountable leads Organisation Role Date of preparation Certification reference`;
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
    // The first line is a comment no reader sees, marking the file as partner-check's own (so -o may replace it).
    expect(stdout.startsWith(`${MARK}\n\n`)).toBe(true);
    const foreign = [...new Set(words(stdout.slice(MARK.length).replace(/^- Gate .*|^- PC-.*/gm, '')))].filter((word) => !allowed.has(word));
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
    expect(stdout.startsWith(`${MARK}\n\n> **DRAFT: not fit to publish**`)).toBe(true);
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
    // Escaped only where Markdown would read markup: no live tag, link or emphasis, and no needless backslash.
    expect(stdout).toContain('# \\<img src=x onerror=alert(1)> \\[click](https://evil.example) \\*now\\*\n');
  });

  it('leaves words that are not markup as written, so pasted as plain text they read the same', async () => {
    const text = textOf('community-elderly-care').replace(/^title: .*$/m, `title: 'Boehringer Ingelheim UK & Ireland: care_plan [phase 2] 5 * 3, see (notes)'`);
    const { stdout } = await summary([tempFile('plain.yaml', text)]);
    expect(stdout).toContain('# Boehringer Ingelheim UK & Ireland: care_plan [phase 2] 5 * 3, see (notes)\n');
    const entity = await summary([tempFile('entity.yaml', textOf('community-elderly-care').replace(/^title: .*$/m, `title: 'A &amp; B ![x](https://e.example/i.png) _b_ ~~c~~'`))]);
    expect(entity.stdout).toContain('# A \\&amp; B !\\[x](https://e.example/i.png) \\_b\\_ \\~\\~c\\~\\~\n');
  });
});

describe('what the executive summary template asks for', () => {
  it('without a contact, the contact details are each partner\'s lead with name, role and e-mail', async () => {
    const { code, stdout } = await summary(['examples/copd-joint-working.yaml']);
    expect(code).toBe(0);
    const contact = stdout.slice(stdout.indexOf('## Contact'));
    expect(contact).toContain('| Organisation | Lead | Role | Email |');
    expect(contact).toContain('| Example Respiratory UK Ltd | V Example | NHS partnerships manager | v.example@example.com |');
    expect(contact).toContain('| NHS Humber and North Yorkshire Integrated Care Board | Dr P Example | Clinical lead for respiratory | p.example@nhs.net |');
  });

  it('states national guidance, clinical control and disclosure, in the template\'s order', async () => {
    const { stdout } = await summary(['examples/copd-joint-working.yaml']);
    const headings = stdout.match(/^## .*$/gm) ?? [];
    expect(headings).toEqual([
      '## Summary',
      '## The need',
      '## Objectives and expected benefits',
      '## Timeline',
      '## The partners',
      '## Governance',
      '## National guidance and clinical control',
      '## Outcomes that will be measured',
      '## Disclosure to patients and the public',
      '## Exit strategy',
      '## Contact',
    ]);
    expect(stdout).toContain('- **National guidance:** NICE guideline NG115 (COPD in over 16s) and the local respiratory formulary.\n');
    expect(stdout).toContain('- **Clinical control:** All clinical and prescribing decisions stay with NHS clinicians;');
    expect(stdout).toContain('## Disclosure to patients and the public\n\nThe joint working summary and each partner\'s contribution are on the ICB website;');
  });

  it('prints the date of preparation and the certification reference at the foot', async () => {
    const text = textOf('copd-joint-working').replace('    signed: 2025-02-14\n', '    signed: 2025-02-14\n    date_of_preparation: 2025-02\n    certification_reference: NP-GB-104855\n');
    expect(text).toContain('NP-GB-104855');
    const { code, stdout } = await summary([tempFile('foot.yaml', text)]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().endsWith('---\n\n**Date of preparation:** February 2025 · **Certification reference:** NP-GB-104855')).toBe(true);
    const html = await summary([tempFile('foot.yaml', text), '-f', 'html']);
    expect(html.stdout).toMatch(/<footer><p class="foot"><span class="label">Date of preparation:<\/span> February 2025 .* NP-GB-104855<\/p><\/footer>/);
  });

  it('HTML links e-mail addresses with mailto: and web addresses only when https; dates do not wrap', async () => {
    const { stdout } = await summary(['examples/copd-joint-working.yaml', '-f', 'html']);
    expect(stdout).toContain('<td><a href="mailto:v.example@example.com">v.example@example.com</a></td>');
    expect(stdout).toContain('<dd><a href="https://example.org/copd-joint-working-summary">https://example.org/copd-joint-working-summary</a></dd>');
    expect(stdout).toContain('<td><span class="date">12 February 2025</span></td>');
    expect(stdout).toContain('<span class="date">20 March 2025</span>');
    expect(stdout).toContain('.date { white-space: nowrap; }');
  });

  it('HTML never links javascript:, data: or plain http, from a field or from the words', async () => {
    const text = textOf('copd-joint-working')
      .replace('published_summary: https://example.org/copd-joint-working-summary', 'published_summary: "javascript:alert(1)"')
      .replace(/^( {2}disclosure: .*)$/m, '$1 See http://plain.example and https://ok.example/page. Or data:text/html,x')
      .concat('contact:\n  name: Partnerships team\n  email: "javascript:alert(1)//@x.example"\n');
    const { code, stdout } = await summary([tempFile('hostile-links.yaml', text), '-f', 'html', '--draft']);
    expect(code).toBe(0);
    const hrefs = [...stdout.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs.filter((href) => !/^(https:|mailto:[^:]+$)/.test(href))).toEqual([]);
    expect(stdout).not.toContain('href="javascript');
    expect(stdout).not.toContain('href="http:');
    expect(stdout).toContain('<a href="https://ok.example/page">https://ok.example/page</a>.');
    expect(stdout).toContain('javascript:alert(1)//@x.example');
  });
});

describe('-o picks the format by its extension, unless -f says otherwise', () => {
  const folder = () => dirname(tempFile('x', ''));

  it('--draft -o draft.html writes HTML, and says so', async () => {
    const output = join(folder(), 'draft.html');
    const { code, stdout, stderr } = await summary(['examples/diabetes-acs-pathway.yaml', '--draft', '-o', output]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(output, 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);
    expect(stderr).toBe(`partner-check: wrote the draft summary of examples/diabetes-acs-pathway.yaml to ${output} (HTML)\n`);
  });

  it('-o summary.md and an unknown extension write Markdown', async () => {
    for (const name of ['summary.md', 'summary.txt']) {
      const output = join(folder(), name);
      expect((await summary(['examples/community-elderly-care.yaml', '-o', output])).code).toBe(0);
      expect(readFileSync(output, 'utf8').startsWith(`${MARK}\n\n# Community Elderly Care Service\n`)).toBe(true);
    }
  });

  it('-f that contradicts the extension is an error (exit 2), and nothing is written', async () => {
    const output = join(folder(), 'clash.html');
    const { code, stdout, stderr } = await summary(['examples/community-elderly-care.yaml', '-f', 'markdown', '-o', output]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(existsSync(output)).toBe(false);
    expect(stderr).toBe(`partner-check: -f markdown does not match -o ${output}, which names HTML; give one or the other, or make them agree\n`);
    expect((await summary(['examples/community-elderly-care.yaml', '-f', 'html', '-o', join(folder(), 'clash.md')])).code).toBe(2);
  });
});

describe.each(TEMPLATE_CHARTERS)('every template item $file states is in its summary', ({ file, publishable }) => {
  it('in the Markdown, each in its section', async () => {
    const items = templateItems(file);
    const { code, stdout } = await summary(publishable ? [file] : [file, '--draft']);
    expect(code).toBe(0);
    console.log(`${file}: ${items.map((item) => item.item).join('; ')}`);
    expect(missingItems(items, markdownPlaces(stdout))).toEqual([]);
  });
});

describe('the template items of the three charters written from published summaries', () => {
  it('each states every item of the template, and passes', async () => {
    for (const { file } of TEMPLATE_CHARTERS.filter(({ file }) => file.includes('/published/'))) {
      expect(templateItems(file).map((item) => item.item), file).toEqual([
        'title',
        'rationale',
        'objectives',
        'benefits to patients',
        'benefits to the NHS',
        'benefits to industry (the partners)',
        'project period',
        'roles and responsibilities',
        'financial arrangements',
        'publication plans',
        'contact details (name, job title, e-mail)',
        'national guidance',
        'clinical control',
        'disclosure',
        'date of preparation',
        'certification reference',
      ]);
      expect((await runCli([file])).code, file).toBe(0);
    }
  });

  it('an item left out of the summary, or out of its section, is found missing', async () => {
    const file = 'test/fixtures/published/severe-asthma-pathway.yaml';
    const { stdout } = await summary([file]);
    const items = templateItems(file);
    expect(missingItems(items, markdownPlaces(stdout.replace(' · **Certification reference:** EXB-UK-2025-0312', '')))).toEqual(['certification reference: EXB-UK-2025-0312']);
    const places = markdownPlaces(stdout);
    expect(missingItems(items, { ...places, Contact: places['The partners']! })).toContain('contact details (name, job title, e-mail): j.example@nhs.net');
  });
});
