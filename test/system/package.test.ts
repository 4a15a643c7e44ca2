// What needs the real thing: the GitHub Action's shell script running the binary, npm packing the
// package, and pre-commit installing the hook from it.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const REPO = join(ROOT, 'test/fixtures/repo');

/**
 * Runs a command without blocking: npm and pre-commit take a minute or more on a loaded machine,
 * and a test that holds its worker that long makes vitest's own calls to it time out.
 */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => done({ status: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('the GitHub Action', () => {
  it('takes patterns one per line, so a folder whose name holds a space works', async () => {
    const { parse } = await import('yaml');
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    const script: string = action.runs.steps.find((step: { id?: string }) => step.id === 'check').run;
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-action-'));
    cpSync(join(REPO, 'charters/elderly'), join(dir, 'my charters'), { recursive: true });
    cpSync(join(REPO, 'charters/imaging/msk-north.yaml'), join(dir, 'one more.yaml'));
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATTERNS: '  my charters\n\none more.yaml  \n', FORMAT: 'json', MIN_SCORE: '70', FAIL_ON: '', SARIF: 'false', STEP_SUMMARY: 'false', GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, RUNNER_TEMP: dir },
    });
    const report = JSON.parse(result.stdout);
    expect(report.charters.map((charter: { file: string }) => charter.file)).toEqual(expect.arrayContaining(['my charters/north.yaml', 'one more.yaml']));
    expect(report.summary.charters).toBe(7);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
  });
});

describe('the npm package', () => {
  it('npm pack prints only the tarball name on stdout (pre-commit reads it), and packs what a user needs and nothing else', async () => {
    // A copy of the project, so the build npm runs does not rewrite dist/ under the other tests.
    const copy = mkdtempSync(join(tmpdir(), 'partner-check-pack-'));
    for (const entry of ['package.json', '.npmrc', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'schemas', 'scripts', 'bin', 'examples']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const pack = await run('npm', ['pack', '--dry-run'], { cwd: copy });
    expect(pack.status, pack.stderr).toBe(0);
    expect(pack.stdout).toBe(`partner-check-${version}.tgz\n`);
    const listing = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: copy });
    const files = (JSON.parse(listing.stdout)[0].files as { path: string }[]).map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/partner-check.js', 'bin/package.json', 'dist/cli/main.js', 'dist/generated/validators.js', 'schemas/charter.schema.json']));
    expect(files.filter((file) => /^(src|test|scripts|bench|docs)\//.test(file))).toEqual([]);
  }, 180_000);
});

describe('pre-commit', () => {
  // Debian's pre-commit comes from .ci/run; without it this test is skipped, saying why.
  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!preCommit) console.log('skipping the pre-commit test: pre-commit is not installed (.ci/run installs it)');

  it.skipIf(!preCommit)('installs on stock pre-commit: a weak charter fails the hook, a strong one passes quietly', async () => {
    // The project as it stands (uncommitted changes too) committed in a repository of its own, as
    // try-repo makes one; but installed once and run twice from one PRE_COMMIT_HOME, where two
    // try-repo runs would each install it afresh (a minute or more apiece on a loaded machine).
    const hook = mkdtempSync(join(tmpdir(), 'partner-check-hook-'));
    for (const entry of ['package.json', 'package-lock.json', '.npmrc', '.pre-commit-hooks.yaml', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'schemas', 'scripts', 'bin', 'examples']) cpSync(join(ROOT, entry), join(hook, entry), { recursive: true });
    const gitIn = (cwd: string) => (...args: string[]) => spawnSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd, encoding: 'utf8' });
    gitIn(hook)('init', '-q');
    gitIn(hook)('add', '-A');
    gitIn(hook)('commit', '-qm', 'the hook as it stands');
    const rev = gitIn(hook)('rev-parse', 'HEAD').stdout.trim();

    const repo = mkdtempSync(join(tmpdir(), 'partner-check-precommit-'));
    const git = gitIn(repo);
    git('init', '-q');
    cpSync(join(ROOT, 'examples/community-elderly-care.yaml'), join(repo, 'strong.yaml'));
    cpSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), join(repo, 'weak.yaml'));
    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hook}\n    rev: ${rev}\n    hooks:\n      - id: partner-check\n`);
    git('add', '-A');
    git('commit', '-qm', 'charters');
    const env = { ...process.env, PRE_COMMIT_HOME: join(repo, '.pre-commit-home') };
    const runHook = (file: string) => run('pre-commit', ['run', 'partner-check', '--files', file], { cwd: repo, env });
    const strong = await runHook('strong.yaml');
    expect(strong.status, strong.stdout + strong.stderr).toBe(0);
    expect(strong.stdout).toMatch(/partner-check\.+Passed/);
    expect(strong.stdout).not.toContain('Readiness');
    const weak = await runHook('weak.yaml');
    expect(weak.status).toBe(1);
    expect(weak.stdout).toMatch(/partner-check\.+Failed/);
    expect(weak.stdout).toMatch(/weak\.yaml:\d+:\d+ +error +gate PC-NEED-001/);
    expect(weak.stdout).not.toMatch(/ warning /);
  }, 900_000);
});
