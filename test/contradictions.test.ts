// Reports that never contradict themselves, as a user reads them: charters crafted from the
// strong examples with one thing taken away, and the lines printed about it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempFile } from './helpers.js';

const COPD = readFileSync(join(ROOT, 'examples/copd-joint-working.yaml'), 'utf8');
const ELDERLY = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');

/** The charter without its top-level `key:` block (the key line and every line indented under it). */
function without(text: string, key: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`${key}:`);
  if (start < 0) throw new Error(`no ${key}: block`);
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || lines[end]!.startsWith(' '))) end += 1;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

/** The printed lines that report a gap of `id` (file:line:col, severity, id). */
function gapLines(stdout: string, id: string): string[] {
  return stdout.split('\n').filter((line) => new RegExp(`\\.yaml:\\d+:\\d+ {2}(error|warning|info) +(gate )?${id} `).test(line));
}

describe('a missing list is one finding at its parent, worded about the list', () => {
  it('no outcomes: each criterion that reads them says so once, at the start of the charter, and no outcome is invented', async () => {
    const file = tempFile('no-outcomes.yaml', without(COPD, 'outcomes'));
    const { code, stdout } = await runCli([file]);
    expect(code).toBe(1);
    // `charter: 1` is line 7: the missing list's parent is the charter itself.
    for (const id of ['PC-OUT-001', 'PC-OUT-004', 'PC-OUT-005']) {
      expect(gapLines(stdout, id), id).toEqual([expect.stringMatching(new RegExp(`no-outcomes\\.yaml:7:1 .* ${id} {2}No outcomes are listed \\(outcomes\\)\\.`))]);
    }
    expect(stdout).not.toMatch(/not stated|Outcome '?an entry/);
  });

  it('an empty list, or one of placeholders only, is reported at the list', async () => {
    const listLine = (text: string) => text.split('\n').indexOf('resources:') + 1;
    for (const list of ['outcomes: []', 'outcomes: [TBC]']) {
      const text = without(ELDERLY, 'outcomes').replace('\nresources:', `\n${list}\nresources:`);
      const { stdout } = await runCli([tempFile('empty.yaml', text)]);
      const line = listLine(text) - 1;
      expect(gapLines(stdout, 'PC-OUT-001'), list).toEqual([expect.stringMatching(new RegExp(`empty\\.yaml:${line}:1 .*No outcomes are listed \\(outcomes\\)\\.`))]);
      expect(stdout).not.toContain('not stated has');
    }
  });

  it('no risks, no goals, no plan: one finding per criterion, about the list', async () => {
    const risks = (await runCli([tempFile('no-risks.yaml', without(ELDERLY, 'risks'))])).stdout;
    expect(gapLines(risks, 'PC-PLAN-006')).toEqual([expect.stringContaining('No risks are listed (risks).')]);
    const goals = (await runCli([tempFile('no-goals.yaml', without(ELDERLY, 'goals'))])).stdout;
    for (const id of ['PC-GOAL-001', 'PC-GOAL-002', 'PC-GOAL-003', 'PC-OUT-002']) expect(gapLines(goals, id), id).toEqual([expect.stringContaining('No goals are listed (goals).')]);
    // The milestones are missing with the plan: the criterion's own check of the list says it, once.
    const plan = (await runCli([tempFile('no-plan.yaml', without(ELDERLY, 'plan'))])).stdout;
    expect(gapLines(plan, 'PC-PLAN-002')).toEqual([expect.stringContaining('Fewer than two milestones are planned (plan.milestones).')]);
  });

  it('an item with no name is named by its place in the list', async () => {
    const text = ELDERLY.replace('\nresources:', '\n  - TBC\nresources:');
    const { stdout } = await runCli([tempFile('placeholder-item.yaml', text)]);
    expect(gapLines(stdout, 'PC-OUT-004')).toEqual([expect.stringContaining('Outcome #4 has no owner (outcomes[].owner).')]);
    expect(stdout).not.toContain('not stated has');
  });
});


/** The lines of the stylish report from its verdict to its score line (the header left out). */
function lead(stdout: string): string[] {
  const lines = stdout.split('\n');
  return lines.slice(1, lines.findIndex((line) => line.startsWith('  Readiness ')) + 1);
}

// The three cases of the issue: a high score beside a verdict that the first lines explain.
const CASES = [
  {
    name: 'one gate fails in a charter otherwise perfect',
    text: () => COPD.replace(/^ {2}disclosure: .*\n/m, ''),
    lead: [
      '  ✖ Not ready: 1 gate fails',
      /^ {4}\S+\.yaml:\d+:1 {2}gate PC-ABPI-R9 \(ABPI red 9\) {2}All activities are open and transparent$/,
      '  ✔ 24 of 25 gates hold',
      /^ {2}Readiness 9\d\.\d\/100 {2}\(pass mark 70; by score alone it would be Ready\)$/,
    ],
    row: /\| ❌ Not ready: 1 gate fails: PC-ABPI-R9 \(ABPI red 9\) \| 9\d\.\d \(by score alone it would be Ready\) \|/,
    html: /<p class="headline"><strong>Not ready<\/strong>: 1 gate fails · does not pass<\/p><ul class="blockers"><li>gate <strong>PC-ABPI-R9 \(ABPI red 9\)<\/strong> All activities are open and transparent <span class="where">line \d+<\/span><\/li><\/ul><p class="gates">24 of 25 gates hold\.<\/p>\n {2}<p class="score"><span class="big">9\d\.\d<\/span>\/100 · pass mark 70 · by score alone it would be Ready<\/p>/,
    github: /: fail: Not ready: 1 gate fails: PC-ABPI-R9 \(ABPI red 9\); readiness 9\d\.\d\/100, by score alone it would be Ready$/,
  },
  {
    name: 'a critical criterion that is not a gate is not met',
    text: () => COPD.replace(/^ {2}dpia: .*\n/m, ''),
    lead: [
      '  ✖ Nearly ready: 1 critical criterion is not met',
      /^ {4}\S+\.yaml:\d+:1 {2}critical PC-INFO-001 {2}A DPIA is done before patient data is shared$/,
      '  ✔ 25 of 25 gates hold',
      /^ {2}Readiness 9\d\.\d\/100 {2}\(pass mark 70; by score alone it would be Ready\)$/,
    ],
    row: /\| ❌ Nearly ready: 1 critical criterion is not met: PC-INFO-001 \| 9\d\.\d \(by score alone it would be Ready\) \|/,
    html: /<p class="headline"><strong>Nearly ready<\/strong>: 1 critical criterion is not met · does not pass<\/p><ul class="blockers"><li>critical <strong>PC-INFO-001<\/strong> A DPIA is done before patient data is shared/,
    github: /: fail: Nearly ready: 1 critical criterion is not met: PC-INFO-001; readiness 9\d\.\d\/100, by score alone it would be Ready$/,
  },
  {
    name: 'a perfect score with structure errors',
    text: () => COPD.replace(/^risks:/m, 'risk_log: see the register\nrisk-owner: the board\nrisks:'),
    lead: [
      '  ✖ Nearly ready: 2 structure errors',
      /^ {4}\S+\.yaml:\d+:1 {2}structure PC-STRUCT-001 {2}Unknown key 'risk_log' in the charter; .*$/,
      /^ {4}\S+\.yaml:\d+:1 {2}structure PC-STRUCT-001 {2}Unknown key 'risk-owner' in the charter; .*$/,
      '  ✔ 25 of 25 gates hold',
      '  Readiness 100/100  (pass mark 70; by score alone it would be Ready)',
    ],
    row: /\| ❌ Nearly ready: 2 structure errors: PC-STRUCT-001 \| 100 \(by score alone it would be Ready\) \|/,
    html: /<p class="headline"><strong>Nearly ready<\/strong>: 2 structure errors · does not pass<\/p><ul class="blockers"><li>structure <strong>PC-STRUCT-001<\/strong> Unknown key &#39;risk_log&#39;/,
    github: /: fail: Nearly ready: 2 structure errors: PC-STRUCT-001; readiness 100\/100, by score alone it would be Ready$/,
  },
];

describe.each(CASES)('$name: the verdict and what holds it back come before the score', (sample) => {
  const file = tempFile('charter.yaml', sample.text());

  it('stylish: the first lines say why, then the gates that hold, then the score; exit 1', async () => {
    const { code, stdout } = await runCli([file]);
    expect(code).toBe(1);
    const lines = lead(stdout);
    expect(lines).toHaveLength(sample.lead.length);
    sample.lead.forEach((expected, index) => (typeof expected === 'string' ? expect(lines[index]).toBe(expected) : expect(lines[index]).toMatch(expected)));
    // The last line says it again, by id.
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`; ${sample.lead[0]!.toString().replace('  ✖ ', '').replace(/[()]/g, '\\$&')}: PC-`));
  });

  it('markdown: the verdict, by id, before the score in its row; each blocker named with its title before the gaps', async () => {
    const markdown = (await runCli([file, '-f', 'markdown'])).stdout;
    expect(markdown).toMatch(sample.row);
    const named = markdown.indexOf(`**${file}: ${sample.lead[0]!.toString().replace('  ✖ ', '')}**`);
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(markdown.indexOf('<details>'));
  });

  it('html: the headline and its blockers, then the score', async () => {
    expect((await runCli([file, '-f', 'html'])).stdout).toMatch(sample.html);
  });

  it("github: the summary line leads with the verdict", async () => {
    const line = (await runCli([file, '-f', 'github'])).stdout.split('\n').find((text) => text.startsWith('partner-check: '));
    expect(line).toMatch(sample.github);
  });
});

