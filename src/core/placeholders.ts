// Placeholders (TBC, to be agreed, see above...) count as empty in every text field: criteria read
// a copy of the charter with them taken out, so "exit: TBC" is the same gap as no exit at all.
import { joinPointer } from './pointer.js';

export interface WithoutPlaceholders {
  data: unknown;
  /** The text taken out, by JSON Pointer, so a gap there can say it was a placeholder. */
  placeholders: Map<string, string>;
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
