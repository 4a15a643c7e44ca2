// A repository of charters checked in one run, and each format read the way its consumer reads it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv4Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { FORMAT_NAMES, formatReport } from '../src/formatters/index.js';
import { nodeFileSystem, type FileSystem } from '../src/io/file-system.js';
import { ROOT, runCli, tempFile } from './helpers.js';

// ajv-draft-04 is CommonJS: under NodeNext its class is the module's `default`.
const Ajv4 = Ajv4Module.default;

const REPO = join(ROOT, 'test/fixtures/repo');
const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: REPO, env });

describe('a repository of charters', () => {
  it('checks every charter under a directory, skipping ignored files, and sums up', async () => {
    const { code, stdout, stderr } = await run(['charters']);
    expect(code).toBe(2); // one charter does not parse
    expect(stderr).toMatch(/^partner-check: charters\/imaging\/broken\.yaml:5:1: YAML syntax error: /m);
    expect(stdout).toContain('11 charters: 6 ready, 0 nearly ready, 5 not ready, 1 could not be read;');
    expect(stdout).not.toContain('archive'); // ignored by the config
    expect(stdout).toContain('charters/elderly/central.yml'); // .yml too
  });

  it('a glob checks what it matches; node_modules is never searched', async () => {
    const { code, stdout } = await run(['**/*.yaml', '-f', 'json']);
    const report = JSON.parse(stdout);
    const files: string[] = report.charters.map((charter: { file: string }) => charter.file);
    expect(files.some((file) => file.includes('node_modules'))).toBe(false);
    expect(files).toContain('charters/elderly/north.yaml');
    expect(code).toBe(2);
  });

  it('passes when every matched charter passes', async () => {
    const { code, stdout } = await run(['charters/elderly/*.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain('5 charters: 5 ready, 0 nearly ready, 0 not ready; 0 errors, 2 warnings.');
  });

  it('a pattern that matches nothing is an error unless allowed', async () => {
    expect((await run(['charters/**/*.json'])).code).toBe(2);
    expect((await run(['charters/**/*.json'])).stderr).toContain("no charters match 'charters/**/*.json'");
    expect((await run(['charters/**/*.json', '--no-error-on-unmatched-pattern'])).code).toBe(0);
  });

  it('reads a charter from stdin with --stdin-filepath', async () => {
    const text = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
    const { code, stdout } = await runCli(['-', '--stdin-filepath', 'charters/from-stdin.yaml'], { input: text });
    expect(code).toBe(1);
    expect(stdout).toContain('charters/from-stdin.yaml:70:1  error    PC-GOV-006');
  });
});

const ABPI_IDS = [...Array.from({ length: 10 }, (_, index) => `PC-ABPI-R${index + 1}`), 'PC-INDUCE-001', ...[11, 12, 13, 14, 15].map((number) => `PC-ABPI-A${number}`), 'PC-ABPI-CERT', 'PC-ABPI-CERT-PLAN'];

describe('config file', () => {
  it('is found in a parent directory and applied: extra criteria, rules off, severity overrides', async () => {
    const { stdout } = await runCli(['elderly/north.yaml', '-f', 'json'], { cwd: join(REPO, 'charters') });
    const report = JSON.parse(stdout).charters[0];
    const ids = report.criteria.map((criterion: { id: string }) => criterion.id);
    expect(ids).toContain('LOCAL-INEQ-001');
    expect(ids).not.toContain('PC-STAKE-007');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'LOCAL-INEQ-001', severity: 'info', line: 5, column: 1 })]);
    const approvals = JSON.parse((await run(['charters/elderly/rural.yaml', '-f', 'json'])).stdout).charters[0].findings.find(
      (finding: { ruleId: string }) => finding.ruleId === 'PC-GOV-010',
    );
    expect(approvals.severity).toBe('info');
  });

  it('--print-config shows the configuration in effect', async () => {
    const { code, stdout } = await run(['--print-config']);
    expect(code).toBe(0);
    const config = JSON.parse(stdout);
    expect(config).toMatchObject({ configFile: join(REPO, 'partner-check.config.yaml'), minScore: 70, rules: { 'PC-STAKE-007': 'off' }, ignore: ['charters/archive/**'] });
    expect(config.criteriaFiles).toEqual(['built-in', join(REPO, 'criteria/local.yaml')]);
  });

  it('an unknown or misplaced key is an error at its line and column', async () => {
    const config = tempFile('partner-check.config.yaml', 'minScore: 80\nrules:\n  PC-GOV-003:\n    wieght: high\n');
    const { code, stderr } = await runCli(['examples/community-elderly-care.yaml', '-c', config]);
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: ${config}:4:5: not a valid config file: Unknown key 'wieght' in rules.PC-GOV-003; did you mean 'weight'?\n`);
    const misplaced = tempFile('partner-check.config.yaml', 'minScore: 80\nignore:\n  - "*.bak"\nfailOn: sometimes\n');
    expect((await runCli(['examples/community-elderly-care.yaml', '-c', misplaced])).stderr).toBe(
      `partner-check: ${misplaced}:4:9: not a valid config file: failOn should be one of: error, warning, info, never.\n`,
    );
    const unknownRule = tempFile('partner-check.config.yaml', 'rules:\n  PC-NOPE-001: off\n');
    expect((await runCli(['examples/community-elderly-care.yaml', '-c', unknownRule])).stderr).toBe(
      `partner-check: ${unknownRule}:2:3: rules: PC-NOPE-001 is not a criterion (see partner-check criteria)\n`,
    );
  });

  it('a faulty criteria file named by the config is an error at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-config-'));
    writeFileSync(join(dir, 'partner-check.config.yaml'), 'criteria: [mine.yaml]\n');
    writeFileSync(join(dir, 'mine.yaml'), 'criteria:\n  - id: MINE-001\n    area: need\n    title: t\n    weight: enormous\n    advice: a\n    source: s\n    checks: [{ require: /need, message: m }]\n');
    copyFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), join(dir, 'charter.yaml'));
    const { code, stderr } = await runCli(['charter.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(`partner-check: ${join(dir, 'mine.yaml')}:5:13: not a valid criteria file: criteria[0].weight should be one of: critical, high, medium, low.\n`);
  });
});

describe('formats', () => {
  it('sarif is valid SARIF 2.1.0 with a rule per criterion and located, fingerprinted results', async () => {
    const { stdout } = await run(['charters', '-f', 'sarif']);
    const log = JSON.parse(stdout);
    const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The SARIF schema's patterns predate JavaScript's unicode regular expressions.
    const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
    (addFormats as unknown as (ajv: InstanceType<typeof Ajv4>) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    const [sarifRun] = log.runs;
    const ruleIds = sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ruleIds).toContain('PC-GOV-003');
    expect(ruleIds).toContain('LOCAL-INEQ-001');
    const rule = sarifRun.tool.driver.rules.find((entry: { id: string }) => entry.id === 'PC-GOV-006');
    expect(rule.help.text).toContain('Write the steps for a disagreement');
    expect(rule.helpUri).toMatch(/criteria\.md#pc-gov-006$/);
    for (const result of sarifRun.results) {
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^charters\//);
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
    const disputes = sarifRun.results.find((result: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.ruleId === 'PC-GOV-006' && result.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('boston.yaml'));
    expect(disputes.partialFingerprints['partnerCheck/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(sarifRun.invocations[0].executionSuccessful).toBe(false);
  });

  it('sarif fingerprints stay the same when lines move', async () => {
    const text = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
    const fingerprints = async (input: string) =>
      JSON.parse((await runCli(['-', '--stdin-filepath', 'c.yaml', '-f', 'sarif'], { input })).stdout).runs[0].results.map(
        (result: { partialFingerprints: Record<string, string> }) => result.partialFingerprints['partnerCheck/v1'],
      ).sort();
    expect(await fingerprints(`# a new comment line\n\n${text}`)).toEqual(await fingerprints(text));
  });

  it('sarif gives every distinct gap its own fingerprint, so code scanning keeps them apart', async () => {
    const results = JSON.parse((await run(['charters', '-f', 'sarif'])).stdout).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[];
    const keys = results.map((result) => `${result.ruleId} ${result.partialFingerprints['partnerCheck/v1']}`);
    expect(results.length).toBeGreaterThan(100);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('github: annotations with escaped properties, at most 10 per severity, the rest counted', async () => {
    const { stdout } = await run(['charters/imaging/msk-north.yaml', '-f', 'github']);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error ')).length).toBe(10);
    expect(lines.filter((line) => line.startsWith('::warning ')).length).toBe(10);
    expect(lines.at(-1)).toMatch(/^::notice title=partner-check::\d+ more findings are not shown/);
    expect(lines).toContain(
      "::error file=charters/imaging/msk-north.yaml,line=11,col=1,title=gate PC-NEED-001 The need is identified first%2C by the NHS%2C with evidence::No evidence of the need is given (need.evidence).%0A→ State the problem in one or two sentences and the data that shows it (activity, outcomes, cost, inequality), and record that the NHS identified it (need.identified_by: nhs), so that the partnership starts from the NHS's need, not a partner's offer. Where every partner is an NHS body, a local authority or social care, or a patient or voluntary organisation, that goes without saying.",
    );
  });

  it('github escaping of %, :, , and newlines', async () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir/a:b,c%\n.yaml')).toBe('dir/a%3Ab%2Cc%25%0A.yaml');
  });

  it('github is chosen on GitHub Actions when no format is given', async () => {
    expect((await run(['charters/elderly/rural.yaml'], { GITHUB_ACTIONS: 'true' })).stdout).toMatch(/^::(warning|notice) file=charters\/elderly\/rural\.yaml,line=\d+,col=\d+,title=/);
  });

  it('markdown has a row per charter and is appended to GITHUB_STEP_SUMMARY', async () => {
    const summary = tempFile('summary.md', '# earlier step\n');
    const { stdout } = await run(['charters', '-f', 'markdown'], { GITHUB_STEP_SUMMARY: summary });
    const lines = stdout.split('\n');
    const table = lines.slice(lines.indexOf('| --- | --- | --- | ---: | ---: | ---: |') + 1);
    const rows = table.slice(0, table.indexOf(''));
    expect(rows).toHaveLength(12);
    expect(rows).toContain('| charters/elderly/rural.yaml | Community Elderly Care Service (Rural) | ✅ Ready | 92.9 | 0 | 2 |');
    expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${stdout}`);
  });

  it('junit is well-formed XML with a test case per charter and criterion', async () => {
    const { stdout } = await run(['charters/elderly/rural.yaml', 'charters/diabetes/diabetes-boston.yaml', '-f', 'junit']);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(stdout);
    const suites = xml.testsuites.testsuite;
    expect(suites).toHaveLength(2);
    const boston = suites[1];
    expect(boston['@_name']).toBe('charters/diabetes/diabetes-boston.yaml');
    const cases = boston.testcase as { '@_name': string; failure?: unknown; skipped?: unknown }[];
    const criteria = JSON.parse((await run(['charters/diabetes/diabetes-boston.yaml', '-f', 'json'])).stdout).charters[0].criteria;
    expect(cases.length).toBe(1 + criteria.length); // the verdict, then one per criterion
    // The rural charter has no industry partner, and nothing planned before its start: those criteria are skipped.
    const ruralCases = suites[0].testcase as { '@_name': string; skipped?: unknown }[];
    const skipped = ruralCases.filter((testCase) => testCase.skipped !== undefined).map((testCase) => testCase['@_name'].split(' ')[0]);
    expect(skipped).toEqual(['PC-GOV-011', 'PC-TRANS-002', 'PC-TRANS-008', 'PC-TRANS-009', ...ABPI_IDS]);
    expect(cases.find((testCase) => testCase['@_name'].startsWith('PC-GOV-006'))!.failure).toBeDefined();
    expect(cases.find((testCase) => testCase['@_name'].startsWith('PC-NEED-002'))!.failure).toBeUndefined();
    expect(cases.find((testCase) => testCase['@_name'] === 'readiness reaches the pass mark')!.failure).toBeDefined();
  });

  it('stylish after json on stdout: every charter as it is checked, then the JSON document, then the summary', async () => {
    const stylish = (await run(['charters', '-f', 'stylish'])).stdout;
    const json = (await run(['charters', '-f', 'json'])).stdout;
    // Stylish's summary follows the blank line after its last charter.
    const summaryAt = stylish.lastIndexOf('\n\n') + 1;
    const expected = stylish.slice(0, summaryAt) + json + stylish.slice(summaryAt);
    expect((await run(['charters', '-f', 'json', '-f', 'stylish'])).stdout).toBe(expected);
    // However slowly stdout is read (a pipe to a busy reader): the charters are not held back to after the document.
    expect((await runCli(['charters', '-f', 'json', '-f', 'stylish'], { cwd: REPO, slowStdout: true })).stdout).toBe(expected);
  });

  it('-o naming the file stdout was sent to (-o /dev/stdout > out.txt) prints on stdout in its turn, and does not replace that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-out-'));
    const out = join(dir, 'out.txt');
    writeFileSync(out, '');
    const expected = await run(['charters', '-f', 'stylish', '-f', 'json']);
    const result = await runCli(['charters', '-f', 'stylish', '-f', 'json', '-o', out], { cwd: REPO, stdoutFile: out });
    expect(result).toEqual(expected);
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('several formats at once, each -o writing the format before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-out-'));
    const { code, stdout, stderr } = await run(['charters/elderly', '-f', 'sarif', '-o', join(dir, 'out.sarif'), '-f', 'junit', '-o', join(dir, 'out.xml'), '-f', 'stylish'], { FORCE_COLOR: '1' });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(XMLValidator.validate(readFileSync(join(dir, 'out.xml'), 'utf8'))).toBe(true);
    expect(readFileSync(join(dir, 'out.sarif'), 'utf8')).not.toContain('\u001b[');
    expect(stdout).toContain('Readiness');
    expect(stderr).toContain(`wrote the sarif report to ${join(dir, 'out.sarif')}`);
  });
});

describe('thresholds', () => {
  const rural = 'charters/elderly/rural.yaml'; // 92.7, no errors, 2 warnings, 2 info

  it('--fail-on decides by severity', async () => {
    expect((await run([rural])).code).toBe(0);
    expect((await run([rural, '--fail-on', 'error'])).code).toBe(0);
    expect((await run([rural, '--fail-on', 'warning'])).code).toBe(1);
    expect((await run([rural, '--fail-on', 'info'])).code).toBe(1);
    expect((await run(['charters/imaging/msk-north.yaml', '--fail-on', 'never'])).code).toBe(0);
  });

  it('--max-warnings counts warnings across the run', async () => {
    expect((await run([rural, '--max-warnings', '2'])).code).toBe(0);
    expect((await run([rural, '--max-warnings', '1'])).code).toBe(1);
  });

  it('--min-score from the command line wins over the config', async () => {
    expect((await run([rural, '--min-score', '95'])).code).toBe(1);
    const strict = tempFile('partner-check.config.yaml', 'minScore: 95\n');
    expect((await runCli([join(REPO, rural), '-c', strict])).code).toBe(1);
    expect((await runCli([join(REPO, rural), '-c', strict, '--min-score', '90'])).code).toBe(0);
  });
});

describe('criteria commands', () => {
  it('explain prints title, weight, advice and source', async () => {
    const { code, stdout } = await runCli(['explain', 'PC-GOV-003']);
    expect(code).toBe(0);
    expect(stdout).toContain('PC-GOV-003  Every partner sits on the board');
    expect(stdout).toContain('weight: high (7.5 points)');
    expect(stdout).toContain('advice: Add each partner');
    expect(stdout).toContain("source: clinicians' account of the Northamptonshire Integrated Care Partnership");
    expect((await runCli(['explain', 'PC-NOPE-1'])).code).toBe(2);
  });

  it('criteria lists every criterion', async () => {
    const lines = (await runCli(['criteria'])).stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines[0]).toMatch(/^PC-NEED-001 +critical +need +\[gate\] The need is identified/);
    expect(lines.find((line) => line.startsWith('PC-STRUCT-001'))).toMatch(/ none +structure +The charter follows format 1$/);
  });
});

describe('CI plumbing files', () => {
  it('the GitHub Action and pre-commit hook exist and name the binary', async () => {
    expect(readFileSync(join(ROOT, 'action.yml'), 'utf8')).toContain('partner-check');
    expect(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')).toContain('entry: partner-check');
    expect(existsSync(join(ROOT, 'schemas/config.schema.json'))).toBe(true);
  });

  it('every example carries the yaml-language-server schema line', async () => {
    for (const example of ['community-elderly-care', 'diabetes-acs-pathway', 'msk-imaging-contract']) {
      expect(readFileSync(join(ROOT, `examples/${example}.yaml`), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/charter\.schema\.json$/m);
    }
  });
});

describe('criteria documentation', () => {
  it('docs/criteria.md (where SARIF links) is up to date with the criteria data', async () => {
    expect(readFileSync(join(ROOT, 'docs/criteria.md'), 'utf8')).toBe((await runCli(['criteria', '--markdown'], { cwd: tmpdir() })).stdout);
  });
});

describe('a streaming run', () => {
  // Spool files go to os.tmpdir(), which reads TMPDIR from the process: set for the test, then restored.
  afterEach(() => vi.unstubAllEnvs());

  it('writes every format as it reads the run, byte for byte as from a run held whole, and leaves no spool file behind', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'partner-check-tmp-'));
    vi.stubEnv('TMPDIR', spoolDir);
    const streamedJson = (await run(['charters', '-f', 'json'])).stdout;
    // The run as a consumer parses it: report version 2, each finding naming its rule by id, the
    // rule's words in the run's rules. Every format made from it is the run's own, byte for byte.
    const whole = JSON.parse(streamedJson);
    expect(whole.reportVersion).toBe(2);
    const findings = whole.charters.flatMap((charter: { findings: object[] }) => charter.findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((finding: object) => 'title' in finding || 'advice' in finding || 'source' in finding)).toEqual([]);
    // Criterion results and gates too: a charter keeps what went for it (status, credit, checks, a
    // gate's state and place); the rule's title, area, weight and gate label are in rules, once each.
    const criteria = whole.charters.flatMap((charter: { criteria: Record<string, unknown>[] }) => charter.criteria);
    const gates = whole.charters.flatMap((charter: { gates: Record<string, unknown>[] }) => charter.gates);
    expect(criteria.length).toBeGreaterThan(0);
    expect(gates.length).toBeGreaterThan(0);
    expect(criteria.filter((result: object) => 'title' in result || 'area' in result || 'weight' in result || 'gateLabel' in result)).toEqual([]);
    expect(gates.filter((gate: object) => 'title' in gate || 'label' in gate)).toEqual([]);
    expect(Object.keys(criteria[0]).slice(0, 3)).toEqual(['id', 'status', 'gate']);
    expect(Object.keys(gates[0]).slice(0, 2)).toEqual(['id', 'status']);
    const rules = new Map(whole.rules.map((rule: { id: string }) => [rule.id, rule]));
    expect(rules.size, 'each rule once').toBe(whole.rules.length);
    for (const { id } of [...criteria, ...gates]) expect(rules.get(id), `${id} is described in rules`).toMatchObject({ title: expect.any(String), area: expect.any(String) });
    expect(streamedJson.split(`"title": ${JSON.stringify((rules.get('PC-NEED-001') as { title: string }).title)}`).length - 1, 'a rule title appears once').toBe(1);
    for (const format of FORMAT_NAMES) {
      expect((await run(['charters', '-f', format])).stdout, format).toBe(await formatReport(format, whole, { color: false }));
    }
    expect(readdirSync(spoolDir)).toEqual([]);
  }, 600_000);

  it('spools many charters to a temporary file, with the same bytes, and removes it', async () => {
    // Eighty copies of a weak charter: past the 64 the run holds in memory (src/cli/spool.ts), so
    // the formats that wait for the run's end (json, markdown, html) read them back from the spool file.
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-large-'));
    const weak = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
    for (let index = 0; index < 80; index += 1) writeFileSync(join(dir, `charter-${String(index).padStart(3, '0')}.yaml`), weak);
    const spoolDir = mkdtempSync(join(tmpdir(), 'partner-check-tmp-'));
    vi.stubEnv('TMPDIR', spoolDir);
    const reports = ['json', 'markdown', 'html'].map((format) => join(dir, `report.${format}`));
    const result = await runCli([dir, '--threads', '0', ...reports.flatMap((file) => ['-f', file.split('.').pop()!, '-o', file])], { cwd: dir });
    expect(result.code).toBe(1);
    const json = readFileSync(reports[0]!, 'utf8');
    expect(json.length).toBeGreaterThan(2 * (1 << 20));
    const whole = JSON.parse(json);
    expect(whole.charters).toHaveLength(80);
    for (const file of reports) {
      const format = file.split('.').pop()!;
      const text = readFileSync(file, 'utf8');
      expect(text.length, format).toBeGreaterThan(1 << 20);
      expect(text, format).toBe(await formatReport(format, whole, { color: false }));
    }
    expect(readdirSync(spoolDir)).toEqual([]);
  }, 600_000);
});

describe('worker threads', () => {
  // Every output at once (each format's parts made on the workers), then --quiet, then a baseline
  // (compared, and so made into output, on the main thread).
  const runs = (dir: string) => [
    ['charters', '-f', 'stylish', '-f', 'json', '-o', join(dir, 'report.json'), '-f', 'sarif', '-o', join(dir, 'report.sarif'), '-f', 'junit', '-o', join(dir, 'report.xml'), '-f', 'markdown', '-o', join(dir, 'report.md'), '-f', 'html', '-o', join(dir, 'report.html')],
    ['charters', '-f', 'stylish', '--quiet'],
    ['charters', '-f', 'json', '--baseline', join(dir, 'report.json')],
  ];
  const files = ['report.json', 'report.sarif', 'report.xml', 'report.md', 'report.html'];

  it('give the same output, in the same order, as one thread', async () => {
    const oneDir = mkdtempSync(join(tmpdir(), 'partner-check-threads-'));
    const twoDir = mkdtempSync(join(tmpdir(), 'partner-check-threads-'));
    const [oneRuns, twoRuns] = [runs(oneDir), runs(twoDir)];
    for (const [index, args] of oneRuns.entries()) {
      const one = await run([...args, '--threads', '0']);
      const two = await run([...twoRuns[index]!, '--threads', '2']);
      const shown = args.slice(1).join(' ');
      expect(two.stdout.replaceAll(twoDir, '<dir>'), shown).toBe(one.stdout.replaceAll(oneDir, '<dir>'));
      expect(two.code, shown).toBe(one.code);
      expect(two.stderr.replaceAll(twoDir, '<dir>'), shown).toBe(one.stderr.replaceAll(oneDir, '<dir>'));
      if (index === 0) for (const file of files) expect(readFileSync(join(twoDir, file), 'utf8'), file).toBe(readFileSync(join(oneDir, file), 'utf8'));
    }
    expect(readFileSync(join(oneDir, 'report.json'), 'utf8')).toContain('"charters": [');
    // Six runs, three of them starting two worker threads each.
  }, 600_000);

  it('give the same output as one thread for stdin, a cached charter, and files that cannot be read or are not charters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-threads-'));
    cpSync(join(REPO, 'charters'), join(dir, 'charters'), { recursive: true });
    const charter = readFileSync(join(ROOT, 'examples/copd-joint-working.yaml'), 'utf8');
    writeFileSync(join(dir, 'charters/broken.yaml'), `${charter}\nbroken: "unterminated\n`);
    writeFileSync(join(dir, 'charters/unmarked.yaml'), charter.replace(/^charter: .*$/m, ''));
    writeFileSync(join(dir, 'charters/workflow.yaml'), 'on: push\njobs: {}\n');
    writeFileSync(join(dir, 'charters/binary.yaml'), Buffer.from([0x63, 0x00, 0x01]));
    writeFileSync(join(dir, 'charters/large.yaml'), `${charter}\n# ${'x'.repeat(200_000)}\n`);
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const args = (threads: string, cache: string) => ['-', 'charters', 'pipe.yaml', '--no-config', '--stdin-filepath', 'in.yaml', '--max-file-size', '100000', '--cache', '--cache-location', cache, '-f', 'json', '--threads', threads];
    const input = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
    // The first run of each fills its cache; one charter changes; the second takes the rest from it.
    const runs = async (threads: string) => {
      const cache = join(dir, `cache-${threads}`);
      const first = await runCli(args(threads, cache), { cwd: dir, input });
      writeFileSync(join(dir, 'charters/broken.yaml'), `${charter}\n`);
      const second = await runCli(args(threads, cache), { cwd: dir, input });
      writeFileSync(join(dir, 'charters/broken.yaml'), `${charter}\nbroken: "unterminated\n`);
      return [first, second];
    };
    const one = await runs('0');
    const two = await runs('2');
    expect(two).toEqual(one);
    expect(one[0]!.stderr).toContain('broken.yaml');
    expect(one[0]!.stderr).toContain('pipe.yaml');
    expect(one[0]!.stderr).toContain('binary.yaml');
    expect(one[0]!.stderr).toContain('large.yaml');
    expect(one[0]!.stdout).toContain('in.yaml');
  }, 600_000);

  it('check against the criteria the run read, even when the criteria file changes during the run', async () => {
    const copy = () => {
      const dir = mkdtempSync(join(tmpdir(), 'partner-check-threads-'));
      cpSync(REPO, dir, { recursive: true });
      return dir;
    };
    const local = (dir: string) => join(dir, 'criteria/local.yaml');
    // The run reads the criteria file, and at once it is changed on disk: a run that read it again later would say other words.
    const changedAfterRead = (dir: string): FileSystem => ({
      ...nodeFileSystem,
      readText: async (path, maxBytes) => {
        const read = await nodeFileSystem.readText(path, maxBytes);
        if (path === local(dir)) writeFileSync(path, readFileSync(path, 'utf8').replace('Health inequalities are not addressed', 'CHANGED DURING THE RUN'));
        return read;
      },
    });
    const [oneDir, twoDir] = [copy(), copy()];
    const one = await runCli(['charters', '-f', 'json', '--threads', '0'], { cwd: oneDir, files: changedAfterRead(oneDir) });
    const two = await runCli(['charters', '-f', 'json', '--threads', '2'], { cwd: twoDir, files: changedAfterRead(twoDir) });
    expect(readFileSync(local(twoDir), 'utf8')).toContain('CHANGED DURING THE RUN');
    expect(two.stdout).toContain('Health inequalities are not addressed');
    expect(two.stdout).not.toContain('CHANGED');
    expect(two).toEqual({ ...one, stdout: one.stdout.replaceAll(oneDir, twoDir) });
  }, 600_000);

  it('start no more workers than there are charters (--threads 64 on one charter starts one)', async () => {
    const getBuiltinModule = process.getBuiltinModule.bind(process);
    let started = 0;
    const spy = vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) => {
      const module = getBuiltinModule(id) as typeof import('node:worker_threads');
      if (id !== 'node:worker_threads') return module;
      return { ...module, Worker: class extends module.Worker { constructor(...args: ConstructorParameters<typeof module.Worker>) { super(...args); started += 1; } } };
    }));
    try {
      const file = 'charters/elderly/north.yaml';
      const many = await run([file, '--threads', '64']);
      expect(started).toBe(1);
      expect(many).toEqual(await run([file, '--threads', '0']));
    } finally {
      spy.mockRestore();
    }
  }, 600_000);
});

