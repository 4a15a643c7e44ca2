// `partner-check init` writes a charter by asking; `partner-check fix FILE` (or init --fix FILE)
// asks only the questions behind a charter's gaps and writes the answers into its text.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { checkCharter } from '../core/check.js';
import { parseYaml } from '../core/parse.js';
import { resolvePolicy } from '../core/policy.js';
import { withValueAt } from '../core/pointer.js';
import type { CharterReport, RunReport } from '../core/report.js';
import { runReportOf } from '../core/run.js';
import { describeRules } from '../core/rules.js';
import { bandLabel } from '../core/score.js';
import { formatDelta } from '../formatters/delta.js';
import { formatReport } from '../formatters/index.js';
import { areaTitle, gateName } from '../formatters/text.js';
import { CHARTER_SCHEMA_FILE, loadSchemas, packagePath } from '../io/builtin.js';
import { encodeText } from '../io/read-text.js';
import { isRecord } from '../core/is-record.js';
import { sameInode } from '../io/file-system.js';
import { writeRefusal, type NamedFile } from '../io/output-guard.js';
import { findSchemaCopy } from '../io/schema-copy.js';
import { describeWriteError } from '../io/write-file.js';
import { askContext, askShape, charterSections, inShapeOrder, wouldAsk } from '../questionnaire/ask.js';
import { askGaps } from '../questionnaire/fix-gaps.js';
import { charterShape, findShape, type Shape } from '../questionnaire/fields.js';
import { AnswersPrompter, TerminalPrompter, type Prompter } from '../questionnaire/prompter.js';
import { EXIT } from './check.js';
import { setupFiles, type Setup } from './setup.js';
import { printError, wantsColor, type Terminal } from './terminal.js';
import { londonDate } from './today.js';

export const EXIT_INTERRUPTED = 130;

export interface InitOptions {
  answers?: string;
  output?: string;
  force?: boolean;
  fix?: string;
  /** Go on from the answers kept when a run of init was stopped. */
  resume?: boolean;
}

/** Where init keeps the answers as they are given, for `init --resume` after Ctrl-C: beside the charter it will write. */
export function recoveryPath(cwd: string, output: string | undefined): string {
  return resolve(cwd, `${output ?? 'charter.yaml'}.answers-so-far.yaml`);
}

/** `prompter` is for tests that play the person at the terminal. */
export async function runInit(options: InitOptions, setup: Setup, terminal: Terminal, givenPrompter?: Prompter): Promise<number> {
  let prompter: Prompter;
  // An answers file's own data: what no question asks (waivers, x- fields) is kept from it.
  let given: unknown;
  if (givenPrompter) {
    prompter = givenPrompter;
  } else if (options.answers) {
    const read = await terminal.files.readText(resolve(terminal.cwd, options.answers));
    if (!read.ok) return fail(terminal, `${options.answers}: ${read.message}`);
    const parsed = parseYaml(read.text);
    if (!parsed.ok) return fail(terminal, `${options.answers}:${parsed.problem.line ?? 1}:${parsed.problem.column ?? 1}: ${parsed.problem.message}`);
    // A list or a lone value answers nothing: taken as given it would write an empty charter.
    if (!isRecord(parsed.value.data)) return fail(terminal, `${options.answers}: the answers must be a mapping of the charter's fields (title: ..., partners: ...); this file holds ${kindOfData(parsed.value.data)}`);
    prompter = new AnswersPrompter(parsed.value.data); // scripts want no narration
    given = parsed.value.data;
  } else if (!terminal.stdinIsTTY) {
    return fail(terminal, `${options.fix ? 'fix' : 'init'} asks questions and needs a terminal; to run without one, give the answers in a file: --answers answers.yaml`);
  } else {
    const hasEditor = Boolean(terminal.env['VISUAL'] || terminal.env['EDITOR']);
    prompter = new TerminalPrompter(terminal.stdout, { color: wantsColor(terminal), hasEditor, columns: terminal.stdoutColumns });
  }
  const schemas = loadSchemas();
  const shape = charterShape(schemas.charter as Record<string, unknown>, setup.criteria, schemas.defs as Record<string, unknown>);
  // Answers typed at the terminal are kept as they are given (an answers file keeps its own).
  const recovery = options.fix || options.answers ? undefined : { path: recoveryPath(terminal.cwd, options.output), written: false };
  try {
    return options.fix ? await fixCharter(options.fix, shape, prompter, setup, terminal, options) : await writeNewCharter(shape, prompter, setup, terminal, options, given, recovery);
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      const resume = `partner-check init --resume${options.output ? ` -o ${options.output}` : ''}`;
      terminal.stderr(recovery?.written ? `\npartner-check: cancelled; your answers so far are kept in ${relative(terminal.cwd, recovery.path)}; go on with: ${resume}\n` : '\npartner-check: cancelled; nothing was written\n');
      return EXIT_INTERRUPTED;
    }
    throw error;
  }
}

