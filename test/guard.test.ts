// One guard for every path partner-check writes (issue 23, items 1-4): -o, summary -o, the cache,
// GitHub's step summary and the charter fix edits never land on a file the run reads, a device or
// FIFO where a file is kept, a file that is not what the tool writes there, or a file the user
// could not replace with a shell's `>`. What a user sees: one line, exit 2, the file unchanged.
import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { ROOT, runCli, withStrongCharter } from './helpers.js';

const WEAK = readFileSync(join(ROOT, 'examples/msk-imaging-contract.yaml'), 'utf8');

/** One line on stderr, naming what it refused, and exit 2. */
function expectRefused(result: { code: number | null; stderr: string }, says: RegExp, what: string): void {
  expect(result.code, what).toBe(2);
  expect(result.stderr, what).toMatch(says);
  expect(result.stderr.trim().split('\n'), what).toHaveLength(1);
  expect(result.stderr, what).not.toMatch(/internal error|\n\s+at /);
}

describe('the cache location (item 1)', () => {
  it('is refused when it names a file that is not a partner-check cache, an input, or a device or FIFO', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'notes.txt'), 'precious\n');
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'minScore: 70\n');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync('c.yaml', join(dir, 'soft-link'));
    linkSync(join(dir, 'c.yaml'), join(dir, 'hard-link'));
    const cases: [string, RegExp][] = [
      ['notes.txt', /^partner-check: --cache-location notes\.txt is not a partner-check cache, and would be overwritten/],
      ['c.yaml', /--cache-location c\.yaml would overwrite the charter /],
      ['soft-link', /--cache-location soft-link would overwrite the charter /],
      ['hard-link', /--cache-location hard-link would overwrite the charter /],
      ['partner-check.config.yaml', /would overwrite the config file /],
      ['/dev/null', /--cache-location \/dev\/null is a device or FIFO, not a file/],
      ['pipe', /--cache-location pipe is a device or FIFO, not a file/],
    ];
    for (const [location, says] of cases) expectRefused(await runCli(['c.yaml', '--cache', '--cache-location', location], { cwd: dir }), says, location);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('precious\n');
    expect(readFileSync(join(dir, 'partner-check.config.yaml'), 'utf8')).toBe('minScore: 70\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('that cannot be written (a folder, a folder not there, a loop of links) stops the run before it checks anything; a loop stays a link', async () => {
    const { dir } = withStrongCharter();
    mkdirSync(join(dir, 'folder'));
    symlinkSync('loop', join(dir, 'loop'));
    const cases: [string, RegExp][] = [
      ['folder', /^partner-check: cannot write folder: it is a folder$/m],
      ['missing/cache', /^partner-check: cannot write missing\/cache: its folder does not exist$/m],
      ['loop', /^partner-check: cannot write loop: it is a loop of symbolic links$/m],
    ];
    for (const [location, says] of cases) {
      const result = await runCli(['c.yaml', '--cache', '--cache-location', location], { cwd: dir });
      expectRefused(result, says, location);
      expect(result.stdout, location).toBe('');
    }
    expectRefused(await runCli(['c.yaml', '-f', 'json', '-o', 'loop'], { cwd: dir }), /^partner-check: cannot write loop: it is a loop of symbolic links$/m, '-o loop');
    expect(lstatSync(join(dir, 'loop')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a path ending in a slash, a dangling link to a file another output writes, and the file stdout goes to are refused', async () => {
    const { dir } = withStrongCharter();
    symlinkSync('d.txt', join(dir, 'dlink'));
    const out = join(dir, 'out.txt');
    writeFileSync(out, '');
    const cases: [string[], RegExp, string?][] = [
      [['-o', 'nothere/'], /^partner-check: -o nothere\/ ends in a slash, so it names a folder; name a file$/m],
      [['--cache', '--cache-location', 'nothere/'], /^partner-check: --cache-location nothere\/ ends in a slash, so it names a folder; name a file$/m],
      [['--cache', '--cache-location', 'd.txt', '-o', 'dlink'], /^partner-check: --cache-location d\.txt names the same file as -o dlink; give each its own file$/m],
      [['--cache', '--cache-location', 'out.txt'], /^partner-check: --cache-location out\.txt is where stdout goes, and writing it would replace the report printed there; name another file$/m, out],
      // -o naming stdout's own file is printed on stdout, but is still not a file the run reads (`-o /dev/stdout >> c.yaml`).
      [['-o', 'c.yaml'], /^partner-check: -o c\.yaml would overwrite the charter c\.yaml/m, join(dir, 'c.yaml')],
    ];
    for (const [args, says, stdoutFile] of cases) {
      const result = await runCli(['c.yaml', ...args], { cwd: dir, ...(stdoutFile ? { stdoutFile } : {}) });
      expectRefused(result, says, args.join(' '));
      expect(result.stdout, args.join(' ')).toBe('');
    }
    expect(readdirSync(dir).sort()).toEqual(['c.yaml', 'dlink', 'out.txt']);
  });

  it('a cache it wrote, or an empty file, is used and replaced as before', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'empty'), '');
    expect(await runCli(['c.yaml', '--cache', '--cache-location', 'empty', '--quiet'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'empty'), 'utf8')).toMatch(/^\{"tool":"partner-check"/);
    for (let run = 0; run < 2; run += 1) expect((await runCli(['c.yaml', '--cache', '--quiet'], { cwd: dir })).code).toBe(0);
  });
});

