// YAML text → plain data plus a locator that maps a JSON Pointer back to a line and column.
// Pure: takes text, returns data; never throws for bad input, it returns a located problem.
import { LineCounter, isMap, isSeq, isScalar, isAlias, isPair, parseAllDocuments } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A problem with the input itself (not a gap in the charter): reported with exit code 2. */
export interface InputProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface ParsedYaml {
  data: unknown;
  /**
   * Where the value at a JSON Pointer is, or its nearest existing parent when it is missing.
   * `key` points at a map entry's key rather than its value (for an unknown key, say).
   */
  locate(pointer: string, target?: 'value' | 'key'): Position;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export type ParseResult = { ok: true; value: ParsedYaml } | { ok: false; problem: InputProblem };

/** Limits that keep hostile input (alias bombs, deep nesting) from exhausting the process. */
export const PARSE_LIMITS = {
  /** Aliases a document may expand; the yaml library's guard against "billion laughs". */
  maxAliasCount: 100,
} as const;

export function parseYaml(text: string): ParseResult {
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
  } catch (error) {
    return { ok: false, problem: { message: `cannot parse YAML: ${errorText(error)}` } };
  }
  // parseAllDocuments returns an EmptyStream (an array with no documents) for empty input.
  if (!Array.isArray(documents) || documents.length === 0) {
    const what = text.trim() === '' ? 'is empty' : 'holds only comments';
    return { ok: false, problem: { message: `the file ${what}: a charter is a YAML mapping that starts with \`charter: 1\``, line: 1, column: 1 } };
  }
  const document = documents[0]!;
  const firstError = document.errors[0];
  if (firstError) {
    const at = lineCounter.linePos(firstError.pos[0]);
    return { ok: false, problem: { message: `YAML syntax error: ${describeYamlError(firstError.message)}`, line: at.line, column: at.col } };
  }
  if (documents.length > 1) {
    const second = documents[1]!;
    const at = lineCounter.linePos(second.range[0]);
    return {
      ok: false,
      problem: { message: `the file holds ${documents.length} YAML documents; a charter is one document (remove the extra '---')`, line: at.line, column: at.col },
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
  } catch (error) {
    const message = errorText(error);
    const bomb = /alias/i.test(message);
    return {
      ok: false,
      problem: {
        message: bomb
          ? `too many YAML aliases (limit ${PARSE_LIMITS.maxAliasCount}); the file looks like an alias bomb`
          : `cannot read the YAML: ${describeYamlError(message)}`,
        line: 1,
        column: 1,
      },
    };
  }
  return { ok: true, value: { data, document, lineCounter, locate: (pointer, target) => locate(document, lineCounter, pointer, target) } };
}

/** Splits a JSON Pointer (RFC 6901) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON Pointer in plain data (own properties only), or undefined. */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointerSegments(pointer)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

export function joinPointer(base: string, segment: string | number): string {
  return `${base}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function locate(document: Document.Parsed, lineCounter: LineCounter, pointer: string, target: 'value' | 'key' = 'value'): Position {
  let node: unknown = document.contents;
  // Where to point: a map entry's key for collections (the line a reader looks for), the value for scalars.
  let anchor: YamlNode | null = (document.contents as YamlNode | null) ?? null;
  for (const segment of pointerSegments(pointer)) {
    node = resolveAlias(document, node);
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      const value = resolveAlias(document, pair.value);
      anchor = (target === 'value' && isScalar(value) && value.range ? value : (pair.key as YamlNode)) ?? anchor;
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^\d+$/.test(segment)) break;
      anchor = (item as YamlNode | null) ?? anchor;
      node = item;
    } else {
      break;
    }
  }
  const offset = anchor?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function resolveAlias(document: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

/** The parser's own words, except where it ran out of stack on deep nesting. */
function describeYamlError(message: string): string {
  return /call stack/i.test(message) ? 'the data is nested too deeply to read' : firstLine(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
