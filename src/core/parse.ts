// YAML text → plain data plus a locator that maps a JSON Pointer back to a line and column.
// Pure: takes text, returns data; never throws for bad input, it returns a located problem.
// Time stays linear in the text: duplicate keys are found with one set per map (the yaml
// library's own check compares every key with every other), and the locator indexes each map once.
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { Document, LineCounter, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { InputProblem } from './problem.js';
import { pointerSegments } from './pointer.js';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export type { InputProblem } from './problem.js';

export interface ParsedYaml {
  data: unknown;
  /**
   * Where the value at a JSON Pointer is, or its nearest existing parent when it is missing.
   * `key` points at a map entry's key rather than its value (for an unknown key, say).
   */
  locate: (pointer: string, target?: 'value' | 'key') => Position;
}

export type ParseResult = { ok: true; value: ParsedYaml } | { ok: false; problem: InputProblem };

/** Limits that keep hostile input (alias bombs, deep nesting) from exhausting the process. */
export const PARSE_LIMITS = {
  /**
   * Values the aliases may add, counted as what they expand to: a list of millions named 99 times
   * is not 99 values. This replaces the yaml library's own guard, which counts aliases (refusing a
   * chain of eight small ones, and allowing 99 of a huge list).
   */
  maxAliasExpansion: 10_000,
  /**
   * Levels of nesting: flow collections ([ and {) or sequences begun on one line (- - -). A charter
   * nests six; the yaml package, given thousands, runs out of stack again and again, for seconds.
   */
  maxNesting: 100,
} as const;

// The yaml package is loaded on first use: a charter the fast path reads (fast-parse.ts) never needs it.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = () => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** `what` says what the file should hold, for the message about an empty one. */
export function parseYaml(text: string, what = 'a YAML mapping'): ParseResult {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // Deep nesting is refused before anything recurses into it, and an alias bomb before the yaml
  // package builds a node for every value it holds.
  const tooDeep = nestingPast(text, PARSE_LIMITS.maxNesting);
  if (tooDeep !== -1) {
    const lineStart = text.lastIndexOf('\n', tooDeep - 1) + 1;
    const line = text.slice(0, lineStart).split('\n').length;
    return { ok: false, problem: { code: 'syntax', message: `YAML syntax error: the data is nested too deeply to read (more than ${PARSE_LIMITS.maxNesting} levels)`, line, column: tooDeep - lineStart + 1 } };
  }
  if (/[&*]/.test(text) && sharedExpansion(text) > PARSE_LIMITS.maxAliasExpansion) return aliasBomb();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' }) as Document.Parsed[];
  } catch (error) {
    return { ok: false, problem: { code: 'syntax', message: `cannot parse YAML: ${describeYamlError(errorText(error))}` } };
  }
  // parseAllDocuments returns an EmptyStream (an array with no documents) for empty input.
  if (!Array.isArray(documents) || documents.length === 0) {
    const found = text.trim() === '' ? 'is empty' : 'holds only comments';
    return { ok: false, problem: { code: 'content', message: `the file ${found}; it should hold ${what}`, line: 1, column: 1 } };
  }
  const document = documents[0]!;
  const firstError = document.errors[0];
  if (firstError) return { ok: false, problem: { code: 'syntax', message: `YAML syntax error: ${describeYamlError(firstError.message)}`, ...at(firstError.pos[0]) } };
  if (documents.length > 1) {
    return {
      ok: false,
      problem: { code: 'content', message: `the file holds ${documents.length} YAML documents; it should hold one (remove the extra '---')`, ...at(documents[1]!.range[0]) },
    };
  }
  let data: unknown;
  let locator: Locator;
  try {
    const keyProblem = findKeyProblem(document);
    if (keyProblem) return { ok: false, problem: { code: 'content', message: keyProblem.message, ...at(keyProblem.offset) } };
    const expansion = aliasExpansion(document);
    if (expansion > PARSE_LIMITS.maxAliasExpansion) return aliasBomb();
    data = document.toJS({ maxAliasCount: -1 });
    locator = new Locator(document, lineCounter);
  } catch (error) {
    const message = errorText(error);
    return { ok: false, problem: { code: 'content', message: `cannot read the YAML: ${describeYamlError(message)}`, line: 1, column: 1 } };
  }
  return { ok: true, value: { data, locate: (pointer, target) => locator.locate(pointer, target) } };
}

