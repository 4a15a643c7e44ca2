// A single self-contained page for a partnership board: no scripts, no fonts, no network.
// Every charter string is escaped; the chart is inline SVG with its numbers written on it, and
// bands are words, so the page reads the same in black and white and on paper.
import type { CheckedCharter, CriterionResult, Finding } from '../core/report.js';
import { failedGates } from '../core/verdict.js';
import { formatDelta } from './delta.js';
import { summaryText } from './run-summary.js';
import { areaTitle, escapeHtml } from './text.js';
import { ruleWords, type RuleWords } from './rule-words.js';
import type { Formatter } from './types.js';
import { blockerName, scoreNote, verdictLine, verdictWords, type VerdictWords } from './verdict.js';

/**
 * Each charter gives its row of the overview table and its own section below it. The page's
 * title names the charter when there is only one, and a page of one charter and no unreadable
 * file has no overview: so the charters are read once to count them, then for the rows, then for
 * the sections.
 */
export const formatHtml: Formatter = async function* (run) {
  const envelope = await run.envelope;
  let count = 0;
  let firstName = '';
  for await (const report of run.charters) if (count++ === 0) firstName = report.title ?? report.file;
  const title = count === 1 ? firstName : 'Partnership charters';
  yield `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}: readiness report</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="tool">partner-check ${escapeHtml(envelope.tool.version)}</p><h1>Partnership readiness report</h1></header>
<main>
`;
  const policy = envelope.policy;
  const words = ruleWords(run.head.rules);
  if (count > 1 || envelope.failures.length > 0) {
    yield `<section class="overview"><h2>All charters</h2><p>${escapeHtml(summaryText(envelope))}</p>
<table><thead><tr><th scope="col">Charter</th><th scope="col">Title</th><th scope="col">Verdict</th><th scope="col">Score</th><th scope="col">Change</th></tr></thead>
<tbody>`;
    let rows = 0;
    for await (const report of run.charters) yield `${rows++ === 0 ? '' : '\n'}${overviewRow(report, verdictWords(report, policy, words))}`;
    const unread = envelope.failures.map((failure) => `<tr><td>${escapeHtml(failure.file)}</td><td colspan="4">Could not be read: ${escapeHtml(failure.message)}</td></tr>`);
    yield `${count > 0 && unread.length > 0 ? '\n' : ''}${unread.join('\n')}</tbody></table></section>`;
  }
  for await (const report of run.charters) yield `\n${charterSection(report, verdictWords(report, policy, words), words)}`;
  yield `
</main>
</body>
</html>
`;
};

/**
 * The verdict and what holds it back, first: each failed gate, critical criterion not met and
 * structure error named with its line; then how many gates hold.
 */
function verdictBlock(report: CheckedCharter, verdict: VerdictWords): string {
  const headline = verdictLine(verdict, { names: false });
  const items = verdict.blockers.map(
    (blocker) => `<li>${blocker.kind} <strong>${escapeHtml(blockerName(blocker))}</strong> ${escapeHtml(blocker.title)}${blocker.line ? ` <span class="where">line ${blocker.line}</span>` : ''}</li>`,
  );
  const holding = report.gates.length - failedGates(report).length;
  const gates = report.gates.length === 0 ? '' : `<p class="gates">${holding === report.gates.length ? `All ${report.gates.length} gates hold.` : `${holding} of ${report.gates.length} gates hold.`}</p>`;
  return `<p class="headline"><strong>${escapeHtml(verdict.band)}</strong>${escapeHtml(headline.slice(verdict.band.length))}${passText(verdict, ' · ')}</p>${items.length > 0 ? `<ul class="blockers">${items.join('')}</ul>` : ''}${gates}`;
}

/** `does not pass`, or `passes` when nothing is held against the charter (the verdict says so otherwise). */
function passText(verdict: VerdictWords, separator: string): string {
  return verdict.passed ? (verdict.reasons.length === 0 ? `${separator}passes` : '') : `${separator}does not pass`;
}

function overviewRow(report: CheckedCharter, verdict: VerdictWords): string {
  const note = scoreNote(verdict);
  return `<tr><td>${escapeHtml(report.file)}</td><td>${escapeHtml(report.title ?? '')}</td><td>${escapeHtml(verdictLine(verdict, { names: true }))}${passText(verdict, '; ')}</td><td class="num">${report.score}${note ? ` (${escapeHtml(note)})` : ''}</td><td class="num">${report.baseline ? escapeHtml(formatDelta(report.baseline.delta)) : ''}</td></tr>`;
}

