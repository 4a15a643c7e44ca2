// What needs the real thing: the GitHub Action's shell script running the binary, npm packing the
// package, and pre-commit installing the hook from it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, ROOT, runProcess as run, shellQuote } from '../helpers.js';

const REPO = join(ROOT, 'test/fixtures/repo');

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
    // A copy of the project, so the build npm runs does not rewrite dist/ under the other tests;
    // built, as a clone is once npm install has run (pre-commit packs after installing), so npm's
    // prepare step, still run in full, compiles only what tsc's record in dist/ says has changed.
    const copy = mkdtempSync(join(tmpdir(), 'partner-check-pack-'));
    for (const entry of ['package.json', '.npmrc', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'schemas', 'scripts', 'bin', 'examples', 'dist']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const pack = await run('npm', ['pack', '--dry-run'], { cwd: copy });
    expect(pack.status, pack.stderr).toBe(0);
    expect(pack.stdout).toBe(`partner-check-${version}.tgz\n`);
    // What is packed, from the listing npm prints on stderr ("npm notice 1.1kB LICENSE" under
    // "Tarball Contents"): the same run, where a second npm pack --json would be another process.
    const contents = pack.stderr.split('Tarball Contents')[1]?.split('Tarball Details')[0] ?? '';
    const files = [...contents.matchAll(/^npm notice [\d.]+k?M?B (.+)$/gm)].map((match) => match[1]!);
    expect(files.length, pack.stderr).toBeGreaterThan(20);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/partner-check.js', 'bin/package.json', 'dist/cli/main.js', 'dist/generated/validators.js', 'schemas/charter.schema.json']));
    expect(files.filter((file) => /^(src|test|scripts|bench|docs)\//.test(file))).toEqual([]);
    expect(files, 'tsc\'s record of the build').not.toContain('dist/.tsbuildinfo');
  }, 600_000);
});

describe('pre-commit', () => {
  // Debian's pre-commit comes from .ci/run; without it this test is skipped, saying why.
  const preCommit = onPath('pre-commit');
  if (!preCommit) console.log('skipping the pre-commit test: pre-commit is not installed (.ci/run installs it)');

  it.skipIf(!preCommit)('installs on stock pre-commit: a weak charter fails the hook, a strong one passes quietly', async () => {
    // The project as it stands (uncommitted changes too) committed in a repository of its own, as
    // try-repo makes one, at a fixed place and with a fixed author and date: the same files make the
    // same commit. pre-commit installs a hook once per repository and commit in PRE_COMMIT_HOME,
    // kept in the temporary folder for this checkout (a minute or more of npm on a loaded machine), so a run over the same files
    // reuses the install, and any change to them is a new commit that pre-commit installs afresh.
    // Outside the project: npm, run by pre-commit in a folder that has gone, would take the nearest
    // package.json above it for its project.
    const place = join(tmpdir(), `partner-check-pre-commit-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
    const hook = join(place, 'hook');
    rmSync(hook, { recursive: true, force: true });
    mkdirSync(hook, { recursive: true });
    for (const entry of ['package.json', 'package-lock.json', '.npmrc', '.pre-commit-hooks.yaml', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'schemas', 'scripts', 'bin', 'examples']) cpSync(join(ROOT, entry), join(hook, entry), { recursive: true });
    const fixed = { GIT_AUTHOR_NAME: 'CI', GIT_AUTHOR_EMAIL: 'ci@example.org', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.org', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };
    const repo = mkdtempSync(join(tmpdir(), 'partner-check-precommit-'));
    cpSync(join(ROOT, 'examples/community-elderly-care.yaml'), join(repo, 'strong.yaml'));
    cpSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), join(repo, 'weak.yaml'));
    // One shell commits the hook, then the charters with a config that names the hook's commit.
    const config = `repos:\n  - repo: ${hook}\n    rev: %s\n    hooks:\n      - id: partner-check\n`;
    const script = `set -e; git init -q; git add -A; git commit -qm "the hook as it stands"; rev=$(git rev-parse HEAD); cd ${shellQuote(repo)}; printf ${shellQuote(config)} "$rev" > .pre-commit-config.yaml; git init -q; git add -A; git commit -qm charters; echo "$rev"`;
    const committed = await run('sh', ['-c', script], { cwd: hook, env: { ...process.env, ...fixed } });
    expect(committed.status, committed.stderr).toBe(0);
    const rev = committed.stdout.trim();
    // The install kept is for one commit and one Node: another is installed into an empty home.
    const home = join(place, 'home');
    const key = `${rev} ${process.version}\n`;
    if (readFileSync(join(place, 'installed-for'), { encoding: 'utf8', flag: 'a+' }) !== key) rmSync(home, { recursive: true, force: true });

    const env = { ...process.env, PRE_COMMIT_HOME: home };
    const runHook = (file: string) => run('pre-commit', ['run', 'partner-check', '--files', file], { cwd: repo, env });
    const strong = await runHook('strong.yaml');
    expect(strong.status, strong.stdout + strong.stderr).toBe(0);
    writeFileSync(join(place, 'installed-for'), key);
    expect(strong.stdout).toMatch(/partner-check\.+Passed/);
    expect(strong.stdout).not.toContain('Readiness');
    const weak = await runHook('weak.yaml');
    expect(weak.status).toBe(1);
    expect(weak.stdout).toMatch(/partner-check\.+Failed/);
    expect(weak.stdout).toMatch(/weak\.yaml:\d+:\d+ +error +gate PC-NEED-001/);
    expect(weak.stdout).not.toMatch(/ warning /);
  }, 900_000);
});