describe('summary -o (item 2)', () => {
  it('never overwrites the config, a criteria file, a config named with -c, or another charter', async () => {
    const { dir, charter } = withStrongCharter();
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [local.yaml]\n');
    writeFileSync(join(dir, 'local.yaml'), readFileSync(join(ROOT, 'test/fixtures/repo/criteria/local.yaml')));
    writeFileSync(join(dir, 'x.yaml'), 'minScore: 70\n');
    writeFileSync(join(dir, 'other.yaml'), WEAK);
    const before = new Map(['partner-check.config.yaml', 'local.yaml', 'x.yaml', 'other.yaml', 'c.yaml'].map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    expectRefused(await runCli(['summary', 'c.yaml', '-o', 'partner-check.config.yaml'], { cwd: dir }), /-o partner-check\.config\.yaml would overwrite the config file /, 'config');
    expectRefused(await runCli(['summary', 'c.yaml', '-o', 'local.yaml'], { cwd: dir }), /-o local\.yaml would overwrite the criteria file /, 'criteria');
    expectRefused(await runCli(['summary', 'c.yaml', '-c', 'x.yaml', '-o', 'x.yaml'], { cwd: dir }), /-o x\.yaml would overwrite the config file /, '-c');
    expectRefused(await runCli(['summary', 'c.yaml', '--no-config', '-o', 'other.yaml'], { cwd: dir }), /-o other\.yaml holds a charter, and would be overwritten/, 'another charter');
    expectRefused(await runCli(['summary', charter, '--no-config', '-o', 'partner-check.config.yaml'], { cwd: dir }), /is a partner-check config, and would be overwritten/, 'a config not in use');
    for (const [name, text] of before) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
    expect((await runCli(['summary', 'c.yaml', '-o', 'summary.md'], { cwd: dir })).code).toBe(0);
  });
});

describe('-o never replaces a file partner-check did not write', () => {
  const REPORT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown', 'junit', 'html'];

  it('a user\'s file is refused in every report format, then replaced with --force; a report of any format, or an empty file, is replaced', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'weak.yaml'), WEAK);
    for (const format of REPORT_FORMATS) {
      writeFileSync(join(dir, 'notes.txt'), 'precious\nmy own notes\n');
      expectRefused(await runCli(['c.yaml', '-f', format, '-o', 'notes.txt'], { cwd: dir }), /^partner-check: -o notes\.txt is not a partner-check report, and would be overwritten; name another file, remove it, or pass --force to replace it\n$/, format);
      expect(readFileSync(join(dir, 'notes.txt'), 'utf8'), format).toBe('precious\nmy own notes\n');
      expect((await runCli(['c.yaml', '-f', format, '-o', 'notes.txt', '--force'], { cwd: dir })).code, format).toBe(0);
      expect(readFileSync(join(dir, 'notes.txt'), 'utf8'), format).not.toContain('precious');
    }
    // What it wrote before, in each format, of one charter or two, passing or failing, is its own to replace with any format.
    for (const [index, written] of REPORT_FORMATS.entries()) {
      for (const charters of [['c.yaml'], ['c.yaml', 'weak.yaml'], ['weak.yaml']]) {
        const replacing = REPORT_FORMATS[(index + 1) % REPORT_FORMATS.length]!;
        writeFileSync(join(dir, 'report.out'), '');
        await runCli([...charters, '-f', written, '-o', 'report.out'], { cwd: dir });
        const before = readFileSync(join(dir, 'report.out'), 'utf8');
        expect(before, `${written} of ${charters.join(' ')}`).not.toBe('');
        const { code, stderr } = await runCli(['c.yaml', '-f', replacing, '-o', 'report.out'], { cwd: dir });
        expect({ code, stderr }, `${replacing} over ${written} of ${charters.join(' ')}`).toEqual({ code: 0, stderr: `partner-check: wrote the ${replacing} report to report.out\n` });
      }
    }
    // A file that only begins like a report but is the user's (a hand-written markdown with the tool's heading) is its own risk; one that does not is safe.
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\n## partner-check readiness\n');
    expectRefused(await runCli(['c.yaml', '-f', 'markdown', '-o', 'notes.md'], { cwd: dir }), /-o notes\.md is not a partner-check report/, 'markdown notes');
  });

  it('summary -o refuses a user\'s file in markdown and html, and replaces its own summary or report', async () => {
    const { dir } = withStrongCharter();
    for (const name of ['summary.md', 'summary.html']) {
      writeFileSync(join(dir, name), '<p>precious</p>\n');
      expectRefused(await runCli(['summary', 'c.yaml', '-o', name], { cwd: dir }), new RegExp(`^partner-check: -o ${name.replace('.', '\\.')} is not a partner-check summary, and would be overwritten`), name);
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe('<p>precious</p>\n');
      expect((await runCli(['summary', 'c.yaml', '-o', name, '--force'], { cwd: dir })).code, name).toBe(0);
      expect((await runCli(['summary', 'c.yaml', '-o', name], { cwd: dir })).code, `${name} again`).toBe(0);
      expect((await runCli(['summary', 'c.yaml', '-o', name, '--draft'], { cwd: dir })).code, `${name} as a draft`).toBe(0);
      expect((await runCli(['summary', 'c.yaml', '-o', name], { cwd: dir })).code, `${name} over the draft`).toBe(0);
    }
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^<!-- partner-check summary: .* -->\n\n# Community Elderly Care Service\n/);
  });
});

