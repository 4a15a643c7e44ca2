// What ajv's strict mode refused in a criterion's schema, said for a reader and pointed at: a
// keyword it does not know (a misspelt `minLenght` would otherwise check nothing) or a format it
// does not know.
import { joinPointer } from './pointer.js';
import { nearestKey } from './structure.js';

/** The keywords a criterion's schema may use, to suggest the one a typo meant. */
const SCHEMA_KEYWORDS = [
  ...['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties'],
  ...['items', 'prefixItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'format'],
  ...['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentRequired'],
  ...['dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', '$ref', '$defs', 'description', 'title', 'pcIn', 'pcDate', 'pcShare', 'pcSays', 'regexp'],
];

/**
 * For an error ajv threw compiling `schemaData` (a criterion, as written), a message and the
 * pointer (below the criterion) of the key at fault; null when it is not a strict-mode refusal.
 */
export function strictModeFault(reason: string, schemaData: unknown): { message: string; pointer?: string } | null {
  const keyword = /^strict mode: unknown keyword: "(.*)"$/.exec(reason)?.[1];
  if (keyword !== undefined) {
    const nearest = nearestKey(keyword, SCHEMA_KEYWORDS);
    const hint = nearest ? `; did you mean '${nearest}'?` : ' (see JSON Schema 2020-12, or the keywords partner-check adds: pcIn, pcDate, pcShare, pcSays, regexp)';
    return { message: `has an unknown keyword '${keyword}'${hint}`, ...at(findKey(schemaData, '', keyword)) };
  }
  const format = /^unknown format "(.*)" ignored/.exec(reason)?.[1];
  if (format !== undefined) {
    return { message: `has an unknown format '${format}' (known: date, date-time, email, uri and the other formats of JSON Schema)`, ...at(findKey(schemaData, '', 'format', format)) };
  }
  return null;
}

const at = (pointer: string | undefined) => (pointer === undefined ? {} : { pointer });

/** The pointer of the first key named `key` (holding `expected`, when given), depth first. */
function findKey(value: unknown, pointer: string, key: string, expected?: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [name, item] of Object.entries(value)) {
    const here = joinPointer(pointer, Array.isArray(value) ? Number(name) : name);
    if (name === key && (expected === undefined || item === expected)) return here;
    const inner = findKey(item, here, key, expected);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