/**
 * Where editors find the charter schema: the repository's copy, or the copy in the partner-check
 * that wrote the charter, as a path relative to the charter's folder, so that it resolves with no
 * network (the package is not on the registry, so a registry URL would not). On another drive the
 * path is absolute.
 */
export function charterSchemaRef(charterFile: string, schemaFile: string): string {
  const path = relative(dirname(charterFile), schemaFile);
  return isAbsolute(path) ? path : path.split(sep).join('/');
}

/** The charter's $schema: the repository's own copy (schema --write) when there is one above the charter, else this partner-check's. */
async function schemaRefFor(charterFile: string, terminal: Terminal): Promise<string> {
  const copy = await findSchemaCopy(dirname(charterFile), terminal.files);
  return charterSchemaRef(charterFile, copy ?? packagePath(`schemas/${CHARTER_SCHEMA_FILE}`));
}

async function writeNewCharter(shape: Shape, prompter: Prompter, setup: Setup, terminal: Terminal, options: InitOptions, given: unknown, recovery?: { path: string; written: boolean }): Promise<number> {
  let answers: Record<string, unknown> | undefined;
  if (options.resume) {
    const kept = recovery ? await terminal.files.readText(recovery.path) : null;
    if (!kept?.ok) return fail(terminal, `no answers to go on from: ${recovery ? relative(terminal.cwd, recovery.path) : 'an answers file'} ${kept ? 'cannot be read' : 'is not kept with --answers'}`);
    const parsed = parseYaml(kept.text);
    if (!parsed.ok || !isRecord(parsed.value.data)) return fail(terminal, `${relative(terminal.cwd, recovery!.path)} does not hold answers to go on from`);
    answers = parsed.value.data;
    recovery!.written = true;
  }
  prompter.say('A partnership charter, section by section: first the project, then what every gate needs, then each area. Leave an answer blank to skip it (what a gate needs takes ? when it is not known yet); partner-check will list it as a gap. To go back to the question before, choose ‹ Back (the last entry of every list, yes or no too) or type < where an answer is typed. After each section you can save what you have and stop.');
  const charterOf = (answers: Record<string, unknown> | undefined) => ({ charter: 1, ...answers, ...notAsked(given, shape), updated: londonDate(terminal.now()) });
  const sections = charterSections(shape, setup.criteria.areas, areaTitle);
  const context = { ...askContext(shape, answers), correctable: true };
  if (recovery) {
    context.onAnswer = async (doc) => {
      try {
        await terminal.files.write(recovery.path, `# The answers partner-check init was given so far. Go on with: partner-check init --resume\n${stringify(doc, { lineWidth: 0 })}`);
        recovery.written = true;
      } catch {
        // Keeping the answers is a help, not a condition: the questions go on.
      }
    };
  }
  // A section with nothing left to ask is passed over, with no stop before it.
  const hasQuestions = (section: (typeof sections)[number]) => wouldAsk(shape, '', answers, section.filter);
  for (const [index, section] of sections.entries()) {
    if (!hasQuestions(section)) continue;
    prompter.say(`\n${section.title}`);
    await askShape(shape, '', prompter, answers, section.filter, context);
    // The charter so far, with any answer corrected by going back.
    answers = Object.keys(context.doc).length > 0 ? (inShapeOrder(shape, structuredClone(context.doc)) as Record<string, unknown>) : undefined;
    const next = sections.slice(index + 1).find(hasQuestions);
    if (!next) break;
    const soFar = reportOf(stringify(charterOf(answers), { lineWidth: 0 }), 'the new charter', setup);
    prompter.say(scoreSoFar(soFar));
    // After the gates' own questions: each gate still failing, and what would close it.
    if (index === GATE_SECTION && soFar) for (const line of failingGates(soFar, shape, setup)) prompter.say(line);
    if (!(await prompter.continueWith(next.title))) break;
  }
  const text = stringify(charterOf(answers), { lineWidth: 0 });
  const withHeader = async (path: string) => `# yaml-language-server: $schema=${await schemaRefFor(resolve(terminal.cwd, path), terminal)}\n# Written by partner-check init. Check it with: npx partner-check ${basename(path)}\n${text}`;
  // The report's line numbers are the saved file's: checked with its header lines.
  const report = reportOf(await withHeader(options.output ?? 'charter.yaml'), 'the new charter', setup);
  terminal.stdout(`\n${await formatReport('stylish', await runOf(report, setup), { color: wantsColor(terminal), width: terminal.stdoutColumns })}\n`);
  const code = await saveText(withHeader, options.output ?? 'charter.yaml', prompter, terminal, options, filesRead(setup, options));
  // Saved: the kept answers are in the charter now.
  if (code === EXIT.pass && recovery?.written) await rm(recovery.path, { force: true });
  return code;
}

