// Text as a reader sees it: compatibility forms folded (full-width ＴＢＣ is TBC), invisible
// characters dropped (zero-width spaces, soft hyphens, the Hangul filler, HTML comments, which a
// rendered charter never shows), letters that only look Latin read as the Latin letter in a word
// that is otherwise Latin (TВC with a Cyrillic В is TBC), every kind of space a plain space, curly
// quotes straight. The charter's text is put in this form once, before any check reads it
// (placeholders.ts); the text layer reads every text through it too. It is idempotent: text
// already in this form comes back unchanged.

// Zero-width and formatting characters a reader cannot see: they must not make "T\u00adBC" a word.
// eslint-disable-next-line no-misleading-character-class -- each is removed alone; none is meant to join the character before it
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{1d173}-\u{1d17a}]/gu;
// Control characters other than the spaces: nothing a reader sees.
// eslint-disable-next-line no-control-regex -- these are the characters removed
const CONTROLS = /[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
// Characters NFKC may change: beyond Latin (full-width ＴＢＣ, ligatures, combining marks), other
// than the quotes, dashes and spaces mapped here. Most charters have none, and the first NFKC
// call loads ICU's normalisation data (several milliseconds of a one-charter run).
// eslint-disable-next-line no-control-regex -- the range that needs no NFKC starts at \x00
const NEEDS_NFKC = /[^\x00-\u024f\u2010-\u2015\u2018-\u201f\u2032\u2033\u2212\u2000-\u200f\u2028\u2029\u202f\u205f]/;

/** Cyrillic and Greek letters drawn as a Latin letter (Unicode's confusables, those a reader cannot tell apart). */
const LOOKALIKES = new Map(
  Object.entries({
    А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y', Ѕ: 'S', І: 'I', Ӏ: 'I', Ј: 'J', Ԛ: 'Q', Ԝ: 'W',
    а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l',
    Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', ν: 'v',
  }),
);
const HAS_LOOKALIKE = /[\u0370-\u03ff\u0400-\u052f]/;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}]+$/u;

/** The text a reader sees, in one normal form; blank when nothing visible is left. */
export function normaliseText(text: string): string {
  // Plain ASCII with single spaces, the usual case, needs no work.
  if (/^[\x21-\x7e]*(?: [\x21-\x7e]+)*$/.test(text) && !text.includes('<!--')) return text;
  // One step can make work for another (full-width ＜！－－ is a comment once NFKC has read it; a
  // mark joins the letter before it once the comment between them is gone): again until nothing changes.
  let current = text;
  for (let round = 0; round < 4; round += 1) {
    const next = normaliseOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function normaliseOnce(text: string): string {
  // Invisible characters go before NFKC as well as after: one between two characters must not keep them from composing.
  let visible = withoutComments(text).replace(INVISIBLE, '').replace(CONTROLS, '');
  if (NEEDS_NFKC.test(visible)) visible = visible.normalize('NFKC').replace(INVISIBLE, '');
  if (HAS_LOOKALIKE.test(visible)) visible = visible.replace(WORD, latinLookalikes);
  return visible.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/** True when a text has nothing a reader can see. */
export function isBlank(text: string): boolean {
  return normaliseText(text) === '';
}

/**
 * A word made only of Latin letters and letters drawn like them is read as the Latin word it
 * looks like (TВC, Сonfirmed); a word with any other Cyrillic or Greek letter is left as written.
 */
function latinLookalikes(word: string): string {
  if (!HAS_LOOKALIKE.test(word)) return word;
  let folded = '';
  for (const letter of word) folded += LOOKALIKES.get(letter) ?? letter;
  return LATIN_WORD.test(folded) ? folded : word;
}

/** Text without HTML comments, which a rendered charter never shows (an unclosed one hides the rest). */
function withoutComments(text: string): string {
  let start = text.indexOf('<!--');
  if (start === -1) return text;
  let kept = '';
  let from = 0;
  while (start !== -1) {
    kept += text.slice(from, start);
    const end = text.indexOf('-->', start + 4);
    if (end === -1) return kept;
    from = end + 3;
    start = text.indexOf('<!--', from);
  }
  return kept + text.slice(from);
}
