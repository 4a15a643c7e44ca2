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
  it('no outcomes: each criterion that reads them says so once, at the start of the charter, and no outcome is invented', () => {
    const file = tempFile('no-outcomes.yaml', without(COPD, 'outcomes'));
    const { code, stdout } = runCli([file]);
    expect(code).toBe(1);
    // `charter: 1` is line 7: the missing list's parent is the charter itself.
    for (const id of ['PC-OUT-001', 'PC-OUT-004', 'PC-OUT-005']) {
      expect(gapLines(stdout, id), id).toEqual([expect.stringMatching(new RegExp(`no-outcomes\\.yaml:7:1 .* ${id} {2}No outcomes are listed \\(outcomes\\)\\.`))]);
    }
    expect(stdout).not.toMatch(/not stated|Outcome '?an entry/);
  });

  it('an empty list, or one of placeholders only, is reported at the list', () => {
    const listLine = (text: string) => text.split('\n').indexOf('resources:') + 1;
    for (const list of ['outcomes: []', 'outcomes: [TBC]']) {
      const text = without(ELDERLY, 'outcomes').replace('\nresources:', `\n${list}\nresources:`);
      const { stdout } = runCli([tempFile('empty.yaml', text)]);
      const line = listLine(text) - 1;
      expect(gapLines(stdout, 'PC-OUT-001'), list).toEqual([expect.stringMatching(new RegExp(`empty\\.yaml:${line}:1 .*No outcomes are listed \\(outcomes\\)\\.`))]);
      expect(stdout).not.toContain('not stated has');
    }
  });

  it('no risks, no goals, no plan: one finding per criterion, about the list', () => {
    const risks = runCli([tempFile('no-risks.yaml', without(ELDERLY, 'risks'))]).stdout;
    expect(gapLines(risks, 'PC-PLAN-006')).toEqual([expect.stringContaining('No risks are listed (risks).')]);
    const goals = runCli([tempFile('no-goals.yaml', without(ELDERLY, 'goals'))]).stdout;
    for (const id of ['PC-GOAL-001', 'PC-GOAL-002', 'PC-GOAL-003', 'PC-OUT-002']) expect(gapLines(goals, id), id).toEqual([expect.stringContaining('No goals are listed (goals).')]);
    // The milestones are missing with the plan: the criterion's own check of the list says it, once.
    const plan = runCli([tempFile('no-plan.yaml', without(ELDERLY, 'plan'))]).stdout;
    expect(gapLines(plan, 'PC-PLAN-002')).toEqual([expect.stringContaining('Fewer than two milestones are planned (plan.milestones).')]);
  });

  it('an item with no name is named by its place in the list', () => {
    const text = ELDERLY.replace('\nresources:', '\n  - TBC\nresources:');
    const { stdout } = runCli([tempFile('placeholder-item.yaml', text)]);
    expect(gapLines(stdout, 'PC-OUT-004')).toEqual([expect.stringContaining('Outcome #4 has no owner (outcomes[].owner).')]);
    expect(stdout).not.toContain('not stated has');
  });
});

