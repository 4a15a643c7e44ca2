// The executive summary as Markdown, for board papers and repositories. Every value is the
// charter's, escaped by markdown-text.ts so that it reads as the words it is (no links, images,
// emphasis or HTML it did not mean); the addresses the HTML links, and only those, link here too.
import { webForm, type Block, type Cell, type ExecutiveSummary, type Fact } from '../../core/summary.js';
import { markdownText, type MarkdownTextOptions } from '../markdown-text.js';
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
      return [value(block.fact), ''];
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
  return fact.label ? `**${fact.label}:** ${value(fact)}` : value(fact);
}

/** The charter's words as plain Markdown text, its line breaks kept as breaks; https addresses link to themselves, as in the HTML. */
function inline(text: string, options: MarkdownTextOptions = {}): string {
  return markdownText(text, { isLink: (address) => webForm(address).href !== undefined, ...options });
}

/** A fact or a cell's words; an e-mail address given as one links to itself. */
function value(item: Fact | Cell, inTable = false): string {
  return inline(item.text, { inTable, emailLink: item.form === 'email' });
}

function cell(item: Cell): string {
  return value(item, true);
}
