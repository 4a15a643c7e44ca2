// The questions, derived from data: the charter schema says what each field is (text, date,
// choice, list...), and the criteria say why it matters (advice) and how to ask (question).
// A new criterion, or a new field in the schema, brings its question with it.
import type { CriteriaSet } from '../core/criteria.js';

export type FieldKind = 'text' | 'longtext' | 'number' | 'boolean' | 'date' | 'choice' | 'textList' | 'email' | 'uri';

export interface Field {
  /** JSON Pointer with `*` standing for any list item (partners, any item, lead, name). */
  pattern: string;
  kind: FieldKind;
  label: string;
  choices?: string[];
  /** How to ask, from the criterion that needs this field, when it has one question for it. */
  question?: string;
  /** Why it matters: the advice of the criterion that needs it. */
  why?: string;
}

export type Shape =
  | { type: 'field'; field: Field }
  | { type: 'object'; pattern: string; label: string; properties: [string, Shape][] }
  | { type: 'list'; pattern: string; label: string; noun: string; item: Shape };

type Schema = Record<string, unknown>;

/** Fields the questionnaire fills in itself or leaves to the user's editor. */
const NOT_ASKED = new Set(['/charter', '/updated', '/waivers']);
const LONG_TEXT = new Set(['/summary']);
const NOUNS: Record<string, string> = { people: 'role', funding: 'funding source', priorities: 'priority' };

export function charterShape(charterSchema: Schema, criteria: CriteriaSet): Shape {
  const defs = (charterSchema['$defs'] ?? {}) as Record<string, Schema>;
  const hints = criteriaHints(criteria);
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
      return { type: 'list', pattern, label, noun: NOUNS[key] ?? key.replace(/s$/, ''), item: walk(items, `${pattern}/*`, label) };
    }
    const field: Field = { pattern, kind: kindOf(resolved, pattern), label, ...hints.get(pattern) };
    if (Array.isArray(resolved['enum'])) field.choices = resolved['enum'] as string[];
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
  if (schema['type'] === 'number' || schema['type'] === 'integer') return 'number';
  if (schema['type'] === 'array') return 'textList';
  return LONG_TEXT.has(pattern) ? 'longtext' : 'text';
}

/** For each field a criterion requires: its advice, and its question when it asks about one field. */
function criteriaHints(criteria: CriteriaSet): Map<string, { why?: string; question?: string }> {
  const hints = new Map<string, { why?: string; question?: string }>();
  for (const criterion of criteria.criteria) {
    const required = criterion.checks.filter((check) => check.require).map((check) => check.require!);
    for (const pattern of required) {
      if (hints.has(pattern)) continue;
      hints.set(pattern, { why: criterion.advice, ...(criterion.question && required.length === 1 ? { question: criterion.question } : {}) });
    }
  }
  return hints;
}

function humanise(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The shape whose pattern matches a concrete pointer: /outcomes/1/by matches the outcomes item pattern. */
export function findShape(root: Shape, pointer: string): Shape | null {
  let shape: Shape = root;
  for (const segment of pointer.split('/').slice(1)) {
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
