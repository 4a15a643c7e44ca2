// A commissioner at a real terminal runs fix on the half-done diabetes charter and answers every
// question it asks from their notes, reading on the screen which item each question is about
// ("Outcome 2 of 2, 90-day readmissions: owner"). Each answer lands on the item its question
// named, and fix, run again, has none of those questions left to ask.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { valueAtPointer, withValueAt } from '../../src/core/pointer.js';
import { runInit } from '../../src/cli/init.js';
import { loadSchemas } from '../../src/io/builtin.js';
import { nodeFileSystem } from '../../src/io/file-system.js';
import { charterShape } from '../../src/questionnaire/fields.js';
import { AnswersPrompter, type Question } from '../../src/questionnaire/prompter.js';
import { fakeTerminal, loadBuiltSetup, ROOT, runCli } from '../helpers.js';
import { answerAll, hasTmux, Screen, shapeIndex } from './keyboard.js';

const BIN = join(ROOT, 'bin/partner-check.js');

/** The commissioner's notes for what the charter lacks; an item's answers say which item they are for. */
const NOTES: Record<string, unknown> = {
  '/need/identified_by': 'nhs',
  '/need/why_partnership': 'The trust has the nurses and the clinic; the company brings project management and evaluation the NHS cannot fund.',
  '/need/prior_work': 'Reviewed the Lincolnshire ACS and diabetes audit of 2023.',
  '/partners/0/commits_to': ['development', 'implementation', 'delivery'],
  '/partners/1/commits_to': ['development', 'implementation', 'delivery'],
  '/partners/0/sponsor/name': 'O Example',
  '/partners/0/sponsor/role': 'Director of Nursing of Lincolnshire Community Health Services',
  '/partners/0/sponsor/email': 'o.example@nhs.net',
  '/goals/0/benefits/partners': 'For G1: the company learns how a joined-up review is run and gains a published evaluation; no product is promoted.',
  '/goals/1/benefits/patients': 'For G2: people in the most deprived areas are reviewed as soon as the others.',
  '/goals/1/benefits/nhs': 'For G2: fewer readmissions from the most deprived areas.',
  '/goals/1/benefits/partners': 'For G2: evidence of what closes the gap, published for other ICBs.',
  '/outcomes/0/source': 'Clinic records of the share reviewed within 30 days, aggregated',
  '/outcomes/0/owner': 'Trust diabetes nurse consultant, for the 30-day reviews',
  '/outcomes/1/baseline': '19%',
  '/outcomes/1/target': '12%',
  '/outcomes/1/by': '2025-09-30',
  '/outcomes/1/owner': 'ICB business intelligence lead, for the readmissions',
  // G2 has no outcome yet: one is added for it.
  '/outcomes/2': {
    id: 'O3',
    goal: 'G2',
    kind: 'patient-outcome',
    measure: 'Gap in reviews within 30 days between the most and least deprived fifths',
    baseline: '21 points',
    target: '5 points',
    by: '2025-09-30',
    source: 'Clinic records by deprivation fifth, aggregated',
    owner: 'ICB business intelligence lead, for the deprivation gap',
  },
  '/resources/funding/1/committed': true,
  '/resources/in_place_before_start': true,
  '/resources/skills': 'The company project manager runs the plan; the trust leads the clinical model.',
  '/governance/benefits_to_individuals': 'None. No payment, gift or benefit goes to any individual.',
  '/governance/follows_national_guidance': true,
  '/governance/national_guidance': 'NICE guidelines NG28 (type 2 diabetes) and NG185 (acute coronary syndromes).',
  '/governance/disclosure': 'The joint working summary is on the ICB website; patients are told of the company\'s part at the clinic.',
  '/governance/board/chair': 'Trust diabetes nurse consultant',
  '/governance/board/meets': 'monthly',
  '/governance/approvals': 'The trust executive team and the company compliance committee approved the agreement.',
  '/governance/disputes': 'Raised at the project group; else the trust chief nurse and the company general manager within 30 days.',
  '/governance/reporting': 'Monthly report to the project group.',
  '/governance/agreement/template': 'DHSC/ABPI joint working agreement template',
  '/governance/agreement/signatory': 'The company ABPI signatory (medical director)',
  '/information/dpia': 'DPIA completed by the trust information governance team.',
  '/plan/exit': 'At the end the ICB decides whether to commission the review clinic; if a partner leaves, patients return to usual care with their plan.',
  '/plan/contingency': 'If NICE guidance changes the project group revises the protocol within a month.',
  '/plan/evaluation': 'The trust evaluates against O1 and O2 at six and twelve months on anonymised, aggregated data.',
  '/plan/publication': 'Outcomes published on the trust website within six months of the end.',
  '/stakeholders/1/how': 'A GP from each PCN sits on the project group, for the GP practices.',
  '/risks/0/risk': 'Clinic slots are not filled',
  '/risks/0/mitigation': 'Discharge letters book the review before the patient leaves hospital.',
  '/risks/0/owner': 'Trust diabetes nurse consultant',
};

