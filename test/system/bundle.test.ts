// What the in-process tests cannot see: the binary users start runs the bundle
// (dist/partner-check.cjs), not the modules those tests load, with a V8 code cache that its first
// run writes, and its worker threads start from a module beside it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';

describe('the bundle', () => {
  it('reports as main() does in-process, writes its code cache on its first check and starts from it after, and starts worker threads', async () => {
    // A copy of the built package without a code cache, as a fresh install has none.
    const copy = mkdtempSync(join(tmpdir(), 'partner-check-bundle-'));
    for (const entry of ['package.json', 'bin', 'dist', 'schemas', 'examples']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const cache = join(copy, 'dist/partner-check.cjs.v8cache');
    rmSync(cache, { force: true });
    const args = ['examples/diabetes-acs-pathway.yaml', '--no-config', '-f', 'json'];
    const start = (argv: string[]) => {
      const run = spawnSync(process.execPath, [join(copy, 'bin/partner-check.js'), ...argv], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const binary = (extra: string[]) => start([...args, ...extra]);

    // Runs that check no charter on this thread leave the cache unwritten: it would hold too
    // little of a check's code, and a check would go on starting from it.
    expect(start(['--version']).code).toBe(0);
    expect(start(['--help']).code).toBe(0);
    expect(start(['nothere.yaml']).code).toBe(2);
    expect(binary(['--threads', '1']).code).toBe(1);
    expect(existsSync(cache)).toBe(false);

    const first = binary([]);
    expect(first).toEqual(await runCli(args, { env: { NO_COLOR: '1' } }));
    expect(first.code).toBe(1);
    expect(existsSync(cache)).toBe(true);
    const written = statSync(cache);

    // A cache that fits is used, and so not written again; two worker threads give the same report.
    expect(binary(['--threads', '2'])).toEqual(first);
    expect(statSync(cache)).toMatchObject({ ino: written.ino, mtimeMs: written.mtimeMs });

    // A rerun that takes every charter from --cache checks none either.
    const reportCache = ['--cache', '--cache-location', join(copy, 'report-cache')];
    expect(binary(reportCache)).toEqual(first);
    rmSync(cache);
    expect(binary(reportCache)).toEqual(first);
    expect(existsSync(cache)).toBe(false);
  });

  it('checks one named charter, piped, without loading what only folders, globs, terminals or subprocesses need, from an all-ASCII bundle', () => {
    // The built-in modules the run loaded, and the files it required, written at exit:
    // child_process and dgram came with commander, fs/promises with the glob code and stdin (here
    // /dev/null, which Node reads through fs.ReadStream, readline and fs/promises once process.stdin
    // is made), and ajv's runtime helpers were required from node_modules; each is start-up time.
    const bin = join(ROOT, 'bin/partner-check.js');
    const script = `process.on('exit', () => process.stderr.write(JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) }))); process.argv.splice(1, 0, ${JSON.stringify(bin)}); require(${JSON.stringify(bin)});`;
    const run = spawnSync(process.execPath, ['-e', script, 'examples/diabetes-acs-pathway.yaml', '--no-config'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('examples/diabetes-acs-pathway.yaml:14:1  gate PC-NEED-001');
    const { builtins: loaded, files } = JSON.parse(run.stderr) as { builtins: string[]; files: string[] };
    expect(loaded).toContain('NativeModule vm');
    for (const unwanted of ['child_process', 'dgram', 'tty', 'fs/promises', 'internal/fs/promises', 'internal/fs/streams', 'internal/readline/interface']) expect(loaded).not.toContain(`NativeModule ${unwanted}`);
    expect(files).toEqual([bin]);
    // The bin reads the bundle as latin1, which is its text only when every character is ASCII.
    expect(readFileSync(join(ROOT, 'dist/partner-check.cjs')).findIndex((byte) => byte > 0x7f)).toBe(-1);
  });
});