/** The files init and fix read, which the charter they write may not replace. */
function filesRead(setup: Setup, options: InitOptions): NamedFile[] {
  return [...(options.answers ? [{ role: 'the answers file', path: options.answers }] : []), ...setupFiles(setup)];
}

/** The place of the gates' section among charterSections. */
const GATE_SECTION = 1;

/** "PC-ABPI-R5 (ABPI red 5) All parties share...: answer Partner 2: commits to" for each failing gate. */
function failingGates(report: CharterReport, shape: Shape, setup: Setup): string[] {
  return report.gates
    .filter((gate) => gate.status === 'fail')
    .map((gate) => {
      const pointers = [...new Set(report.findings.filter((finding) => finding.ruleId === gate.id).map((finding) => finding.pointer))];
      const questions = pointers.map((pointer) => questionAt(shape, pointer)).filter((question): question is string => question !== null);
      const closes = questions.length > 0 ? `answer ${[...new Set(questions)].slice(0, 3).join('; ')}` : 'the report below says what it needs';
      // A gate names its criterion by id: its title and label are the criterion's.
      const criterion = setup.criteria.byId.get(gate.id);
      const label = criterion?.compiledGate?.label;
      return `  ✖ ${gateName({ id: gate.id, ...(label ? { label } : {}) })} ${criterion?.title ?? ''}: ${closes}`;
    });
}

/** The question behind a gap's place: a field's label, a list item's place (Partner 2: commits to), or the list to add to. */
function questionAt(shape: Shape, pointer: string): string | null {
  const found = pointer === '' ? null : findShape(shape, pointer);
  if (!found) return null;
  const item = /\/(\d+)\/([^/]+)$/.exec(pointer);
  if (found.type === 'field') return item ? `${found.field.label} (item ${Number(item[1]) + 1})` : found.field.label;
  return found.label || null;
}

/** The running score a person sees between sections. */
function scoreSoFar(report: CharterReport | null): string {
  if (!report) return '';
  const failed = report.gates.filter((gate) => gate.status === 'fail').length;
  const gates = report.gates.length === 0 ? '' : `; ${failed === 0 ? 'every gate holds' : `${failed} of ${report.gates.length} ${report.gates.length === 1 ? 'gate' : 'gates'} ${failed === 1 ? 'fails' : 'fail'}`}`;
  return `Readiness so far: ${report.score}/100, ${bandLabel(report.band)}${gates}.`;
}

/** What an answers file holds that no question asks (waivers, fields of the user's own criteria), kept as given. */
function notAsked(given: unknown, shape: Shape): Record<string, unknown> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return {};
  const asked = new Set(shape.type === 'object' ? shape.properties.map(([key]) => key) : []);
  return Object.fromEntries(Object.entries(given).filter(([key]) => !asked.has(key) && key !== 'charter' && key !== 'updated'));
}

