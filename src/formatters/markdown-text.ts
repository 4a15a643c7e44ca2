// Text from a charter, a file name or a criteria file as Markdown that reads as the words it is:
// no link, image, emphasis, HTML or autolink it did not mean. Escaped only where Markdown
// (CommonMark with GitHub's extensions) would otherwise read markup, so "UK & Ireland" stays as
// written and the text reads the same pasted as plain text as rendered. The -f markdown report, the
// step summary and the executive summary all write charter text through it.
import { visibleControls } from './visible.js';

export interface MarkdownTextOptions {
  /** Inside a table cell: pipes escaped and line breaks made spaces (a cell is one line). */
  inTable?: boolean;
  /**
   * Which addresses in the text may link to themselves, as the tool's own links: none (a report:
   * nothing in it links but the tool's rule links), or the https addresses `isLink` accepts (the
   * executive summary, which links them on purpose as its HTML does).
   */
  isLink?: (address: string) => boolean;
  /** The whole text is an e-mail address the tool links on purpose: its "@" is left alone. */
  emailLink?: boolean;
}

/** The text as Markdown text, control characters shown, line breaks kept as breaks (or spaces in a table). */
export function markdownText(text: string, options: MarkdownTextOptions = {}): string {
  const lines = options.inTable ? [text.replace(/\s*\r?\n\s*/g, ' ')] : text.split(/\r?\n/);
  return lines.map((line) => escapeLine(visibleControls(line), options)).join('  \n');
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
// What starts an address GitHub links by itself (an extended autolink): a scheme before "://"
// (or "mailto:", "xmpp:"), "www.", or the "@" of an e-mail address.
const SCHEME = /(?:^|[^\p{L}\p{N}])(?:https?|ftp|mailto|xmpp)$/iu;
const WWW = /(?:^|[^\p{L}\p{N}])www$/iu;
const EMAIL_PART = /[\p{L}\p{N}._+-]/u;
// An https address as the executive summary links it: up to a space or a quote, without the full
// stop, comma or bracket that ends a sentence around it.
const HTTPS = /https:\/\/[^\s<>"'`]+/g;

/** Each https address in a line, where it starts and ends, as the formats that link them find it. */
export function httpsAddresses(line: string): { start: number; address: string }[] {
  return [...line.matchAll(HTTPS)].map((match) => ({ start: match.index, address: match[0].replace(/[.,;:!?)\]]+$/, '') }));
}

/**
 * One line with a backslash before each character Markdown would read as markup there, and before
 * no other: code spans, emphasis, links and images, HTML, entities, strike-through, table pipes,
 * the character that makes an address an autolink, and at the line's start headings, lists,
 * quotes and rules.
 */
function escapeLine(line: string, options: MarkdownTextOptions): string {
  // A link or image needs "](", "][" or "]:" after its "[": without one, brackets are words.
  const bracketsLink = /\](?:[([:])/.test(line);
  const tildes = (line.match(/~/g) ?? []).length >= 2;
  const { isLink } = options;
  const linked = new Set(isLink ? httpsAddresses(line).flatMap(({ start, address }) => (isLink(address) ? [start + 'https'.length] : [])) : []);
  let out = '';
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    const before = index === 0 ? ' ' : line[index - 1]!;
    const after = index + 1 < line.length ? line[index + 1]! : ' ';
    // Enough of what follows to tell a tag or an entity (the longest is 32 characters).
    const rest = line.slice(index + 1, index + 40);
    const escape =
      (character === '\\' && PUNCTUATION.test(after)) ||
      character === '`' ||
      (character === '*' && !(/\s/.test(before) && /\s/.test(after))) ||
      (character === '_' && !(WORD.test(before) && WORD.test(after))) ||
      (character === '[' && bracketsLink) ||
      (character === '<' && /^[A-Za-z/!?]/.test(rest)) ||
      (character === '&' && /^#?[A-Za-z0-9]+;/.test(rest)) ||
      (character === '~' && tildes) ||
      (character === '|' && options.inTable === true) ||
      (character === ':' && SCHEME.test(line.slice(Math.max(0, index - 7), index)) && !linked.has(index)) ||
      (character === '.' && WWW.test(line.slice(Math.max(0, index - 4), index))) ||
      (character === '@' && EMAIL_PART.test(before) && EMAIL_PART.test(after) && options.emailLink !== true);
    out += escape ? `\\${character}` : character;
  }
  // At the line's start: a heading, a quote, a list item, a rule or a setext underline.
  return out
    .replace(/^(\s*)(#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\[)/, '$1\\$2')
    .replace(/^(\s*)([-=_*])(?=(?:\s*\2){2,}\s*$|\2*\s*$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
