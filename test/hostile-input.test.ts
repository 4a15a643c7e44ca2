// Hostile input, second round (issue 23): one reading of the YAML whichever parser reads it, and
// budgets on work that would otherwise grow faster than the input. A hang test uses an input that
// would take minutes if the work were quadratic and milliseconds when it is linear.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, safetyFolder } from './helpers.js';

const STRONG = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');

function charterFile(text: string, name = 'c.yaml'): string {
  const file = join(safetyFolder(), name);
  writeFileSync(file, text);
  return file;
}

describe('one reading of the YAML (item 8)', () => {
  it.each([
    ['0b1011011100011011000000', '0b…: a number to js-yaml, text to the yaml package'],
    ['+.5', '+.5: text to js-yaml, a number to the yaml package'],
  ])('amount: %s gives the same verdict with or without a comment that sends the file to the other parser', async (amount) => {
    const text = STRONG.replace('amount: 3000000', `amount: ${amount}`);
    const plain = await runCli([charterFile(text), '-f', 'json']);
    const commented = await runCli([charterFile(`${text}# see *notes*\n`), '-f', 'json']);
    expect(commented.code).toBe(plain.code);
    const reports = [plain, commented].map((run) => ({ ...(JSON.parse(run.stdout) as { charters: Record<string, unknown>[] }).charters[0], file: 'c.yaml' }));
    expect(reports[1]).toEqual(reports[0]);
  });
});
