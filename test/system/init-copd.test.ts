// A commissioner at a real terminal (no $EDITOR) answers init from their notes, the COPD joint
// working charter, reading each question on the screen and typing as people type: money as
// £80,000 or 60k, whole-time equivalents as 0.6, dates as 1 April 2025. What it saves passes
// partner-check as it is, with no edit by hand.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { valueAtPointer } from '../../src/core/pointer.js';
import { loadSchemas } from '../../src/io/builtin.js';
import { nodeFileSystem } from '../../src/io/file-system.js';
import { charterShape } from '../../src/questionnaire/fields.js';
import { loadBuiltSetup, ROOT, runCli } from '../helpers.js';
import { answerAll, hasTmux, Screen, shapeIndex } from './keyboard.js';

const BIN = join(ROOT, 'bin/partner-check.js');

describe('init at a real terminal, answered from the COPD charter', () => {
  if (!hasTmux) console.log('skipping the init-under-tmux test: tmux is not installed (.ci/run installs it)');

  it.skipIf(!hasTmux)('saves a charter that passes partner-check as it is, every answer where its question said', async () => {
    const notes = parse(readFileSync(join(ROOT, 'examples/copd-joint-working.yaml'), 'utf8')) as Record<string, unknown>;
    const setup = await loadBuiltSetup({ none: true }, { files: nodeFileSystem, now: Date.now });
    const schemas = loadSchemas();
    const index = shapeIndex(charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>));
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-tmux-init-'));
    const screen = new Screen(dir, `env -u EDITOR -u VISUAL NO_COLOR=1 ${process.execPath} ${BIN} init`);
    let answered;
    try {
      answered = await answerAll(screen, index, notes, ({ pointer }) => valueAtPointer(notes, pointer));
      await screen.until((text) => /^EXITED 0$/m.test(text));
    } finally {
      await screen.save('init-copd.last-screen.txt');
      await screen.close();
    }
    // Typed as people type them.
    const typedAt = (pointer: string) => answered.find((answer) => answer.pointer === pointer)?.typed;
    expect(typedAt('/resources/funding/0/amount')).toBe('£80,000');
    expect(typedAt('/resources/funding/1/amount')).toBe('60k');
    expect(typedAt('/resources/people/3/fte')).toBe('0.6');
    expect(typedAt('/plan/start')).toBe('1 April 2025');
    // Saved, and it passes as it is.
    const saved = readFileSync(join(dir, 'charter.yaml'), 'utf8');
    // Checked in-process: what needed a real terminal was the questionnaire.
    const check = await runCli(['charter.yaml'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(readFileSync(join(dir, 'charter.yaml'), 'utf8')).toBe(saved);
    // Everything in the notes, each on the item its question named.
    const written = parse(saved) as Record<string, unknown>;
    for (const key of Object.keys(notes)) if (key !== 'updated') expect(written[key], key).toEqual(notes[key]);
  }, 1_800_000);
});
