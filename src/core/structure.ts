// The structure area: problems with the charter's shape (format 1), as opposed to gaps in
// good practice. They are not scored, but they are errors: a charter must be readable to be judged.
import type { ErrorObject } from 'ajv';
import { joinPointer, parentPointer, pointerSegments, valueAtPointer } from './pointer.js';

export interface StructureRule {
  id: string;
  title: string;
  advice: string;
  source: string;
  /** The rule's messages, kept with it. */
  messages?: Record<string, (...args: string[]) => string>;
}

export const STRUCTURE_RULES = {
  format: {
    id: 'PC-STRUCT-001',
    title: 'The charter follows format 1',
    advice: 'Use the field names, types and values of the charter format; keys of your own must start with x-.',
    source: "partner-check, 'The partnership charter, format 1' (the charter format this tool reads): the field names are fixed, and an unknown key is an error unless it starts with x-",
  },
  waiver: {
    id: 'PC-STRUCT-002',
    title: 'Every waiver names a known criterion',
    advice: 'Check the criterion id against `partner-check criteria`, or remove the waiver.',
    source: "partner-check, 'The partnership charter, format 1' (the charter format this tool reads): a waiver names a criterion by its id, with the reason it does not apply",
    messages: {
      unknown: (id: string) => `The waiver names ${id}, which is not a criterion.`,
    },
  },
  gateWaiver: {
    id: 'PC-STRUCT-003',
    title: 'No gate is waived unless it allows it',
    advice: 'A gate decides whether the charter can pass at all: meet it instead of waiving it. A gate that allows a waiver takes only reason not-applicable, with a note saying why.',
    source: "ABPI joint working toolkit (2019), red questions: a 'no' to any red question means the project is not joint working under the ABPI Code and must change before it goes ahead",
    messages: {
      never: (id: string) => `${id} is a gate and cannot be waived; the waiver is ignored.`,
      only: (id: string, reason: string) => `${id} is a gate: it can be waived only with reason ${reason} and a note; the waiver is ignored.`,
    },
  },
  limit: {
    id: 'PC-STRUCT-004',
    title: 'The charter has few enough problems to list',
    advice: 'Fix the problems listed (often one mistake repeated: a list of plain values where entries are wanted, keys at the wrong level) and check again: the rest are listed then.',
    source: 'partner-check: a report lists at most 1,000 problems of a charter\'s shape and 100 gaps of each criterion, so that a charter of thousands of faults is still reported at once, every failing criterion with its first gaps, in memory and output a reader can use',
    messages: {
      more: (limit: string) => `The charter has more than ${limit} problems of shape; only the first ${limit} are listed. Fix these and check again.`,
      perRule: (limit: string, ids: string) => `${ids} found more than ${limit} gaps each; only the first ${limit} of each are listed (all count in the score). Fix these and check again.`,
    },
  },
} as const satisfies Record<string, StructureRule>;

/** The most problems of shape one charter's report lists: the rest are summed up in one finding of STRUCTURE_RULES.limit. */
export const FINDINGS_LIMIT = 1000;
/** The most gaps one criterion lists in one charter's report: the rest count, and are summed up likewise. */
export const FINDINGS_PER_RULE = 100;

type AnyStructureRule = (typeof STRUCTURE_RULES)[keyof typeof STRUCTURE_RULES];

/** A finding of a structure rule (not scored, always an error), still to be located. */
export function structureFinding(rule: AnyStructureRule, message: string, pointer: string) {
  return {
    ruleId: rule.id,
    area: 'structure',
    severity: 'error' as const,
    weight: null,
    gate: false,
    message,
    pointer,
  };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'empty',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'a date written YYYY-MM-DD',
  uri: 'a web address (https://...)',
  email: 'an email address',
};

