// Nothing checked is a failure: what a user sees when the files named, the folders searched or the
// globs given hold no charter, when a charter lacks its `charter: 1` line, when a folder cannot be
// read, when a charter is a symbolic link, and when the config ignores what was named.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { ROOT, runCli } from './helpers.js';

const STRONG = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
const WEAK = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
/** The weak example without its `charter: 1` line: still plainly a charter. */
const UNMARKED = WEAK.replace(/^charter: 1\n/m, '');
const WORKFLOW = 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n';

/** A fresh folder holding these files (paths below it, made as needed); it holds a .git, so no config above it is found. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-discovery-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs partner-check in-process in 'cwd' (files are read from it, the test's own folder is not changed) and returns what a user sees. */
const run = (args: string[], cwd: string, stdin?: string) => runCli(args, { cwd, ...(stdin === undefined ? {} : { input: stdin }) });

/** The line for a charter that lacks its `charter: 1` line (the weak example's first keys, unless others are given). */
const unmarked = (file: string, keys = 'title, summary, status...') => `partner-check: ${file}: looks like a charter (${keys}) but has no 'charter: 1' line; add it as the first line\n`;
const filesIn = (stdout: string) => (JSON.parse(stdout) as { charters: { file: string }[] }).charters.map((charter) => charter.file);

describe('a glob whose folder is not there', () => {
  it('matches nothing: an unmatched pattern (exit 2), allowed by --no-error-on-unmatched-pattern', async () => {
    const dir = folder({ 'charters/a.yaml': STRONG });
    expect(await run(['drafts/*.yaml'], dir)).toEqual({ code: 2, stdout: '', stderr: "partner-check: no charters match 'drafts/*.yaml' (use --no-error-on-unmatched-pattern to allow this)\n" });
    const allowed = await run(['charters/*.yaml', 'drafts/**/*.yaml', '--no-error-on-unmatched-pattern', '-f', 'json'], dir);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('');
    expect(filesIn(allowed.stdout)).toEqual(['charters/a.yaml']);
  });
});

