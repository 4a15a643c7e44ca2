// Placeholders (TBC, to be agreed, see above...) count as empty in every text field: criteria read
// a copy of the charter with them taken out, so "exit: TBC" is the same gap as no exit at all.
// That copy's text is in the normal form a reader sees (text/normalise.ts), made once here before
// any check reads it: no emptiness, placeholder, length or "differs" check can see a zero-width
// space, a soft hyphen, a full-width or Cyrillic letter, an HTML comment or a run of spaces that a
// reader does not.
import { joinPointer } from './pointer.js';
import { normaliseText } from './text/normalise.js';

export interface WithoutPlaceholders {
  data: unknown;
  /** The text taken out, by JSON Pointer, so a gap there can say it was a placeholder. */
  placeholders: Map<string, string>;
}

/**
 * What the checks read: a copy of the charter with every text in its normal form, and text that
 * says nothing (blank once normalised, or a placeholder) taken out. Keys are left as written:
 * the charter's schema has already judged them.
 */
export function readableCharter(data: unknown, isPlaceholder: (text: string) => boolean): WithoutPlaceholders {
  return withoutPlaceholders(normaliseStrings(data), (text) => text === '' || isPlaceholder(text));
}

/** True when a text says nothing: nothing visible once normalised, or only a placeholder. */
export function saysNothing(text: string, isPlaceholder: (text: string) => boolean): boolean {
  const normal = normaliseText(text);
  return normal === '' || isPlaceholder(normal);
}

/** A copy of `data` with every string in its normal form. */
export function normaliseStrings(data: unknown): unknown {
  if (typeof data === 'string') return normaliseText(data);
  if (Array.isArray(data)) return data.map(normaliseStrings);
  if (typeof data !== 'object' || data === null) return data;
  // A null prototype: a key such as __proto__ stays plain data.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(data)) copy[key] = normaliseStrings(item);
  return copy;
}

/** A copy of `data` without placeholder text: map entries are dropped, list items become null. */
export function withoutPlaceholders(data: unknown, isPlaceholder: (text: string) => boolean): WithoutPlaceholders {
  const placeholders = new Map<string, string>();
  const clean = (value: unknown, pointer: string): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, index) => {
        const at = joinPointer(pointer, index);
        if (typeof item === 'string' && isPlaceholder(item)) {
          placeholders.set(at, item);
          return null;
        }
        return clean(item, at);
      });
    }
    if (typeof value !== 'object' || value === null) return value;
    // A null prototype: a key such as __proto__ stays plain data.
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
      const at = joinPointer(pointer, key);
      if (typeof item === 'string' && isPlaceholder(item)) placeholders.set(at, item);
      else copy[key] = clean(item, at);
    }
    return copy;
  };
  return { data: clean(data, ''), placeholders };
}
