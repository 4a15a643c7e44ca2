// What ajv refused in a criterion's schema, said for a reader and pointed at: a keyword or format
// its strict mode does not know (a misspelt `minLenght` would otherwise check nothing), and what
// the meta-schema finds wrong (`type: strin`).
import type { ErrorObject } from 'ajv';
import { isRecord } from './is-record.js';
import { KEYWORD_SCHEMAS } from './keyword-schemas.js';
import { joinPointer, pointerSegments, valueAtPointer } from './pointer.js';
import { nearestKey } from './structure.js';

/** The keywords a criterion's schema may use, to suggest the one a typo meant. */
const SCHEMA_KEYWORDS = [
  ...['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties'],
  ...['items', 'prefixItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'format'],
  ...['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentRequired'],
  ...['dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', '$ref', '$defs', 'description', 'title', 'pcIn', 'pcDate', 'pcShare', 'pcSays', 'pcDiffers', 'pcNotPartOf', 'regexp'],
];

/**
 * For an error ajv threw compiling `schema`, a message and the place in the schema of the key at
 * fault; null when it is none of those it knows (an unknown keyword or format, a $ref to nowhere,
 * a keyword of partner-check's own whose value is wrong, a keyword ajv refuses in its own words).
 */
export function compileFault(reason: string, schema: unknown): { message: string; inSchema?: string } | null {
  // A keyword of partner-check's own (pcIn, regexp...) whose value its own metaschema refuses: at the
  // keyword, by its place in the schema compiled (`inSchema`), with the first of what was wrong.
  const invalid = /^keyword "(\w+)" value is invalid at path "#([^"]*)": (.*)$/.exec(reason);
  if (invalid) {
    const [, name, path, faults] = invalid as unknown as [string, string, string, string];
    const first = faults.split(', ')[0]!;
    // At the part of the keyword's value at fault (`match` of pcIn's { array, match }), when ajv names one.
    const inner = /^data(\/\S+)/.exec(first)?.[1] ?? '';
    const subject = inner === '' ? 'it' : `its '${pointerSegments(inner).join('.')}'`;
    const keywordAt = joinPointer(path, name);
    const said = partFault(name, inner, first.replace(/^data\S*\s+/, ''), valueAtPointer(schema, `${keywordAt}${inner}`));
    return { message: `has a '${name}' that is not valid: ${subject} ${said.words}`, inSchema: `${keywordAt}${inner}${said.at ?? ''}` };
  }
  // Other refusals ajv words as `<keyword> <what is wrong>`: at that keyword.
  const named = /^(?:NOT SUPPORTED: keyword "(\w+)", use "(\$?\w+)"|"(\w+)" cannot be used without "(\w+)"|(\$?\w+) must (.*))/.exec(reason);
  if (named) {
    const [, unsupported, instead, lonely, needs, wrong, must] = named;
    if (unsupported) return { message: `has '${unsupported}', which JSON Schema 2020-12 does not know; use '${instead}'`, ...at(findKey(schema, unsupported)) };
    if (lonely) return { message: `has '${lonely}' without the '${needs}' it needs`, ...at(findKey(schema, lonely)) };
    return { message: `has '${wrong}', which must ${must}`, ...at(findKey(schema, wrong!)) };
  }
  const keyword = /^strict mode: unknown keyword: "(.*)"$/.exec(reason)?.[1];
  if (keyword !== undefined) {
    const nearest = nearestKey(keyword, SCHEMA_KEYWORDS);
    const hint = nearest ? `; did you mean '${nearest}'?` : ' (see JSON Schema 2020-12, or the keywords partner-check adds: pcIn, pcDate, pcShare, pcSays, pcDiffers, pcNotPartOf, regexp)';
    return { message: `has an unknown keyword '${keyword}'${hint}`, ...at(findKey(schema, keyword)) };
  }
  const ref = /^can't resolve reference (.*) from id /.exec(reason)?.[1];
  if (ref !== undefined) return { message: `has a $ref to ${ref}, which is not there (refer within the schema, '#/$defs/name', or to the shared definitions, 'pc:defs#/$defs/name')`, ...at(findKey(schema, '$ref', ref)) };
  const format = /^unknown format "(.*)" ignored/.exec(reason)?.[1];
  if (format !== undefined) {
    return { message: `has an unknown format '${format}' (known: date, date-time, email, uri and the other formats of JSON Schema)`, ...at(findKey(schema, 'format', format)) };
  }
  return null;
}

const at = (pointer: string | undefined) => (pointer === undefined ? {} : { inSchema: pointer });

/**
 * What is wrong with one part of an added keyword's value (`inner` within it: '' for the whole),
 * worded from the keyword's metaschema: the values an enum allows, the parts a mapping may have
 * (with the one a misspelt part most likely meant, pointed at), a part it needs.
 */
function partFault(keyword: string, inner: string, fault: string, value: unknown): { words: string; at?: string } {
  const part = partSchema(KEYWORD_SCHEMAS[keyword as keyof typeof KEYWORD_SCHEMAS], pointerSegments(inner));
  const not = notValue(value);
  if (fault === 'must be equal to one of the allowed values' && Array.isArray(part?.['enum'])) return { words: `must be one of ${part['enum'].join(', ')}${not}` };
  const parts = Object.keys(isRecord(part?.['properties']) ? part['properties'] : {});
  const extra = isRecord(value) ? Object.keys(value).find((key) => !parts.includes(key)) : undefined;
  if (fault === 'must NOT have additional properties' && extra !== undefined) {
    const nearest = nearestKey(extra, parts);
    return { words: `has '${extra}', which is not one of its parts (${parts.join(', ')})${nearest ? `; did you mean '${nearest}'?` : ''}`, at: joinPointer('', extra) };
  }
  const needed = /^must have required property '(.*)'$/.exec(fault)?.[1];
  if (needed !== undefined) return { words: `has no '${needed}', which it needs` };
  return { words: fault.replace('must match pattern "^(/[^/]+)+$"', 'must be a JSON Pointer to a place in the charter, as /partners') };
}

