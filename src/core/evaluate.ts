// Charter data + criteria → per-criterion results and located findings. Pure.
import type { ErrorObject } from 'ajv';
import { WEIGHT_SEVERITY, type CompiledCheck, type CriteriaSet, type Criterion } from './criteria.js';
import { isRecord } from './is-record.js';
import { pcInMatches, type CheckContext, type InexactMatch, type PcInOptions } from './keywords.js';
import type { ParsedYaml } from './parse.js';
import { joinPointer, parentPointer, pointerSegments, valueAtPointer } from './pointer.js';
import type { CriterionResult, Finding, Note, Waiver } from './report.js';
import { FINDINGS_LIMIT, FINDINGS_PER_RULE, STRUCTURE_RULES, describeSchemaError, structureFinding } from './structure.js';
import { readableCharter, saysNothing } from './placeholders.js';

export const WAIVER_REASONS = ['not-applicable', 'accepted-risk', 'planned', 'other'] as const;

export interface Evaluation {
  results: CriterionResult[];
  findings: Finding[];
}

/** `text` is the charter's source, so that a quoted sentence is placed on its own line within a block of text. */
export function evaluateCharter(parsed: ParsedYaml, set: CriteriaSet, context: CheckContext = {}, text?: string): Evaluation {
  const findings: Finding[] = structureFindings(parsed, set);
  // Past a limit, problems still count (into each criterion's result), but are no longer described:
  // the charter's shape lists at most FINDINGS_LIMIT, each criterion at most FINDINGS_PER_RULE, so
  // that every criterion that fails is still shown with its first gaps.
  const structureCut = findings.length > FINDINGS_LIMIT;
  findings.length = Math.min(findings.length, FINDINGS_LIMIT);
  const criteriaCut: string[] = [];
  // Validators read today's date and the criteria's signals from the context they are called with.
  const checkContext: CheckContext = { ...context, signals: set.signals };
  // Criteria read the charter's text as a reader sees it, once normalised, with what says nothing
  // (blank, or a placeholder: TBC, see above...) taken out: it counts as empty.
  const { data, placeholders } = readableCharter(parsed.data, (text) => set.isPlaceholder(text) === true);
  const waivers = readWaivers(parsed, set, data, findings, checkContext);
  const results = set.criteria.map((criterion) => {
    const gate = isGateFor(criterion, data, checkContext);
    const waiver = waivers.get(criterion.id);
    if (waiver) return result(criterion, 'waived', 0, 0, gate, waiver);
    if (criterion.appliesWhen && !criterion.appliesWhen.call(checkContext, data)) return result(criterion, 'not-applicable', 0, 0, false);

    let passed = 0;
    let total = 0;
    // A criterion made only of penalty checks that found nothing holds: it applies, and passes.
    let penaltiesHeld = 0;
    // A gap said once: a check pointed elsewhere (`at`) can fail for many items at one place, and
    // the checks that read a missing list's items all fail at it.
    const said = new Set<string>();
    const notes: Note[] = [];
    let listed = 0;
    for (const check of criterion.compiledChecks) {
      if (check.when && !check.when.call(checkContext, data)) continue;
      const holds = check.validate.call(checkContext, data);
      if (check.note) {
        if (!holds && notes.length < FINDINGS_PER_RULE) notes.push(...notesOf(check, parsed, data, placeholders).slice(0, FINDINGS_PER_RULE - notes.length));
        continue;
      }
      if (check.penalty && holds) {
        penaltiesHeld += 1;
        continue;
      }
      total += 1;
      if (holds) {
        passed += 1;
        continue;
      }
      // Past the limit the gap counts, but is not described: no error of it is read.
      if (listed >= FINDINGS_PER_RULE) {
        criteriaCut.push(criterion.id);
        continue;
      }
      // A list the check reads the items of, missing or empty: its gap is at the list, about the list.
      const list = missingList(check.list, data);
      for (const { pointer, evidence } of gapPointers(check.validate.errors ?? [], check.pointer)) {
        if (listed >= FINDINGS_PER_RULE) {
          criteriaCut.push(criterion.id);
          break;
        }
        let place = parsed.locate(list ?? fixPlace(check.at, pointer, data));
        const quote = evidence ?? (check.message.includes('{evidence}') ? evidenceAt(pointer, data, check.signals, set) : null);
        // The sentence quoted is where the author will change it: its own line, within a block of text.
        if (quote !== null && text !== undefined && check.at === undefined) place = sentencePlace(text, place, quote);
        const message =
          list === undefined ? fillMessage(check.message, pointer, data, placeholders, quote) : fillMessage(listMessage(list), placeholderFor(list, placeholders), data, placeholders, null);
        const gap = `${place.line}:${place.column} ${message}`;
        // A missing list is said already when this criterion has a gap at it or at the missing field above it.
        const missing = `${place.line}:${place.column} ${missingFrom(pointer, data)}`;
        if (said.has(gap) || (list !== undefined && said.has(missing))) continue;
        said.add(gap).add(missing);
        listed += 1;
        findings.push({
          ruleId: criterion.id,
          area: criterion.area,
          severity: gate ? 'error' : (criterion.severity ?? WEIGHT_SEVERITY[criterion.weight]),
          weight: criterion.weight,
          gate,
          message,
          pointer,
          line: place.line,
          column: place.column,
        });
      }
    }
    const entry =
      total === 0
        ? penaltiesHeld > 0
          ? result(criterion, 'pass', penaltiesHeld, penaltiesHeld, gate)
          : result(criterion, 'not-applicable', 0, 0, false)
        : result(criterion, passed === total ? 'pass' : passed === 0 ? 'fail' : 'partial', passed, total, gate);
    if (notes.length > 0) entry.notes = notes;
    return entry;
  });
  const grouped = (limit: number) => String(limit).replace(/\B(?=(\d{3})+$)/g, ',');
  if (structureCut) findings.push({ ...structureFinding(STRUCTURE_RULES.limit, STRUCTURE_RULES.limit.messages.more(grouped(FINDINGS_LIMIT)), ''), ...parsed.locate('') });
  if (criteriaCut.length > 0) {
    const ids = [...new Set(criteriaCut)];
    findings.push({ ...structureFinding(STRUCTURE_RULES.limit, STRUCTURE_RULES.limit.messages.perRule(grouped(FINDINGS_PER_RULE), ids.join(', ')), ''), ...parsed.locate('') });
  }
  return { results, findings };
}

