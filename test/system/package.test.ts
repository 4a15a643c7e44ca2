// What needs the real thing: the GitHub Action's shell script running the binary, and npm packing
// the package (pre-commit installing the hook from it is in pre-commit.test.ts, to run beside this).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runProcess as run } from '../helpers.js';

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
    // built, as a clone is once npm install has run (pre-commit packs after installing), its times
    // kept, so npm's prepare step, still run, finds dist/ newer than its inputs.
    const copy = mkdtempSync(join(tmpdir(), 'partner-check-pack-'));
    for (const entry of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'schemas', 'scripts', 'bin', 'examples', 'dist']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true, preserveTimestamps: true });
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
