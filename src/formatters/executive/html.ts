// The executive summary as one self-contained HTML page: no scripts, fonts, images or anything
// fetched; the system's fonts; printed on A4. Every string from the charter is escaped. A draft is
// marked at the top, across every printed page and at the end, with the gaps listed. E-mail
// addresses link with mailto: and web addresses only when https; dates do not break across lines.
import { webForm, type Block, type Cell, type ExecutiveSummary, type Fact } from '../../core/summary.js';
import { httpsAddresses } from '../markdown-text.js';
import { escapeHtml } from '../text.js';
import { visibleControls } from '../visible.js';
import { DRAFT_MARK, GAPS_HEADING, NO_GAPS, gapLine } from './wording.js';

export function summaryHtml(summary: ExecutiveSummary): string {
  const title = text(summary.title.text);
  const body = [
    summary.draft ? `<p class="draft-banner" role="note"><strong>${escapeHtml(DRAFT_MARK)}</strong></p>` : '',
    `<header><h1>${title}</h1>${summary.facts.length > 0 ? `<p class="facts-line">${summary.facts.map(factHtml).join(' <span aria-hidden="true">·</span> ')}</p>` : ''}</header>`,
    ...summary.sections.map(
      (section) =>
        `<section aria-labelledby="s-${section.id}"><h2 id="s-${section.id}">${escapeHtml(section.heading)}</h2>${section.blocks.map(blockHtml).join('')}${
          section.subsections.length === 0
            ? ''
            : `<div class="subsections">${section.subsections.map((subsection) => `<div class="subsection"><h3>${text(subsection.heading.text)}</h3>${subsection.blocks.map(blockHtml).join('')}</div>`).join('')}</div>`
        }</section>`,
    ),
    summary.foot.length > 0 ? `<footer><p class="foot">${summary.foot.map(factHtml).join(' <span aria-hidden="true">·</span> ')}</p></footer>` : '',
    summary.draft
      ? `<section aria-labelledby="s-gaps" class="gaps"><h2 id="s-gaps">${escapeHtml(GAPS_HEADING)}</h2>${
          summary.gaps.length === 0 ? `<p>${escapeHtml(NO_GAPS)}</p>` : `<ul>${summary.gaps.map((gap) => `<li>${text(gapLine(gap))}</li>`).join('')}</ul>`
        }<p class="draft-banner" role="note"><strong>${escapeHtml(DRAFT_MARK)}</strong></p></section>`
      : '',
  ];
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="partner-check summary">
<title>${summary.draft ? 'DRAFT: ' : ''}${title}</title>
<style>${STYLE}</style>
</head>
<body${summary.draft ? ' class="draft"' : ''}>
<main>
${body.filter(Boolean).join('\n')}
</main>
</body>
</html>
`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${value(block.fact)}</p>`;
    case 'facts':
      return `<dl>${block.facts.map((fact) => (fact.label ? `<div><dt>${escapeHtml(fact.label)}</dt><dd>${value(fact)}</dd></div>` : `<div class="unlabelled"><dd>${value(fact)}</dd></div>`)).join('')}</dl>`;
    case 'table':
      return `<table><caption>${escapeHtml(block.caption)}</caption><thead><tr>${block.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.cells.map((cell) => `<td>${value(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

function factHtml(fact: Fact): string {
  return fact.label ? `<span class="label">${escapeHtml(fact.label)}:</span> ${value(fact)}` : value(fact);
}

/** A value as its form asks: a date on one line, an address as a link to itself, words as words. */
function value(item: Fact | Cell): string {
  if (item.form === 'date') return `<span class="date">${text(item.text)}</span>`;
  if (item.href) return `<a href="${escapeHtml(item.href)}">${text(item.text, false)}</a>`;
  return text(item.text);
}

/** The charter's words, escaped, control characters shown, line breaks kept, https addresses in them linked (not inside a link). */
function text(value: string, link = true): string {
  return value
    .split(/\r?\n/)
    .map((line) => (link ? linked(visibleControls(line)) : escapeHtml(visibleControls(line))))
    .join('<br>');
}

/** A line with each https address in it as a link (a trailing full stop, comma or bracket left outside). */
function linked(line: string): string {
  let html = '';
  let last = 0;
  for (const { start, address } of httpsAddresses(line)) {
    const href = webForm(address).href;
    if (!href) continue;
    html += `${escapeHtml(line.slice(last, start))}<a href="${escapeHtml(href)}">${escapeHtml(address)}</a>`;
    last = start + address.length;
  }
  return html + escapeHtml(line.slice(last));
}

// NHS identity colours (blue #005eb8, dark grey #212b32) at contrast ratios above WCAG AA.
const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #212b32; background: #fff; line-height: 1.5; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { color: #005eb8; font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { color: #005eb8; font-size: 1.3rem; border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin: 1.75rem 0 .6rem; break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; break-after: avoid; }
p { margin: .4rem 0 .8rem; }
.facts-line, .foot { color: #4c6272; margin-top: 0; }
footer { margin-top: 2rem; border-top: 1px solid #d8dde0; padding-top: .5rem; }
.date { white-space: nowrap; }
a { color: #005eb8; overflow-wrap: anywhere; }
.label, dt { font-weight: 600; }
dl { margin: .3rem 0 .9rem; }
dl > div { display: grid; grid-template-columns: 13rem 1fr; gap: .75rem; padding: .2rem 0; break-inside: avoid; }
dl > div.unlabelled { grid-template-columns: 1fr; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .95rem; break-inside: auto; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #d8dde0; padding: .35rem .5rem .35rem 0; }
th { border-bottom: 2px solid #212b32; }
tr { break-inside: avoid; }
.draft-banner { border: 3px solid #8a1538; background: #fdf0f3; color: #8a1538; padding: .6rem .9rem; margin: 0 0 1.25rem; font-size: 1.05rem; }
.gaps li { margin-bottom: .35rem; }
/* A draft says so on every printed page too: a watermark behind the text, repeated by the printer. */
body.draft::before { content: "DRAFT: NOT FIT TO PUBLISH"; position: fixed; top: 45%; left: 0; right: 0; text-align: center; transform: rotate(-30deg); font-size: 3.2rem; font-weight: 700; color: rgba(138, 21, 56, .12); z-index: -1; pointer-events: none; }
@media print {
  /* One to two A4 pages for a typical charter: smaller type, tighter spacing, a narrower label column. */
  html { font-size: 9pt; line-height: 1.25; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 1.7rem; }
  h2 { font-size: 1.15rem; margin: .85rem 0 .3rem; }
  h3 { margin: .6rem 0 .15rem; }
  p { margin: .2rem 0 .45rem; }
  dl { margin: .15rem 0 .45rem; }
  dl > div { grid-template-columns: 9.5rem 1fr; gap: .5rem; padding: .05rem 0; }
  th, td { padding: .2rem .5rem .2rem 0; }
  body.draft::before { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .draft-banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@media (max-width: 40rem) { dl > div { grid-template-columns: 1fr; gap: 0; } }
`;