/** The list's pointer when the charter has no item in it (missing, empty, or only placeholders). */
function missingList(list: string | undefined, data: unknown): string | undefined {
  if (list === undefined) return undefined;
  const items = valueAtPointer(data, list);
  return Array.isArray(items) && items.some((item) => item !== null) ? undefined : list;
}

/** `No outcomes are listed (outcomes).`, `No milestones are listed (plan.milestones).` */
function listMessage(list: string): string {
  const segments = pointerSegments(list);
  const noun = (segments.at(-1) ?? 'items').replace(/_/g, ' ');
  return `No ${noun} ${/s$|^people$/.test(noun) ? 'are' : 'is'} listed (${segments.join('.')}).`;
}

/** Where a placeholder made the list empty (`outcomes: TBC`, `plan: TBC`, `outcomes: [TBC]`), if one did; else the list. */
function placeholderFor(list: string, placeholders: Map<string, string>): string {
  for (let at = list; at !== ''; at = parentPointer(at)) if (placeholders.has(at)) return at;
  return placeholders.has(joinPointer(list, 0)) ? joinPointer(list, 0) : list;
}

/** The outermost missing field on the way to `pointer` (/plan for /plan/milestones when there is no plan), else `pointer`. */
function missingFrom(pointer: string, data: unknown): string {
  let at = '';
  for (const segment of pointerSegments(pointer)) {
    at = joinPointer(at, segment);
    if (valueAtPointer(data, at) === undefined) return at;
  }
  return pointer;
}

/**
 * Where a gap is fixed: the check's `at` (the first of its places that exists), else the value at
 * fault. A place such as `1/contribution` is relative to the value at fault (up one level, then
 * down), as Relative JSON Pointers are: a partner's token share points at its contribution.
 */
function fixPlace(at: string[] | undefined, pointer: string, data: unknown): string {
  if (!at) return pointer;
  const places = at.map((place) => resolvePlace(place, pointer));
  return places.find((candidate) => valueAtPointer(data, candidate) !== undefined) ?? (at.some((place) => /^\d/.test(place)) ? pointer : places[0]!);
}

function resolvePlace(place: string, pointer: string): string {
  const relative = /^(\d+)(.*)$/.exec(place);
  if (!relative) return place;
  const segments = pointer.split('/');
  return segments.slice(0, Math.max(1, segments.length - Number(relative[1]))).join('/') + relative[2]!;
}

function isGateFor(criterion: Criterion, data: unknown, context: CheckContext): boolean {
  const gate = criterion.compiledGate;
  return gate !== null && (gate.appliesWhen === null || gate.appliesWhen.call(context, data) === true);
}

/** A note check's lines: where it failed, what the criterion took as read. */
function notesOf(check: CompiledCheck, parsed: ParsedYaml, data: unknown, placeholders: Map<string, string>): Note[] {
  return gapPointers(check.validate.errors ?? [], check.pointer).map(({ pointer }) => {
    let message = fillMessage(check.message, pointer, data, placeholders, null);
    if (check.nameMatch) message = message.replaceAll('{match}', () => describeMatches(check.nameMatch!, pointer, data));
    const place = fixPlace(check.at, pointer, data);
    return { message, pointer: place, ...parsed.locate(place) };
  });
}

