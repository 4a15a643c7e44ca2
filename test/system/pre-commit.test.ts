// What needs the real thing: pre-commit, as a user's repository gets it, installing the hook from
// the package and running it on a commit's charters. Its own file: its minute of npm waits beside
// the other system files instead of after the pack test.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, ROOT, runProcess as run, shellQuote } from '../helpers.js';

describe('pre-commit', () => {
  // Debian's pre-commit comes from .ci/run; without it this test is skipped, saying why.
  const preCommit = onPath('pre-commit');
  if (!preCommit) console.log('skipping the pre-commit test: pre-commit is not installed (.ci/run installs it)');

  it.skipIf(!preCommit)('installs on stock pre-commit: a weak charter fails the hook, a strong one passes quietly', async () => {
    // The project as it stands (uncommitted changes too) committed in a repository of its own, as
    // try-repo makes one, at a fixed place and with a fixed author and date: the same files make the
    // same commit. pre-commit installs a hook once per repository and commit in PRE_COMMIT_HOME,
    // kept in the system's temporary folder (not the test file's own, see setup.ts) for this checkout (a minute or more of npm on a loaded machine), so a run over the same files
    // reuses the install, and any change to them is a new commit that pre-commit installs afresh.
    // Outside the project: npm, run by pre-commit in a folder that has gone, would take the nearest
    // package.json above it for its project.
    const place = join(process.env['PARTNER_CHECK_SYSTEM_TMPDIR'] ?? tmpdir(), `partner-check-pre-commit-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
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

    // npm takes the packages `npm ci` has just put in its cache without asking the registry whether
    // each is still current (a dozen seconds of round trips); what is not there it still fetches.
    const env = { ...process.env, PRE_COMMIT_HOME: home, npm_config_prefer_offline: 'true' };
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