function charterSection(report: CheckedCharter, verdict: VerdictWords, words: RuleWords): string {
  const gapsByArea = report.areas
    .map((area) => {
      const criteria = report.criteria.filter((criterion) => words(criterion.id).area === area.area && (criterion.status === 'fail' || criterion.status === 'partial'));
      if (criteria.length === 0) return '';
      return `<h4>${escapeHtml(areaTitle(area.area))}</h4><ul class="gaps">${criteria.map((criterion) => gapItem(criterion, report, words)).join('')}</ul>`;
    })
    .join('');
  const structure = report.findings.filter((finding) => finding.area === 'structure');
  const waived = report.criteria.filter((criterion) => criterion.status === 'waived');
  const strengths = report.criteria.filter((criterion) => criterion.status === 'pass');
  const baseline = report.baseline;
  return `<section class="charter">
<h2>${escapeHtml(report.title ?? report.file)}</h2>
<p class="file">${escapeHtml(report.file)}</p>
<div class="verdict band-${report.band}">
  ${verdictBlock(report, verdict)}
  <p class="score"><span class="big">${report.score}</span>/100 · pass mark ${verdict.minScore}${scoreNote(verdict) ? ` · ${escapeHtml(scoreNote(verdict))}` : ''}</p>
  ${baseline ? `<p class="change">Since the baseline: ${escapeHtml(formatDelta(baseline.delta))} (was ${baseline.score}); ${baseline.closed.length} gaps closed, ${baseline.opened.length} new</p>` : ''}
</div>
<h3>Score by area</h3>
${areaChart(report)}
<h3>Gaps, and how to close them</h3>
${gapsByArea || '<p>No gaps.</p>'}
${structure.length > 0 ? `<h3>Problems with the charter's format</h3><ul class="gaps">${structureItems(structure, words)}</ul>` : ''}
${baseline && (baseline.closed.length > 0 || baseline.opened.length > 0) ? baselineLists(baseline) : ''}
${notesSection(report)}<h3>Waived</h3>
${waived.length > 0 ? `<ul>${waived.map((criterion) => `<li><strong>${escapeHtml(criterion.id)}</strong> ${escapeHtml(words(criterion.id).title)}: ${escapeHtml(criterion.waiver!.reason)}${criterion.waiver!.note ? `, ${escapeHtml(criterion.waiver!.note)}` : ''}</li>`).join('')}</ul>` : '<p>None.</p>'}
<h3>Strengths</h3>
${strengths.length > 0 ? `<ul class="strengths">${strengths.map((criterion) => `<li><strong>${escapeHtml(criterion.id)}</strong> ${escapeHtml(words(criterion.id).title)}</li>`).join('')}</ul>` : '<p>None yet.</p>'}
</section>`;
}

function gapItem(criterion: CriterionResult, report: CheckedCharter, words: RuleWords): string {
  const findings = report.findings.filter((finding) => finding.ruleId === criterion.id);
  const first: Finding | undefined = findings[0];
  const rule = words(criterion.id);
  return `<li><p><strong>${escapeHtml(criterion.id)}</strong> ${escapeHtml(rule.title)} <span class="weight">(${rule.weight}${criterion.status === 'partial' ? `, ${criterion.checks.passed} of ${criterion.checks.total} checks met` : ''})</span></p>
<ul>${findings.map((finding) => `<li><span class="where">line ${finding.line}</span> ${escapeHtml(finding.message)}</li>`).join('')}</ul>
${first ? `<p class="advice">How to close it: ${escapeHtml(words(first.ruleId).advice)}</p><p class="source">Source: ${escapeHtml(words(first.ruleId).source)}</p>` : ''}</li>`;
}

/** What the criteria took as read (an evident fact, a name matched as it is usually written), as stylish's ℹ lines; nothing when there is none. */
function notesSection(report: CheckedCharter): string {
  const items = report.criteria.flatMap((result) => (result.notes ?? []).map((note) => `<li><span class="where">line ${note.line}</span> ${escapeHtml(note.message)} (${escapeHtml(result.id)})</li>`));
  return items.length > 0 ? `<h3>Taken as read</h3>\n<ul>${items.join('')}</ul>\n` : '';
}

/** Structure errors by rule: each one's lines, and the rule's advice once. */
function structureItems(structure: Finding[], words: RuleWords): string {
  const byRule = new Map<string, Finding[]>();
  for (const finding of structure) {
    const same = byRule.get(finding.ruleId);
    if (same) same.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  return [...byRule.values()]
    .map((findings) => `<li><ul>${findings.map((finding) => `<li><span class="where">line ${finding.line}</span> ${escapeHtml(finding.message)}</li>`).join('')}</ul><p class="advice">How to fix it: ${escapeHtml(words(findings[0]!.ruleId).advice)}</p></li>`)
    .join('');
}

function baselineLists(baseline: NonNullable<CheckedCharter['baseline']>): string {
  const list = (items: { ruleId: string; message: string }[]) => `<ul>${items.map((item) => `<li><strong>${escapeHtml(item.ruleId)}</strong> ${escapeHtml(item.message)}</li>`).join('')}</ul>`;
  return `<h3>Since the baseline</h3>${baseline.closed.length > 0 ? `<h4>Gaps closed</h4>${list(baseline.closed)}` : ''}${baseline.opened.length > 0 ? `<h4>New gaps</h4>${list(baseline.opened)}` : ''}`;
}

/** A horizontal bar chart: one labelled bar per area, its score written beside it. */
function areaChart(report: CheckedCharter): string {
  const rowHeight = 28;
  const labelWidth = 130;
  const barWidth = 400;
  const height = report.areas.length * rowHeight + 24;
  const rows = report.areas.map((area, index) => {
    const y = index * rowHeight;
    const score = area.score ?? 0;
    const label = area.score === null ? 'n/a' : `${area.score}`;
    return `<g class="row"><text class="area-label" x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${escapeHtml(areaTitle(area.area))}</text>
<rect class="track" x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 10}"/>
<rect class="bar" x="${labelWidth}" y="${y + 4}" width="${(barWidth * score) / 100}" height="${rowHeight - 10}"/>
<text class="value" x="${labelWidth + barWidth + 8}" y="${y + 18}">${label}</text></g>`;
  });
  const ticks = [0, 50, 70, 85, 100]
    .map((tick) => `<line class="tick" x1="${labelWidth + (barWidth * tick) / 100}" x2="${labelWidth + (barWidth * tick) / 100}" y1="0" y2="${height - 20}"/><text class="tick-label" x="${labelWidth + (barWidth * tick) / 100}" y="${height - 6}" text-anchor="middle">${tick}</text>`)
    .join('');
  return `<svg class="chart" role="img" aria-labelledby="chart-title-${escapeId(report.file)}" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" width="100%">
