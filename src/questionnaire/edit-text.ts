// Sets a value in a charter's YAML text, changing no other byte: comments, key order, quoting,
// block scalars, line ends and indentation stay as they were. Existing scalars are rewritten
// through yaml's concrete syntax tree (which knows quoting and block scalars); new keys and items
// are spliced in at places found through it. Every edit is checked by parsing the result: the
// answer must be there and nothing else may have changed, or the edit is refused with a reason.
import { CST, Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, stringify, type Document, type Node as YamlNode } from 'yaml';
import { pointerSegments, valueAtPointer, withValueAt } from '../core/pointer.js';
import { fieldName } from '../core/structure.js';

/** An edit that cannot be made safely; the message says why, for the person to edit by hand. */
export class EditError extends Error {
  override name = 'EditError';
}

export function setInText(text: string, pointer: string, value: unknown): string {
  // A file whose every line ends CRLF is edited as LF and written back as CRLF; in any other
  // file new lines end with LF.
  const crlf = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text);
  const source = crlf ? text.replace(/\r\n/g, '\n') : text;
  const tokens = [...new Parser().parse(source)];
  const documents = [...new Composer({ keepSourceTokens: true }).compose(tokens)] as Document.Parsed[];
  const document = documents[0];
  if (!document || document.errors.length > 0 || documents.length !== 1) throw new EditError('the charter is not a single, valid YAML document');
  const before = document.toJS({ maxAliasCount: 100 }) as unknown;

  // The tidiest placement first; where it would change something else, a plainer one.
  let refusal: EditError | undefined;
  for (const edited of edit(source, tokens, document, pointer, value)) {
    const result = crlf ? edited.replace(/\n/g, '\r\n') : edited;
    try {
      verify(result, before, pointer, value);
      return result;
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      refusal ??= error;
    }
  }
  throw refusal ?? new EditError(`the answer for ${fieldName(pointer)} cannot be placed; edit it by hand`);
}

/** The edited texts to try, the tidiest first. */
function edit(source: string, tokens: CST.Token[], document: Document.Parsed, pointer: string, value: unknown): string[] {
  const segments = pointerSegments(pointer);
  let node: unknown = document.contents;
  let depth = 0;
  // Walk down as far as the path exists.
  for (; depth < segments.length; depth += 1) {
    if (isAlias(node)) throw new EditError(`${fieldName(pointerOf(segments, depth))} is an alias of &${node.source}; edit the anchored value instead, which every alias shares`);
    const next = childOf(node, segments[depth]!);
    if (next === undefined) break;
    node = next;
  }
  if (isAlias(node)) throw new EditError(`${fieldName(pointer)} is an alias of &${node.source}; edit the anchored value instead, which every alias shares`);
  const missing = segments.slice(depth);
  if (missing.length === 0) {
    if (isScalar(node) && node.value !== null && node.srcToken && isSimple(value)) return [replaceScalar(tokens, node.srcToken, value)];
    if (isScalar(node) && node.value === null) return [fillEmpty(source, node, value)];
    throw new EditError(`${fieldName(pointer)} already holds a list or mapping; edit it by hand`);
  }
  const nested = nest(missing.slice(1), value);
  const inBlock = (lines: string) => [addBlockItem(source, node as YamlNode, lines, true), addBlockItem(source, node as YamlNode, lines, false)];
  if (isSeq(node)) return node.flow ? [addToFlow(source, node, ']', inline(nested))] : inBlock(block([nested]));
  if (isMap(node)) {
    const entry = { [missing[0]!]: nest(missing.slice(1), value) };
    return node.flow ? [addToFlow(source, node, '}', inline(entry).replace(/^\{\s*|\s*\}$/g, ''))] : inBlock(block(entry));
  }
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [fillEmpty(source, node as YamlNode | null, nest(missing, value))];
  throw new EditError(`${fieldName(pointerOf(segments, depth))} is not a mapping or list, so ${fieldName(pointer)} cannot be added under it`);
}

function childOf(node: unknown, segment: string): unknown {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
    return pair ? (pair.value ?? null) : undefined;
  }
  if (isSeq(node) && /^\d+$/.test(segment)) return node.items[Number(segment)];
  return undefined;
}

/** Rewrites a scalar in the syntax tree (keeping its style where the value allows) and prints the tree back. */
function replaceScalar(tokens: CST.Token[], token: CST.Token, value: string | number | boolean): string {
  CST.setScalarValue(token, typeof value === 'string' ? value : String(value), { afterKey: true });
  // A number or yes/no written back must stay one, not turn into quoted text.
  if (typeof value !== 'string' && 'source' in token && token.type !== 'scalar') CST.setScalarValue(token, String(value), { afterKey: true, type: 'PLAIN' });
  return tokens.map((token) => CST.stringify(token)).join('');
}

/**
 * `key:` with nothing after it (or only a comment): a scalar goes on the same line, before any
 * comment; a list or mapping goes on the lines under it, indented past the key.
 */
