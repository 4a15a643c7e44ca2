// Progress for a long run, on stderr, for a person at a terminal: `checked 1,200 of 10,000
// charters (850/s)`, redrawn in place a few times a second and cleared at the end. Never in CI
// logs, never when stderr is a file or a pipe.
import type { Terminal } from './terminal.js';

/** Runs shorter than this finish before progress would help. */
export const PROGRESS_FROM = 300;
const REDRAW_EVERY_MS = 200;

export interface Progress {
  tick(): void;
  done(): void;
}

const SILENT: Progress = { tick: () => {}, done: () => {} };

export function startProgress(total: number, terminal: Terminal, now: () => number = Date.now): Progress {
  const ci = terminal.env['CI'] !== undefined && terminal.env['CI'] !== '' && terminal.env['CI'] !== 'false';
  if (total < PROGRESS_FROM || !terminal.stderrIsTTY || ci) return SILENT;
  const started = now();
  let checked = 0;
  let drawn = 0;
  let width = 0;
  const draw = (text: string) => {
    terminal.stderr(`\r${text.padEnd(width)}`);
    width = text.length;
  };
  return {
    tick() {
      checked += 1;
      const time = now();
      if (time - drawn < REDRAW_EVERY_MS && checked < total) return;
      drawn = time;
      const rate = Math.round((checked * 1000) / Math.max(1, time - started));
      draw(`partner-check: checked ${checked.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} charters (${rate.toLocaleString('en-GB')}/s)`);
    },
    done() {
      if (width > 0) terminal.stderr(`\r${' '.repeat(width)}\r`);
    },
  };
}