describe('fix at a real terminal, on the half-done diabetes charter', () => {
  if (!hasTmux) console.log('skipping the fix-under-tmux test: tmux is not installed (.ci/run installs it)');

  it.skipIf(!hasTmux)('puts each answer on the item its question named, and closes every gap it asked about', async () => {
    const setup = await loadBuiltSetup({ none: true }, { files: nodeFileSystem, now: Date.now });
    const schemas = loadSchemas();
    const shape = charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>);
    const before = parse(readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8')) as Record<string, unknown>;
    const notes = structuredClone(before);
    for (const [pointer, value] of Object.entries(NOTES)) withValueAt(notes, pointer, value);
    const dir = mkdtempSync(join(tmpdir(), 'partner-check-tmux-fix-'));
    copyFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), join(dir, 'charter.yaml'));
    const screen = new Screen(dir, `env -u EDITOR -u VISUAL NO_COLOR=1 ${process.execPath} ${BIN} fix charter.yaml`);
    let answered;
    try {
      answered = await answerAll(screen, shapeIndex(shape), notes, ({ pointer }) => valueAtPointer(notes, pointer), before);
      await screen.until((text) => /^EXITED 0$/m.test(text));
    } finally {
      await screen.save('fix-diabetes.last-screen.txt');
      await screen.close();
    }
    const fixed = parse(readFileSync(join(dir, 'charter.yaml'), 'utf8')) as Record<string, unknown>;
    // Questions about items named them, by place, count and name; each answer is on that item.
    const aboutItems = answered.filter(({ named }) => named !== undefined);
    expect(aboutItems.map(({ pointer }) => pointer)).toEqual(expect.arrayContaining(['/partners/1/commits_to', '/goals/1/benefits/nhs', '/outcomes/1/owner', '/outcomes/2/owner', '/stakeholders/1/how']));
    expect(answered.find(({ pointer }) => pointer === '/outcomes/1/owner')!.message).toMatch(/^Outcome 2 of 3, 90-day readmissions: owner/);
    for (const { pointer, message, answer } of answered) {
      expect(answer, `an answer in the notes for "${message}"`).toBeDefined();
      expect(valueAtPointer(fixed, pointer), message).toEqual(answer);
    }
    // What was there before is still there.
    expect(fixed['title']).toBe(before['title']);
    expect(valueAtPointer(fixed, '/partners/1/lead')).toEqual(valueAtPointer(before, '/partners/1/lead'));
    // fix, run again on what was written, has none of those questions left.
    const askedAgain: string[] = [];
    const again = Object.assign(new AnswersPrompter({}), {
      value: async (question: Question) => (askedAgain.push(question.pointer), question.current),
      addItem: async () => false,
    });
    copyFileSync(join(dir, 'charter.yaml'), join(dir, 'again.yaml'));
    const { terminal } = fakeTerminal(dir);
    await runInit({ fix: join(dir, 'again.yaml'), answers: 'given' }, setup, terminal, again);
    // A question about a field that was empty is not asked again; one about a field that held an
    // answer already (asked for a gap elsewhere) may be, and is shown.
    const wasEmpty = (pointer: string) => valueAtPointer(before, pointer) === undefined;
    expect(askedAgain.filter((pointer) => wasEmpty(pointer) && answered.some((answer) => answer.pointer === pointer))).toEqual([]);
    console.log(`asked again, though answered before fix: ${askedAgain.filter((pointer) => !wasEmpty(pointer)).join(', ') || 'nothing'}`);
    const check = await runCli(['charter.yaml'], { cwd: dir, env: { NO_COLOR: '1' } });
    console.log(`partner-check on the fixed charter: exit ${check.code}; ${check.stdout.trim().split('\n').at(-1)}`);
  }, 1_800_000);
});