function fillEmpty(source: string, node: YamlNode | null, value: unknown): string {
  const offset = node?.range?.[0];
  if (offset === undefined) return `${source}${source === '' || source.endsWith('\n') ? '' : '\n'}${block(value)}`;
  // The empty value sits where the key's line continues; find that line and the key's column.
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const colon = colonBefore(source, lineStart, offset);
  const keyColumn = keyIndent(source, lineStart);
  if (isSimple(value) && !(typeof value === 'string' && value.includes('\n'))) {
    // After the colon: spaces, then a comment or the end of the line. The value goes before the comment.
    const rest = source.slice(colon + 1).replace(/^[ \t]*/, '');
    return `${source.slice(0, colon + 1)} ${inline(value)}${rest.startsWith('#') ? ' ' : ''}${rest}`;
  }
  const lineEnd = source.indexOf('\n', offset);
  const cut = lineEnd === -1 ? source.length : lineEnd + 1;
  const lines = indentBlock(block(value), keyColumn + 2);
  return `${source.slice(0, cut)}${lineEnd === -1 ? '\n' : ''}${lines}${source.slice(cut)}`;
}

/** The offset of the `:` that ends the key on this line, before `offset`. */
function colonBefore(source: string, lineStart: number, offset: number): number {
  const colon = source.lastIndexOf(':', offset);
  if (colon < lineStart) throw new EditError('the empty value is not on its key\'s line; edit it by hand');
  return colon;
}

/**
 * Adds `key: value` or `- item` lines after a block collection's last line, at its indentation:
 * before the blank lines its range runs over (tidy), or after them (when they belong to its last
 * value, as the kept blank lines of a `|+` block do).
 */
function addBlockItem(source: string, collection: YamlNode, lines: string, beforeBlankLines: boolean): string {
  const [start, end] = collection.range!;
  const column = start - (source.lastIndexOf('\n', start - 1) + 1);
  let cut = end;
  while (beforeBlankLines && cut > start && (source[cut - 1] === '\n' || source[cut - 1] === ' ')) cut -= 1;
  if (!beforeBlankLines && cut > 0 && source[cut - 1] === '\n') cut -= 1;
  const lineEnd = source.indexOf('\n', cut);
  const indented = indentBlock(lines, column);
  if (lineEnd === -1) return `${source}\n${indented}`;
  return source.slice(0, lineEnd + 1) + indented + source.slice(lineEnd + 1);
}

/** Adds an entry before a flow collection's closing bracket. */
function addToFlow(source: string, collection: YamlNode & { items: unknown[] }, close: ']' | '}', entry: string): string {
  const end = collection.range![1];
  const bracket = source.lastIndexOf(close, end);
  const before = source.slice(0, bracket).replace(/\s*$/, '');
  const opened = before.endsWith(close === ']' ? '[' : '{');
  const padding = close === '}' ? ' ' : '';
  return `${before}${opened ? padding : ', '}${entry}${padding}${source.slice(bracket)}`;
}

/** Checks the edited text: it parses, holds the answer, and nothing else changed. */
function verify(text: string, before: unknown, pointer: string, value: unknown): void {
  const documents = [...new Composer().compose(new Parser().parse(text))] as Document.Parsed[];
  if (documents.length !== 1 || documents[0]!.errors.length > 0) throw new EditError(`the answer for ${fieldName(pointer)} could not be written without breaking the YAML; edit it by hand`);
  const after = documents[0]!.toJS({ maxAliasCount: 100 }) as unknown;
  const expected = structuredClone(before);
  const placed = withValueAt(expected, pointer, value);
  if (!placed || JSON.stringify(after) !== JSON.stringify(placed) || JSON.stringify(valueAtPointer(after, pointer)) !== JSON.stringify(value)) {
    throw new EditError(`the answer for ${fieldName(pointer)} could not be written without changing other parts of the charter; edit it by hand`);
  }
}

function isSimple(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** { a: { b: value } } for the segments a, b; a new list for a first item (a, 0: { a: [value] }). */
function nest(segments: string[], value: unknown): unknown {
  return segments.reduceRight<unknown>((inner, segment) => (segment === '0' ? [inner] : { [segment]: inner }), value);
}

function pointerOf(segments: readonly string[], depth: number): string {
  return segments.slice(0, depth).map((segment) => `/${segment}`).join('');
}

/** Block YAML for a value, at column 0, ending with a newline. */
function block(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/** Every non-empty line of a block indented by `column` spaces. */
function indentBlock(lines: string, column: number): string {
  const pad = ' '.repeat(column);
  return lines
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** A scalar or small collection on one line, as flow YAML. */
function inline(value: unknown): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
}

/** Where a line's key starts: after its indentation and any "- " of a list item. */
function keyIndent(source: string, lineStart: number): number {
  let count = 0;
  while (source[lineStart + count] === ' ' || source[lineStart + count] === '-') count += 1;
  return count;
}