/** How a name was found in a list: "'GSK' (initials)", "'Breathe Well' (its other name)". */
function describeMatches(options: PcInOptions, pointer: string, data: unknown): string {
  const parent = valueAtPointer(data, parentPointer(pointer));
  const found = pcInMatches(options, valueAtPointer(data, pointer), data, parent);
  return found.map((match) => `'${match.name}' (${MATCH_WORDS[match.how]}${match.aka ? `, by its other name '${match.aka}'` : ''})`).join(' and ') || 'another name';
}

const MATCH_WORDS: Record<InexactMatch['how'], string> = {
  spelling: 'spelt otherwise',
  parentheses: 'without its part in brackets',
  suffix: 'without its legal form',
  initials: 'by its initials',
  words: 'with words left out',
  aka: 'as listed under aka',
};

/**
 * Where a quoted sentence starts in the source, from the value's own place on: its first words,
 * however the block wraps them. The value's place when they cannot be found (a sentence the
 * source writes otherwise, with escapes, say).
 */
function sentencePlace(text: string, place: { line: number; column: number }, sentence: string): { line: number; column: number } {
  const words = sentence.toLowerCase().match(/[a-z0-9£]+/g)?.slice(0, 3);
  if (!words) return place;
  let start = 0;
  for (let line = 1; line < place.line; line += 1) {
    const next = text.indexOf('\n', start);
    if (next === -1) return place;
    start = next + 1;
  }
  start += place.column - 1;
  const pattern = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^a-z0-9£]+'), 'i');
  // Only as far as the value can reach: a block of text is seldom longer than a few hundred lines.
  const window = text.slice(start, start + 40_000);
  const found = pattern.exec(window);
  if (!found) return place;
  const before = window.slice(0, found.index);
  const newlines = before.split('\n').length - 1;
  return newlines === 0 ? { line: place.line, column: place.column + found.index } : { line: place.line + newlines, column: found.index - before.lastIndexOf('\n') };
}

/** The sentence of the text at `pointer` that shows one of the check's signals, if any. */
function evidenceAt(pointer: string, data: unknown, signals: string[], set: CriteriaSet): string | null {
  const value = valueAtPointer(data, pointer);
  if (typeof value !== 'string') return null;
  for (const name of signals) {
    const found = set.signals.get(name)?.evidence(value);
    if (found) return found;
  }
  return null;
}

function result(
  criterion: Criterion,
  status: CriterionResult['status'],
  passed: number,
  total: number,
  gate: boolean,
  waiver?: Waiver,
): CriterionResult {
  const applicable = status !== 'waived' && status !== 'not-applicable';
  // Field by field, in the report's key order: object spreads here were a sixth of the evaluation.
  // The criterion's title, area, weight and gate label are its rule's, in the run's `rules`.
  const entry: CriterionResult = { id: criterion.id, status, gate } as CriterionResult;
  entry.credit = applicable && total > 0 ? passed / total : null;
  entry.checks = { passed, total: total > 0 ? total : criterion.compiledChecks.length };
  if (waiver) entry.waiver = waiver;
  return entry;
}

/**
 * A check's message with its blanks filled in: `{value}` is the value at fault ("not stated" when
 * missing), `{item}` the name of the list item it sits in (the partner, the outcome), or its place. A value
 * taken out as a placeholder is named as one.
 */
function fillMessage(message: string, pointer: string, data: unknown, placeholders: Map<string, string>, evidence: string | null): string {
  const placeholder = placeholders.get(pointer);
  const filled = message
    .replaceAll('{evidence}', () => {
      // The message says where its own sentence ends.
      return evidence === null ? describeValue(valueAtPointer(data, pointer)) : `'${evidence.replace(/[.;!?]+$/, '')}'`;
    })
    .replaceAll('{value}', () => (placeholder !== undefined ? `'${clip(placeholder)}'` : describeValue(valueAtPointer(data, pointer))))
    .replaceAll('{item}', () => describeItem(enclosingItem(pointer), data));
  return placeholder === undefined ? filled : `${filled} ('${clip(placeholder)}' is a placeholder, which counts as empty)`;
}

/** The pointer of the innermost list item holding `pointer`: /partners/2/commits_to → /partners/2. */
function enclosingItem(pointer: string): string {
  const segments = pointer.split('/');
  for (let index = segments.length - 1; index > 0; index -= 1) {
    if (/^\d+$/.test(segments[index]!)) return segments.slice(0, index + 1).join('/');
  }
  return pointer;
}

