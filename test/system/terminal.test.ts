// What only a real terminal shows: the binary under tmux, asked questions at a prompt and typed
// answers, as a person at the keyboard would.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, ROOT } from '../helpers.js';

const strongText = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
const freshDir = () => mkdtempSync(join(tmpdir(), 'partner-check-init-'));

/**
 * A tmux session driven through one control-mode client (`tmux -C`): one process per session,
 * however often the test looks at the screen, where a `tmux capture-pane` per look started dozens.
 * Each command's reply comes back between `%begin` and `%end` lines, in the order sent.
 */
class TmuxSession {
  private readonly client;
  private readonly replies: ((lines: string[]) => void)[] = [];
  private block: string[] | null = null;
  private rest = '';

  constructor(
    private readonly name: string,
    width: number,
    height: number,
    command: string,
  ) {
    this.client = spawn('tmux', ['-C', 'new-session', '-s', name, '-x', String(width), '-y', String(height), command], { stdio: ['pipe', 'pipe', 'inherit'] });
    // The first reply is new-session's own.
    this.replies.push(() => {});
    this.client.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.rest + chunk).split('\n');
      this.rest = lines.pop()!;
      for (const line of lines) {
        if (this.block === null) {
          if (line.startsWith('%begin ')) this.block = [];
        } else if (line.startsWith('%end ') || line.startsWith('%error ')) {
          this.replies.shift()?.(this.block);
          this.block = null;
        } else this.block.push(line);
      }
    });
  }

  /** Sends one tmux command and waits for its reply. */
  private send(command: string): Promise<string[]> {
    return new Promise((done) => {
      this.replies.push(done);
      this.client.stdin.write(`${command}\n`);
    });
  }

  async screen(): Promise<string> {
    return (await this.send(`capture-pane -p -t ${this.name}`)).join('\n');
  }

  /** Types `text` literally. */
  async type(text: string): Promise<void> {
    if (/['\n]/.test(text)) throw new Error(`cannot type ${text}: it holds a quote or a line end`);
    await this.send(`send-keys -t ${this.name} -l '${text}'`);
  }

  async press(...keys: string[]): Promise<void> {
    await this.send(`send-keys -t ${this.name} ${keys.join(' ')}`);
  }

  async close(): Promise<void> {
    if (this.client.exitCode !== null || this.client.signalCode !== null) return;
    const exited = once(this.client, 'exit');
    this.client.stdin.end(`kill-session -t ${this.name}\n`);
    await exited;
  }
}

/**
 * Waits until the screen shows `text`, however long a loaded machine takes to draw it: no count of
 * tries races the clock; the test's own time-out is the only limit.
 */
async function screenShows(session: TmuxSession, text: string): Promise<void> {
  while (!(await session.screen()).includes(text)) await new Promise((done) => setTimeout(done, 100));
}

describe('the real binary under a terminal', () => {
  // tmux comes from .ci/run (Debian's package); without it the test is skipped, saying why.
  const tmux = onPath('tmux');
  if (!tmux) console.log('skipping the terminal test: tmux is not installed (.ci/run installs it)');

  it.skipIf(!tmux)('fix asks at a prompt, takes typed answers and writes them', async () => {
    const dir = freshDir();
    const charter = join(dir, 'charter.yaml');
    writeFileSync(charter, strongText.replace(/ {2}disputes: .*\n/, ''));
    const session = new TmuxSession(`pc-${process.pid}`, 200, 50, `cd ${dir} && NO_COLOR=1 ${process.execPath} ${join(ROOT, 'bin/partner-check.js')} fix charter.yaml; echo EXITED $?; sleep 30`);
    const waitFor = (text: string) => screenShows(session, text);
    try {
      await waitFor('Disputes');
      await session.type('Settled at the board; else chief executives in 30 days.');
      await session.press('Enter');
      await waitFor('Write the changes to charter.yaml?');
      await session.press('Enter');
      await waitFor('EXITED 0');
      expect(await session.screen()).toMatch(/Readiness 9\d(\.\d)? → 100\/100/);
    } finally {
      await session.close();
    }
    expect(readFileSync(charter, 'utf8')).toContain('  disputes: Settled at the board; else chief executives in 30 days.\n');
  }, 120_000);

  it.skipIf(!tmux)('init without $EDITOR: typed lines, a choice that must be made, the score so far, save and stop', async () => {
    const dir = freshDir();
    const session = new TmuxSession(`pc-init-${process.pid}`, 100, 50, `cd ${dir} && env -u EDITOR -u VISUAL NO_COLOR=1 ${process.execPath} ${join(ROOT, 'bin/partner-check.js')} init; echo EXITED $?; sleep 30`);
    const waitFor = (text: string) => screenShows(session, text);
    const type = (text: string) => session.type(text);
    const press = (...keys: string[]) => session.press(...keys);
    try {
      await waitFor('Title');
      await type('Falls prevention in Boston');
      await press('Enter');
      await waitFor('(several lines;'); // the summary, with no editor opened
      await type('Fewer falls among over-65s.');
      await press('Enter');
      await waitFor('? …');
      await type('Strength and balance classes in every PCN.');
      await press('Enter');
      await waitFor('✔ … Strength');
      await press('Enter');
      await waitFor('Status');
      await press('Enter'); // Enter on "(not answered yet)": asked again, nothing chosen for the user
      await waitFor('this one must be answered');
      await press('Down', 'Enter'); // draft
      // When it starts and ends is asked with the project (before any milestone); Enter leaves them out.
      await waitFor('Plan › Start (e.g. 1 April 2025;');
      await press('Enter');
      await waitFor('Plan › End (e.g. 1 April 2025;');
      await press('Enter');
      await waitFor('Readiness so far:');
      await waitFor('Go on to What every gate needs');
      await press('Down', 'Enter'); // save what I have and stop
      await waitFor('Where shall I save the charter?');
      await press('Enter');
      await waitFor('EXITED 0');
    } finally {
      await session.close();
    }
    const written = readFileSync(join(dir, 'charter.yaml'), 'utf8');
    expect(written).toContain('title: Falls prevention in Boston');
    expect(written).toContain('status: draft');
    expect(written).toMatch(/summary: \|-\n\s+Fewer falls among over-65s\.\n\s+Strength and balance classes in every PCN\./);
    expect(written).not.toContain('need:');
  }, 120_000);
});