describe('one advice paragraph per criterion, in every format people read', () => {
  // The half-done example: PC-OUT-004 has two gaps (O1 and O2 have no owner).
  const ADVICE = 'Name who measures and reports each outcome (a role, not only an organisation).';
  const count = (text: string, part: string) => text.split(part).length - 1;

  it('stylish: the gaps a line each, then the advice once on a line of its own; a single gap keeps it on its line', async () => {
    const { stdout } = await runCli(['examples/diabetes-acs-pathway.yaml']);
    const lines = stdout.split('\n');
    const first = lines.findIndex((line) => /:51:5 {2}warning {2}PC-OUT-004 {2}Outcome 'O1' has no owner \(outcomes\[\]\.owner\)\.$/.test(line));
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toMatch(/:57:5 {2}warning {2}PC-OUT-004 {2}Outcome 'O2' has no owner \(outcomes\[\]\.owner\)\.$/);
    expect(lines[first + 2]).toBe(`      → ${ADVICE}`);
    expect(count(stdout, ADVICE)).toBe(1);
    expect(stdout).toMatch(/:70:1 {2}error {4}PC-GOV-006 {2}There is no dispute resolution route \(governance\.disputes\)\. {2}→ Write the steps/);
  });

  it('markdown and html: once', async () => {
    const markdown = (await runCli(['examples/diabetes-acs-pathway.yaml', '-f', 'markdown'])).stdout;
    expect(count(markdown, ADVICE)).toBe(1);
    expect(markdown).toMatch(/\| \[PC-OUT-004\]\([^)]*\) \| Outcome 'O1' has no owner \(outcomes\[\]\.owner\)\. \(line 51\)<br>Outcome 'O2' has no owner \(outcomes\[\]\.owner\)\. \(line 57\) \| Name who measures/);
    const html = (await runCli(['examples/diabetes-acs-pathway.yaml', '-f', 'html'])).stdout;
    expect(count(html, ADVICE)).toBe(1);
  });

  it('structure errors of one rule: their advice once too', async () => {
    const file = tempFile('keys.yaml', COPD.replace(/^risks:/m, 'risk_log: see the register\nrisk-owner: the board\nrisks:'));
    const advice = 'keys of your own must start with x-.';
    expect(count((await runCli([file])).stdout, `→ Use the field names, types and values of the charter format; ${advice}`)).toBe(1);
    expect(count((await runCli([file, '-f', 'markdown'])).stdout, advice)).toBe(1);
    expect(count((await runCli([file, '-f', 'html'])).stdout, advice)).toBe(1);
  });
});

describe('a Ready charter that fails says why on its first line', () => {
  const cwd = join(ROOT, 'test/fixtures/repo');

  it('under a higher pass mark, or failing on warnings', async () => {
    const higher = await runCli(['charters/elderly/rural.yaml', '--min-score', '95'], { cwd });
    expect(higher.code).toBe(1);
    expect(lead(higher.stdout)).toEqual(['  ✖ Ready: the score is under the pass mark (95)', '  ✔ 14 of 14 gates hold', '  Readiness 92.9/100  (pass mark 95)']);
    const warnings = await runCli(['charters/elderly/rural.yaml', '--fail-on', 'warning'], { cwd });
    expect(warnings.code).toBe(1);
    expect(lead(warnings.stdout)[0]).toBe('  ✖ Ready: 2 findings are warnings or worse (fail on warning)');
  });
});