/** A list item by its name, or by its place in the list (#2) when it has none: an item is never 'not stated'. */
function describeItem(item: string, data: unknown): string {
  const described = describeValue(valueAtPointer(data, item));
  const index = /\/(\d+)$/.exec(item)?.[1];
  return index !== undefined && (described === 'not stated' || described === 'an entry') ? `#${Number(index) + 1}` : described;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'not stated';
  if (typeof value === 'string') return `'${clip(value)}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const name = value['name'] ?? value['group'] ?? value['id'] ?? value['role'] ?? value['what'] ?? value['from'] ?? value['risk'] ?? value['measure'] ?? value['statement'];
    if (typeof name === 'string' || typeof name === 'number') return `'${clip(String(name))}'`;
  }
  return Array.isArray(value) ? 'a list' : 'an entry';
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Schema errors of the charter's shape: wrong types, unknown keys, bad dates. */
function structureFindings(parsed: ParsedYaml, set: CriteriaSet): Finding[] {
  if (set.validateCharter(parsed.data)) return [];
  // One more than the limit, so that the caller knows there were more.
  return outermostErrors(set.validateCharter.errors ?? []).slice(0, FINDINGS_LIMIT + 1).map((error) => {
    const { pointer, message, target } = describeSchemaError(error, { schema: set.charterSchema, ownKeys: true });
    return { ...structureFinding(STRUCTURE_RULES.format, message, pointer), ...parsed.locate(pointer, target) };
  });
}

/**
 * Valid waivers by criterion id. A waiver naming an unknown criterion, or a gate that cannot be
 * waived (or not that way), becomes a structure finding and lifts nothing.
 */
function readWaivers(parsed: ParsedYaml, set: CriteriaSet, data: unknown, findings: Finding[], context: CheckContext): Map<string, Waiver> {
  const waivers = new Map<string, Waiver>();
  const entries = isRecord(parsed.data) ? parsed.data['waivers'] : undefined;
  if (!Array.isArray(entries)) return waivers;
  entries.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry['criterion'] !== 'string') return;
    const pointer = joinPointer(joinPointer('/waivers', index), 'criterion');
    const refuse = (rule: (typeof STRUCTURE_RULES)[keyof typeof STRUCTURE_RULES], message: string) =>
      findings.push({ ...structureFinding(rule, message, pointer), ...parsed.locate(pointer) });
    const id = entry['criterion'];
    const criterion = set.byId.get(id);
    if (!criterion) return refuse(STRUCTURE_RULES.waiver, STRUCTURE_RULES.waiver.messages.unknown(id));
    const reason = entry['reason'];
    // A waiver without a valid reason does not count; the schema reports what is wrong with it.
    if (!WAIVER_REASONS.includes(reason as (typeof WAIVER_REASONS)[number])) return;
    const written = entry['note'];
    const note = typeof written === 'string' && !saysNothing(written, (normal) => set.isPlaceholder(normal) === true) ? written : null;
    if (isGateFor(criterion, data, context)) {
      const waivable = criterion.compiledGate?.waivable;
      if (!waivable) return refuse(STRUCTURE_RULES.gateWaiver, STRUCTURE_RULES.gateWaiver.messages.never(id));
      if (reason !== waivable || note === null) return refuse(STRUCTURE_RULES.gateWaiver, STRUCTURE_RULES.gateWaiver.messages.only(id, waivable));
    }
    waivers.set(id, { reason: reason as Waiver['reason'], note, ...parsed.locate(pointer) });
  });
  return waivers;
}

/**
 * Where each gap is. ajv reports the inner failures of an anyOf or contains as well as the
 * combinator itself; a reader needs only the outermost. A missing field is located at the field,
 * which the locator turns into its nearest existing parent.
 */
function gapPointers(errors: ErrorObject[], fallback: string): { pointer: string; evidence?: string }[] {
  const gaps = new Map<string, { pointer: string; evidence?: string }>();
  for (const error of outermostErrors(errors)) {
    const pointer = error.keyword === 'required' ? joinPointer(error.instancePath, String(error.params['missingProperty'])) : error.instancePath;
    const evidence = error.keyword === 'forbid' ? String(error.params['evidence']) : undefined;
    if (!gaps.has(pointer)) gaps.set(pointer, evidence === undefined ? { pointer } : { pointer, evidence });
  }
  return gaps.size > 0 ? [...gaps.values()] : [{ pointer: fallback }];
}

function outermostErrors(errors: ErrorObject[]): ErrorObject[] {
  // An `if` error only says "the then-branch failed"; the errors inside say where.
  const located = errors.filter((error) => error.keyword !== 'if');
  // An error is inner when some other error's schema path is a proper prefix of its own: look up
  // each of its path's prefixes, rather than compare every error with every other.
  const paths = new Set(located.map((error) => error.schemaPath));
  return located.filter((error) => {
    for (let cut = error.schemaPath.lastIndexOf('/'); cut > 0; cut = error.schemaPath.lastIndexOf('/', cut - 1)) {
      if (paths.has(error.schemaPath.slice(0, cut))) return false;
    }
    return true;
  });
}
