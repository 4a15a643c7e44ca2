// Issue 23, item 18: no character that can drive a terminal or a log viewer, or make text read
// other than it is, reaches one raw, whatever prints it: a report, an annotation, an error line, a
// criteria pack's text. Each is shown the one way visible.ts writes it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, safetyFolder } from './helpers.js';

const DIABETES = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');

// An OSC 8 hyperlink (ESC ] 8 ;; URL BEL), a bell, a right-to-left override, a line separator and a
// noncharacter, as YAML escapes them, and as the tool must show them.
const HOSTILE_YAML = '\\e]8;;http://x\\a bell \\a rlo \\u202E ls \\u2028 nc \\uFFFE';
const HOSTILE_SHOWN = '\\x1B]8;;http://x\\x07 bell \\x07 rlo \\u202E ls \\u2028 nc \\uFFFE';
// A file name cannot hold a slash: the same without the URL's.
const HOSTILE_NAME = 'c \u001b]8;;x\u0007 \u202E \u2028 \uFFFE.yaml';
const HOSTILE_NAME_SHOWN = 'c \\x1B]8;;x\\x07 \\u202E \\u2028 \\uFFFE.yaml';
// eslint-disable-next-line no-control-regex -- what must never be printed raw (a line break may)
const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uFFFE\uFFFF]/;

/** A failing charter with the hostile text in its title (a value) and in a key of its own (an x- key is kept in the report's data). */
function hostileCharter(dir: string, name = 'c.yaml'): string {
  const text = DIABETES.replace(/^title: .*$/m, `title: "Title ${HOSTILE_YAML}"\n"x-key ${HOSTILE_YAML}": 1`);
  expect(text).not.toBe(DIABETES);
  writeFileSync(join(dir, name), text);
  return name;
}

function expectSafe(text: string, label: string): void {
  expect(text, label).not.toMatch(RAW);
}

describe('reports print every unsafe character visibly (issue 23, item 18)', () => {
  it.each(['stylish', 'markdown', 'html'])('-f %s shows a value and a file name escaped', async (format) => {
    const dir = safetyFolder();
    hostileCharter(dir, HOSTILE_NAME);
    const { code, stdout, stderr } = await runCli([HOSTILE_NAME, '-f', format], { cwd: dir });
    expect(code).toBe(1);
    expectSafe(stdout, `${format} stdout`);
    expectSafe(stderr, `${format} stderr`);
    // The same escapes in each; markdown also keeps the address from linking itself (http\://).
    expect(stdout).toContain(`Title ${HOSTILE_SHOWN}`.replace('http://', format === 'markdown' ? 'http\\://' : 'http://'));
    expect(stdout).toContain(HOSTILE_NAME_SHOWN);
  });

  it('-f github annotations and log lines carry no raw control, and keep their own %0A escaping', async () => {
    const dir = safetyFolder();
    hostileCharter(dir, HOSTILE_NAME);
    const { code, stdout } = await runCli([HOSTILE_NAME, '-f', 'github'], { cwd: dir });
    expect(code).toBe(1);
    expectSafe(stdout, 'github');
    const annotations = stdout.split('\n').filter((line) => line.startsWith('::error '));
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations[0]).toContain(`file=${HOSTILE_NAME_SHOWN}`);
    expect(stdout).toContain(`partner-check: ${HOSTILE_NAME_SHOWN}: fail: `);
    // Every line is either a workflow command of the tool's or its log line.
    for (const line of stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^(::(error|warning|notice) |partner-check: )/);
  });

  it('a value with a line break stays one annotation: %0A, never a line of its own', async () => {
    const dir = safetyFolder();
    writeFileSync(join(dir, 'c.yaml'), DIABETES.replace(/^title: .*$/m, 'title: "a\\n::set-env name=PATH::evil\\u2028b"'));
    const { stdout } = await runCli(['c.yaml', '-f', 'github'], { cwd: dir });
    expect(stdout).not.toMatch(/^::set-env/m);
    expectSafe(stdout, 'github');
  });
});

describe('error lines on stderr show unsafe characters (issue 23, item 18)', () => {
  it('a file that does not exist', async () => {
    const dir = safetyFolder();
    const { code, stderr } = await runCli([HOSTILE_NAME], { cwd: dir });
    expect(code).toBe(2);
    expectSafe(stderr, 'stderr');
    expect(stderr).toContain(HOSTILE_NAME_SHOWN);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a duplicate key names the key escaped, on one line', async () => {
    const dir = safetyFolder();
    writeFileSync(join(dir, 'd.yaml'), `charter: 1\ntitle: x\n"k ${HOSTILE_YAML}\\n": 1\n"k ${HOSTILE_YAML}\\n": 2\n`);
    const { code, stderr } = await runCli(['d.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expectSafe(stderr, 'stderr');
    expect(stderr).toContain(`k ${HOSTILE_SHOWN}\\x0A`);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('the line that says where a report was written', async () => {
    const dir = safetyFolder();
    hostileCharter(dir);
    const { stderr } = await runCli(['c.yaml', '-f', 'json', '-o', `out ${HOSTILE_NAME}`], { cwd: dir });
    expectSafe(stderr, 'stderr');
    expect(stderr).toContain(`wrote the json report to out ${HOSTILE_NAME_SHOWN}`);
  });

  it('summary names what holds a charter back by its file name, escaped', async () => {
    const dir = safetyFolder();
    hostileCharter(dir, HOSTILE_NAME);
    const { code, stderr } = await runCli(['summary', HOSTILE_NAME], { cwd: dir });
    expect(code).toBe(1);
    expectSafe(stderr, 'stderr');
    expect(stderr).toContain(`  ${HOSTILE_NAME_SHOWN}:`);
  });
});

describe("a criteria pack's text is shown, never run (issue 23, item 18)", () => {
  const pack = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [mine.yaml]\n');
    writeFileSync(
      join(dir, 'mine.yaml'),
      ['criteria:', '  - id: MINE-001', '    area: need', `    title: "Mine ${HOSTILE_YAML}"`, '    weight: low', `    advice: "Do ${HOSTILE_YAML}"`, `    source: "Src ${HOSTILE_YAML}"`, '    checks: [{ require: /need, message: m }]', ''].join('\n'),
    );
  };

  it('explain', async () => {
    const dir = safetyFolder();
    pack(dir);
    const { code, stdout, stderr } = await runCli(['explain', 'MINE-001'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectSafe(stdout, 'explain');
    expect(stdout).toContain(`MINE-001  Mine ${HOSTILE_SHOWN}`);
    expect(stdout).toContain(`  advice: Do ${HOSTILE_SHOWN}`);
  });

  it('criteria, as a list and as markdown', async () => {
    const dir = safetyFolder();
    pack(dir);
    const list = await runCli(['criteria'], { cwd: dir });
    expect(list.code).toBe(0);
    expectSafe(list.stdout, 'criteria');
    expect(list.stdout).toContain(`Mine ${HOSTILE_SHOWN}`);
    const markdown = await runCli(['criteria', '--markdown'], { cwd: dir });
    expect(markdown.code).toBe(0);
    expectSafe(markdown.stdout, 'criteria --markdown');
  });
});
