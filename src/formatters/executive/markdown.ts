// The executive summary as Markdown, for board papers and repositories. Every value is the
// charter's, escaped so that it reads as the words it is (no links, images, emphasis or HTML it
// did not mean), and escaped only where Markdown would otherwise read it as markup: "UK & Ireland"
// stays as written, so the text reads the same pasted as plain text as rendered.
import type { Block, Cell, ExecutiveSummary, Fact } from '../../core/summary.js';
import { visibleControls } from '../visible.js';
import { DRAFT_MARK, GAPS_HEADING, NO_GAPS, gapLine } from './wording.js';

export const SUMMARY_MARK = '<!-- partner-check summary: written from the charter, so edit the charter and write it again -->';

export function summaryMarkdown(summary: ExecutiveSummary): string {
  // The first line tells partner-check's own summary from a user's file of the same name (io/own-output.ts); unseen when rendered.
  const lines: string[] = [SUMMARY_MARK, ''];
  if (summary.draft) lines.push(`> **${DRAFT_MARK}**`, '');
  lines.push(`# ${inline(summary.title.text)}`, '');
  if (summary.facts.length > 0) lines.push(summary.facts.map(factText).join(' · '), '');
  for (const section of summary.sections) {
    lines.push(`## ${section.heading}`, '');
    for (const block of section.blocks) lines.push(...blockLines(block));
    for (const subsection of section.subsections) {
      lines.push(`### ${inline(subsection.heading.text)}`, '');
      for (const block of subsection.blocks) lines.push(...blockLines(block));
    }
  }
  if (summary.foot.length > 0) lines.push('---', '', summary.foot.map(factText).join(' · '), '');
  if (summary.draft) {
    lines.push(`## ${GAPS_HEADING}`, '');
    if (summary.gaps.length === 0) lines.push(NO_GAPS, '');
    else lines.push(...summary.gaps.map((gap) => `- ${inline(gapLine(gap))}`), '');
    lines.push(`> **${DRAFT_MARK}**`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [inline(block.fact.text), ''];
    case 'facts':
      return [...block.facts.map((fact) => `- ${factText(fact)}`), ''];
    case 'table':
      return [
        `**${block.caption}**`,
        '',
        `| ${block.columns.join(' | ')} |`,
        `| ${block.columns.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.cells.map(cell).join(' | ')} |`),
        '',
      ];
  }
}

function factText(fact: Fact): string {
  return fact.label ? `**${fact.label}:** ${inline(fact.text)}` : inline(fact.text);
}

/** The charter's words as plain Markdown text, its line breaks kept as breaks. */
export function inline(text: string, inTable = false): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeLine(visibleControls(line), inTable))
    .join('  \n');
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/**
 * One line with a backslash before each character Markdown (CommonMark with GitHub's extensions)
 * would read as markup there, and before no other: code spans, emphasis, links and images, HTML,
 * entities, strike-through, table pipes, and at the line's start headings, lists, quotes and rules.
 */
function escapeLine(line: string, inTable: boolean): string {
  // A link or image needs "](", "][" or "]:" after its "[": without one, brackets are words.
  const bracketsLink = /\](?:[([:])/.test(line);
  const tildes = (line.match(/~/g) ?? []).length >= 2;
  let out = '';
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    const before = index === 0 ? ' ' : line[index - 1]!;
    const after = index + 1 < line.length ? line[index + 1]! : ' ';
    const rest = line.slice(index + 1);
    const escape =
      (character === '\\' && PUNCTUATION.test(after)) ||
      character === '`' ||
      (character === '*' && !(/\s/.test(before) && /\s/.test(after))) ||
      (character === '_' && !(WORD.test(before) && WORD.test(after))) ||
      (character === '[' && bracketsLink) ||
      (character === '<' && /^[A-Za-z/!?]/.test(rest)) ||
      (character === '&' && /^#?[A-Za-z0-9]+;/.test(rest)) ||
      (character === '~' && tildes) ||
      (character === '|' && inTable);
    out += escape ? `\\${character}` : character;
  }
  // At the line's start: a heading, a quote, a list item, a rule or a setext underline.
  return out
    .replace(/^(\s*)(#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\[)/, '$1\\$2')
    .replace(/^(\s*)([-=_*])(?=(?:\s*\2){2,}\s*$|\2*\s*$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

function cell(item: Cell): string {
  return inline(item.text.replace(/\s*\r?\n\s*/g, ' '), true);
}