describe('charters, not every YAML file', () => {
  it('a searched folder skips YAML without a charter: key and counts it; a file named is always checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-skip-'));
    cpSync(join(REPO, 'charters/elderly'), join(dir, 'charters'), { recursive: true });
    writeFileSync(join(dir, 'charters/workflow.yml'), 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    writeFileSync(join(dir, 'charters/flow-charter.yaml'), `{ charter: 1, title: "A flow-style charter" }\n`);
    const searched = await runCli(['charters', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(searched.stdout);
    expect(report.charters.map((charter: { file: string }) => charter.file)).not.toContain('charters/workflow.yml');
    expect(report.charters.map((charter: { file: string }) => charter.file)).toContain('charters/flow-charter.yaml');
    expect(report.summary.skipped).toBe(1);
    expect((await runCli(['charters'], { cwd: dir })).stdout).toContain('(1 other YAML file skipped: no charter: key)');
    const named = await runCli(['charters/workflow.yml', '-f', 'json'], { cwd: dir });
    expect(named.code).toBe(1);
    expect(JSON.parse(named.stdout).charters[0].findings.some((finding: { ruleId: string }) => finding.ruleId === 'PC-STRUCT-001')).toBe(true);
  });
});

describe('--quiet', () => {
  it('prints only failing charters and their errors; a passing charter prints nothing', async () => {
    const quiet = await run(['charters/elderly', 'charters/imaging/msk-north.yaml', '--quiet']);
    expect(quiet.stdout).not.toContain('charters/elderly/north.yaml');
    expect(quiet.stdout).toContain('charters/imaging/msk-north.yaml  MSK imaging partnership');
    expect(quiet.stdout).not.toMatch(/ warning | info |✔ PC-/);
    expect(quiet.stdout).toMatch(/error +gate PC-GOV-001/);
    const passing = await run(['charters/elderly/north.yaml', '--quiet']);
    expect(passing).toMatchObject({ code: 0, stdout: '' });
  });
});
