// Control characters in text from a charter or a criteria file, made visible: ESC becomes \x1B,
// a newline \x0A, a right-to-left override \u202E. Applied to a whole report before a format for
// people prints it; machine formats carry the text as it is, escaped by their own rules.

// C0 and C1 controls, DEL, and the bidirectional overrides that can make text read backwards.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return text.replace(CONTROL, (character) => {
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}

/** A deep copy with every string's control characters made visible (keys are left alone). */
export function withVisibleControls<T>(value: T): T {
  if (typeof value === 'string') return visibleControls(value) as T;
  if (Array.isArray(value)) return value.map(withVisibleControls) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withVisibleControls(item)])) as T;
  }
  return value;
}
