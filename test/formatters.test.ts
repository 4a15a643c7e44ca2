// Every format, in-process, on one fixture run: a strong charter, a half-done one and a file that
// could not be parsed. Each format keeps the contract its registry entry declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCharter } from '../src/core/check.js';
import type { CharterReport, RunReport } from '../src/core/report.js';
import { describeRules } from '../src/core/rules.js';
import { runReportOf } from '../src/core/run.js';
import { FORMAT_NAMES, formatReport, formatTraits, type FormatOptions } from '../src/formatters/index.js';
import { builtinCriteriaSet } from './builtin-criteria.js';
import { ANSI } from './helpers.js';

const criteria = builtinCriteriaSet;

function reportOf(file: string): CharterReport {
  const result = checkCharter(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'), criteria, file);
  if (!result.ok) throw new Error(result.problem.message);
  return result.report;
}

const checked = (report: CharterReport) => ({ file: report.file, result: { ok: true as const, report } });
const run = await runReportOf(
  [checked(reportOf('examples/community-elderly-care.yaml')), checked(reportOf('examples/diabetes-acs-pathway.yaml')), { file: 'charters/broken.yaml', text: 'charter:\n  title: "unterminated\n' }],
  { criteria, policy: { minScore: 70 }, context: {} },
  { tool: { name: 'partner-check', version: '0.0.0-test' }, rules: describeRules(criteria) },
);
const halfDone = run.charters[1]!;

/** A format's whole text for a run held in memory. */
const formatOf = (name: string) => (report: RunReport, options: FormatOptions) => formatReport(name, report, options);

describe.each(FORMAT_NAMES)('the %s format', (name) => {
  const traits = formatTraits(name);

  it('names every charter it was given (SARIF: every one with a result)', async () => {
    const text = await formatOf(name)(run, { color: false });
    if (name !== 'sarif') expect(text).toContain('examples/community-elderly-care.yaml');
    expect(text).toContain('examples/diabetes-acs-pathway.yaml');
  });

  it(`${traits.printsInputFailures ? 'carries' : 'leaves to stderr'} the file that could not be read`, async () => {
    const text = await formatOf(name)(run, { color: false });
    expect(text.includes('charters/broken.yaml')).toBe(traits.printsInputFailures);
  });

  it(`${traits.colourable ? 'is coloured only when asked' : 'is never coloured'}`, async () => {
    const format = formatOf(name);
    expect(ANSI.test(await format(run, { color: false }))).toBe(false);
    expect(ANSI.test(await format(run, { color: true }))).toBe(traits.colourable);
  });
});

describe('what each format says', () => {
  const formatted = async (name: string) => await formatOf(name)(run, { color: false });

  it('json: the published shape, every finding with its place', async () => {
    const json = JSON.parse(await formatted('json'));
    expect(json).toMatchObject({ reportVersion: 2, passed: false, summary: { charters: 2, ready: 1, notReady: 1, failures: 1 } });
    expect(json.charters[1].findings).toHaveLength(halfDone.findings.length);
    expect(json.failures[0]).toMatchObject({ file: 'charters/broken.yaml', code: 'syntax' });
  });

  it('sarif: one result per gap, at its line, and the unreadable file as a notification', async () => {
    const sarif = JSON.parse(await formatted('sarif'));
    const results = sarif.runs[0].results.filter((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0]!.physicalLocation.artifactLocation.uri === 'examples/diabetes-acs-pathway.yaml');
    expect(results).toHaveLength(halfDone.findings.length);
    const first = halfDone.findings[0]!;
    expect(results[0]).toMatchObject({ ruleId: first.ruleId, locations: [{ physicalLocation: { region: { startLine: first.line, startColumn: first.column } } }] });
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it("github: annotations at each gap's file and line, as many as GitHub shows, the rest counted", async () => {
    const lines = (await formatted('github')).split('\n');
    const errorLines = new Set(halfDone.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.line));
    const annotations = lines.filter((line) => line.startsWith('::error file=examples/diabetes-acs-pathway.yaml,'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const annotation of annotations) expect(errorLines.has(Number(/,line=(\d+),/.exec(annotation)![1]))).toBe(true);
    expect(lines.some((line) => line.startsWith('::error file=charters/broken.yaml,'))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^::notice title=partner-check::\d+ more findings are not shown/));
  });

  it('junit: failures and errors counted as CI servers read them', async () => {
    const xml = await formatted('junit');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="partner-check" tests="\d+" failures="[1-9]\d*" errors="1">/);
  });

  it('markdown: a table row per charter with its verdict, the unreadable file after them, then the gaps', async () => {
    const markdown = await formatted('markdown');
    const lines = markdown.split('\n');
    const rows = lines.filter((line) => line.startsWith('| examples/') || line.startsWith('| charters/'));
    expect(rows[0]).toMatch(/^\| examples\/community-elderly-care\.yaml \|.*Ready/);
    expect(rows[1]).toMatch(/^\| examples\/diabetes-acs-pathway\.yaml \|.*Not ready/);
    expect(rows[2]).toMatch(/^\| charters\/broken\.yaml \|.*⚠️/);
    expect(lines.indexOf(rows[2]!)).toBeLessThan(lines.findIndex((line) => line.startsWith('<details>')));
    expect(markdown).not.toContain('Change');
  });

  it('markdown and html say what was taken as read, as stylish does: an NHS-only need, a name matched as usually written', async () => {
    const markdown = await formatOf('markdown')(run, { color: false });
    expect(markdown).toContain('examples/community-elderly-care.yaml: ');
    expect(markdown).toMatch(/- ℹ️ examples\/community-elderly-care\.yaml:\d+:\d+ The need is taken as identified by the NHS: every partner is on the NHS side .* \(PC-NEED-001\)/);
    expect(markdown).toContain("- ℹ️ examples/diabetes-acs-pathway.yaml:73:5 Partner 'Example Pharma UK Ltd' is taken to be board member 'Example Pharma' (without its legal form). (PC-GOV-003)");
    const html = await formatOf('html')(run, { color: false });
    expect(html).toContain('<h3>Taken as read</h3>');
    expect(html).toMatch(/<li><span class="where">line \d+<\/span> Partner &#39;Example Pharma UK Ltd&#39; is taken to be board member &#39;Example Pharma&#39;/);
  });

  it('markdown: a Change column once any charter has a baseline, "new" for one without', async () => {
    const compared = { ...halfDone, baseline: { score: 40, delta: 5.5, areas: [], closed: [], opened: [] } };
    const markdown = await formatOf('markdown')({ ...run, charters: [run.charters[0]!, compared] }, { color: false });
    expect(markdown).toContain('| Charter | Title | Verdict | Score | Change | Errors | Warnings |');
    expect(markdown).toMatch(/\| examples\/community-elderly-care\.yaml \|.*\| 100 \| new \|/);
    expect(markdown).toMatch(/\| examples\/diabetes-acs-pathway\.yaml \|.*\| 51\.3 \| \+5\.5 \|/);
    expect(markdown).toMatch(/\| charters\/broken\.yaml \| \| ⚠️ .* \| \| \| \| \|$/m);
  });

  it('html: one page holding every gap message, an overview of several charters before their sections', async () => {
    const html = await formatted('html');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('<title>Partnership charters: readiness report</title>');
    expect(html.indexOf('<section class="overview">')).toBeLessThan(html.indexOf('<section class="charter">'));
    expect(html).toMatch(/<tbody><tr><td>examples\/community-elderly-care\.yaml<\/td>.*\n<tr><td>examples\/diabetes-acs-pathway\.yaml<\/td>.*\n<tr><td>charters\/broken\.yaml<\/td><td colspan="4">Could not be read/);
    expect(html).toContain('Not ready');
  });

  it('html: one charter is the page: its title, and no overview', async () => {
    const html = await formatOf('html')({ ...run, charters: [halfDone], failures: [] }, { color: false });
    expect(html).toContain(`<title>${halfDone.title}: readiness report</title>`);
    expect(html).not.toContain('<section class="overview">');
    expect(html).toContain('<main>\n\n<section class="charter">');
  });

  it('stylish: the verdict, the failed gates and every gap at file:line:col', async () => {
    const stylish = await formatted('stylish');
    expect(stylish).toContain('✖ Not ready: 16 gates fail, 1 critical criterion is not met and the score is under the pass mark (70)');
    expect(stylish).toContain('Readiness 51.3/100  (pass mark 70)');
    for (const finding of halfDone.findings) expect(stylish).toContain(`examples/diabetes-acs-pathway.yaml:${finding.line}:${finding.column}`);
  });
});

describe('stylish in a terminal 80 columns wide', () => {
  const places = (text: string) => text.match(/examples\/[\w-]+\.yaml:\d+:\d+/g) ?? [];

  it('wraps at word boundaries with a hanging indent, and keeps file:line:col whole', async () => {
    const format = formatOf('stylish');
    const whole = await format(run, { color: false });
    const wrapped = await format(run, { color: true, width: 80 });
    const lines = wrapped.replace(new RegExp(ANSI.source, 'g'), '').split('\n');
    expect(lines.filter((line) => [...line].length > 80)).toEqual([]);
    // Every place still whole, as many as before, each at the start of its line.
    expect(places(wrapped)).toEqual(places(whole));
    // (A note, what a criterion took as read, starts with ℹ under its criterion.)
    expect(lines.filter((line) => /\.yaml:\d+:\d+/.test(line)).every((line) => /^( {4}| {6}ℹ )examples\/\S+\.yaml:\d+:\d+ /.test(line))).toBe(true);
    // A continued line is indented under the one it continues, and no word is cut.
    const gap = lines.findIndex((line) => line.includes('diabetes-acs-pathway.yaml:14:1  error'));
    expect(lines[gap + 1]).toMatch(/^ {6}\S/);
    expect(lines.join('\n').replace(/\s+/g, ' ')).toContain(whole.split('\n').find((line) => line.includes('diabetes-acs-pathway.yaml:14:1  error'))!.split('→')[0]!.replace(/\s+/g, ' ').trim());
  });

  it('is not wrapped when piped (no width)', async () => {
    const whole = await formatOf('stylish')(run, { color: false });
    expect(whole.split('\n').some((line) => line.length > 80)).toBe(true);
  });
});
