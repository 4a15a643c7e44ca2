// The questions, derived from data: the charter schema says what each field is (text, date,
// choice, list...), and the criteria say why it matters (advice) and how to ask (question).
// A new criterion, or a new field in the schema, brings its question with it.
import type { CriteriaSet } from '../core/criteria.js';
import { pointerSegments } from '../core/pointer.js';

/** `money`: a number of pounds (the schema's description says so), typed as £250,000 or 250k. */
/** `choiceList`: several of a list of allowed values (a partner's stages: development, implementation, delivery). */
export type FieldKind = 'text' | 'longtext' | 'number' | 'money' | 'boolean' | 'date' | 'choice' | 'choiceList' | 'textList' | 'email' | 'uri';

export interface Field {
  /** JSON Pointer with `*` standing for any list item (partners, any item, lead, name). */
  pattern: string;
  kind: FieldKind;
  label: string;
  choices?: string[];
  /** What the schema says the field is: shown with the question, so two alike labels (Published summary, Summary published) read apart. */
  description?: string;
  /** How to ask, from the criterion that needs this field, when it has one question for it. */
  question?: string;
  /** Why it matters: the advice of the criterion that needs it. */
  why?: string;
  /** The area of the first criterion that needs it; none when no criterion does. */
  area?: string;
  /** A gate needs it: the charter cannot pass without it. */
  gate?: boolean;
  /**
   * An id the questionnaire makes (G1, G2...) rather than asks: the prefix the schema's description
   * shows ("A short id (G1, G2...)").
   */
  idPrefix?: string;
  /**
   * A reference to what the charter holds elsewhere, chosen from a list of it: the pattern of the
   * values it names (goals, any item, id), and whether an answer outside the list is allowed (a funder who
   * is not a partner).
   */
  refersTo?: { pattern: string; open: boolean };
  /** A number's bounds from the schema: its `minimum`, and whether it must be whole (`type: integer`). */
  minimum?: number;
  integer?: boolean;
  /** The schema takes a number or text (a baseline: 1180, or 31%): a number typed is kept as a number. */
  numberOrText?: boolean;
  /** Its answer decides which criteria apply (patient data shared, a company among the partners): it has no default and cannot be skipped. */
  decides?: boolean;
}

export type Shape =
  | { type: 'field'; field: Field }
  | { type: 'object'; pattern: string; label: string; properties: [string, Shape][] }
  /** `gate`: a gate looks through the list (who the stakeholders are), beyond the fields it requires. */
  | { type: 'list'; pattern: string; label: string; noun: string; item: Shape; gate?: boolean };

type Schema = Record<string, unknown>;

/** Fields the questionnaire fills in itself or leaves to the user's editor. */
const NOT_ASKED = new Set(['/charter', '/updated', '/waivers']);
const LONG_TEXT = new Set(['/summary']);
const NOUNS: Record<string, string> = { people: 'role', funding: 'funding source', priorities: 'priority', in_kind: 'contribution in kind' };

