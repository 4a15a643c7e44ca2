// Text as a reader sees it: compatibility forms folded (full-width ＴＢＣ is TBC), invisible
// characters dropped (zero-width spaces, soft hyphens, the Hangul filler), every kind of space a
// plain space, curly quotes straight. Every check that reads words reads them through this.

// Zero-width and formatting characters a reader cannot see: they must not make "T\u00adBC" a word.
// eslint-disable-next-line no-misleading-character-class -- each is removed alone; none is meant to join the character before it
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
// Characters NFKC may change: beyond Latin (full-width ＴＢＣ, ligatures, combining marks), other
// than the quotes, dashes and spaces mapped here. Most charters have none, and the first NFKC
// call loads ICU's normalisation data (several milliseconds of a one-charter run).
// eslint-disable-next-line no-control-regex -- the range that needs no NFKC starts at \x00
const NEEDS_NFKC = /[^\x00-\u024f\u2010-\u2015\u2018-\u201f\u2032\u2033\u2212\u2000-\u200f\u2028\u2029\u202f\u205f]/;

/** The text a reader sees, in one normal form; blank when nothing visible is left. */
export function normaliseText(text: string): string {
  // Plain ASCII with single spaces, the usual case, needs no work.
  if (/^[\x21-\x7e]*(?: [\x21-\x7e]+)*$/.test(text)) return text;
  return (NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text)
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim();
}

/** True when a text has nothing a reader can see. */
export function isBlank(text: string): boolean {
  return normaliseText(text) === '';
}
