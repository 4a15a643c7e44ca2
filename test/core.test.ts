// The core's behaviour on charters a user might write: locations, waivers, conditions, structure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCharter } from '../src/core/check.js';
import { createAjv } from '../src/core/ajv.js';
import { compileCriteria } from '../src/core/criteria.js';
import type { CharterReport } from '../src/core/report.js';
import { builtinCriteria, loadSchemas } from '../src/io/builtin.js';

const criteria = compileCriteria([builtinCriteria()], loadSchemas(), new Map(), createAjv);
const strong = readFileSync(new URL('../examples/community-elderly-care.yaml', import.meta.url), 'utf8');
const halfDone = readFileSync(new URL('../examples/diabetes-acs-pathway.yaml', import.meta.url), 'utf8');

function check(text: string): CharterReport {
  const result = checkCharter(text, criteria, 'charter.yaml');
  if (!result.ok) throw new Error(`unexpected input problem: ${result.problem.message}`);
  return result.report;
}

function findingsOf(report: CharterReport, ruleId: string) {
  return report.findings.filter((finding) => finding.ruleId === ruleId);
}

function statusOf(report: CharterReport, id: string) {
  return report.criteria.find((criterion) => criterion.id === id)!.status;
}

describe('locations', () => {
  it('a missing field points at its nearest existing parent', () => {
    const report = check(halfDone);
    // governance: exists at line 70, governance.disputes does not.
    expect(findingsOf(report, 'PC-GOV-006')).toMatchObject([{ line: 70, column: 1, pointer: '/governance/disputes' }]);
    // The second outcome (line 57) lacks a baseline.
    expect(findingsOf(report, 'PC-OUT-001').find((finding) => finding.message.includes('baseline'))).toMatchObject({
      line: 57,
      column: 5,
      pointer: '/outcomes/1/baseline',
    });
  });

  it('a wrong value points at the value itself', () => {
    const report = check(halfDone);
    // `- { from: ICB transformation fund, amount: 45000, committed: false }` on line 65
    expect(findingsOf(report, 'PC-RES-001')).toMatchObject([{ line: 65, column: 66, pointer: '/resources/funding/1/committed' }]);
  });

  it('a missing top-level section points at the start of the charter', () => {
    const report = check('# a comment\ncharter: 1\ntitle: Only a title\n');
    expect(findingsOf(report, 'PC-GOV-004')).toMatchObject([{ line: 2, column: 1 }]);
  });

  it('locations stay right with CRLF line ends', () => {
    const report = check(halfDone.replace(/\n/g, '\r\n'));
    expect(findingsOf(report, 'PC-GOV-006')).toMatchObject([{ line: 70, column: 1 }]);
  });

  it('every finding of every example has a line and column of at least 1', () => {
    for (const text of [strong, halfDone, 'charter: 1\ntitle: x\ngoals: nonsense\n']) {
      for (const finding of check(text).findings) {
        expect(finding.line).toBeGreaterThanOrEqual(1);
        expect(finding.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

describe('scoring', () => {
  it('gives partial credit for the share of checks passed', () => {
    const report = check(halfDone);
    const board = report.criteria.find((criterion) => criterion.id === 'PC-GOV-002')!;
    expect(board).toMatchObject({ status: 'partial', checks: { passed: 2, total: 4 }, credit: 0.5 });
  });

  it('a critical gap fails the charter even above the pass mark', () => {
    const withoutAgreementDate = strong.replace('    signed: 2012-05-01\n', '');
    const report = check(withoutAgreementDate);
    expect(report.score).toBeGreaterThan(90);
    expect(report.criticalGaps).toEqual(['PC-GOV-008']);
  });

  it('industry rules leave the denominator when no partner is industry', () => {
    const report = check(strong);
    expect(statusOf(report, 'PC-ABPI-R7')).toBe('not-applicable');
    expect(report.criteria.find((criterion) => criterion.id === 'PC-ABPI-R7')!.credit).toBeNull();
    expect(report.gates.map((gate) => gate.id)).not.toContain('PC-ABPI-R7');
    expect(check(halfDone).gates.find((gate) => gate.id === 'PC-ABPI-R7')).toMatchObject({ status: 'fail' });
  });

  it('data protection rules apply only when patient data is shared', () => {
    const noPatientData = halfDone.replace('patient_data: true', 'patient_data: false');
    expect(statusOf(check(halfDone), 'PC-INFO-001')).toBe('fail');
    expect(statusOf(check(noPatientData), 'PC-INFO-001')).toBe('not-applicable');
    expect(check(noPatientData).score).toBeGreaterThan(check(halfDone).score);
  });

  it('checks that every goal is measured and every partner is on the board', () => {
    const report = check(halfDone);
    // G2 (line 47) has no outcome.
    expect(findingsOf(report, 'PC-OUT-002')).toMatchObject([{ pointer: '/goals/1/id', line: 47 }]);
    expect(statusOf(report, 'PC-GOV-003')).toBe('pass');
    const offBoard = strong.replace('Northampton General Hospital, Northamptonshire LMC', 'Northamptonshire LMC');
    expect(findingsOf(check(offBoard), 'PC-GOV-003')).toMatchObject([{ pointer: '/partners/2/name' }]);
  });

  it('an end date before the start date is a gap', () => {
    const report = check(strong.replace('end: 2014-03-31', 'end: 2012-01-01'));
    expect(findingsOf(report, 'PC-PLAN-001')).toMatchObject([{ pointer: '/plan/end' }]);
  });

  it('placeholders such as TBC do not count as answers', () => {
    const report = check(strong.replace(/ {2}disputes: .*\n/, '  disputes: TBC\n'));
    expect(statusOf(report, 'PC-GOV-006')).toBe('fail');
  });
});

describe('waivers', () => {
  it('a waived criterion leaves the denominator and is listed with its reason', () => {
    const report = check(halfDone);
    const waived = report.criteria.find((criterion) => criterion.id === 'PC-STAKE-007')!;
    expect(waived).toMatchObject({ status: 'waived', credit: null, waiver: { reason: 'planned', line: 94 } });
    expect(waived.waiver!.note).toContain('Diabetes UK');
  });

  it('waiving a failing criterion raises the score and clears its critical gap', () => {
    const before = check(halfDone);
    const after = check(`${halfDone}  - criterion: PC-INFO-001\n    reason: accepted-risk\n    note: The DPIA is signed off next week.\n`);
    expect(after.score).toBeGreaterThan(before.score);
    expect(before.criticalGaps).toContain('PC-INFO-001');
    expect(after.criticalGaps).not.toContain('PC-INFO-001');
    expect(findingsOf(after, 'PC-INFO-001')).toEqual([]);
  });

  it('a waiver for an unknown criterion is itself a finding, at the waiver', () => {
    const report = check(`${halfDone}  - criterion: PC-NOPE-999\n    reason: other\n`);
    expect(findingsOf(report, 'PC-STRUCT-002')).toMatchObject([{ area: 'structure', severity: 'error', line: 97, column: 16 }]);
  });

  it('a waiver without a reason does not apply, and says why', () => {
    const report = check(`${halfDone}  - criterion: PC-INFO-001\n`);
    expect(statusOf(report, 'PC-INFO-001')).toBe('fail');
    expect(findingsOf(report, 'PC-STRUCT-001')).toMatchObject([{ message: "waivers[1] needs 'reason'.", line: 97 }]);
  });
});

describe('gates', () => {
  it('a gate cannot be waived: the waiver is a structure error at the waiver, and the gate still fails', () => {
    const report = check(`${halfDone}  - criterion: PC-ABPI-R3\n    reason: not-applicable\n    note: We do not think it applies.\n`);
    expect(findingsOf(report, 'PC-STRUCT-003')).toMatchObject([{ line: 97, column: 16, message: expect.stringContaining('PC-ABPI-R3 is a gate and cannot be waived') }]);
    expect(report.gates.find((gate) => gate.id === 'PC-ABPI-R3')).toMatchObject({ status: 'fail' });
  });

  it('a waivable gate lifts only for not-applicable with a note, and the report shows it', () => {
    const noHospital = strong.replace(/ {2}- name: Northampton General Hospital NHS Trust\n( {4}.*\n)+?(?= {2}- name)/, '');
    expect(check(noHospital).gates.find((gate) => gate.id === 'PC-STAKE-001')).toMatchObject({ status: 'fail' });
    const withoutNote = check(`${noHospital}waivers:\n  - criterion: PC-STAKE-001\n    reason: accepted-risk\n    note: Later.\n`);
    expect(findingsOf(withoutNote, 'PC-STRUCT-003')).toHaveLength(1);
    const waived = check(`${noHospital}waivers:\n  - criterion: PC-STAKE-001\n    reason: not-applicable\n    note: Care homes only; no hospital care is involved.\n`);
    expect(waived.gates.find((gate) => gate.id === 'PC-STAKE-001')).toMatchObject({ status: 'waived' });
    expect(findingsOf(waived, 'PC-STRUCT-003')).toEqual([]);
  });

  it('a failed gate caps the band at Not ready whatever the score, and is listed first', () => {
    // Every partner of the strong example is on the NHS side, so it leaves need.identified_by out;
    // a charter that says a partner brought the need is taken at its word.
    const report = check(strong.replace('  therapy_area: elderly care\n', '  therapy_area: elderly care\n  identified_by: partner\n'));
    expect(report.score).toBeGreaterThan(95);
    expect(report.band).toBe('not-ready');
    expect(report.gates[0]).toMatchObject({ id: 'PC-NEED-001', status: 'fail', line: 20, column: 18 });
    expect(report.findings[0]).toMatchObject({ ruleId: 'PC-NEED-001', gate: true, severity: 'error' });
  });

  it('a critical gap that is not a gate holds the band at Nearly ready at best', () => {
    const report = check(strong.replace('  dpia: DPIA completed March 2012, reviewed yearly by the Trust\'s information governance lead.\n', ''));
    expect(report.score).toBeGreaterThan(85);
    expect(report.criticalGaps).toEqual(['PC-INFO-001']);
    expect(report.band).toBe('nearly-ready');
  });
});

describe('structure', () => {
  it('reports wrong types, unknown keys and bad dates with locations, and still scores', () => {
    const text = ['charter: 1', 'title: Broken', 'goals: one goal', 'updated: 27/06/2012', 'nede:', '  statement: typo', 'x-team: ours', 'need:', '  statement: Patients wait too long.', '  evidence: 18 weeks median wait in 2024.', ''].join('\n');
    const report = check(text);
    const structure = findingsOf(report, 'PC-STRUCT-001');
    expect(structure).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'goals should be a list.', line: 3, column: 8 }),
        expect.objectContaining({ message: 'updated should be a date written YYYY-MM-DD.', line: 4, column: 10 }),
        expect.objectContaining({ message: "Unknown key 'nede' in the charter; did you mean 'need'?", line: 5, column: 1 }),
      ]),
    );
    expect(structure).toHaveLength(3);
    expect(report.score).toBeGreaterThan(0);
  });

  it('says in words what a field written to a pattern should be', () => {
    const text = ['charter: 1', 'title: Waived', 'waivers:', '  - criterion: pc-stake-007', '    reason: planned', ''].join('\n');
    expect(findingsOf(check(text), 'PC-STRUCT-001')).toEqual([
      expect.objectContaining({ message: 'waivers[0].criterion should be an id of capital letters and digits in parts joined by hyphens, as PC-STAKE-007.', line: 4, column: 16 }),
    ]);
  });

  it('a charter must be a mapping; a YAML syntax error is located', () => {
    expect(checkCharter('- a\n- b\n', criteria, 'c.yaml')).toMatchObject({ ok: false, problem: { message: expect.stringContaining('a list') } });
    expect(checkCharter('charter: 1\ntitle: [unclosed\n', criteria, 'c.yaml')).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('YAML syntax error'), line: 3 },
    });
  });
});

