// What only a real terminal shows: the binary under tmux, asked questions at a prompt and typed
// answers, as a person at the keyboard would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const strongText = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
const freshDir = () => mkdtempSync(join(tmpdir(), 'partner-check-init-'));

/**
 * Waits until the screen shows `text`, however long a loaded machine takes to draw it: no count of
 * tries races the clock; the test's own time-out is the only limit.
 */
async function screenShows(screen: () => string, text: string): Promise<void> {
  while (!screen().includes(text)) await new Promise((done) => setTimeout(done, 100));
}

describe('the real binary under a terminal', () => {
  // tmux comes from .ci/run (Debian's package); without it the test is skipped, saying why.
  const tmux = spawnSync('tmux', ['-V']).status === 0;
  if (!tmux) console.log('skipping the terminal test: tmux is not installed (.ci/run installs it)');

  it.skipIf(!tmux)('fix asks at a prompt, takes typed answers and writes them', async () => {
    const dir = freshDir();
    const charter = join(dir, 'charter.yaml');
    writeFileSync(charter, strongText.replace(/ {2}disputes: .*\n/, ''));
    const session = `pc-${process.pid}`;
    const tmuxRun = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
    tmuxRun('new-session', '-d', '-s', session, '-x', '200', '-y', '50', `cd ${dir} && NO_COLOR=1 ${process.execPath} ${join(ROOT, 'bin/partner-check.js')} fix charter.yaml; echo EXITED $?; sleep 30`);
    const screen = () => tmuxRun('capture-pane', '-p', '-t', session).stdout;
    const waitFor = (text: string) => screenShows(screen, text);
    try {
      await waitFor('Disputes');
      tmuxRun('send-keys', '-t', session, '-l', 'Settled at the board; else chief executives in 30 days.');
      tmuxRun('send-keys', '-t', session, 'Enter');
      await waitFor('Write the changes to charter.yaml?');
      tmuxRun('send-keys', '-t', session, 'Enter');
      await waitFor('EXITED 0');
      expect(screen()).toMatch(/Readiness 9\d(\.\d)? → 100\/100/);
    } finally {
      tmuxRun('kill-session', '-t', session);
    }
    expect(readFileSync(charter, 'utf8')).toContain('  disputes: Settled at the board; else chief executives in 30 days.\n');
  }, 120_000);

  it.skipIf(!tmux)('init without $EDITOR: typed lines, a choice that must be made, the score so far, save and stop', async () => {
    const dir = freshDir();
    const session = `pc-init-${process.pid}`;
    const tmuxRun = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
    tmuxRun('new-session', '-d', '-s', session, '-x', '100', '-y', '50', `cd ${dir} && env -u EDITOR -u VISUAL NO_COLOR=1 ${process.execPath} ${join(ROOT, 'bin/partner-check.js')} init; echo EXITED $?; sleep 30`);
    const screen = () => tmuxRun('capture-pane', '-p', '-t', session).stdout;
    const waitFor = (text: string) => screenShows(screen, text);
    const type = (text: string) => tmuxRun('send-keys', '-t', session, '-l', text);
    const press = (...keys: string[]) => tmuxRun('send-keys', '-t', session, ...keys);
    try {
      await waitFor('Title');
      type('Falls prevention in Boston');
      press('Enter');
      await waitFor('(several lines;'); // the summary, with no editor opened
      type('Fewer falls among over-65s.');
      press('Enter');
      await waitFor('? …');
      type('Strength and balance classes in every PCN.');
      press('Enter');
      await waitFor('✔ … Strength');
      press('Enter');
      await waitFor('Status');
      press('Enter'); // Enter on "(not answered yet)": asked again, nothing chosen for the user
      await waitFor('this one must be answered');
      press('Down', 'Enter'); // draft
      // When it starts and ends is asked with the project (before any milestone); Enter leaves them out.
      await waitFor('Plan › Start (e.g. 1 April 2025)');
      press('Enter');
      await waitFor('Plan › End (e.g. 1 April 2025)');
      press('Enter');
      await waitFor('Readiness so far:');
      await waitFor('Go on to What every gate needs');
      press('Down', 'Enter'); // save what I have and stop
      await waitFor('Where shall I save the charter?');
      press('Enter');
      await waitFor('EXITED 0');
    } finally {
      tmuxRun('kill-session', '-t', session);
    }
    const written = readFileSync(join(dir, 'charter.yaml'), 'utf8');
    expect(written).toContain('title: Falls prevention in Boston');
    expect(written).toContain('status: draft');
    expect(written).toMatch(/summary: \|-\n\s+Fewer falls among over-65s\.\n\s+Strength and balance classes in every PCN\./);
    expect(written).not.toContain('need:');
  }, 120_000);
});
