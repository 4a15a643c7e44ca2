// One configured ajv: JSON Schema 2020-12, every error (a report lists every gap), formats such
// as `date`, `$data` references, and the one keyword JSON Schema lacks for charters: `pcIn`.
// Loading ajv costs start-up time, so a run imports this module only when a schema was not
// compiled at build time (user criteria, a config file).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { _, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';
import ajvNames from 'ajv/dist/compile/names.js';
import addFormatsModule from 'ajv-formats';
import { pcInHolds } from './pc-in.js';

// ajv-formats and ajv's names are CommonJS; their default exports arrive wrapped under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;
const names = ((ajvNames as unknown as { default?: unknown }).default ?? ajvNames) as { rootData: import("ajv").Name };

/** `source: true` keeps the generated code, for the validators compiled at build time. */
export function createAjv(options: { source?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    $data: true,
    strict: false,
    logger: false,
    code: options.source ? { source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } : {},
  });
  addFormats(ajv);
  ajv.addKeyword(PC_IN_KEYWORD);
  return ajv;
}

/**
 * `pcIn: { array: /outcomes, key: goal }` holds when the value equals some item's `goal`.
 * This is how a criterion says "every goal is measured by an outcome" as data: JSON Schema alone
 * cannot look from one part of a document into another.
 */
const PC_IN_KEYWORD: CodeKeywordDefinition = {
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
  code(cxt: KeywordCxt) {
    const holds = cxt.gen.scopeValue('func', { ref: pcInHolds, code: _`require("../core/pc-in.js").pcInHolds` });
    cxt.fail(_`!${holds}(${cxt.schemaCode}, ${cxt.data}, ${names.rootData})`);
  },
};