async function fixCharter(file: string, shape: Shape, prompter: Prompter, setup: Setup, terminal: Terminal, options: InitOptions): Promise<number> {
  const path = resolve(terminal.cwd, file);
  const read = await terminal.files.readText(path);
  if (!read.ok) return fail(terminal, `${file}: ${read.message}`);
  // -o names where the fixed charter goes; the charter itself only when --force says so. Checked
  // before any question, so no answer is typed for nothing.
  const output = options.output;
  const inPlace = output === undefined || (await sameFile(terminal, path, resolve(terminal.cwd, output)));
  if (output !== undefined && inPlace && !options.force) return fail(terminal, `-o ${output} is the charter being fixed; leave out -o to update ${file} in place, or add --force`);
  // Refused before any question too: a charter the user may not write, or a target an input would be.
  const inputs: NamedFile[] = inPlace ? filesRead(setup, options) : [{ role: 'the charter', path }, ...filesRead(setup, options)];
  const refusal = await writeRefusal([{ kind: 'charter', path: inPlace ? path : resolve(terminal.cwd, output), label: inPlace ? file : output }], inputs, terminal.cwd, terminal.files);
  if (refusal) return fail(terminal, `${refusal}; the file is unchanged`);
  const before = reportOf(read.text, file, setup);
  if (!before) return fail(terminal, `${file} cannot be read as a charter; run partner-check ${file} to see why`);
  const { text, answers, leftAlone, askedAbout } = await askGaps(read.text, before, shape, prompter, (text) => reportOf(text, file, setup));
  const after = reportOf(text, file, setup)!;
  // An answer of the wrong kind (a list where text belongs, a date that is not one) is refused
  // before anything is written, and before a readiness it will not reach is printed.
  const wrong = text === read.text ? [] : structureProblemsAt(after, [...answers.keys()]);
  if (wrong.length > 0) {
    const recovery = await saveAnswers(path, answers, options.answers !== undefined, terminal.now());
    return fail(terminal, `${file}: ${wrong.join('; ')}; the file is unchanged${recovery}`);
  }
  terminal.stdout(`\nReadiness ${before.score} → ${after.score}/100 (${formatDelta(Math.round((after.score - before.score) * 10) / 10)})\n`);
  for (const [ruleId, reason] of leftAlone) terminal.stdout(`Not asked or not written (edit by hand): ${ruleId}: ${reason}\n`);
  for (const line of stillFailing(after, askedAbout, setup)) terminal.stdout(`${line}\n`);
  if (text === read.text) {
    terminal.stdout(inPlace ? 'Nothing changed.\n' : `Nothing changed; ${output} was not written.\n`);
    return EXIT.pass;
  }
  if (!inPlace) {
    // The input is left as it is; the fixed text keeps its encoding (a BOM, UTF-16, CRLF).
    const askedWhere = !options.answers && !(await prompter.confirm(`Write the fixed charter to ${output}?`, true));
    return saveText(() => text, askedWhere ? '' : output, prompter, terminal, options, inputs, askedWhere, (fixed) => encodeText(fixed, read.encoding));
  }
  if (!options.answers && !(await prompter.confirm(`Write the changes to ${file}?`, true))) return saveText(() => text, '', prompter, terminal, options, [{ role: 'the charter', path }, ...filesRead(setup, options)]);
  // Someone (or an editor) may have saved the file while the questions were asked.
  const now = await terminal.files.readText(path);
  if (!now.ok || now.text !== read.text || now.encoding.name !== read.encoding.name || now.encoding.bom !== read.encoding.bom) {
    const recovery = await saveAnswers(path, answers, options.answers !== undefined, terminal.now());
    return fail(terminal, `${file} changed while the questions were asked; it was not overwritten${recovery}`);
  }
  try {
    await terminal.files.write(path, encodeText(text, read.encoding));
  } catch (error) {
    const recovery = await saveAnswers(path, answers, options.answers !== undefined, terminal.now());
    return fail(terminal, `cannot write ${file}: ${describeWriteError(error)}${recovery}`);
  }
  printError(terminal, `updated ${file}`);
  return EXIT.pass;
}

/** Each gate that still fails though its questions were asked, with what it still lacks. */
function stillFailing(after: CharterReport, askedAbout: Set<string>, setup: Setup): string[] {
  return after.gates
    .filter((gate) => gate.status === 'fail')
    .flatMap((gate) => {
      const open = after.findings.filter((finding) => finding.ruleId === gate.id);
      if (!open.some((finding) => askedAbout.has(finding.pointer))) return [];
      const label = setup.criteria.byId.get(gate.id)?.compiledGate?.label;
      return [`Still failing after its questions: gate ${gateName({ id: gate.id, ...(label ? { label } : {}) })}: ${open.map((finding) => finding.message.replace(/\.$/, '')).join('; ')}`];
    });
}

