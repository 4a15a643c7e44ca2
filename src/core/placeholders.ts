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
  const placeholders = new Map<string, string>();
  // Where the walk is: a pointer is made only for text taken out (most of a charter has none).
  const path: (string | number)[] = [];
  /** The text in its normal form, or undefined (noted as taken out at `segment`) when it says nothing. */
  const said = (text: string, segment: string | number): string | undefined => {
    const normal = normaliseText(text);
    if (normal !== '' && !isPlaceholder(normal)) return normal;
    placeholders.set(joinPointer(path.reduce<string>(joinPointer, ''), segment), normal);
    return undefined;
  };
  const below = (item: unknown, segment: string | number): unknown => {
    path.push(segment);
    const copy = readable(item);
    path.pop();
    return copy;
  };
  // One walk, one copy: normaliseStrings and withoutPlaceholders in turn made two.
  const readable = (value: unknown): unknown => {
    if (typeof value === 'string') return normaliseText(value);
    if (Array.isArray(value)) return value.map((item: unknown, index) => (typeof item === 'string' ? (said(item, index) ?? null) : below(item, index)));
    if (typeof value !== 'object' || value === null) return value;
    // A null prototype: a key such as __proto__ stays plain data.
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') copy[key] = below(item, key);
      else {
        const text = said(item, key);
        if (text !== undefined) copy[key] = text;
      }
    }
    return copy;
  };
  return { data: readable(data), placeholders };
}

/** True when a text says nothing: nothing visible once normalised, or only a placeholder. */
export function saysNothing(text: string, isPlaceholder: (text: string) => boolean): boolean {
  const normal = normaliseText(text);
  return normal === '' || isPlaceholder(normal);
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