/**
 * What toJS would choke on or silently merge, found in one pass: an alias to no anchor, a key
 * that is a list or mapping (it would become "[object Object]"), a key given twice in one map.
 */
function findKeyProblem(document: Document.Parsed): { message: string; offset: number } | null {
  const { isAlias, isMap, visit } = yaml();
  const anchors = new Map<string, unknown>();
  let problem: { message: string; offset: number } | null = null;
  visit(document, {
    // One visitor for every node, in document order: an anchor is seen before the aliases after it.
    Node(_, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target === undefined) problem = { message: `the alias *${node.source} refers to no anchor &${node.source} before it`, offset: node.range?.[0] ?? 0 };
        // An alias inside the very value it names would make that value contain itself, forever.
        else if (path.includes(target as never)) problem = { message: `the alias *${node.source} is inside the value &${node.source} it refers to`, offset: node.range?.[0] ?? 0 };
        return problem ? yaml().visit.BREAK : undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node)) problem = mapKeyProblem(node);
      return problem ? yaml().visit.BREAK : undefined;
    },
  });
  return problem;
}

function mapKeyProblem(map: YAMLMap): { message: string; offset: number } | null {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  const seen = new Set<string>();
  for (const pair of map.items) {
    const key = pair.key as YamlNode | null;
    if (isMap(key) || isSeq(key)) return { message: 'a key is a list or mapping; keys must be plain text', offset: key.range?.[0] ?? 0 };
    const name = isScalar(key) ? String(key.value) : isAlias(key) ? `*${key.source}` : String(key);
    if (seen.has(name)) return { message: `the key '${name}' appears twice in the same mapping`, offset: key?.range?.[0] ?? 0 };
    seen.add(name);
  }
  return null;
}

function aliasBomb(): ParseResult {
  const limit = String(PARSE_LIMITS.maxAliasExpansion).replace(/\B(?=(\d{3})+$)/g, ',');
  return { ok: false, problem: { code: 'content', message: `too many YAML aliases: written out, they would add more than ${limit} values; the file looks like an alias bomb`, line: 1, column: 1 } };
}

/**
 * How many values aliases add, read quickly with js-yaml, which makes an alias the very object
 * its anchor names: each object is measured once, and every further use of it counts its size.
 * 0 when js-yaml cannot read the text (the yaml package then says why).
 */
function sharedExpansion(text: string): number {
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return 0;
  }
  const sizes = new Map<object, number>();
  let added = 0;
  const size = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) {
      added += known;
      return known;
    }
    let total = 1;
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      total += size(item);
      if (added > PARSE_LIMITS.maxAliasExpansion) break;
    }
    sizes.set(value, total);
    return total;
  };
  try {
    size(data);
  } catch {
    return 0;
  }
  return added;
}

/**
 * How many values the aliases add once expanded: each alias counts every value of the node it
 * names, aliases inside that node included. Each node is counted once (its size kept), so this
 * is linear in the document however much it would expand. Called after findKeyProblem, so every
 * alias names an anchor before it and none is inside its own anchor.
 */
