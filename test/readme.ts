// The README as the tests read it: its fenced blocks, and the commands a user would type from
// them. Shared by test/readme.test.ts (in-process) and test/system/readme.test.ts (real npx).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

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

/**
 * Commands of the README that cannot run in a test, each with the reason. A command that is
 * neither here nor run by a test fails test/readme.test.ts.
 */
export const SKIPPED: Record<string, string> = {
  'npm install': 'installs from the npm registry and rewrites node_modules/, which the tests beside it use; what the package holds is checked by npm pack in test/system/package.test.ts',
  'npm test': 'the whole test suite, this test included: it cannot run inside itself',
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
