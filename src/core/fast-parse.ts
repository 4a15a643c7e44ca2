// The fast parse path: js-yaml (about ten times faster than the yaml package on a charter) with
// every node's position recorded through its listener, so that each finding keeps its line and
// column. It declines (returns null) whatever it might read differently from the yaml package —
// anchors, aliases, tags, merge keys, directives, several documents, a syntax error, duplicate
// keys, a tree it cannot line up with the data — and the caller then parses with yaml, which also
// gives the precise messages. test/fast-parse.test.ts holds the two paths to the same results.
import jsYaml from 'js-yaml';
import type { ParsedYaml, Position } from './parse.js';
import { pointerSegments } from './pointer.js';

/** Text the fast path leaves to the yaml package: anchors, aliases, tags, merge keys, directives, document markers. */
const DECLINE = /(^|[\s,[{])[&*!]|<<\s*:|^%|^---|^\.\.\./m;

interface NodeSpan {
  start: number;
  result: unknown;
  kind: string;
  children: NodeSpan[];
}

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
          stack.push({ start: state.position, result: undefined, kind: '', children: [] });
          return;
        }
        const frame = stack.pop();
        if (!frame) throw new Error('unbalanced');
        frame.result = state.result;
        frame.kind = state.kind;
        // js-yaml opens some nodes twice, one call inside another: keep the inner one.
        const only = frame.children.length === 1 ? frame.children[0]! : null;
        const node = only && only.result === frame.result && only.kind === frame.kind ? only : frame;
        if (stack.length > 0) stack.at(-1)!.children.push(node);
        else root = node;
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

/** The key and value spans of a mapping entry, or the span of a list item. */
function childSpan(node: NodeSpan, segment: string): { key?: NodeSpan; value: NodeSpan } | null {
  if (node.kind === 'mapping') {
    for (let index = 0; index + 1 < node.children.length; index += 2) {
      if (String(node.children[index]!.result) === segment) return { key: node.children[index]!, value: node.children[index + 1]! };
    }
    return null;
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
    return entries.every(([key, item], index) => node.children[index * 2]!.kind === 'scalar' && String(node.children[index * 2]!.result) === key && linesUp(node.children[index * 2 + 1]!, item));
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
