// `partner-check criteria`, `partner-check explain ID` and `--print-config`: what the rules are.
// All three print the one rule list (core/rules.ts).
import { WEIGHT_POINTS } from '../core/criteria.js';
import type { RuleDescription } from '../core/report.js';
import { describeCriterion, describeRules } from '../core/rules.js';
import { areaTitle, gateName } from '../formatters/text.js';
import { visibleControls, visibleLines } from '../formatters/visible.js';
import { resolvePolicy, type PolicySettings } from '../core/policy.js';
import { EXIT } from './check.js';
import type { Setup } from './setup.js';
import { printError, type Terminal } from './terminal.js';

export function runCriteriaList(setup: Setup, terminal: Terminal, markdown = false): number {
  const rules = describeRules(setup.criteria);
  if (markdown) {
    terminal.stdout(visibleLines(criteriaMarkdown(rules)));
    return EXIT.pass;
  }
  // A criteria pack's text is shown, never run: no escape sequence, no line of its own.
  const rows = rules.map((rule) => [rule.id, rule.weight ?? 'none', rule.area, `${rule.gate ? '[gate] ' : ''}${rule.title}`].map(visibleControls));
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  terminal.stdout(rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')).join('\n') + '\n');
  return EXIT.pass;
}

export function runExplain(id: string, setup: Setup, terminal: Terminal): number {
  const wanted = id.toUpperCase();
  const active = describeRules(setup.criteria).find((rule) => rule.id === wanted);
  // A criterion the config turned off is still known, and explained.
  const off = setup.criteria.byId.get(wanted);
  const rule = active ?? (off ? describeCriterion(off) : undefined);
  if (!rule) {
    printError(terminal, `${id} is not a criterion (partner-check criteria lists them)`);
    return EXIT.inputError;
  }
  const lines = [
    `${rule.id}  ${rule.title}`,
    `  area: ${rule.area}${rule.weight === null ? ' (not scored; an error until fixed)' : ''}`,
    ...(rule.weight === null ? [] : [`  weight: ${rule.weight} (${WEIGHT_POINTS[rule.weight]} points); a gap is ${rule.severity}`]),
    ...(rule.gate ? [`  gate: ${gateText(rule)}`] : []),
    `  advice: ${rule.advice}`,
    `  source: ${rule.source}`,
    ...(rule.conditional ? ['  applies only when its condition holds (applies_when); otherwise it leaves the score'] : []),
    ...(rule.checks.length > 0 ? ['  checks:', ...rule.checks.map((check) => `    - ${check}`)] : []),
    `  defined in: ${rule.origin}`,
    ...(active ? [] : ['  turned off by the config']),
  ];
  terminal.stdout(`${lines.map(visibleControls).join('\n')}\n`);
  return EXIT.pass;
}

export function printConfig(setup: Setup, flags: PolicySettings, terminal: Terminal): number {
  const config = setup.config?.config;
  const policy = resolvePolicy(flags, config);
  const effective = {
    configFile: setup.config?.origin ?? null,
    minScore: policy.minScore,
    failOn: policy.failOn ?? null,
    maxWarnings: policy.maxWarnings ?? null,
    criteriaFiles: [...new Set(setup.criteria.criteria.map((criterion) => criterion.origin))],
    rules: config?.rules ?? {},
    ignore: config?.ignore ?? [],
    criteria: setup.criteria.criteria.length,
  };
  terminal.stdout(`${JSON.stringify(effective, null, 2)}\n`);
  return EXIT.pass;
}

/** "a gate (ABPI red 4), only for some charters; a not-applicable waiver with a note lifts it" */
function gateText(rule: RuleDescription): string {
  const gate = rule.gate!;
  const parts = [`the charter cannot pass while it fails${gate.label ? ` (${gate.label})` : ''}`];
  if (gate.conditional) parts.push('a gate only for some charters (its gate condition)');
  parts.push(gate.waivable ? 'only a not-applicable waiver with a note lifts it' : 'it cannot be waived');
  return parts.join('; ');
}

/** docs/criteria.md: the gates, then every rule with its advice and source (the page SARIF links to). */
function criteriaMarkdown(rules: RuleDescription[]): string {
  const lines = [
    '# partner-check criteria',
    '',
    'Generated from the criteria data by `npm run docs`; do not edit by hand.',
    'Weights: critical 10, high 7.5, medium 5, low 2.5. Severity of a gap: critical and high error, medium warning, low info; a gap in a gate is always an error.',
    '',
    '## Gates',
    '',
    'A gate must hold for a charter to pass, whatever its score: while one fails the band is Not ready and the exit code 1.',
    'Gates marked "industry" apply when a partner has `type: industry` (the ten red questions of the ABPI joint working checklist); none of those can be waived.',
    '',
    '| gate | what must hold | when | waiver |',
    '| --- | --- | --- | --- |',
  ];
  for (const rule of rules.filter((entry) => entry.gate)) {
    const when = rule.conditional || rule.gate!.conditional ? 'some charters (see its condition)' : 'every charter';
    lines.push(`| [${gateName({ id: rule.id, ...(rule.gate!.label ? { label: rule.gate!.label } : {}) })}](#${rule.id.toLowerCase()}) | ${rule.title} | ${rule.id.startsWith('PC-ABPI-') ? 'industry' : when} | ${rule.gate!.waivable ? 'not-applicable, with a note' : 'none'} |`);
  }
  for (const area of [...new Set(rules.map((rule) => rule.area))]) {
    lines.push('', `## ${areaTitle(area)}`);
    for (const rule of rules.filter((entry) => entry.area === area)) {
      const weight = rule.weight === null ? 'not scored; an error until fixed' : rule.weight;
      lines.push('', `### ${rule.id}`, '', `**${rule.title}** (${weight}${rule.gate ? `; gate${rule.gate.label ? `, ${rule.gate.label}` : ''}` : ''})`, '', rule.advice, '', `Source: ${rule.source}`);
      if (rule.conditional) lines.push('', 'Applies only when its condition holds; otherwise it leaves the score.');
      if (rule.checks.length > 0) lines.push('', 'Checks:', ...rule.checks.map((check) => `- ${check}`));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
