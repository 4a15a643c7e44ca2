// --cache: what an unchanged charter's entry gives a rerun (its report, or the text it printed),
// what keys it (size and modification time first, then the text's hash), and what is never
// trusted (an entry edited by hand, or of the wrong shape): a failing charter still fails.
import { closeSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, signature } from '../src/cli/cache.js';
import { FORMAT_NAMES } from '../src/formatters/index.js';
import { packageVersion } from '../src/io/builtin.js';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { ROOT, loadBuiltSetup, runCli } from './helpers.js';

const REPO = join(ROOT, 'test/fixtures/repo');
const CACHE_FORMAT = 6;

/** One entry of a cache file: its head line's fields, its report (or problem) and its printed part, as the file holds them. */
interface Entry {
  file: string;
  hash: string;
  stat: string;
  signed: string;
  body: Buffer;
  printed: Buffer;
}

/** A cache file as its header line and entries. */
function readCache(path: string): { header: string; entries: Entry[] } {
  const bytes = readFileSync(path);
  let at = bytes.indexOf(10) + 1;
  const header = bytes.toString('utf8', 0, at - 1);
  const entries: Entry[] = [];
  while (at < bytes.length) {
    const end = bytes.indexOf(10, at);
    const [file, hash, stat, bodyLength, printLength, signed] = bytes.toString('utf8', at, end).split('\t') as [string, string, string, string, string, string];
    const body = bytes.subarray(end + 1, end + 1 + Number(bodyLength));
    const printed = bytes.subarray(end + 1 + body.length, end + 1 + body.length + Number(printLength));
    entries.push({ file, hash, stat, signed, body, printed });
    at = end + 1 + body.length + printed.length + 1;
  }
  return { header, entries };
}

function writeCache(path: string, cache: { header: string; entries: Entry[] }): void {
  const entry = (e: Entry) => Buffer.concat([Buffer.from(`${[e.file, e.hash, e.stat, e.body.length, e.printed.length, e.signed].join('\t')}\n`), e.body, e.printed, Buffer.from('\n')]);
  writeFileSync(path, Buffer.concat([Buffer.from(`${cache.header}\n`), ...cache.entries.map(entry)]));
}

/** The run's key, as only a deliberate forger who works it out from the version, criteria, config and date could have it. */
async function runKey(charters: string): Promise<string> {
  return cacheKey(await loadBuiltSetup({ searchFrom: charters }, { files: nodeFileSystem, now: Date.now }), packageVersion());
}

/** An entry whose stored report `edit` changes, signed again as partner-check signs, without its printed text (so the report is what a run uses). */
async function resigned(entry: Entry, charters: string, edit: (stored: Record<string, unknown>) => unknown): Promise<Entry> {
  const body = Buffer.from(JSON.stringify(edit(JSON.parse(entry.body.toString('utf8')) as Record<string, unknown>)));
  return { ...entry, body, printed: Buffer.alloc(0), signed: signature(await runKey(charters), entry.file, entry.hash, entry.stat, body) };
}

/** An entry whose printed text `edit` changes, its printed part signed again as partner-check signs it. */
async function reprinted(entry: Entry, charters: string, edit: (text: string) => string): Promise<Entry> {
  const text = entry.printed.toString('utf8');
  const signedPart = edit(text.slice(text.indexOf('\t') + 1));
  return { ...entry, printed: Buffer.from(`${signature(await runKey(charters), entry.file, entry.hash, entry.stat, signedPart)}\t${signedPart}`) };
}

function replaced(entries: Entry[], index: number, entry: Entry): Entry[] {
  return entries.map((old, at) => (at === index ? entry : old));
}

/** A file system that counts the charters it reads. */
function countingReads(): { files: FileSystem; reads: () => number } {
  let count = 0;
  return {
    files: { ...nodeFileSystem, readText: (path, maxBytes) => ((count += path.endsWith('.yaml') ? 1 : 0), nodeFileSystem.readText(path, maxBytes)) },
    reads: () => {
      const seen = count;
      count = 0;
      return seen;
    },
  };
}

