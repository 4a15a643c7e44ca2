// The run's spool of checked charters: in order to a format reading as the run goes, and again
// from the start (from its temporary file, past what it holds in memory) once the run has ended.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckedCharter } from '../src/core/report.js';
import { CharterSpool } from '../src/cli/spool.js';
import type { ReportPiece } from '../src/formatters/types.js';
import { ROOT, runCli } from './helpers.js';

const charter = (index: number) => ({ file: `charter-${index}.yaml`, score: index }) as unknown as CheckedCharter;
const files = async (charters: AsyncIterable<CheckedCharter>) => {
  const seen: string[] = [];
  for await (const report of charters) seen.push(report.file);
  return seen;
};
const expected = (count: number) => Array.from({ length: count }, (_, index) => `charter-${index}.yaml`);

describe('the charter spool', () => {
  let saved: string | undefined;
  let folder: string;
  beforeEach(() => {
    saved = process.env['TMPDIR'];
    folder = mkdtempSync(join(tmpdir(), 'partner-check-spool-test-'));
    process.env['TMPDIR'] = folder;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  });

  it('says in one line, exit 2, that it cannot write a temporary file when the temporary folder is missing (no internal error)', async () => {
    const charters = mkdtempSync(join(folder, 'charters-'));
    const text = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'));
    for (let index = 0; index < 70; index += 1) writeFileSync(join(charters, `charter-${index}.yaml`), text);
    const missing = join(folder, 'not-there');
    process.env['TMPDIR'] = missing;
    const { code, stdout, stderr } = await runCli([charters, '-f', 'json', '--no-config', '--threads', '0']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`partner-check: cannot write a temporary file in ${missing}: its folder does not exist\n`);
  });

  it('gives a live reader every charter as it is added, holding the run back, and replays them all after', async () => {
    const spool = new CharterSpool(true);
    const live = files(spool.liveCharters());
    for (let index = 0; index < 300; index += 1) await spool.add(charter(index));
    spool.close();
    expect(await live).toEqual(expected(300));
    expect(await files(spool.charters())).toEqual(expected(300));
    expect(await files(spool.charters())).toEqual(expected(300));
    spool.remove();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('writes nothing to disk for a run it can hold, and replays a larger one whole while a live reader lags', async () => {
    const small = new CharterSpool(true);
    for (let index = 0; index < 20; index += 1) await small.add(charter(index));
    small.close();
    expect(readdirSync(folder)).toEqual([]);
    expect(await files(small.charters())).toEqual(expected(20));
    small.remove();

    const spool = new CharterSpool(true);
    const seen: string[] = [];
    const live = (async () => {
      for await (const report of spool.liveCharters()) {
        seen.push(report.file);
        // A slow terminal: the reader falls behind the run, which waits for it past what is held.
        if (seen.length % 7 === 0) await new Promise((done) => setTimeout(done, 1));
      }
    })();
    for (let index = 0; index < 500; index += 1) await spool.add(charter(index));
    spool.close();
    await live;
    expect(seen).toEqual(expected(500));
    expect(await files(spool.charters())).toEqual(expected(500));
    spool.remove();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('gives back texts past what it holds as they were added: strings as strings, bytes (from the cache) as bytes', async () => {
    const spool = new CharterSpool<ReportPiece>(true);
    const text = (index: number) => `charter ${index} → “passé”\n${'x'.repeat(index * 37)}`;
    const added = Array.from({ length: 300 }, (_, index) => (index % 3 === 0 ? Buffer.from(text(index)) : text(index)));
    for (const piece of added) await spool.add(piece);
    spool.close();
    expect(readdirSync(folder)).toHaveLength(1);
    for (let round = 0; round < 2; round += 1) {
      const read: ReportPiece[] = [];
      for await (const piece of spool.charters()) read.push(piece);
      expect(read.map((piece) => typeof piece)).toEqual(added.map((piece) => typeof piece));
      expect(read.map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8')))).toEqual(added.map((_, index) => text(index)));
    }
    spool.remove();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('keeps nothing on disk when no format will read the charters again', async () => {
    const spool = new CharterSpool(false);
    const live = files(spool.liveCharters());
    for (let index = 0; index < 300; index += 1) await spool.add(charter(index));
    spool.close();
    expect(await live).toEqual(expected(300));
    expect(readdirSync(folder)).toEqual([]);
    spool.remove();
  });
});