export function charterShape(charterSchema: Schema, criteria: CriteriaSet, criteriaDefs: Schema = {}): Shape {
  const defs = (charterSchema['$defs'] ?? {}) as Record<string, Schema>;
  const hints = criteriaHints(criteria);
  const deciding = decidingFields(criteria, criteriaDefs);
  const readByGates = gateReads(criteria, criteriaDefs);
  const deref = (schema: Schema): Schema => {
    const ref = schema['$ref'];
    return typeof ref === 'string' ? { ...defs[ref.replace('#/$defs/', '')], ...schema, $ref: undefined } : schema;
  };

  const walk = (schema: Schema, pattern: string, label: string): Shape => {
    const resolved = deref(schema);
    const properties = resolved['properties'] as Record<string, Schema> | undefined;
    if (resolved['type'] === 'object' && properties) {
      const entries = Object.entries(properties)
        .filter(([key]) => !NOT_ASKED.has(`${pattern}/${key}`))
        .map(([key, child]) => [key, walk(child, `${pattern}/${key}`, label ? `${label} › ${humanise(key)}` : humanise(key))] as [string, Shape]);
      return { type: 'object', pattern, label, properties: entries };
    }
    const items = resolved['items'] as Schema | undefined;
    if (resolved['type'] === 'array' && items && deref(items)['type'] === 'object') {
      const key = pattern.split('/').pop()!;
      return { type: 'list', pattern, label, noun: NOUNS[key] ?? key.replace(/s$/, ''), item: walk(items, `${pattern}/*`, label), ...(readByGates.has(pattern) ? { gate: true } : {}) };
    }
    // A field a gate's check reads is a gate question too, explained by that gate's advice.
    const field: Field = { pattern, kind: kindOf(resolved, pattern), label, ...readByGates.get(pattern), ...hints.get(pattern), ...(deciding.has(pattern) ? { decides: true } : {}) };
    if (readByGates.has(pattern)) field.gate = true;
    if (Array.isArray(resolved['enum'])) field.choices = resolved['enum'] as string[];
    const itemChoices = (resolved['items'] as Schema | undefined)?.['enum'];
    if (field.kind === 'choiceList' && Array.isArray(itemChoices)) field.choices = itemChoices as string[];
    if (typeof resolved['minimum'] === 'number') field.minimum = resolved['minimum'];
    const description = typeof resolved['description'] === 'string' ? resolved['description'] : '';
    const idPrefix = /^A short id \(([A-Za-z]+)1, \1 ?2/.exec(description);
    if (idPrefix && field.kind === 'text') field.idPrefix = idPrefix[1]!;
    if (description) field.description = description;
    const reference = referenceIn(description, listPatterns(charterSchema));
    if (reference && field.kind === 'text') field.refersTo = reference;
    if (resolved['type'] === 'integer') field.integer = true;
    const types = resolved['type'];
    if (Array.isArray(types) && types.includes('number') && types.includes('string')) field.numberOrText = true;
    return { type: 'field', field };
  };

  const root = walk(charterSchema, '', '');
  // Fields that only user criteria know (keys starting with x-) are asked as text at the end.
  if (root.type === 'object') {
    for (const [pattern, hint] of hints) {
      if (/^\/x-[^/]+$/.test(pattern)) root.properties.push([pattern.slice(1), { type: 'field', field: { pattern, kind: 'text', label: humanise(pattern.slice(3)), ...hint } }]);
    }
  }
  return root;
}

function kindOf(schema: Schema, pattern: string): FieldKind {
  if (Array.isArray(schema['enum'])) return 'choice';
  if (schema['format'] === 'date') return 'date';
  if (schema['format'] === 'email') return 'email';
  if (schema['format'] === 'uri') return 'uri';
  if (schema['type'] === 'boolean') return 'boolean';
  if (schema['type'] === 'number' && /\bin pounds\b/i.test(typeof schema['description'] === 'string' ? schema['description'] : '')) return 'money';
  if (schema['type'] === 'number' || schema['type'] === 'integer') return 'number';
  if (schema['type'] === 'array') return Array.isArray((schema['items'] as Schema | undefined)?.['enum']) ? 'choiceList' : 'textList';
  return LONG_TEXT.has(pattern) ? 'longtext' : 'text';
}

type Hint = Pick<Field, 'why' | 'question' | 'area' | 'gate'>;

/** For each field a criterion requires: its advice and area, whether a gate needs it, and its question when it asks about one field. */
function criteriaHints(criteria: CriteriaSet): Map<string, Hint> {
  const hints = new Map<string, Hint>();
  for (const criterion of criteria.criteria) {
    const required = criterion.checks.filter((check) => check.require).map((check) => check.require!);
    for (const pattern of required) {
      const known = hints.get(pattern);
      if (known) {
        if (criterion.gate) known.gate = true;
        continue;
      }
      hints.set(pattern, {
        why: criterion.advice,
        area: criterion.area,
        ...(criterion.gate ? { gate: true } : {}),
        ...(criterion.question && required.length === 1 ? { question: criterion.question } : {}),
      });
    }
  }
  return hints;
}

/**
 * The fields the criteria's conditions read (`applies_when`, a gate's `applies_when`), as
 * patterns: /information/patient_data, /partners/<any>/type. Their answers decide what is checked.
 */
function decidingFields(criteria: CriteriaSet, criteriaDefs: Schema): Set<string> {
  const found = new Set<string>();
  for (const criterion of criteria.criteria) {
    schemaReads(criterion.applies_when, criteriaDefs, found);
    if (typeof criterion.gate === 'object') schemaReads(criterion.gate.applies_when, criteriaDefs, found);
  }
  return found;
}

/**
 * What the gates read besides the fields they require: the lists a gate looks through (stakeholders,
 * for secondary care) and the fields its checks look at (a partner's stages, an outcome's kind), each
 * with the advice of the first gate that reads it.
 */
function gateReads(criteria: CriteriaSet, criteriaDefs: Schema): Map<string, Hint> {
  const reads = new Map<string, Hint>();
  for (const criterion of criteria.criteria) {
    if (!criterion.gate) continue;
    const found = new Set<string>();
    // A check's schema reads the whole charter, or the value its `require` names (each partner).
    for (const check of criterion.checks) schemaReads(check.schema, criteriaDefs, found, check.require ?? '');
    for (const pattern of found) if (!reads.has(pattern)) reads.set(pattern, { why: criterion.advice, area: criterion.area, gate: true });
  }
  return reads;
}

/** Adds to `found` the pointer pattern of every part of the charter `schema` looks at (lists as `*`). */
function schemaReads(schema: unknown, criteriaDefs: Schema, found: Set<string>, at = ''): void {
  const defs = (criteriaDefs['$defs'] ?? {}) as Record<string, Schema>;
  const seen = new Set<unknown>();
  const walk = (node: unknown, pattern: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const part = node as Schema;
    if (pattern !== '') found.add(pattern);
    const ref = part['$ref'];
    if (typeof ref === 'string') walk(defs[ref.replace(/^.*#\/\$defs\//, '')], pattern);
    for (const [key, child] of Object.entries((part['properties'] ?? {}) as Record<string, unknown>)) walk(child, `${pattern}/${key}`);
    for (const key of ['items', 'contains']) walk(part[key], `${pattern}/*`);
    for (const key of ['allOf', 'anyOf', 'oneOf']) for (const child of (part[key] ?? []) as unknown[]) walk(child, pattern);
    for (const key of ['not', 'if', 'then', 'else']) walk(part[key], pattern);
    for (const key of (part['required'] ?? []) as unknown[]) if (typeof key === 'string') found.add(`${pattern}/${key}`);
  };
  walk(schema, at);
}
/** The patterns of the lists of objects in the schema, by their noun: goal: goals, any item; partner: partners, any item. */
function listPatterns(charterSchema: Schema): Map<string, string> {
  const lists = new Map<string, string>();
  const properties = (charterSchema['properties'] ?? {}) as Record<string, Schema>;
  for (const [key, child] of Object.entries(properties)) if (child['type'] === 'array') lists.set(key.replace(/s$/, ''), `/${key}/*`);
  return lists;
}

/**
 * What a field's description says it names: "The id of the goal this outcome measures" →
 * a goal's id, from the list only; "The partner giving the money" → a partner's name, or another.
 */
function referenceIn(description: string, lists: Map<string, string>): Field['refersTo'] | null {
  const id = /^The id of the (\w+)\b/.exec(description);
  if (id && lists.has(id[1]!)) return { pattern: `${lists.get(id[1]!)}/id`, open: false };
  const named = /^The (\w+) (giving|providing)\b/.exec(description);
  if (named && lists.has(named[1]!)) return { pattern: `${lists.get(named[1]!)}/name`, open: true };
  return null;
}

/** Abbreviations a key uses, as a person reads them: spelled out the first time, in capitals. */
const WORDS: Record<string, string> = {
  nhs: 'NHS',
  dpia: 'DPIA (data protection impact assessment)',
  fte: 'FTE (whole-time equivalents)',
  id: 'ID',
  abpi: 'ABPI',
  icb: 'ICB',
  aka: 'Other names',
};

/** A key as a label: words, its abbreviations spelled out (fte → FTE (whole-time equivalents)), the first letter a capital. */
export function humanise(key: string): string {
  const words = key.split('_').map((word) => WORDS[word.toLowerCase()] ?? word).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The shape whose pattern matches a concrete pointer: /outcomes/1/by matches the outcomes item pattern. */
export function findShape(root: Shape, pointer: string): Shape | null {
  let shape: Shape = root;
  for (const segment of pointerSegments(pointer)) {
    if (shape.type === 'object') {
      const next = shape.properties.find(([key]) => key === segment);
      if (!next) return null;
      shape = next[1];
    } else if (shape.type === 'list' && /^\d+$/.test(segment)) {
      shape = shape.item;
    } else {
      return null;
    }
  }
  return shape;
}