/** The metaschema of a part of a keyword's value: through `properties`, the alternatives of `anyOf`, and `items`. */
function partSchema(schema: object | undefined, segments: readonly string[]): Record<string, unknown> | undefined {
  let here: unknown = schema;
  for (const segment of segments) {
    if (!isRecord(here)) return undefined;
    const alternatives: unknown[] = Array.isArray(here['anyOf']) ? [here, ...(here['anyOf'] as unknown[])] : [here];
    here = alternatives.map((alternative) => (isRecord(alternative) ? (/^\d+$/.test(segment) ? alternative['items'] : isRecord(alternative['properties']) ? alternative['properties'][segment] : undefined) : undefined)).find((found) => found !== undefined);
  }
  return isRecord(here) ? here : undefined;
}

/** Keywords that only say that one of their alternatives failed: the alternatives' own errors say what. */
const COMBINATORS = new Set(['anyOf', 'oneOf', 'not', 'if']);

const TYPE_WORDS: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', null: 'null' };

/**
 * What the meta-schema found wrong in `schema`, one message a place, with its pointer in the
 * schema: ajv reports one mistake several times, once for each alternative it tried
 * ("must be equal to one of the allowed values, must be array, must match a schema in anyOf").
 */
export function schemaFaults(faults: ErrorObject[], schema: unknown): { pointer: string; message: string }[] {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const fault of faults) byPlace.set(fault.instancePath, [...(byPlace.get(fault.instancePath) ?? []), fault]);
  const places = [...byPlace.keys()];
  return [...byPlace]
    .filter(([, found]) => found.some((fault) => !COMBINATORS.has(fault.keyword)))
    // Where an alternative (anyOf) failed inside the value ('required: [1]' is a list, of the wrong
    // items), those inner faults say what is wrong; the other alternatives' at the value do not.
    .filter(([pointer, found]) => !(found.some((fault) => fault.keyword === 'anyOf') && places.some((place) => place.startsWith(`${pointer}/`))))
    .map(([pointer, found]) => ({ pointer, message: faultMessage(pointer, found, valueAtPointer(schema, pointer)) }));
}

function faultMessage(pointer: string, found: ErrorObject[], value: unknown): string {
  const name = placeName(pointer);
  const not = notValue(value);
  const said = found.filter((fault) => !COMBINATORS.has(fault.keyword));
  // A fault of a value of the right type (a list with an item twice) is the one its author meant.
  const within = said.find((fault) => fault.keyword !== 'type' && fault.keyword !== 'enum');
  if (within) {
    const words = within.keyword === 'minItems' && within.params['limit'] !== 1 ? undefined : WITHIN_WORDS[within.keyword];
    return words ? `${name} ${words}` : `${name} ${within.message ?? 'is not valid'}${not}`;
  }
  const allowed: unknown = said.find((fault) => fault.keyword === 'enum')?.params['allowedValues'];
  if (Array.isArray(allowed)) return `${name} must be one of ${allowed.map(String).join(', ')}${not}`;
  // Beside another alternative (anyOf), a mapping is ajv's {$data: pointer} form, which no criterion needs.
  const meant = said.length > 1 && found.some((fault) => fault.keyword === 'anyOf') ? said.filter((fault) => !isType(fault, 'object')) : said;
  const types = [...new Set(meant.filter((fault) => fault.keyword === 'type').flatMap((fault) => [fault.params['type'] as string | string[]].flat()))];
  return `${name} must be ${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}${not}`;
}

/** ", not <the value>" for a message, when the value is short enough to quote. */
function notValue(value: unknown): string {
  const json = value === undefined ? undefined : JSON.stringify(value);
  return json !== undefined && json.length <= 40 ? `, not ${json}` : '';
}

/** ajv's words for a fault within a value of the right type, as an author would say them. */
const WITHIN_WORDS: Record<string, string> = { uniqueItems: 'lists the same item twice', minItems: 'is an empty list', minProperties: 'is empty' };

function isType(fault: ErrorObject, type: string): boolean {
  return fault.keyword === 'type' && fault.params['type'] === type;
}

/** A place in a schema as its author would name it: the keyword, or an item of one. */
function placeName(pointer: string): string {
  const segments = pointerSegments(pointer);
  const last = segments.at(-1);
  if (last === undefined) return 'the schema';
  return /^\d+$/.test(last) && segments.length > 1 ? `item ${Number(last) + 1} of '${segments.at(-2)}'` : `'${last}'`;
}

/** The pointer of the first key named `key` (holding `expected`, when given), depth first. */
function findKey(value: unknown, key: string, expected?: string): string | undefined {
  return firstPlace(value, (name, item) => name === key && (expected === undefined || item === expected));
}

/** The pointer of the first entry (a key or an index, and what it holds) for which `holds` is true, depth first. */
export function firstPlace(value: unknown, holds: (key: string, item: unknown) => boolean, pointer = ''): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [name, item] of Object.entries(value)) {
    const here = joinPointer(pointer, Array.isArray(value) ? Number(name) : name);
    if (holds(name, item)) return here;
    const inner = firstPlace(item, holds, here);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