/** What the patterns of partner-check's own schemas (charter, config, criteria files) ask for, in words. */
const PATTERN_NAMES: Record<string, string> = {
  '^(/[^/]+)+$': 'a JSON Pointer to a place in the charter, as /need/statement',
  '^([0-9]+)?(/[^/]+)*$': 'a JSON Pointer, as /board/members, or one relative to the value at fault, as 1/contribution',
  '^[A-Za-z][A-Za-z0-9_-]*$': 'a name of letters, digits, - and _ that starts with a letter',
  '^[a-z][a-z0-9-]*$': 'a name of small letters, digits and hyphens that starts with a letter, as governance',
  '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$': 'an id of capital letters and digits in parts joined by hyphens, as PC-STAKE-007',
  '^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$': 'a day written YYYY-MM-DD or a month written YYYY-MM',
  '^[A-Za-z0-9_.-]+$': 'letters, digits, dots, hyphens and underscores only',
  '\\S': 'text that is not blank',
};

/** A reader's name for the field at a pointer: `outcomes[0].by`; the root is `root`. */
export function fieldName(pointer: string, root = 'the charter'): string {
  const name = pointerSegments(pointer)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('')
    .replace(/^\./, '');
  return name === '' ? root : name;
}

export interface DescribeOptions {
  /** The schema the error came from, to suggest the nearest known key for an unknown one. */
  schema?: unknown;
  /** Keys of the user's own may start with x- (charters); say so for an unknown key. */
  ownKeys?: boolean;
  /** What the whole file is called in messages (default: the charter). */
  root?: string;
}

/** Turns one ajv error into a located, plain-English message. */
export function describeSchemaError(error: ErrorObject, options: DescribeOptions = {}): { pointer: string; message: string; target?: 'key' } {
  const at = error.instancePath;
  const field = fieldName(at, options.root);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const nearest = options.schema === undefined ? undefined : nearestKey(key, knownKeys(options.schema, error.schemaPath));
      const hint = nearest ? `did you mean '${nearest}'?` : options.ownKeys ? 'check the spelling, or start keys of your own with x-' : 'check the spelling';
      return { pointer: joinPointer(at, key), target: 'key', message: `Unknown key '${key}' in ${field}; ${hint}${nearest ? '' : '.'}` };
    }
    case 'required': {
      const key = String(params['missingProperty']);
      return { pointer: joinPointer(at, key), message: `${at === '' ? field.charAt(0).toUpperCase() + field.slice(1) : field} needs '${key}'.` };
    }
    case 'type': {
      const expected = String(params['type'])
        .split(',')
        .map((name) => TYPE_NAMES[name] ?? name)
        .join(' or ');
      return { pointer: at, message: `${field} should be ${expected}.` };
    }
    case 'enum':
      return { pointer: at, message: `${field} should be one of: ${(params['allowedValues'] as unknown[]).join(', ')}.` };
    case 'const':
      return { pointer: at, message: `${field} should be ${JSON.stringify(params['allowedValue'])}.` };
    case 'propertyNames': {
      const key = String(params['propertyName']);
      return { pointer: joinPointer(at, key), target: 'key', message: `'${key}' is not a valid name in ${field}.` };
    }
    case 'format':
      return { pointer: at, message: `${field} should be ${FORMAT_NAMES[String(params['format'])] ?? String(params['format'])}.` };
    case 'pattern': {
      const wanted = PATTERN_NAMES[String(params['pattern'])];
      return { pointer: at, message: wanted ? `${field} should be ${wanted}.` : `${field} ${error.message ?? 'is not valid'}.` };
    }
    default:
      return { pointer: at, message: `${field} ${error.message ?? 'is not valid'}.` };
  }
}

/** The keys the schema object holding `schemaPath` (…/additionalProperties) allows. */
function knownKeys(schema: unknown, schemaPath: string): string[] {
  const node = valueAtPointer(schema, parentPointer(schemaPath.replace(/^#/, '')));
  const properties = (node as { properties?: unknown } | null)?.properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

/** The known key a typo most likely meant: a few edits away, relative to its length. */
export function nearestKey(typo: string, keys: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of keys) {
    const distance = editDistance(typo.toLowerCase(), key.toLowerCase());
    if (distance <= Math.max(1, Math.floor(key.length / 3)) && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** Levenshtein distance, counting a swap of two neighbours as one edit. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