/** Structure problems at the answered fields after the edit: an answer of the wrong type or form. */
function structureProblemsAt(after: CharterReport, answered: string[]): string[] {
  return after.findings
    .filter((finding) => finding.area === 'structure')
    .filter((finding) => answered.some((pointer) => finding.pointer === pointer || finding.pointer.startsWith(`${pointer}/`)))
    .map((finding) => `the answer for ${finding.message.replace(/\.$/, '')}`);
}

/**
 * Keeps the answers typed when they cannot be written: a charter-shaped YAML file beside the
 * charter (or in the temporary folder) that `fix --answers` takes back. Returns words to append
 * to the error, naming the file.
 */
async function saveAnswers(charterPath: string, answers: Map<string, unknown>, fromFile: boolean, now: number): Promise<string> {
  // Answers that came from a file are still in that file.
  if (answers.size === 0 || fromFile) return '';
  const data = {};
  for (const [pointer, value] of answers) withValueAt(data, pointer, value);
  const name = `${basename(charterPath)}.answers-${new Date(now).toISOString().replace(/[:.]/g, '-')}.yaml`;
  const text = `# Answers partner-check fix could not write into ${basename(charterPath)}.\n# Try again with: partner-check fix ${basename(charterPath)} --answers ${name}\n${stringify(data, { lineWidth: 0 })}`;
  for (const folder of [dirname(charterPath), tmpdir()]) {
    try {
      await writeFile(join(folder, name), text, { flag: 'wx' });
      return `; your answers are saved in ${join(folder, name)}`;
    } catch {
      // Try the next folder.
    }
  }
  return '; your answers could not be saved either';
}

/** Never overwrites without asking; a failed save keeps the answers. */
async function saveText(
  textFor: (path: string) => string | Promise<string>,
  suggested: string,
  prompter: Prompter,
  terminal: Terminal,
  options: InitOptions,
  inputs: NamedFile[],
  askWhere = true,
  encode: (text: string) => string | Uint8Array = (text) => text,
): Promise<number> {
  let path = options.answers || !askWhere ? suggested : await prompter.input('Where shall I save the charter?', suggested || 'charter.yaml');
  for (;;) {
    const exists = (await terminal.files.stat(resolve(terminal.cwd, path))) !== null;
    if (exists && !options.force) {
      if (options.answers) return fail(terminal, `${path} already exists; add --force to overwrite it`);
      if (!(await prompter.confirm(`${path} already exists. Overwrite it?`, false))) {
        path = await prompter.input('Save it where instead?', 'charter.new.yaml');
        continue;
      }
    }
    const refusal = await writeRefusal([{ kind: 'charter', path, label: path }], inputs, terminal.cwd, terminal.files);
    if (refusal) {
      if (options.answers) return fail(terminal, refusal);
      printError(terminal, refusal);
      path = await prompter.input('Save it where instead?', 'charter.new.yaml');
      continue;
    }
    try {
      await terminal.files.write(resolve(terminal.cwd, path), encode(await textFor(path)));
      printError(terminal, `wrote ${path}`);
      return EXIT.pass;
    } catch (error) {
      printError(terminal, `cannot write ${path}: ${describeWriteError(error)}`);
      if (options.answers || !(await prompter.confirm('Try another path? (No prints the charter here instead)', true))) {
        terminal.stdout(await textFor(path));
        return EXIT.inputError;
      }
      path = await prompter.input('Save it where instead?', 'charter.yaml');
    }
  }
}

function reportOf(text: string, file: string, setup: Setup): CharterReport | null {
  const result = checkCharter(text, setup.criteria, file, setup.context);
  return result.ok ? result.report : null;
}

/** The new charter's run report, under the config's policy. */
function runOf(report: CharterReport | null, setup: Setup): Promise<RunReport> {
  const inputs = report ? [{ file: report.file, result: { ok: true as const, report } }] : [];
  const settings = { criteria: setup.criteria, policy: resolvePolicy({}, setup.config?.config), context: setup.context };
  return runReportOf(inputs, settings, { tool: { name: 'partner-check', version: '' }, rules: describeRules(setup.criteria) });
}

/** Whether two paths name one file: the same path, or the same file reached another way (a link). */
async function sameFile(terminal: Terminal, a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const [one, other] = await Promise.all([terminal.files.stat(a), terminal.files.stat(b)]);
  return one !== null && other !== null && sameInode(one, other);
}

function kindOfData(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  return `a single value (${JSON.stringify(data).slice(0, 40)})`;
}

function fail(terminal: Terminal, message: string): number {
  printError(terminal, message);
  return EXIT.inputError;
}
