// Progress on stderr: for a person at a terminal during a long run, redrawn in place and cleared;
// never in CI or when stderr is not a terminal.
import { describe, expect, it } from 'vitest';
import { PROGRESS_FROM, startProgress } from '../src/cli/progress.js';
import { fakeTerminal } from './helpers.js';

function terminal(stderrIsTTY: boolean, env: Record<string, string> = {}) {
  const { terminal: value, out } = fakeTerminal('/', { stderrIsTTY, env });
  return { value, stderr: () => out.stderr };
}

function run(total: number, target: ReturnType<typeof terminal>) {
  let clock = 0;
  const progress = startProgress(total, target.value, () => clock);
  for (let index = 0; index < total; index += 1) {
    clock += 1; // a millisecond a charter
    progress.tick();
  }
  progress.done();
  return target.stderr();
}

describe('progress', () => {
  it('shows count and rate in place on a terminal, and clears itself', () => {
    const shown = run(1000, terminal(true));
    expect(shown).toContain('\rpartner-check: checked 1,000 of 1,000 charters (1,000/s)');
    expect(shown).toMatch(/checked 200 of 1,000 charters/);
    expect(shown).not.toContain('\n');
    expect(shown.endsWith('\r')).toBe(true);
  });

  it('says nothing in CI, when stderr is not a terminal, or for a short run', () => {
    expect(run(1000, terminal(true, { CI: 'true' }))).toBe('');
    expect(run(1000, terminal(false))).toBe('');
    expect(run(PROGRESS_FROM - 1, terminal(true))).toBe('');
  });
});
