// The README as the tests read it: its fenced blocks, and the commands a user would type from
// them. Shared by test/readme.test.ts (in-process) and test/system/readme.test.ts (real npx).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');
export const DIABETES = example('diabetes-acs-pathway.yaml');
export const COPD = example('copd-joint-working.yaml');

export interface Block {
  /** The line of its opening fence, 1-based. */
  line: number;
  lang: string;
  lines: string[];
}

/** Languages whose blocks hold commands to type: every line of them is run or listed as skipped. */
export const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

export function fencedBlocks(markdown = README): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  markdown.split('\n').forEach((text, index) => {
    const fence = /^```(.*)$/.exec(text);
    if (!fence) return void open?.lines.push(text);
    if (open) {
      blocks.push(open);
      open = null;
    } else open = { line: index + 1, lang: fence[1]!.trim(), lines: [] };
  });
  return blocks;
}

export interface Command {
  /** As typed, without its trailing comment. */
  text: string;
  block: Block;
  line: number;
}

/** Every command of the shell blocks: one a line, `a && b` as two, a trailing `# comment` left out. */
export function readmeCommands(blocks = fencedBlocks()): Command[] {
  return blocks
    .filter((block) => SHELL.has(block.lang))
    .flatMap((block) =>
      block.lines.flatMap((text, index) =>
        text
          .replace(/\s#\s.*$/, '')
          .split('&&')
          .map((part) => part.trim())
          .filter(Boolean)
          .map((command) => ({ text: command, block, line: block.line + 1 + index })),
      ),
    );
}

export interface Expected {
  code: number;
  /** charter.yaml holds this text before the command (the block's others see what it leaves). */
  charter?: string;
  /** Files that must not exist before the command. */
  absent?: string[];
  stdout?: string[];
  stderr?: string[];
  /** Files the command writes, each with text it must contain. */
  files?: Record<string, string[]>;
}

// What each README command does, as the README says: a command neither here nor in SKIPPED fails
// test/readme.test.ts.
const CLOSING = '4 charters: 2 ready, 0 nearly ready, 2 not ready; 60 errors, 31 warnings. (1 other YAML file skipped: no charter: key)';
export const EXPECTED: Record<string, Expected> = {
  'npx partner-check examples/diabetes-acs-pathway.yaml': { code: 1, stdout: ['✖ Not ready: 16 gates fail'] },
  // Without a terminal, as here: "init exits 2 unless the answers come from a file". The questions
  // themselves are asked under tmux in test/system/init-copd.test.ts and fix-diabetes.test.ts.
  'npx partner-check init': { code: 2, stderr: ['init asks questions and needs a terminal'] },
  'npx partner-check fix charter.yaml': { code: 2, stderr: ['needs a terminal'] },
  'npx partner-check init --answers answers.yaml -o charter.yaml': { code: 0, absent: ['charter.yaml'], stderr: ['wrote charter.yaml'], files: { 'charter.yaml': ['charter: 1', 'Diabetes care after acute coronary syndrome'] } },
  'npx partner-check fix charter.yaml --answers more-answers.yaml': { code: 0, stdout: ['Readiness 51.3 → 53/100'], files: { 'charter.yaml': ['disputes: Raised at the board first'] } },
  'npx partner-check charters': { code: 1, stdout: [CLOSING] },
  'npx partner-check "charters/**/*.yaml"': { code: 1, stdout: [CLOSING] },
  'cat charter.yaml | npx partner-check - --stdin-filepath charters/new.yaml': { code: 1, stdout: ['charters/new.yaml  Diabetes care after acute coronary syndrome'] },
  'npx partner-check charters -f sarif -o partner-check.sarif -f junit -o junit.xml -f stylish': {
    code: 1,
    stdout: [CLOSING],
    files: { 'partner-check.sarif': ['"version": "2.1.0"', 'PC-ABPI-R9'], 'junit.xml': ['<testsuites', 'charters/msk-imaging-contract.yaml'] },
  },
  'npx partner-check examples/diabetes-acs-pathway.yaml -f html -o report.html': { code: 1, files: { 'report.html': ['<html lang="en-GB">', '<strong>Not ready</strong>: 16 gates fail'] } },
  'npx partner-check charter.yaml -f json -o last-report.json': { code: 1, files: { 'last-report.json': ['"reportVersion": 2'] } },
  'npx partner-check charter.yaml --baseline last-report.json': { code: 1, stdout: ['Since the baseline: ±0 (was 51.3); 0 gaps closed, 0 new'] },
  'npx partner-check summary examples/community-elderly-care.yaml -f html -o summary.html': { code: 0, files: { 'summary.html': ['<!DOCTYPE html>', 'Community Elderly Care Service'] } },
  // A charter fit to publish, as the Markdown for board papers is.
  'npx partner-check summary charter.yaml > summary.md': { code: 0, charter: COPD, files: { 'summary.md': ['# COPD virtual clinics in North Lincolnshire'] } },
  'npx partner-check summary charter.yaml --draft -o draft.html': { code: 0, charter: DIABETES, files: { 'draft.html': ['<!DOCTYPE html>', 'DRAFT: not fit to publish'] } },
  'npx partner-check schema': { code: 0, stdout: ['"$schema": "https://json-schema.org/draft/2020-12/schema"', 'NHS partnership project charter, format 1'] },
  'npx partner-check schema --write schemas/': { code: 0, absent: ['schemas/charter.schema.json'], files: { 'schemas/charter.schema.json': ['NHS partnership project charter, format 1'] } },
};

/**
 * Commands of the README that cannot run in a test, each with the reason. A command that is
 * neither here nor run by a test fails test/readme.test.ts.
 */
export const SKIPPED: Record<string, string> = {
  'npm install': 'needs the npm registry and rewrites node_modules/, which the tests beside it use; .ci/run does it (npm ci) on a clean clone',
  'npm test': 'the whole test suite, this test included, so it cannot run inside itself; .ci/run runs it on a clean clone',
};

/** A partner-check command as the test runs it: its arguments, stdin from `cat FILE |`, stdout to `> FILE`. */
export interface ToolRun {
  args: string[];
  stdinFrom?: string;
  stdoutTo?: string;
}

/** Splits a command into words as sh does for the quoting the README uses ("..." and '...'). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** The partner-check run a command is (npx partner-check, partner-check or node bin/partner-check.js), or null. */
export function toolRun(command: string): ToolRun | null {
  let rest = words(command);
  const run: Partial<ToolRun> = {};
  if (rest[0] === 'cat' && rest[2] === '|') {
    run.stdinFrom = rest[1]!;
    rest = rest.slice(3);
  }
  const redirect = rest.indexOf('>');
  if (redirect >= 0) {
    if (redirect !== rest.length - 2) return null;
    run.stdoutTo = rest[redirect + 1]!;
    rest = rest.slice(0, redirect);
  }
  const start = ['npx partner-check', 'partner-check', 'node bin/partner-check.js'].map((prefix) => prefix.split(' ')).find((prefix) => prefix.every((word, index) => rest[index] === word));
  if (!start || rest.some((word) => /^[|;&<>`$]/.test(word))) return null;
  return { ...run, args: rest.slice(start.length) };
}
