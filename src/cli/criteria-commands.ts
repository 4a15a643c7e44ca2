// `partner-check criteria`, `partner-check explain ID` and `--print-config`: what the rules are.
import { WEIGHT_POINTS, WEIGHT_SEVERITY } from '../core/criteria.js';
import { STRUCTURE_RULES } from '../core/structure.js';
import { areaTitle } from '../formatters/text.js';
import { EXIT, DEFAULT_MIN_SCORE } from './check.js';
import type { Setup } from './setup.js';
import { printError, type Terminal } from './terminal.js';

export function runCriteriaList(setup: Setup, terminal: Terminal, markdown = false): number {
  if (markdown) {
    terminal.stdout(criteriaMarkdown(setup));
    return EXIT.pass;
  }
  const rows = setup.criteria.criteria.map((criterion) => [criterion.id, criterion.weight, criterion.area, criterion.title]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  terminal.stdout(rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')).join('\n') + '\n');
  return EXIT.pass;
}

export function runExplain(id: string, setup: Setup, terminal: Terminal): number {
  const wanted = id.toUpperCase();
  const criterion = setup.criteria.byId.get(wanted);
  if (!criterion) {
    const structure = Object.values(STRUCTURE_RULES).find((rule) => rule.id === wanted);
    if (structure) {
      terminal.stdout(`${structure.id}  ${structure.title}\n  area: structure (not scored; an error until fixed)\n  advice: ${structure.advice}\n  source: ${structure.source}\n`);
      return EXIT.pass;
    }
    printError(terminal, `${id} is not a criterion (partner-check criteria lists them)`);
    return EXIT.inputError;
  }
  const active = setup.criteria.criteria.some((entry) => entry.id === criterion.id);
  const lines = [
    `${criterion.id}  ${criterion.title}`,
    `  area: ${criterion.area}`,
    `  weight: ${criterion.weight} (${WEIGHT_POINTS[criterion.weight]} points); a gap is ${criterion.severity ?? WEIGHT_SEVERITY[criterion.weight]}`,
    `  advice: ${criterion.advice}`,
    `  source: ${criterion.source}`,
    ...(criterion.applies_when ? ['  applies only when its condition holds (applies_when); otherwise it leaves the score'] : []),
    '  checks:',
    ...criterion.checks.map((check) => `    - ${check.message}`),
    `  defined in: ${criterion.origin}`,
    ...(active ? [] : ['  turned off by the config']),
  ];
  terminal.stdout(`${lines.join('\n')}\n`);
  return EXIT.pass;
}

export function printConfig(setup: Setup, flags: { minScore?: number; failOn?: string; maxWarnings?: number }, terminal: Terminal): number {
  const config = setup.config?.config;
  const effective = {
    configFile: setup.config?.origin ?? null,
    minScore: flags.minScore ?? config?.minScore ?? DEFAULT_MIN_SCORE,
    failOn: flags.failOn ?? config?.failOn ?? null,
    maxWarnings: flags.maxWarnings ?? config?.maxWarnings ?? null,
    criteriaFiles: [...new Set(setup.criteria.criteria.map((criterion) => criterion.origin))],
    rules: config?.rules ?? {},
    ignore: config?.ignore ?? [],
    criteria: setup.criteria.criteria.length,
  };
  terminal.stdout(`${JSON.stringify(effective, null, 2)}\n`);
  return EXIT.pass;
}

/** docs/criteria.md: every criterion with its advice and source (the page SARIF links to). */
function criteriaMarkdown(setup: Setup): string {
  const lines = [
    '# partner-check criteria',
    '',
    'Generated from the criteria data by `npm run docs`; do not edit by hand.',
    'Weights: critical 10, high 7.5, medium 5, low 2.5. Severity of a gap: critical and high error, medium warning, low info.',
  ];
  for (const area of setup.criteria.areas) {
    lines.push('', `## ${areaTitle(area)}`);
    for (const criterion of setup.criteria.criteria.filter((entry) => entry.area === area)) {
      lines.push('', `### ${criterion.id}`, '', `**${criterion.title}** (${criterion.weight})`, '', criterion.advice, '', `Source: ${criterion.source}`);
      if (criterion.applies_when) lines.push('', 'Applies only when its condition holds; otherwise it leaves the score.');
      lines.push('', 'Checks:', ...criterion.checks.map((check) => `- ${check.message}`));
    }
  }
  lines.push('', '## Structure', '');
  for (const rule of Object.values(STRUCTURE_RULES)) lines.push(`### ${rule.id}`, '', `**${rule.title}** (not scored; an error until fixed)`, '', rule.advice, '', `Source: ${rule.source}`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
