// The structure area: problems with the charter's shape (format 1), as opposed to gaps in
// good practice. They are not scored, but they are errors: a charter must be readable to be judged.
import type { ErrorObject } from 'ajv';
import { joinPointer, pointerSegments } from './parse.js';

export interface StructureRule {
  id: string;
  title: string;
  advice: string;
  source: string;
}

export const STRUCTURE_RULES = {
  format: {
    id: 'PC-STRUCT-001',
    title: 'The charter follows format 1',
    advice: 'Use the field names, types and values of the charter format; keys of your own must start with x-.',
    source: 'shared/charter-format.md (the charter format, version 1)',
  },
  waiver: {
    id: 'PC-STRUCT-002',
    title: 'Every waiver names a known criterion',
    advice: 'Check the criterion id against `partner-check criteria`, or remove the waiver.',
    source: 'shared/charter-format.md: a waiver names a criterion by its id',
  },
} as const satisfies Record<string, StructureRule>;

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

/** A reader's name for the field at a pointer: `outcomes[0].by`. */
export function fieldName(pointer: string): string {
  const name = pointerSegments(pointer)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('')
    .replace(/^\./, '');
  return name === '' ? 'the charter' : name;
}

/** Turns one ajv error against the charter schema into a located, plain-English message. */
export function describeSchemaError(error: ErrorObject): { pointer: string; message: string; target?: 'key' } {
  const at = error.instancePath;
  const field = fieldName(at);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      return {
        pointer: joinPointer(at, key),
        target: 'key',
        message: `Unknown key '${key}' in ${field}; check the spelling, or start keys of your own with x-.`,
      };
    }
    case 'required': {
      const key = String(params['missingProperty']);
      return { pointer: joinPointer(at, key), message: `${field === 'the charter' ? 'The charter' : field} needs '${key}'.` };
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
    case 'format':
      return { pointer: at, message: `${field} should be ${FORMAT_NAMES[String(params['format'])] ?? String(params['format'])}.` };
    default:
      return { pointer: at, message: `${field} ${error.message ?? 'is not valid'}.` };
  }
}
