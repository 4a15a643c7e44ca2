// One configured ajv: JSON Schema 2020-12, every error (a report lists every gap), formats such
// as `date`, `$data` references, and the one keyword JSON Schema lacks for charters: `pcIn`.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, FuncKeywordDefinition } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, $data: true, strict: false, logger: false });
  addFormats(ajv);
  ajv.addKeyword(PC_IN_KEYWORD);
  return ajv;
}

interface PcInOptions {
  /** JSON Pointer, from the charter's root, to a list. */
  array: string;
  /** Compare with this field of each item rather than the item itself. */
  key?: string;
  /** `exact` (default, ignoring case) or `words`: one side's words all appear in the other's. */
  match?: 'exact' | 'words';
}

/**
 * `pcIn: { array: /outcomes, key: goal }` holds when the value equals some item's `goal`.
 * This is how a criterion says "every goal is measured by an outcome" as data: JSON Schema alone
 * cannot look from one part of a document into another.
 */
const PC_IN_KEYWORD: FuncKeywordDefinition = {
  keyword: 'pcIn',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['array'],
    properties: {
      array: { type: 'string', pattern: '^(/[^/]+)+$' },
      key: { type: 'string' },
      match: { enum: ['exact', 'words'] },
    },
    additionalProperties: false,
  },
  errors: false,
  validate(options: PcInOptions, data: unknown, _parent?: AnySchemaObject, context?: DataValidationCxt): boolean {
    if (typeof data !== 'string' && typeof data !== 'number') return false;
    const list = valueAt(context?.rootData, options.array);
    if (!Array.isArray(list)) return false;
    const wanted = normalise(data);
    return list.some((item) => {
      const candidate = options.key === undefined ? item : isRecord(item) ? item[options.key] : undefined;
      if (typeof candidate !== 'string' && typeof candidate !== 'number') return false;
      const other = normalise(candidate);
      return other === wanted || (options.match === 'words' && (wordsWithin(other, wanted) || wordsWithin(wanted, other)));
    });
  },
};

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of pointer.slice(1).split('/')) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalise(value: string | number): string {
  return String(value).trim().toLowerCase().replace(/\s+/g, ' ');
}

/** True when every word of `part` appears, in order and whole, in `whole`. */
function wordsWithin(part: string, whole: string): boolean {
  if (part === '') return false;
  return ` ${whole.replace(/[^a-z0-9]+/g, ' ')} `.includes(` ${part.replace(/[^a-z0-9]+/g, ' ').trim()} `);
}