describe('a charter that lacks its charter: 1 line', () => {
  it('a folder holding no charter exits 2, naming the charter that lacks its line and why nothing was checked', async () => {
    const dir = folder({ 'forgot/plan.yaml': UNMARKED, 'forgot/ci.yml': WORKFLOW, 'forgot/tool.yaml': 'minScore: 70\n' });
    const { code, stdout, stderr } = await run(['forgot/'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      unmarked('forgot/plan.yaml') +
        'partner-check: no charter found in forgot/ (3 YAML files, none a charter)\n',
    );
  });

  it('is a problem (exit 2) even when the charters beside it were checked and pass, and when named or piped', async () => {
    const dir = folder({ 'charters/good.yaml': STRONG, 'charters/plan.yaml': UNMARKED });
    const searched = await run(['charters'], dir);
    expect(searched.code).toBe(2);
    expect(searched.stderr).toBe(unmarked('charters/plan.yaml'));
    expect(searched.stdout).toContain('1 charter: 1 ready, 0 nearly ready, 0 not ready, 1 could not be read;');
    const named = await run(['charters/plan.yaml'], dir);
    expect(named).toEqual({ code: 2, stdout: '', stderr: unmarked('charters/plan.yaml') });
    const piped = await run(['-', '--stdin-filepath', 'new.yaml'], dir, '{ title: A flow-style charter, need: { statement: Too long a wait } }\n');
    expect(piped).toEqual({ code: 2, stdout: '', stderr: unmarked('new.yaml', 'title, need') });
  });

  it('other YAML beside charters (a workflow, a config, criteria, one charter-like key) is still passed over in silence', async () => {
    const dir = folder({
      'charters/good.yaml': STRONG,
      'charters/ci.yml': WORKFLOW,
      'charters/partner-check.config.yaml': 'minScore: 70\n',
      'charters/notes.yaml': 'title: Meeting notes\nattendees: [A, B]\n',
    });
    cpSync(join(ROOT, 'test/fixtures/repo/criteria/local.yaml'), join(dir, 'charters/local-criteria.yaml'));
    const { code, stdout, stderr } = await run(['charters', '-f', 'json'], dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(filesIn(stdout)).toEqual(['charters/good.yaml']);
    expect(JSON.parse(stdout).summary.skipped).toBe(4);
  });

  it('--no-error-on-unmatched-pattern allows a folder of other YAML, but not a charter that lacks its line', async () => {
    const dir = folder({ 'workflows/ci.yml': WORKFLOW, 'forgot/plan.yaml': UNMARKED });
    expect(await run(['workflows'], dir)).toMatchObject({ code: 2, stderr: 'partner-check: no charter found in workflows (1 YAML file, none a charter)\n' });
    expect(await run(['workflows', '--no-error-on-unmatched-pattern'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const forgot = await run(['forgot', '--no-error-on-unmatched-pattern'], dir);
    expect(forgot.code).toBe(2);
    expect(forgot.stderr).toBe(unmarked('forgot/plan.yaml'));
  });

  it('a glob that finds only other YAML is an error too', async () => {
    const dir = folder({ 'ci.yml': WORKFLOW, 'deploy.yml': WORKFLOW });
    const { code, stdout, stderr } = await run(['*.yml'], dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('partner-check: no charter found in *.yml (2 YAML files, none a charter)\n');
  });
});

describe('nothing in a searched folder is passed over in silence', () => {
  it('a subfolder that cannot be read is named, and the run exits 2', async () => {
    const dir = folder({ 'charters/good.yaml': STRONG, 'charters/locked/hidden.yaml': WEAK });
    const locked = join(dir, 'charters/locked');
    // The folder refused as the file system refuses a reader without permission (root reads any folder, so chmod cannot show it).
    const files: FileSystem = {
      ...nodeFileSystem,
      readdir: (path) => (path.replace(/\/+$/, '') === locked ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' })) : nodeFileSystem.readdir(path)),
    };
    const { code, stdout, stderr } = await runCli(['charters', '-f', 'json'], { cwd: dir, files });
    expect(code).toBe(2);
    expect(stderr).toBe('partner-check: charters/locked: cannot search this folder (permission denied), so the charters in it were not checked\n');
    expect(filesIn(stdout)).toEqual(['charters/good.yaml']);
    expect(JSON.parse(stdout).failures).toEqual([{ code: 'read', file: 'charters/locked', message: 'cannot search this folder (permission denied), so the charters in it were not checked' }]);
  });

  it('a symbolic link to a charter is checked as a charter named through it is; a link to a folder is not followed', async () => {
    const dir = folder({ 'charters/good.yaml': STRONG, 'shared/weak.yaml': WEAK, 'shared/more/other.yaml': STRONG });
    symlinkSync('../shared/weak.yaml', join(dir, 'charters/linked.yaml'));
    symlinkSync('../shared/more', join(dir, 'charters/more'));
    const searched = await run(['charters', '-f', 'json'], dir);
    expect(searched.code).toBe(1);
    expect(filesIn(searched.stdout)).toEqual(['charters/good.yaml', 'charters/linked.yaml']);
    const globbed = await run(['charters/*.yaml', '-f', 'json'], dir);
    expect(filesIn(globbed.stdout)).toEqual(['charters/good.yaml', 'charters/linked.yaml']);
    expect(filesIn((await run(['charters/linked.yaml', '-f', 'json'], dir)).stdout)).toEqual(['charters/linked.yaml']);
    // A link to nothing is reported, as the file it names would be.
    symlinkSync('moved-away.yaml', join(dir, 'charters/gone.yaml'));
    const dangling = await run(['charters'], dir);
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toBe('partner-check: charters/gone.yaml: no such file\n');
  });
});

describe('files the config ignores', () => {
  it('a named charter the config ignores is not checked, says so, and a run left with nothing exits 2', async () => {
    const dir = folder({ 'partner-check.config.yaml': 'ignore: ["**"]\n', 'weak.yaml': WEAK });
    const { code, stdout, stderr } = await run(['weak.yaml'], dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('partner-check: weak.yaml: not checked: partner-check.config.yaml ignores it (ignore: "**")\npartner-check: no charter checked: partner-check.config.yaml ignores the file named\n');
    const searched = await run(['.'], dir);
    expect(searched).toEqual({ code: 2, stdout: '', stderr: 'partner-check: no charter found in . (2 YAML files, all ignored by partner-check.config.yaml)\n' });
  });

  it('beside a charter that is checked, an ignored one named is a note, not a failure (a pre-commit hook names both)', async () => {
    const dir = folder({ 'partner-check.config.yaml': 'ignore: ["archive/**"]\n', 'archive/old.yaml': WEAK, 'live.yaml': STRONG });
    const both = await run(['archive/old.yaml', 'live.yaml'], dir);
    expect(both.code).toBe(0);
    expect(both.stderr).toBe('partner-check: archive/old.yaml: not checked: partner-check.config.yaml ignores it (ignore: "archive/**")\n');
    expect(both.stdout).toContain('Ready');
    const alone = await run(['archive/old.yaml', '--no-error-on-unmatched-pattern'], dir);
    expect(alone).toEqual({ code: 0, stdout: '', stderr: 'partner-check: archive/old.yaml: not checked: partner-check.config.yaml ignores it (ignore: "archive/**")\n' });
  });
});
