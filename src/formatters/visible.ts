// Characters that can drive a terminal or a log viewer, or make text read other than it is, made
// visible: ESC becomes \x1B, a newline \x0A, a right-to-left override \u202E, a noncharacter
// \uFFFE. The one escaping of text from a charter, a file name or a criteria file before it is
// printed for people: reports, error lines on stderr, annotations, explain and criteria. Machine
// formats (JSON, SARIF) carry the text as it is, escaped by their own rules.

// C0 and C1 controls, DEL; the bidirectional marks, embeddings, overrides and isolates that can
// make text read backwards; the line and paragraph separators; noncharacters; lone surrogates.
const UNSAFE = '[\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u2028-\\u202E\\u2066-\\u2069\\p{Noncharacter_Code_Point}\\p{Surrogate}]';
const ANY_UNSAFE = new RegExp(UNSAFE, 'u');
const EVERY_UNSAFE = new RegExp(UNSAFE, 'gu');
// The same, but line breaks (\n, \r\n) are kept: for text made of lines, such as a message on stderr.
const EVERY_UNSAFE_BUT_NEWLINE = new RegExp(`(?!\\r?\\n)${UNSAFE}`, 'gu');

export function visibleControls(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(EVERY_UNSAFE, escaped);
}

/** Text of several lines, each line's unsafe characters made visible and its line breaks kept. */
export function visibleLines(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(EVERY_UNSAFE_BUT_NEWLINE, escaped);
}

function escaped(character: string): string {
  const code = character.codePointAt(0)!;
  if (code <= 0xff) return `\\x${hex(code).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${hex(code).padStart(4, '0')}` : `\\u{${hex(code)}}`;
}

function hex(code: number): string {
  return code.toString(16).toUpperCase();
}

/**
 * The value with every string's control characters made visible (keys are left alone). Parts
 * with nothing to change are shared, not copied: almost every report has none, and copying
 * each one cost a sixth of a large run.
 */
export function withVisibleControls<T>(value: T): T {
  if (typeof value === 'string') return visibleControls(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const shown = withVisibleControls(item);
      if (shown !== item) (copy ??= [...value])[index] = shown;
    }
    return (copy ?? value) as T;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      const item = record[key];
      const shown = withVisibleControls(item);
      if (shown !== item) (copy ??= { ...record })[key] = shown;
    }
    return (copy ?? value) as T;
  }
  return value;
}