describe('criteria data', () => {
  it('has at least 25 criteria across the ten areas, each with a source and advice', () => {
    expect(criteria.criteria.length).toBeGreaterThanOrEqual(25);
    expect(criteria.areas).toEqual(['need', 'goals', 'stakeholders', 'governance', 'resources', 'outcomes', 'planning', 'information', 'transparency', 'joint-working']);
    for (const criterion of criteria.criteria) {
      expect(criterion.source, criterion.id).toMatch(/MGP survey|Practicus|Northamptonshire Integrated Care Partnership|Driving collaborative change|Let's Stick Together|ABPI|DH 2008|NHS England|ICO|Partnership Assessment Tool|SMART|Common Understanding|PID template|PMCPA/);
      // A source a user can look up: a document, never a file of this repository.
      expect(criterion.source, criterion.id).not.toMatch(/seeds\/|\.txt|\.md\b|shared\//);
      expect(criterion.advice.length, criterion.id).toBeGreaterThan(20);
    }
  });
});

describe('validators generated at build time', () => {
  it('give the same reports as ajv compiling at run time, and cover every built-in schema', async () => {
    // @ts-expect-error: the built module has no type declarations
    const built = (await import('../dist/io/builtin.js')) as { loadPrecompiled: () => Promise<Map<string, unknown>> };
    const precompiled = await built.loadPrecompiled();
    expect(precompiled.size).toBeGreaterThan(criteria.criteria.length);
    const fast = compileCriteria([builtinCriteria()], loadSchemas(), precompiled as never);
    for (const text of [strong, halfDone, 'charter: 1\ntitle: x\ngoals: nonsense\n', `${halfDone}  - criterion: PC-NOPE-1\n    reason: other\n`]) {
      expect(checkCharter(text, fast, 'c.yaml')).toEqual(checkCharter(text, criteria, 'c.yaml'));
    }
  });
});

describe('each gap said once', () => {
  it('a check that fails for many items at one place (a third party on the board) is one finding there', () => {
    expect(findingsOf(check(halfDone), 'PC-ABPI-A11')).toMatchObject([{ line: 73, column: 5 }]);
  });
});

describe('checkRun', () => {
  it('yields a report or a failure per charter, in order, and the verdict from counts at the end', async () => {
    const { checkRun } = await import('../src/core/run.js');
    const run = checkRun(
      [
        { file: 'strong.yaml', text: strong },
        { file: 'gone.yaml', unreadable: 'no such file' },
        { file: 'weak.yaml', text: halfDone },
        { file: 'broken.yaml', text: 'charter: [1\n' },
      ],
      { criteria, policy: { minScore: 70 }, context: {} },
    );
    const events: string[] = [];
    let step = await run.next();
    for (; !step.done; step = await run.next()) {
      const event = step.value;
      if (event.kind === 'charter') events.push(`${event.report.file} ${event.report.passed}`);
      if (event.kind === 'failure') events.push(`${event.failure.file} ${event.failure.code}`);
    }
    expect(events).toEqual(['strong.yaml true', 'gone.yaml read', 'weak.yaml false', 'broken.yaml syntax']);
    expect(step.value).toMatchObject({ passed: false, summary: { charters: 2, ready: 1, notReady: 1, passed: 1, failures: 2 } });
  });
});

describe('the schemas editors read', () => {
  it('describe every field of a charter and of a config, for hover help', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      for (const [key, value] of Object.entries((schema['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof value['description'] !== 'string' || value['description'].length < 10) missing.push(`${path}/${key}`);
        walk(value, `${path}/${key}`);
      }
      for (const key of ['items', 'additionalProperties']) walk(schema[key], `${path}/${key}`);
      for (const key of ['oneOf', 'anyOf']) if (Array.isArray(schema[key])) (schema[key] as unknown[]).forEach((inner, index) => walk(inner, `${path}/${key}/${index}`));
      for (const [key, value] of Object.entries((schema['$defs'] ?? {}) as Record<string, unknown>)) walk(value, `#/$defs/${key}`);
    };
    for (const file of ['schemas/charter.schema.json', 'schemas/config.schema.json']) walk(JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')), file);
    expect(missing).toEqual([]);
  });
});
