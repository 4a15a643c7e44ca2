// The fast parse path: js-yaml (about ten times faster than the yaml package on a charter) with
// every node's position recorded through its listener, so that each finding keeps its line and
// column. It declines (returns null) whatever it might read differently from the yaml package —
// anchors, aliases, tags, merge keys, directives, several documents, a syntax error, duplicate
// keys, a tree it cannot line up with the data, a plain scalar the two could resolve to different
// values (0b101 is a number to js-yaml and text to yaml, +.5 the other way round) — and the caller
// then parses with yaml, which also gives the precise messages. test/fast-parse.test.ts holds the two paths to the same results.
import jsYaml from 'js-yaml';
import { PARSE_LIMITS, type ParsedYaml, type Position } from './parse.js';
import { pointerSegments } from './pointer.js';

/** Text the fast path leaves to the yaml package: anchors, aliases, tags, merge keys, directives, document markers, a blank line with a tab,
 * a carriage return alone (a line break to js-yaml only), a comment against a flow indicator, a byte order mark. */
const DECLINE = /(^|[\s,[{])[&*!]|<<\s*:|^%|^---|^\.\.\.|^[ ]*\t[ \t]*$|\r(?!\n)|[[{,]#|\ufeff/m;

interface NodeSpan {
  start: number;
  result: unknown;
  kind: string;
  children: NodeSpan[];
  /** A mapping's entries by key, built the first time it is searched: finding n keys stays linear. */
  byKey?: Map<string, { key: NodeSpan; value: NodeSpan }>;
}

/**
 * The children of a node that has none yet (most nodes are scalars): one empty array shared by all
 * of them, never added to, replaced at a node's first child. An array per scalar cost a 5 MB
 * charter some 40 MB of its peak memory and 7% of its time.
 */
const NO_CHILDREN: NodeSpan[] = [];

export function parseYamlFast(text: string): ParsedYaml | null {
  if (DECLINE.test(text)) return null;
  const stack: NodeSpan[] = [];
  let root: NodeSpan | null = null;
  let data: unknown;
  try {
    data = jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          // Deep nesting is left to the other path, which refuses it (js-yaml opens some nodes twice: a stack this high may be half as deep).
          if (stack.length >= PARSE_LIMITS.maxNesting) throw new Error('nested deeper than the limit');
          stack.push({ start: state.position, result: undefined, kind: '', children: NO_CHILDREN });
          return;
        }
        const frame = stack.pop();
        if (!frame) throw new Error('unbalanced');
        frame.result = state.result;
        frame.kind = state.kind;
        if (state.kind === 'scalar' && !resolvesAlike(text, frame.start, state.position, state.result)) throw new Error('the yaml package may read this scalar otherwise');
        if ((state.kind === 'sequence' || state.kind === 'mapping') && !isFlow(text, stack.at(-1)) && !flowIndented(text, frame.start, state.position, stack.at(-1))) throw new Error('the yaml package may refuse this flow collection');
        // js-yaml opens some nodes twice, one call inside another: keep the inner one.
        const only = frame.children.length === 1 ? frame.children[0]! : null;
        const node = only && only.result === frame.result && only.kind === frame.kind ? only : frame;
        const parent = stack.at(-1);
        if (parent === undefined) root = node;
        else if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
      },
    });
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || root === null || !linesUp(root, data)) return null;
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const position = (offset: number): Position => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const start = (node: NodeSpan) => contentStart(text, node.start);
  const tree = root as NodeSpan;
  return {
    data,
    locate(pointer, target = 'value') {
      let node = tree;
      let anchor = start(tree);
      for (const segment of pointerSegments(pointer)) {
        const next = childSpan(node, segment);
        if (!next) break;
        anchor = target === 'value' && next.value.kind === 'scalar' ? start(next.value) : next.key ? start(next.key) : start(next.value);
        node = next.value;
      }
      return position(anchor);
    },
  };
}

// The yaml package's core schema, as its tags test a plain scalar (yaml/dist/schema/core): text matching
// any of these is not a string to it.
const YAML_NOT_TEXT = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** Numbers both parsers read with the same parseInt or parseFloat: plain decimals. */
const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
/** A plain scalar that could be other than text to either parser starts with one of these (or is empty). */
const MAY_NOT_BE_TEXT = /^(?:$|[-+.0-9~tTfFnNyYoO])/;

/**
 * True when the yaml package reads this scalar's source as js-yaml read it: quoted and block
 * scalars are text to both; a plain scalar only when it is text to both, or a plain decimal, a
 * boolean or a null written the same way to both. Anything else is left to the yaml package.
 */