<title id="chart-title-${escapeId(report.file)}">Score by area: ${report.areas.map((area) => `${areaTitle(area.area)} ${area.score ?? 'n/a'}`).join(', ')}</title>
${ticks}${rows.join('\n')}</svg>`;
}

function escapeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

// Colours meet WCAG AA contrast on white (#1d3f72 on white is 10:1; #595959 is 7:1).
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem;line-height:1.45}
h1{font-size:1.7rem;margin:.2rem 0 1rem}h2{font-size:1.4rem;border-bottom:2px solid #1d3f72;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.15rem;margin-top:1.6rem}h4{margin:1rem 0 .3rem}
.tool,.file,.source,.weight{color:#595959;font-size:.9rem}
.verdict{border:2px solid #1a1a1a;padding:.6rem 1rem;margin:1rem 0}.verdict p{margin:.2rem 0}.headline{font-size:1.2rem}ul.blockers{margin:.2rem 0 .4rem}
.score{font-size:1.1rem}.big{font-size:2.4rem;font-weight:700}
.band-ready{border-left:12px solid #1b6e2e}.band-nearly-ready{border-left:12px solid #8a5a00}.band-not-ready{border-left:12px solid #a4161a}
.chart{max-width:40rem;display:block}.track{fill:#e8e8e8}.bar{fill:#1d3f72}.area-label,.value{font-size:13px;fill:#1a1a1a}.tick{stroke:#bbb;stroke-dasharray:2 3}.tick-label{font-size:11px;fill:#595959}
ul.gaps>li{margin-bottom:.8rem}.where{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;color:#595959}.advice{margin:.2rem 0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left}td.num{text-align:right}
@media print{body{max-width:none;padding:0;font-size:10.5pt}@page{size:A4;margin:15mm}h2{break-before:page}section.overview+section h2,section:first-child h2{break-before:auto}ul.gaps>li,.verdict,.chart{break-inside:avoid}a{color:inherit}}
`;
