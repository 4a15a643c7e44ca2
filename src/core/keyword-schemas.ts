// What the value of each keyword partner-check adds to JSON Schema must be (ajv's `metaSchema`):
// apart from ajv.ts, which loads ajv, so that a criteria file's mistakes can be worded from them
// (strict-schema.ts) without loading it.

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' };
const DATE_POINTER = { anyOf: [POINTER, { const: 'today' }] };
/** The list a value comes from, for names that fit several of its items (keywords.ts). */
const AMONG = { type: 'object', required: ['array', 'key'], properties: { array: POINTER, key: { type: 'string' } }, additionalProperties: false };
const DATE_BOUND = {
  anyOf: [DATE_POINTER, { type: 'object', required: ['pointer'], properties: { pointer: DATE_POINTER, days: { type: 'integer' } }, additionalProperties: false }],
};

/** Each added keyword's metaschema, by keyword. */
export const KEYWORD_SCHEMAS = {
  regexp: {
    anyOf: [{ type: 'string', pattern: '^/.*/[gimsuy]*$' }, { type: 'object', required: ['pattern'], properties: { pattern: { type: 'string' }, flags: { type: 'string' } }, additionalProperties: false }],
  },
  pcIn: {
    type: 'object',
    required: ['array'],
    properties: {
      array: { anyOf: [POINTER, { type: 'array', items: POINTER, minItems: 1 }] },
      key: { type: 'string' },
      match: { enum: ['exact', 'words'] },
      where: { type: 'object' },
      aka: { type: 'string' },
      among: AMONG,
      exactly: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  pcDate: {
    type: 'object',
    minProperties: 1,
    properties: { after: DATE_BOUND, notBefore: DATE_BOUND, before: DATE_BOUND, notAfter: DATE_BOUND },
    additionalProperties: false,
  },
  pcSays: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
  pcDiffers: { type: 'string', minLength: 1 },
  pcNotPartOf: {
    type: 'object',
    required: ['array', 'key'],
    properties: { array: POINTER, key: { type: 'string' } },
    additionalProperties: false,
  },
  pcShare: {
    type: 'object',
    required: ['lines', 'key', 'amount', 'min'],
    properties: {
      lines: { type: 'array', items: POINTER, minItems: 1 },
      key: { type: 'string' },
      amount: { type: 'array', items: { type: 'string' }, minItems: 1 },
      min: { type: 'number', minimum: 0, maximum: 1 },
      staff: {
        type: 'object',
        required: ['lines', 'fte', 'min'],
        properties: { lines: POINTER, fte: { type: 'string' }, min: { type: 'number', minimum: 0 } },
        additionalProperties: false,
      },
      except: {
        type: 'object',
        required: ['field', 'signal'],
        properties: { field: { type: 'string' }, signal: { type: 'string' } },
        additionalProperties: false,
      },
      aka: { type: 'string' },
      among: AMONG,
    },
    additionalProperties: false,
  },
} satisfies Record<string, object>;