describe('a charter read from stdin, and the step summary (item 3)', () => {
  it('-o onto the file --stdin-filepath names is refused', async () => {
    const { dir, charter } = withStrongCharter();
    const text = readFileSync(charter, 'utf8');
    expectRefused(await runCli(['-', '--stdin-filepath', 'c.yaml', '-f', 'json', '-o', 'c.yaml'], { cwd: dir, input: text }), /-o c\.yaml would overwrite the charter c\.yaml/, 'stdin');
    expect(readFileSync(charter, 'utf8')).toBe(text);
  });

  it('GITHUB_STEP_SUMMARY pointing at a charter, checked or not, is refused', async () => {
    const { dir, charter } = withStrongCharter();
    writeFileSync(join(dir, 'other.yaml'), WEAK);
    const text = readFileSync(charter, 'utf8');
    expectRefused(await runCli(['c.yaml', '-f', 'markdown'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'c.yaml') } }), /GITHUB_STEP_SUMMARY .*c\.yaml would overwrite the charter/, 'checked');
    expectRefused(await runCli(['c.yaml', '-f', 'markdown'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'other.yaml') } }), /GITHUB_STEP_SUMMARY .*other\.yaml holds a charter/, 'other');
    expect(readFileSync(charter, 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'other.yaml'), 'utf8')).toBe(WEAK);
    writeFileSync(join(dir, 'step.md'), '# Earlier step\n');
    // A relative path is taken from the run's folder, as the guard takes it.
    expect((await runCli(['c.yaml', '-f', 'markdown'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: 'step.md' } })).code).toBe(0);
    expect(readFileSync(join(dir, 'step.md'), 'utf8')).toMatch(/^# Earlier step\n[^]*c\.yaml/);
  });
});

