// "Today" is the date in England, from the clock main() is given: a charter updated on 2 July is
// not "in the future" at 00:30 on 2 July British Summer Time, when the UTC date is still 1 July.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { londonDate } from '../src/cli/today.js';
import { ROOT, runCli } from './helpers.js';

const UPDATED_2_JULY = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8').replace(/^updated: .*$/m, 'updated: 2026-07-02');
const FUTURE = "charter.yaml:12:10  warning  PC-TRANS-007  The charter's update date '2026-07-02' is in the future.";

async function checkAt(time: string) {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-today-'));
  writeFileSync(join(dir, 'charter.yaml'), UPDATED_2_JULY);
  return runCli(['charter.yaml', '--no-config'], { cwd: dir, now: () => Date.parse(time) });
}

describe('today', () => {
  it('is 2 July in London at 23:30 UTC on 1 July (00:30 BST): an update dated 2 July is not in the future', async () => {
    const { stdout } = await checkAt('2026-07-01T23:30:00Z');
    expect(stdout).toContain('✔ PC-TRANS-007  The update date is consistent with the agreement and today');
    expect(stdout).not.toContain('is in the future');
  });

  it('is still 1 July in London at 22:30 UTC (23:30 BST): the same update is in the future', async () => {
    const { stdout } = await checkAt('2026-07-01T22:30:00Z');
    expect(stdout).toContain(FUTURE);
  });

  it('is the UTC date in winter, when London keeps Greenwich time', () => {
    expect(londonDate(Date.parse('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
    expect(londonDate(Date.parse('2027-01-01T00:30:00Z'))).toBe('2027-01-01');
    expect(londonDate(Date.parse('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
  });

  it("agrees with the time-zone database every half hour across the clock changes of 2024 to 2027", () => {
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const changes = ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'];
    for (const day of changes) {
      for (let offset = -48; offset <= 48; offset += 1) {
        const time = Date.parse(`${day}T00:00:00Z`) + offset * 1_800_000;
        expect(londonDate(time), new Date(time).toISOString()).toBe(london.format(time));
      }
    }
  });
});
