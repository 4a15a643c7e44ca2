// JSON Pointers (RFC 6901): how criteria, findings and edits name a place in a charter.

/**
 * Pointers already split: a run meets the same few hundred (the criteria's and the charters'
 * fields) once per charter, and splitting each anew was a tenth of the check's time. Bounded, so
 * a run over many unlike charters cannot grow it without end.
 */
const splitPointers = new Map<string, readonly string[]>();
const MAX_SPLIT_POINTERS = 10_000;

/** Splits a JSON Pointer (RFC 6901) into its unescaped segments. Do not change the list returned: it is shared. */
export function pointerSegments(pointer: string): readonly string[] {
  const known = splitPointers.get(pointer);
  if (known) return known;
  const segments = pointer === '' || pointer === '/' ? [] : pointer.replace(/^\//, '').split('/').map(unescapeSegment);
  if (splitPointers.size >= MAX_SPLIT_POINTERS) splitPointers.clear();
  splitPointers.set(pointer, segments);
  return segments;
}

function unescapeSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
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

/** The pointer of the value holding this one: /plan for /plan/start; the root's parent is the root. */
export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/**
 * `data` with `value` placed at the pointer, in place: missing containers are made on the way
 * (a list where the next segment is a list index, else a map). Null when a value that is neither
 * blocks the way.
 */
export function withValueAt(data: unknown, pointer: string, value: unknown): unknown {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return value;
  const root = data ?? {};
  let node: unknown = root;
  for (const [index, segment] of segments.entries()) {
    if (typeof node !== 'object' || node === null) return null;
    const container = node as Record<string, unknown>;
    if (index === segments.length - 1) {
      container[segment] = value;
      break;
    }
    container[segment] ??= /^\d+$/.test(segments[index + 1]!) ? [] : {};
    node = container[segment];
  }
  return root;
}

export function joinPointer(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}/${segment}`;
  return `${base}/${segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment}`;
}
