// Issue 23 item 20: file names a URI must escape, a baseline of one charter in a run of several,
// and a file in UTF-32. (A stdin that is a directory, /dev/null or closed needs a real process:
// test/system/safety.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, safetyFolder } from './helpers.js';

const WEAK = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');

describe('SARIF locations', () => {
  it('percent-encode #, ?, % and spaces in a file name (RFC 3986), so the URI names the file', async () => {
    const dir = safetyFolder();
    const names = ['a#b?.yaml', 'a b%.yaml', 'plain,@x:y.yaml'];
    for (const name of names) writeFileSync(join(dir, name), WEAK);
    const { stdout } = await runCli([...names, '-f', 'sarif'], { cwd: dir });
    const uris = new Set((JSON.parse(stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['a%20b%25.yaml', 'a%23b%3F.yaml', 'plain,@x:y.yaml']);
    for (const uri of uris) expect(names).toContain(decodeURIComponent(uri));
  });
});

describe('a baseline of one charter', () => {
  it('is compared with that charter only in a run of several, and with the one charter of a one-charter run whatever its name', async () => {
    const dir = safetyFolder();
    writeFileSync(join(dir, 'weak.yaml'), WEAK);
    writeFileSync(join(dir, 'renamed.yaml'), WEAK);
    writeFileSync(join(dir, 'other.yaml'), readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8'));
    await runCli(['weak.yaml', '-f', 'json', '-o', 'b.json'], { cwd: dir });
    const baselineOf = async (args: string[]) => {
      const report = JSON.parse((await runCli([...args, '--baseline', 'b.json', '-f', 'json'], { cwd: dir })).stdout) as { charters: { file: string; baseline?: { delta: number } }[] };
      return Object.fromEntries(report.charters.map((charter) => [charter.file, charter.baseline?.delta ?? null]));
    };
    expect(await baselineOf(['weak.yaml', 'other.yaml'])).toEqual({ 'weak.yaml': 0, 'other.yaml': null });
    expect(await baselineOf(['renamed.yaml', 'other.yaml'])).toEqual({ 'renamed.yaml': null, 'other.yaml': null });
    expect(await baselineOf(['renamed.yaml'])).toEqual({ 'renamed.yaml': 0 });
    const stylish = (await runCli(['weak.yaml', 'other.yaml', '--baseline', 'b.json'], { cwd: dir })).stdout;
    expect(stylish.match(/Since the baseline/g)).toHaveLength(1);
  });
});

describe('a charter in UTF-32', () => {
  it('with its byte-order mark, little- or big-endian, is one line saying so, exit 2', async () => {
    const dir = safetyFolder();
    const text = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
    const utf32 = (bigEndian: boolean) => {
      const units = [0xfeff, ...[...text].map((char) => char.codePointAt(0)!)];
      const bytes = Buffer.alloc(units.length * 4);
      units.forEach((unit, index) => (bigEndian ? bytes.writeUInt32BE(unit, index * 4) : bytes.writeUInt32LE(unit, index * 4)));
      return bytes;
    };
    writeFileSync(join(dir, 'le.yaml'), utf32(false));
    writeFileSync(join(dir, 'be.yaml'), utf32(true));
    for (const name of ['le.yaml', 'be.yaml']) {
      expect(await runCli([name], { cwd: dir }), name).toMatchObject({ code: 2, stdout: expect.not.stringContaining('Ready'), stderr: `partner-check: ${name}: is UTF-32 text, which partner-check does not read; save it as UTF-8\n` });
    }
  });
});