function aliasExpansion(document: Document.Parsed): number {
  const { isAlias, isCollection, isPair, visit } = yaml();
  const sizes = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let added = 0;
  const size = (node: unknown): number => {
    if (node === null || node === undefined) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    if (isAlias(node)) total = size(anchors.get(node.source));
    else if (isPair(node)) total = size(node.key) + size(node.value);
    else if (isCollection(node)) for (const item of node.items as unknown[]) total += size(item);
    sizes.set(node, total);
    return total;
  };
  visit(document, {
    Node(_, node) {
      if (isAlias(node)) {
        added += size(node);
        // Past the limit already: no need to count the rest.
        return added > PARSE_LIMITS.maxAliasExpansion ? visit.BREAK : undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return added;
}

/** Finds nodes by JSON Pointer, indexing each map's keys the first time it is searched. */
class Locator {
  private readonly keys = new WeakMap<YAMLMap, Map<string, Pair>>();
  private readonly anchors = new Map<string, unknown>();

  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {
    yaml().visit(document, {
      Node: (_, node) => {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor) this.anchors.set(anchor, node);
      },
    });
  }

  locate(pointer: string, target: 'value' | 'key' = 'value'): Position {
    const { isMap, isScalar, isSeq } = yaml();
    let node: unknown = this.document.contents;
    // Where to point: a map entry's key for collections (the line a reader looks for), the value for scalars.
    let anchor: YamlNode | null = this.document.contents ?? null;
    for (const segment of pointerSegments(pointer)) {
      node = this.resolve(node);
      if (isMap(node)) {
        const pair = this.pairOf(node, segment);
        if (!pair) break;
        const value = this.resolve(pair.value);
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
    const { line, col } = this.lineCounter.linePos(anchor?.range?.[0] ?? 0);
    return { line, column: col };
  }

  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    const { isPair, isScalar } = yaml();
    let index = this.keys.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) if (isPair(item) && isScalar(item.key)) index.set(String(item.key.value), item);
      this.keys.set(map, index);
    }
    return index.get(key);
  }

  /** An alias's anchored node (the last anchor of that name before it wins, as in YAML). */
  private resolve(node: unknown): unknown {
    return yaml().isAlias(node) ? (this.anchors.get(node.source) ?? node) : node;
  }
}

/**
 * Where nesting first goes past `limit` levels (-1: nowhere), counted without parsing: open flow
 * collections outside quoted scalars and comments, plus the sequences a line begins with ("- - -
 * 1"). A bracket that may open a flow collection counts (see mayOpenFlow), so the count is never
 * below the real depth of these kinds; one inside plain words in block context ("see [1") does not.
 */
function nestingPast(text: string, limit: number): number {
  let flow = 0;
  let lineStart = true;
  let dashes = 0;
  /** Where the word the scan is in began (after the last space or line break). */
  let wordStart = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === ' ' || character === '\t' || character === '\n') wordStart = index + 1;
    if (character === '\n') {
      lineStart = true;
      dashes = 0;
      continue;
    }
    if (lineStart && (character === ' ' || character === '\t')) continue;
    if (lineStart && character === '-' && (text[index + 1] === ' ' || text[index + 1] === '\t')) {
      if (flow + (dashes += 1) > limit) return index;
      continue;
    }
    lineStart = false;
    if ((character === '[' || character === '{') && mayOpenFlow(text, index, flow, wordStart)) {
      if (flow + dashes + 1 > limit) return index;
      flow += 1;
    } else if ((character === ']' || character === '}') && flow > 0) flow -= 1;
    else if (character === '#' && /\s/.test(text[index - 1] ?? ' ')) index = endOfLine(text, index) - 1;
    else if ((character === '"' || character === "'") && startsScalar(text, index)) index = endOfQuote(text, index);
  }
  return -1;
}

/**
 * Whether a bracket at `index` may open a flow collection: inside another, where a node may start
 * (after indentation, `:`, `-`, `?`, `[`, `{` or `,`), or after an anchor or a tag (`&a [1]`).
 * In block context, a bracket inside plain words is text: a charter with a hundred lines of "(see
 * [1" was refused as nested too deeply.
 */
function mayOpenFlow(text: string, index: number, flow: number, wordStart: number): boolean {
  if (flow > 0) return true;
  const before = lastNonBlank(text, index);
  if (before < 0 || text[before] === '\n' || ':-?[{,'.includes(text[before]!)) return true;
  // The word before: its start is kept by the scan, so a long word of brackets costs no more than a short one.
  const word = before < wordStart ? previousWordStart(text, before) : wordStart;
  return text[word] === '&' || text[word] === '!';
}

/** The last character before `index` that is not a space or a tab (-1: none). */
function lastNonBlank(text: string, index: number): number {
  let before = index - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before -= 1;
  return before;
}

/** Where the word ending at `end` begins. */
function previousWordStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\t' && text[start - 1] !== '\n') start -= 1;
  return start;
}

/** Whether a scalar may start at `index`: after indentation, or after `: `, `- `, `? `, `[`, `{` or `,` (a quote inside plain text is plain text). */
function startsScalar(text: string, index: number): boolean {
  const before = lastNonBlank(text, index);
  if (before < 0 || text[before] === '\n') return true;
  const previous = text[before]!;
  return previous === '[' || previous === '{' || previous === ',' || ((previous === ':' || previous === '-' || previous === '?') && before < index - 1);
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** The index of the quote that closes the one at `start` ('' inside single quotes, \" inside double), or the text's end. */
function endOfQuote(text: string, start: number): number {
  const quote = text[start]!;
  for (let index = start + 1; index < text.length; index += 1) {
    if (quote === '"' && text[index] === '\\') index += 1;
    else if (text[index] === quote) {
      if (quote === "'" && text[index + 1] === "'") index += 1;
      else return index;
    }
  }
  return text.length;
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
