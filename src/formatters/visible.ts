// Control characters in text from a charter or a criteria file, made visible: ESC becomes \x1B,
// a newline \x0A, a right-to-left override \u202E. Applied to a whole report before a format for
// people prints it; machine formats carry the text as it is, escaped by their own rules.

// C0 and C1 controls, DEL, and the bidirectional overrides that can make text read backwards.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export function visibleControls(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(CONTROL, (character) => {
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
  });
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
