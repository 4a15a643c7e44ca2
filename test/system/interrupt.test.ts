// What only a real process shows: a run interrupted by a signal leaves no temporary folder or file
// behind (issue 23, item 17). The run writes its charters' reports to a spool folder in TMPDIR
// (a private one here) once it holds more than it keeps in memory; each signal is sent once that
// folder exists.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const STRONG = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');

describe('an interrupted run', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s leaves no spool folder and no half-written -o file', async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-interrupt-'));
    const temporary = join(dir, 'tmp');
    mkdirSync(temporary);
    mkdirSync(join(dir, 'charters'));
    for (let index = 0; index < 3000; index += 1) writeFileSync(join(dir, 'charters', `c${index}.yaml`), STRONG);
    const child = spawn(process.execPath, [join(ROOT, 'bin/partner-check.js'), 'charters', '-f', 'json', '-o', 'report.json', '--threads', '0'], { cwd: dir, env: { ...process.env, TMPDIR: temporary }, stdio: 'ignore' });
    const exited = once(child, 'exit');
    // Waits for the spool, not for a time: the signal is sent once the folder is there.
    while (!readdirSync(temporary).some((name) => name.startsWith('partner-check-spool-'))) {
      if (child.exitCode !== null) throw new Error('the run ended before it spooled');
      await sleep(10);
    }
    child.kill(signal);
    const [code, received] = (await exited) as [number | null, string | null];
    expect({ code, received }).toEqual({ code: null, received: signal });
    expect(readdirSync(temporary)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['charters', 'tmp']);
  }, 120_000);
});