function resolvesAlike(text: string, start: number, end: number, value: unknown): boolean {
  const source = text.slice(start, end);
  const first = source.trimStart()[0];
  // A quoted scalar over several lines, or a block scalar with a tab or a deep indent on a blank
  // line, is one js-yaml forgives and the yaml package may refuse.
  if (first === '"' || first === "'") return typeof value === 'string' && !source.includes('\n');
  if (first === '|' || first === '>') return typeof value === 'string' && plainBlankLines(text, start);
  // A plain scalar ends where a comment starts (an empty one, a null, is only the comment).
  const written = source.replace(/(?:^|\s)#[^]*$/, '').trim();
  if (typeof value === 'string') return !MAY_NOT_BE_TEXT.test(written) || !YAML_NOT_TEXT.some((test) => test.test(written));
  // The same number, -0 and all: yaml reads an integer with parseInt and a decimal with parseFloat.
  if (typeof value === 'number') return PLAIN_DECIMAL.test(written) && Object.is(value, /^-?[0-9]+$/.test(written) ? parseInt(written, 10) : parseFloat(written));
  if (typeof value === 'boolean') return YAML_NOT_TEXT[1]!.test(written);
  if (value === null) return YAML_NOT_TEXT[0]!.test(written);
  return false;
}

/**
 * True when a block scalar (its header at `start` in the text) has no indentation indicator, and
 * its blank lines before the first line of text are no deeper than that line. Reads only as far
 * as that line.
 */
function plainBlankLines(text: string, start: number): boolean {
  BLOCK_HEADER.lastIndex = start;
  const header = BLOCK_HEADER.exec(text);
  if (!header || /[0-9]/.test(header[1]!.replace(/#.*$/, ''))) return false;
  let at = text.indexOf('\n', start + header[0].length);
  let deepest = 0;
  while (at !== -1) {
    const end = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, end === -1 ? text.length : end);
    if (line.trim() !== '') return deepest <= /^ */.exec(line)![0].length;
    deepest = Math.max(deepest, line.length);
    at = end;
  }
  return true;
}
const BLOCK_HEADER = /[ \t\n\r]*[|>]([^\n]*)/y;

/** True when a node is a flow collection ([...] or {...}). */
function isFlow(text: string, node: NodeSpan | undefined): boolean {
  if (!node) return false;
  const first = text[contentStart(text, node.start)];
  return first === '[' || first === '{';
}

/**
 * A flow collection not inside another: true unless a line it runs over is indented no deeper
 * than the block collection holding it (a closing bracket may be as deep): js-yaml reads that,
 * the yaml package refuses it; nor a comment first on a line within it.
 */
function flowIndented(text: string, start: number, end: number, parent: NodeSpan | undefined): boolean {
  const open = contentStart(text, start);
  if ((text[open] !== '[' && text[open] !== '{') || text.lastIndexOf('\n', end - 1) < open) return true;
  const parentStart = parent ? contentStart(text, parent.start) : 0;
  const indent = parent ? parentStart - (text.lastIndexOf('\n', parentStart - 1) + 1) : -1;
  for (let at = text.indexOf('\n', open); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) {
    let column = at + 1;
    while (text[column] === ' ') column += 1;
    const next = text[column];
    const depth = column - at - 1;
    if (column >= end || next === '\n' || next === '\r' || next === undefined) continue;
    // A comment first on a line inside a flow collection is one the yaml package may refuse too.
    if (next === '#' || (next === ']' || next === '}' ? depth < indent : depth <= indent)) return false;
  }
  return true;
}

/** The key and value spans of a mapping entry, or the span of a list item. */
function childSpan(node: NodeSpan, segment: string): { key?: NodeSpan; value: NodeSpan } | null {
  if (node.kind === 'mapping') {
    // Kept on the span, not in a module's WeakMap: V8's young-generation GC keeps a WeakMap's
    // values (which here reach the whole tree) alive, so every charter's tree went to the old
    // generation, which grew by some 50 KB a charter until a full GC.
    if (!node.byKey) {
      node.byKey = new Map();
      for (let index = 0; index + 1 < node.children.length; index += 2) {
        const name = String(node.children[index]!.result);
        if (!node.byKey.has(name)) node.byKey.set(name, { key: node.children[index]!, value: node.children[index + 1]! });
      }
    }
    return node.byKey.get(segment) ?? null;
  }
  if (node.kind === 'sequence' && /^\d+$/.test(segment)) {
    const item = node.children[Number(segment)];
    return item ? { value: item } : null;
  }
  return null;
}

/** True when the spans have the data's shape: a key and a value span per entry, a span per item. */
function linesUp(node: NodeSpan, value: unknown): boolean {
  if (Array.isArray(value)) return node.kind === 'sequence' && node.children.length === value.length && value.every((item, index) => linesUp(node.children[index]!, item));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (node.kind !== 'mapping' || node.children.length !== entries.length * 2) return false;
    // A key js-yaml read as other than text (null: is 'null' to it, '' to the yaml package) is left to the yaml package.
    return entries.every(([key, item], index) => node.children[index * 2]!.kind === 'scalar' && node.children[index * 2]!.result === key && linesUp(node.children[index * 2 + 1]!, item));
  }
  return node.kind === 'scalar' || node.kind === '';
}

/** Where a node's text begins: past the spaces, line breaks and comments js-yaml's position may still be on. */
function contentStart(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at += 1;
    if (text[at] !== '#') return at;
    while (at < text.length && text[at] !== '\n') at += 1;
  }
}
