// `partner-check schema`: the charter schema printed or written into a repository, never over a
// file it did not write there; and `init` pointing a new charter's $schema at the repository's copy.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const SCHEMA = readFileSync(join(ROOT, 'schemas/charter.schema.json'), 'utf8');
const freshDir = () => mkdtempSync(join(tmpdir(), 'partner-check-schema-'));

describe('partner-check schema', () => {
  it('prints the charter schema on stdout, nothing on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['schema']);
    expect(code).toBe(0);
    expect(stdout).toBe(SCHEMA);
    expect(stderr).toBe('');
  });

  it('--write DIR writes charter.schema.json there, making the folder, and says so on stderr', async () => {
    const dir = freshDir();
    const { code, stdout, stderr } = await runCli(['schema', '--write', 'schemas/'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('partner-check: wrote schemas/charter.schema.json\n');
    expect(readFileSync(join(dir, 'schemas/charter.schema.json'), 'utf8')).toBe(SCHEMA);
    // Its own copy (an older version too) is replaced without asking.
    writeFileSync(join(dir, 'schemas/charter.schema.json'), SCHEMA.replace(/"title": "[^"]*"/, '"title": "older"'));
    expect((await runCli(['schema', '--write', 'schemas'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'schemas/charter.schema.json'), 'utf8')).toBe(SCHEMA);
  });

  it('refuses, in one line with exit 2, to overwrite a file it did not write; --force replaces it', async () => {
    const dir = freshDir();
    const theirs = '{ "$id": "https://example.org/their.schema.json" }\n';
    writeFileSync(join(dir, 'charter.schema.json'), theirs);
    const refused = await runCli(['schema', '--write', '.'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("partner-check: charter.schema.json is not partner-check's charter schema, and would be overwritten; write to another folder, or add --force to replace it\n");
    expect(readFileSync(join(dir, 'charter.schema.json'), 'utf8')).toBe(theirs);
    const forced = await runCli(['schema', '--write', '.', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'charter.schema.json'), 'utf8')).toBe(SCHEMA);
  });

  it('--write naming a file, not a folder, is one line, exit 2', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const { code, stderr } = await runCli(['schema', '--write', 'notes.txt'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe('partner-check: --write notes.txt is not a folder; name the folder to write charter.schema.json into\n');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('init points $schema at the repository\'s copy', () => {
  const answers = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
  const schemaOf = (file: string) => /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(file, 'utf8'))![1]!;

  it('a relative path from the charter\'s folder to the nearest copy above it', async () => {
    const repo = freshDir();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'charters/respiratory'), { recursive: true });
    writeFileSync(join(repo, 'answers.yaml'), answers);
    expect((await runCli(['schema', '--write', 'schemas'], { cwd: repo })).code).toBe(0);
    expect((await runCli(['init', '--answers', 'answers.yaml', '-o', 'charters/respiratory/copd.yaml'], { cwd: repo })).code).toBe(0);
    expect(schemaOf(join(repo, 'charters/respiratory/copd.yaml'))).toBe('../../schemas/charter.schema.json');
  });

  it('not a copy beyond the repository\'s root, nor a file of that name that is not the schema: then the tool\'s own', async () => {
    const outside = freshDir();
    expect((await runCli(['schema', '--write', 'schemas'], { cwd: outside })).code).toBe(0);
    const repo = join(outside, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'schemas'));
    writeFileSync(join(repo, 'schemas/charter.schema.json'), '{ "$id": "https://example.org/their.schema.json" }\n');
    writeFileSync(join(repo, 'answers.yaml'), answers);
    expect((await runCli(['init', '--answers', 'answers.yaml', '-o', 'charter.yaml'], { cwd: repo })).code).toBe(0);
    expect(resolve(repo, schemaOf(join(repo, 'charter.yaml')))).toBe(join(ROOT, 'schemas/charter.schema.json'));
  });
});
