// The executive summary as Markdown, for board papers and repositories. Every value is the
// charter's, escaped so that it reads as the words it is (no links, emphasis or HTML it did not mean).
import type { Block, ExecutiveSummary, Fact } from '../../core/summary.js';
import { visibleControls } from '../visible.js';
import { DRAFT_MARK, GAPS_HEADING, NO_GAPS, gapLine } from './wording.js';

export function summaryMarkdown(summary: ExecutiveSummary): string {
  const lines: string[] = [];
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

/** The charter's words as plain Markdown text: its syntax characters escaped, its line breaks kept as breaks. */
function inline(text: string): string {
  return text
    .split(/\r?\n/)
    .map(visibleControls)
    .join('\n')
    // Emphasis, code, links, HTML, entities, tables and strike-through anywhere; headings, lists and rules at a line's start.
    .replace(/[\\`*_[\]<>|~&]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([-=+#])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
    .replace(/\n/g, '  \n');
}

function cell(text: string): string {
  return inline(text.replace(/\s*\r?\n\s*/g, ' '));
}