describe('fix keeps what the user could not change (item 4)', () => {
  const answers = 'need:\n  evidence: Waiting times doubled in 2024.\n';

  it('a read-only charter is refused before any question, unchanged and still read-only', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'weak.yaml'), WEAK);
    writeFileSync(join(dir, 'answers.yaml'), answers);
    chmodSync(join(dir, 'weak.yaml'), 0o444);
    const result = await runCli(['fix', 'weak.yaml', '--answers', 'answers.yaml', '--no-config'], { cwd: dir });
    expectRefused(result, /^partner-check: weak\.yaml is read-only, and partner-check does not replace a file that may not be written; the file is unchanged\n$/, 'read-only');
    expect(result.stdout).toBe('');
    expect(readFileSync(join(dir, 'weak.yaml'), 'utf8')).toBe(WEAK);
    expect(statSync(join(dir, 'weak.yaml')).mode & 0o777).toBe(0o444);
  });

  it("another user's charter is refused (a replaced file would become the runner's), as are -o reports over it", async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'weak.yaml'), WEAK);
    writeFileSync(join(dir, 'answers.yaml'), answers);
    const theirs = '{\n  "reportVersion": 2,\n  "tool": {\n    "name": "partner-check"\n  }\n}\n';
    writeFileSync(join(dir, 'theirs.json'), theirs);
    // The run acts as user 1000; the files are root's (the tests run as root, who alone could give a file back).
    const asAnotherUser: FileSystem = { ...nodeFileSystem, userId: () => (statSync(dir).uid === 1000 ? 1001 : 1000) };
    expectRefused(await runCli(['fix', 'weak.yaml', '--answers', 'answers.yaml', '--no-config'], { cwd: dir, files: asAnotherUser }), /^partner-check: weak\.yaml belongs to another user, and replacing it would take it from them; the file is unchanged\n$/, 'fix');
    expectRefused(await runCli(['c.yaml', '-f', 'json', '-o', 'theirs.json'], { cwd: dir, files: asAnotherUser }), /^partner-check: -o theirs\.json belongs to another user/, '-o');
    expect(readFileSync(join(dir, 'weak.yaml'), 'utf8')).toBe(WEAK);
    expect(readFileSync(join(dir, 'theirs.json'), 'utf8')).toBe(theirs);
  });

  it('init --force will not write its charter over the answers file, the config or a file that is not a charter', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'answers.yaml'), answers);
    writeFileSync(join(dir, 'notes.txt'), 'precious\n');
    expectRefused(await runCli(['init', '--answers', 'answers.yaml', '-o', 'answers.yaml', '--force', '--no-config'], { cwd: dir }), /-?answers\.yaml would overwrite the answers file/, 'answers');
    expectRefused(await runCli(['init', '--answers', 'answers.yaml', '-o', 'notes.txt', '--force', '--no-config'], { cwd: dir }), /notes\.txt is not a charter \(it has no charter: 1 line\)/, 'notes');
    expect(readFileSync(join(dir, 'answers.yaml'), 'utf8')).toBe(answers);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('precious\n');
  });
});

describe('a stdout that cannot be written (item 16)', () => {
  it('is one line and exit 2 for every command, never a stack trace', async () => {
    const { dir } = withStrongCharter();
    writeFileSync(join(dir, 'weak.yaml'), WEAK);
    writeFileSync(join(dir, 'answers.yaml'), 'need:\n  evidence: Waiting times doubled in 2024.\n');
    const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const line = 'partner-check: cannot write to stdout: the disk is full\n';
    const commands = [['--help'], ['-v'], ['c.yaml'], ['weak.yaml'], ['c.yaml', '-f', 'json'], ['explain', 'PC-GOV-003'], ['criteria'], ['summary', 'c.yaml'], ['schema'], ['fix', 'weak.yaml', '--answers', 'answers.yaml'], ['init', '--answers', 'answers.yaml', '-o', 'new.yaml']];
    for (const args of commands) {
      const { code, stdout, stderr } = await runCli(args, { cwd: dir, stdoutFails: diskFull });
      expect({ code, stdout }, args.join(' ')).toEqual({ code: 2, stdout: '' });
      expect(stderr.endsWith(line), args.join(' ')).toBe(true);
      expect(stderr, args.join(' ')).not.toMatch(/internal error|\n\s+at /);
    }
    const full = await runCli(['c.yaml'], { cwd: dir, stdoutFails: Object.assign(new Error('EFBIG'), { code: 'EFBIG' }) });
    expect(full).toEqual({ code: 2, stdout: '', stderr: 'partner-check: cannot write to stdout: the file has reached the largest size allowed (ulimit -f)\n' });
  });
});