/** Sets a file's modification time an hour back: older than a run's start by more than a clock's resolution, so its entry keeps it. */
function age(path: string): void {
  const hourAgo = new Date(Date.now() - 3600_000);
  utimesSync(path, hourAgo, hourAgo);
}

function elderly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-cache-'));
  cpSync(join(REPO, 'charters/elderly'), join(dir, 'charters'), { recursive: true });
  return dir;
}

describe('--cache', () => {
  it('reuses the report of an unchanged charter, and checks again one that changed, or when the config changed', async () => {
    const dir = elderly();
    const cacheRun = (extra: string[] = []) => runCli(['charters', '--cache', '-f', 'json', ...extra], { cwd: dir });
    const first = await cacheRun();
    const cacheFile = join(dir, '.partner-check-cache');
    const cached = readCache(cacheFile);
    expect(JSON.parse(cached.header)).toMatchObject({ tool: 'partner-check', format: CACHE_FORMAT });
    // Mark one cached report, to see whether the next run takes it from the cache.
    const north = join(dir, 'charters/north.yaml');
    const index = cached.entries.findIndex((entry) => entry.file === JSON.stringify(north));
    const marked = { ...cached, entries: replaced(cached.entries, index, await resigned(cached.entries[index]!, join(dir, 'charters'), (report) => ({ ...report, title: 'FROM THE CACHE' }))) };
    writeCache(cacheFile, marked);
    const titles = (output: string) => JSON.parse(output).charters.map((charter: { title: string }) => charter.title);
    expect(titles((await cacheRun()).stdout)).toContain('FROM THE CACHE');
    // Printed again from the text the last run kept for it.
    expect((await cacheRun()).stdout.replace('FROM THE CACHE', 'Community Elderly Care Service (North locality)')).toBe(first.stdout);
    writeFileSync(north, `${readFileSync(north, 'utf8')}# an edit\n`);
    // The cache file is replaced before the report is printed: the unchanged charters' texts are still those the last run kept.
    const afterEdit = await cacheRun();
    expect(titles(afterEdit.stdout)).not.toContain('FROM THE CACHE');
    expect(afterEdit.stdout).toBe((await runCli(['charters', '-f', 'json'], { cwd: dir })).stdout);
    writeCache(cacheFile, marked);
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'minScore: 75\n');
    expect(titles((await cacheRun()).stdout)).not.toContain('FROM THE CACHE');
  });

  it("checks again when a criteria file's signals change, though none of its criteria does", async () => {
    const dir = elderly();
    // A criterion of one's own that forbids a signal in the summary; the signal's words change between runs.
    const criteria = (word: string) =>
      `criteria:\n  - { id: MY-001, area: need, title: T, weight: low, advice: A, source: S, checks: [{ forbid: mentions, message: M }] }\nsignals:\n  mentions: { description: mentions a word, reads: [/summary], says: [${word}] }\n`;
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [mine.yaml]\n');
    const found = async () => JSON.parse((await runCli(['charters', '--cache', '-f', 'json'], { cwd: dir })).stdout).charters.some((charter: { findings: { ruleId: string }[] }) => charter.findings.some((finding) => finding.ruleId === 'MY-001'));
    writeFileSync(join(dir, 'mine.yaml'), criteria('team'));
    expect(await found()).toBe(true);
    writeFileSync(join(dir, 'mine.yaml'), criteria('zebra'));
    expect(await found()).toBe(false);
  });

  it('prints again, byte for byte, what each format printed, from the text it kept: every format, alone and together, quiet or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-cache-'));
    cpSync(REPO, dir, { recursive: true });
    const runs = [...FORMAT_NAMES.map((format) => ['-f', format]), ['--quiet'], ['-f', 'json', '--quiet'], ['-f', 'json', '-f', 'stylish'], ['-f', 'stylish', '--min-score', '90']];
    for (const args of runs) {
      const plain = await runCli(['charters', ...args], { cwd: dir });
      // One cache for every run: each is printed from what the run before it kept, or checked anew.
      for (let round = 0; round < 2; round += 1) expect(await runCli(['charters', ...args, '--cache'], { cwd: dir }), `${args.join(' ')}, round ${round}`).toEqual(plain);
    }
    // The text printed is what a rerun prints: a mark in it (of the same length, as the lengths are signed) shows.
    const cacheFile = join(dir, '.partner-check-cache');
    const cache = readCache(cacheFile);
    const north = cache.entries.findIndex((entry) => entry.file.endsWith('north.yaml"'));
    writeCache(cacheFile, { ...cache, entries: replaced(cache.entries, north, await reprinted(cache.entries[north]!, join(dir, 'charters'), (text) => text.replace('Readiness', 'MARKED!!!'))) });
    const marked = await runCli(['charters', '-f', 'stylish', '--min-score', '90', '--cache'], { cwd: dir });
    expect(marked.stderr).not.toContain('damaged');
    expect(marked.stdout).toContain('MARKED!!!');
  }, 120_000);

  it('does not read a charter whose size and modification time are unchanged; one touched is read, and kept with its new time', async () => {
    const dir = elderly();
    const charters = ['central.yml', 'east.yaml', 'north.yaml', 'rural.yaml', 'south.yaml', 'west.yaml'].map((name) => join(dir, 'charters', name));
    for (const charter of charters) age(charter);
    const { files, reads } = countingReads();
    const cacheRun = () => runCli(['charters', '--cache', '-f', 'json'], { cwd: dir, files });
    const first = await cacheRun();
    expect(reads()).toBe(5); // the .yml one is not counted
    expect(await cacheRun()).toEqual(first);
    expect(reads()).toBe(0);
    // Touched, its text the same: read once, and its entry given the new time.
    const north = join(dir, 'charters/north.yaml');
    utimesSync(north, new Date(Date.now() - 1800_000), new Date(Date.now() - 1800_000));
    expect(await cacheRun()).toEqual(first);
    expect(reads()).toBe(1);
    expect(await cacheRun()).toEqual(first);
    expect(reads()).toBe(0);
    // Changed to a failing charter of the same size: read, checked, and it fails.
    const text = readFileSync(north, 'utf8');
    writeFileSync(north, text.replace(/^title: .*$/m, (line) => line.replace(/[A-Za-z]/g, 'x')).replace(/^charter: 1$/m, 'charter: 9'));
    expect(statSync(north).size).toBe(Buffer.byteLength(text));
    const changed = await cacheRun();
    expect(reads()).toBe(1);
    expect(changed.code).not.toBe(first.code);
    // A charter now larger than --max-file-size is read (and refused), never taken from the cache.
    age(north);
    writeFileSync(north, text);
    age(north);
    await cacheRun();
    reads();
    const limited = await runCli(['charters', '--cache', '-f', 'json', '--max-file-size', '100'], { cwd: dir, files });
    expect(limited.code).toBe(2);
    expect(limited.stderr).toContain('north.yaml');
  });

  it.each([
    ['longer than most (a head line past the first read of it)', (level: number) => `folder-${level}-${'x'.repeat(120)}`, 800],
    ['of control characters, each six bytes in JSON (a head line past 8 KiB)', () => '\u0001'.repeat(200), 8192],
  ])('finds the entry of a charter whose path is %s', async (_, folderName, headLength) => {
    const dir = elderly();
    const deep = join(dir, 'charters', ...Array.from({ length: 7 }, (_, level) => folderName(level)));
    mkdirSync(deep, { recursive: true });
    copyFileSync(join(dir, 'charters/north.yaml'), join(deep, 'north.yaml'));
    for (const name of ['central.yml', 'east.yaml', 'north.yaml', 'rural.yaml', 'south.yaml', 'west.yaml']) age(join(dir, 'charters', name));
    age(join(deep, 'north.yaml'));
    const { files, reads } = countingReads();
    const cacheRun = () => runCli(['charters', '--cache', '-f', 'json'], { cwd: dir, files });
    const first = await cacheRun();
    expect(readCache(join(dir, '.partner-check-cache')).entries.some((entry) => entry.file.length > headLength)).toBe(true);
    reads();
    expect(await cacheRun()).toEqual(first);
    expect(reads()).toBe(0);
  });

  /** Writes `North` as `Nor!h` wherever the cache has it, in the file itself: its length, and its inode, stay the same. */
  const overwriteInPlace = (cacheFile: string) => {
    const bytes = readFileSync(cacheFile);
    for (let at = bytes.indexOf('North'); at >= 0; at = bytes.indexOf('North', at + 1)) bytes.write('Nor!h', at);
    const fd = openSync(cacheFile, 'r+');
    writeSync(fd, bytes, 0, bytes.length, 0);
    closeSync(fd);
  };
  it.each([
    ['cuts the cache short', 'json', (cacheFile: string) => truncateSync(cacheFile, 100)],
    ['writes into the cache, its length unchanged', 'json', overwriteInPlace],
  ])('stops with exit 2 and says why, no internal error, when another program %s while a run prints from it (%s)', async (_, format, damage) => {
    const dir = elderly();
    for (const name of ['central.yml', 'east.yaml', 'north.yaml', 'rural.yaml', 'south.yaml', 'west.yaml']) age(join(dir, 'charters', name));
    const cacheFile = join(dir, '.partner-check-cache');
    expect((await runCli(['charters', '--cache', '-f', format], { cwd: dir })).code).toBe(0);
    // The last charter read has changed: as it is read, the cache the others are printed from is damaged.
    const west = join(dir, 'charters/west.yaml');
    writeFileSync(west, `${readFileSync(west, 'utf8')}# an edit\n`);
    const files: FileSystem = { ...nodeFileSystem, readText: (path, maxBytes) => (path === west && damage(cacheFile), nodeFileSystem.readText(path, maxBytes)) };
    const { code, stdout, stderr } = await runCli(['charters', '--cache', '-f', format], { cwd: dir, files });
    expect(code).toBe(2);
    expect(stderr).toContain(`${cacheFile}: the cache was changed by another program while this run printed from it; run again`);
    expect(stderr).not.toContain('internal error');
    expect(stdout).not.toContain('Nor!h');
  });

  it('stops with exit 2 when the cache is written into while stylish, read slowly, is still printing from it, the run held back (no unhandled rejection)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-cache-'));
    mkdirSync(join(dir, 'charters'));
    const text = readFileSync(join(REPO, 'charters/elderly/north.yaml'), 'utf8');
    const names = Array.from({ length: 200 }, (_, index) => `c${String(index).padStart(3, '0')}.yaml`);
    for (const name of names) writeFileSync(join(dir, 'charters', name), text);
    for (const name of names) age(join(dir, 'charters', name));
    const cacheFile = join(dir, '.partner-check-cache');
    expect((await runCli(['charters', '--cache'], { cwd: dir })).code).toBe(0);
    // A charter early in the run has changed: as it is read, the texts before it still wait, for a slow
    // stdout, in the spool, which holds the run back until they are printed.
    const changed = join(dir, 'charters', names[40]!);
    writeFileSync(changed, `${text}# an edit\n`);
    const files: FileSystem = { ...nodeFileSystem, readText: (path, maxBytes) => (path === changed && overwriteInPlace(cacheFile), nodeFileSystem.readText(path, maxBytes)) };
    const { code, stdout, stderr } = await runCli(['charters', '--cache'], { cwd: dir, files, slowStdout: true });
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(`partner-check: ${cacheFile}: the cache was changed by another program while this run printed from it; run again`);
    expect(stderr).not.toContain('internal error');
    expect(stdout).not.toContain('Nor!h');
  });

  it('as a summary for CI: --quiet on a rerun prints only the counts for unchanged passing charters, reading none', async () => {
    const dir = elderly();
    for (const name of ['north.yaml', 'south.yaml']) age(join(dir, 'charters', name));
    const { files, reads } = countingReads();
    const quiet = () => runCli(['charters/north.yaml', 'charters/south.yaml', '--cache', '--quiet'], { cwd: dir, files });
    const first = await quiet();
    expect(first).toEqual({ code: 0, stdout: '2 charters: 2 ready, 0 nearly ready, 0 not ready; 0 errors, 0 warnings.\n', stderr: '' });
    reads();
    expect(await quiet()).toEqual(first);
    expect(reads()).toBe(0);
  });

  it('does not read a cache written by an older partner-check: every charter is checked again and the cache written anew', async () => {
    const dir = elderly();
    const cacheRun = () => runCli(['charters', '--cache', '-f', 'json'], { cwd: dir });
    const first = await cacheRun();
    const cacheFile = join(dir, '.partner-check-cache');
    // The same key (same version, criteria, config and date) in format 5's header, with lines as format 5 kept them, marked.
    const cache = readCache(cacheFile);
    const older = [
      JSON.stringify({ ...JSON.parse(cache.header), format: 5 }),
      ...cache.entries.map((entry) => [entry.file, entry.hash, entry.signed, JSON.stringify({ ...JSON.parse(entry.body.toString('utf8')), title: 'FROM THE CACHE' })].join('\t')),
    ].join('\n');
    writeFileSync(cacheFile, older);
    const second = await cacheRun();
    expect(second).toMatchObject({ code: first.code, stdout: first.stdout, stderr: first.stderr });
    const rewritten = readFileSync(cacheFile, 'utf8');
    expect(JSON.parse(rewritten.split('\n')[0]!)).toMatchObject({ tool: 'partner-check', format: CACHE_FORMAT });
    expect(rewritten).not.toContain('FROM THE CACHE');
  });

  it('keeps a YAML error too, and leaves the cache file as it is when nothing changed', async () => {
    const dir = elderly();
    // Named to come last, so that mending it copies every entry before it into the new file.
    const broken = join(dir, 'charters/zz-broken.yaml');
    writeFileSync(broken, 'charter: 1\ntitle: "unterminated\n');
    // Older than the run by more than a clock's resolution: the first run keeps their times, and the second has nothing to change.
    for (const name of ['central.yml', 'east.yaml', 'north.yaml', 'rural.yaml', 'south.yaml', 'west.yaml', 'zz-broken.yaml']) age(join(dir, 'charters', name));
    const cacheRun = () => runCli(['charters', '--cache'], { cwd: dir });
    const first = await cacheRun();
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/charters\/zz-broken\.yaml:\d+:\d+: YAML syntax error/);
    const cacheFile = join(dir, '.partner-check-cache');
    // Its entry holds the problem; marked, to see that the next run takes it from there.
    const cache = readCache(cacheFile);
    const index = cache.entries.findIndex((entry) => entry.file === JSON.stringify(broken));
    expect(JSON.parse(cache.entries[index]!.body.toString('utf8'))).toMatchObject({ problem: { code: 'syntax', message: expect.stringContaining('YAML syntax error') } });
    writeCache(cacheFile, { ...cache, entries: replaced(cache.entries, index, await resigned(cache.entries[index]!, join(dir, 'charters'), (stored) => ({ problem: { ...(stored['problem'] as object), message: 'FROM THE CACHE' } }))) });
    const before = statSync(cacheFile);
    const second = await cacheRun();
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/charters\/zz-broken\.yaml:\d+:\d+: FROM THE CACHE/);
    expect(second.stdout).toBe(first.stdout);
    // Nothing changed: the same file, not one written anew.
    expect(statSync(cacheFile)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs, size: before.size });
    // The broken charter mended: checked again, and the cache written anew without the old problem.
    writeFileSync(broken, readFileSync(join(dir, 'charters/north.yaml'), 'utf8'));
    const mended = await cacheRun();
    expect(mended.stderr).not.toContain('FROM THE CACHE');
    const rewritten = statSync(cacheFile);
    expect(rewritten.ino).not.toBe(before.ino);
    expect(readFileSync(cacheFile, 'utf8')).not.toContain('FROM THE CACHE');
    // The entries copied over read as before: every one is reused, in order, and the file stays.
    expect(await cacheRun()).toMatchObject({ code: mended.code, stdout: mended.stdout, stderr: mended.stderr });
    expect(statSync(cacheFile)).toMatchObject({ ino: rewritten.ino, mtimeMs: rewritten.mtimeMs });
  });

  it('never trusts an entry edited by hand, nor one of the wrong shape: a failing charter still fails (issue 23, item 9)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-cache-'));
    mkdirSync(join(dir, 'charters'));
    const weak = join(dir, 'charters/weak.yaml');
    copyFileSync(join(ROOT, 'examples/msk-imaging-contract.yaml'), weak);
    age(weak); // so that its entry is found by its size and time, unread
    const charters = join(dir, 'charters');
    for (const args of [['--quiet', '-f', 'json'], ['-f', 'stylish']]) {
      const cacheRun = () => runCli(['charters', '--cache', ...args], { cwd: dir });
      const first = await cacheRun();
      expect(first.code).toBe(1);
      const cacheFile = join(dir, '.partner-check-cache');
      const cache = readCache(cacheFile);
      const entry = cache.entries[0]!;
      const passing = (report: Record<string, unknown>) => ({ ...report, score: 100, band: 'ready', gates: [], findings: [] });
      const warning = `partner-check: the cache entry for ${weak} is damaged or was changed by hand; checking it again\n`;
      const printed = entry.printed.toString('utf8');
      const edits: Entry[] = [
        // Edited by hand to pass: the signature no longer matches.
        { ...entry, printed: Buffer.alloc(0), body: Buffer.from(JSON.stringify(passing(JSON.parse(entry.body.toString('utf8')) as Record<string, unknown>))) },
        { ...entry, printed: Buffer.alloc(0), signed: '0'.repeat(64), body: Buffer.from('{"x":1}') },
        // Its printed text and verdict edited to pass, unsigned.
        { ...entry, printed: Buffer.from(printed.replace('"passed":false', '"passed":true').replace(/"errors":\d+/, '"errors":0')) },
        // Signed as the tool signs, but not of the shape it writes.
        await resigned(entry, charters, () => ({ x: 1 })),
        await resigned(entry, charters, () => ({ problem: 42 })),
        await reprinted(entry, charters, (text) => text.replace('"passed":false', '"passed":"yes"')),
        await reprinted(entry, charters, (text) => `${text}more`),
      ];
      expect(edits[2]!.printed).not.toEqual(entry.printed);
      for (const edited of edits) {
        writeCache(cacheFile, { ...cache, entries: [edited] });
        const run = await cacheRun();
        expect({ code: run.code, stderr: run.stderr }, `${args.join(' ')}: ${edited.body.toString('utf8').slice(0, 100)} ${edited.printed.toString('utf8').slice(0, 200)}`).toEqual({ code: 1, stderr: warning });
        expect(run.stdout).toBe(first.stdout);
        // Checked afresh and kept: the next run takes it from the cache, quietly.
        expect(await cacheRun()).toEqual(first);
      }
    }
  });

  it('ignores a damaged cache with a one-line warning, never a crash, and never replaces a foreign one', async () => {
    const dir = elderly();
    const header = JSON.stringify({ tool: 'partner-check', format: CACHE_FORMAT, key: 'x' });
    for (const content of [`${header}\nnot an entry\n`, `${header}\n{"x":1}\n`, `${header}\n"a.yaml"\t${'0'.repeat(64)}\t-\t99\t0\t${'0'.repeat(64)}\n{}\n`]) {
      writeFileSync(join(dir, 'mycache'), content);
      const { code, stderr } = await runCli(['charters', '--cache', '--cache-location', 'mycache'], { cwd: dir });
      expect(code, content).toBe(0);
      expect(stderr, content).toBe(`partner-check: the cache ${join(dir, 'mycache')} is damaged; checking every charter\n`);
      expect(JSON.parse(readFileSync(join(dir, 'mycache'), 'utf8').split('\n')[0]!).tool).toBe('partner-check');
    }
    for (const content of ['{ not json', JSON.stringify({ tool: 'eslint', files: {} })]) {
      writeFileSync(join(dir, 'mycache'), content);
      const { code, stderr } = await runCli(['charters', '--cache', '--cache-location', 'mycache'], { cwd: dir });
      expect({ code, stderr }, content).toEqual({ code: 2, stderr: 'partner-check: --cache-location mycache is not a partner-check cache, and would be overwritten; name another file, or remove it\n' });
      expect(readFileSync(join(dir, 'mycache'), 'utf8')).toBe(content);
    }
  });
});
