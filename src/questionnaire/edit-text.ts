// Sets a value in a charter's YAML text by splicing: only the changed lines are written, so the
// user's comments, key order and formatting stay byte for byte everywhere else. (Re-serialising
// the document would refold long lines and respace flow maps.)
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { pointerSegments } from '../core/parse.js';

export function setInText(text: string, pointer: string, value: unknown): string {
  const document = parseDocument(text);
  const segments = pointerSegments(pointer);
  let node: unknown = document.contents;
  let depth = 0;
  // Walk down as far as the path exists.
  for (; depth < segments.length; depth += 1) {
    const segment = segments[depth]!;
    const next = childOf(node, segment);
    if (next === undefined) break;
    node = next;
  }
  const missing = segments.slice(depth);
  if (missing.length === 0) return replaceNode(text, node, value);
  if (isSeq(node)) return appendToSequence(text, node, nest(missing.slice(1), value));
  if (isMap(node)) return addToMap(text, node, nest(missing, value) as Record<string, unknown>);
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
    // `key:` with no value, or an empty document: the value becomes a block under it.
    return replaceNode(text, node, nest(missing, value));
  }
  throw new Error(`cannot set ${pointer}: ${segments.slice(0, depth).join('.') || 'the charter'} is not a mapping or list`);
}

function childOf(node: unknown, segment: string): unknown {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
    return pair ? (pair.value ?? null) : undefined;
  }
  if (isSeq(node) && /^\d+$/.test(segment)) return node.items[Number(segment)];
  return undefined;
}

/** { a: { b: value } } for the segments a, b. */
function nest(segments: string[], value: unknown): unknown {
  return segments.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
}

function replaceNode(text: string, node: unknown, value: unknown): string {
  const range = (node as YamlNode | null)?.range;
  if (!range) return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${block(value, 0)}`;
  const [start, end] = range;
  const isCollection = typeof value === 'object' && value !== null;
  if (!isCollection) return text.slice(0, start) + inline(value) + text.slice(end);
  // An empty `key:` sits at the end of its line; the block goes on the lines after it, indented
  // past the key (past "- " too when the key starts a list item).
  const keyIndent = keyColumn(text, lineStart(text, start));
  return `${text.slice(0, start).replace(/[ \t]*$/, '')}\n${block(value, keyIndent + 2)}${text.slice(end).replace(/^[ \t]*\n?/, '')}`;
}

function addToMap(text: string, map: YamlNode & { flow?: boolean; items: unknown[] }, entries: Record<string, unknown>): string {
  const [start, end] = map.range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', end);
    const body = Object.entries(entries).map(([key, value]) => `${inline(key)}: ${inline(value)}`).join(', ');
    const before = text.slice(0, close).replace(/\s*$/, '');
    return `${before}${before.endsWith('{') ? ' ' : ', '}${body} ${text.slice(close)}`;
  }
  return insertAfterBlock(text, start, end, block(entries, start - lineStart(text, start)));
}

function appendToSequence(text: string, seq: YamlNode & { flow?: boolean }, item: unknown): string {
  const [start, end] = seq.range!;
  if (seq.flow) {
    const close = text.lastIndexOf(']', end);
    const before = text.slice(0, close).replace(/\s*$/, '');
    return `${before}${before.endsWith('[') ? '' : ', '}${inline(item)}${text.slice(close)}`;
  }
  return insertAfterBlock(text, start, end, block([item], start - lineStart(text, start)));
}

/** Inserts lines after the last line of a block collection (before any blank lines after it). */
function insertAfterBlock(text: string, start: number, end: number, lines: string): string {
  let cut = end;
  // The collection's range ends after its last value; step back over trailing blank lines.
  while (cut > start && (text[cut - 1] === '\n' || text[cut - 1] === ' ')) cut -= 1;
  const lineEnd = text.indexOf('\n', cut);
  if (lineEnd === -1) return `${text}\n${lines}`;
  return text.slice(0, lineEnd + 1) + lines + text.slice(lineEnd + 1);
}

/** Block YAML for a value, every line indented. */
function block(value: unknown, indent: number): string {
  const yaml = stringify(value, { lineWidth: 0 });
  const pad = ' '.repeat(indent);
  return yaml
    .split('\n')
    .filter((line, index, lines) => index < lines.length - 1 || line !== '')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n')
    .concat('\n');
}

/** A scalar or small collection on one line, as flow YAML. */
function inline(value: unknown): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where a line's key starts: after its indentation and any "- " of a list item. */
function keyColumn(text: string, start: number): number {
  let count = 0;
  while (text[start + count] === ' ' || text[start + count] === '-') count += 1;
  return count;
}