describe('a config someone else could have put there (item 7)', () => {
  /** A repository (its .git ends the search) holding the weak charter at charters/weak.yaml, and a config that would let it pass. */
  function repository(configIn: string): string {
    const { dir } = withStrongCharter();
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'shared/charters'), { recursive: true });
    writeFileSync(join(dir, 'shared/charters/weak.yaml'), WEAK);
    writeFileSync(join(dir, configIn, 'partner-check.config.yaml'), 'failOn: never\nminScore: 0\n');
    return dir;
  }

  it('in a folder anyone may write to is ignored with a warning, and the failing charter fails', async () => {
    const dir = repository('shared');
    const run = async () => runCli(['shared/charters/weak.yaml', '--quiet'], { cwd: dir });
    expect((await run()).code).toBe(0); // trusted, it lets the charter pass
    chmodSync(join(dir, 'shared'), 0o777);
    const ignored = await run();
    expect(ignored.code).toBe(1);
    expect(ignored.stderr).toBe(`partner-check: ignoring the config ${join(dir, 'shared/partner-check.config.yaml')}: its folder can be written by anyone; name it with -c to use it\n`);
    expect((await runCli(['shared/charters/weak.yaml', '--quiet', '-c', 'shared/partner-check.config.yaml'], { cwd: dir })).code).toBe(0);
  });

  it("owned by another user is ignored with a warning; one owned by the runner or root is used", async () => {
    const dir = repository('.');
    const config = join(dir, 'partner-check.config.yaml');
    const ownedBy = (uid: number): FileSystem => ({
      ...nodeFileSystem,
      stat: async (path) => {
        const info = await nodeFileSystem.stat(path);
        return info && path === config ? Object.assign(Object.create(Object.getPrototypeOf(info) as object) as Stats, info, { uid }) : info;
      },
      userId: () => 1000,
    });
    const theirs = await runCli(['shared/charters/weak.yaml', '--quiet'], { cwd: dir, files: ownedBy(4242) });
    expect(theirs.code).toBe(1);
    expect(theirs.stderr).toBe(`partner-check: ignoring the config ${config}: it belongs to another user; name it with -c to use it\n`);
    for (const uid of [1000, 0]) expect((await runCli(['shared/charters/weak.yaml', '--quiet'], { cwd: dir, files: ownedBy(uid) })).code, `uid ${uid}`).toBe(0);
  });
});

describe('an internal error mid-run (item 17)', () => {
  it('leaves no spool folder and no -o temporary file', async () => {
    const { dir, charter } = withStrongCharter();
    const text = readFileSync(charter, 'utf8');
    mkdirSync(join(dir, 'charters'));
    // More charters than the spool holds in memory, so that it has a folder on disk when the error comes.
    for (let index = 0; index < 100; index += 1) writeFileSync(join(dir, 'charters', `c${String(index).padStart(3, '0')}.yaml`), text);
    const temporary = mkdtempSync(join(tmpdir(), 'partner-check-guard-tmp-'));
    const failing: FileSystem = { ...nodeFileSystem, readText: (path, max) => (path.endsWith('c090.yaml') ? Promise.reject(new Error('a bug')) : nodeFileSystem.readText(path, max)) };
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = temporary;
    try {
      const run = await runCli(['charters', '-f', 'json', '-o', 'report.json'], { cwd: dir, files: failing });
      expect(run).toMatchObject({ code: 2, stderr: 'partner-check: internal error: a bug (set PARTNER_CHECK_DEBUG=1 for details)\n' });
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(readdirSync(temporary)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['c.yaml', 'charters']);
  });
});
