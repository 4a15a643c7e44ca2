// SARIF 2.1.0 as GitHub code scanning reads it: one rule per criterion with help text and a docs
// link, every result with a physical location and a fingerprint stable across runs.
import { createHash } from 'node:crypto';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { CheckedCharter, RuleDescription } from '../core/report.js';
import { ruleWords, type RuleWords } from './rule-words.js';
import type { Formatter, RunEnvelope } from './types.js';
import type { Severity } from '../core/criteria.js';
import { ruleDocsUrl } from './links.js';
import { indentedJson } from './indented-json.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** How deep a result sits in the document (runs[0].results[n]: runs, a run, results, a result), two spaces a level. */
const RESULT_DEPTH = 4;
const RESULT_INDENT = ' '.repeat(2 * RESULT_DEPTH);

/** The log, a charter's results at a time; the run's invocation (did every file read?) comes before the results, so it waits for the run's end. */
export const formatSarif: Formatter = async function* (run) {
  const envelope = await run.envelope;
  const ruleIndex = indexOfRules(envelope.rules);
  const words = ruleWords(envelope.rules);
  // The log with no results, opened where they go (a key in a string would have its quotes escaped).
  const whole = JSON.stringify(logOf(envelope, []), null, 2);
  const at = whole.lastIndexOf('"results": []') + '"results": '.length;
  const [before, after] = [whole.slice(0, at), whole.slice(at + 2)];
  yield `${before}[`;
  let count = 0;
  for await (const report of run.charters) {
    for (const result of resultsOf(report, ruleIndex, words)) yield `${count++ === 0 ? '' : ','}\n${RESULT_INDENT}${indentedJson(result, RESULT_DEPTH)}`;
  }
  yield `${count === 0 ? ']' : `\n${' '.repeat(6)}]`}${after}\n`;
};

function indexOfRules(rules: RuleDescription[]): Map<string, number> {
  return new Map(rules.map((rule, index) => [rule.id, index]));
}

function resultsOf(report: CheckedCharter, ruleIndex: Map<string, number>, words: RuleWords): Result[] {
  return report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} ${words(finding.ruleId).advice}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(report.file),
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    partialFingerprints: { 'partnerCheck/v1': fingerprint(finding.ruleId, report.file, finding.pointer, finding.message) },
    // A gate's gap: the charter cannot pass while it stands (gate gaps come first).
    ...(finding.gate ? { properties: { gate: true } } : {}),
  }));
}

function logOf(run: RunEnvelope, results: Result[]): Log {
  const notifications: Notification[] = run.failures.map((failure) => ({
    level: 'error',
    message: { text: failure.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(failure.file),
          ...(failure.line ? { region: { startLine: failure.line, startColumn: failure.column ?? 1 } } : {}),
        },
      },
    ],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.tool.name,
            version: run.tool.version,
            informationUri: ruleDocsUrl('').replace(/#$/, ''),
            rules: run.rules.map(describeRule),
          },
        },
        invocations: [{ executionSuccessful: run.failures.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

function describeRule(rule: RuleDescription): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}. Source: ${rule.source}` },
    help: {
      text: `${rule.advice}\n\nSource: ${rule.source}`,
      markdown: `**${rule.title}**\n\n${rule.advice}\n\n*Source:* ${rule.source}\n\n[More about ${rule.id}](${ruleDocsUrl(rule.id)})`,
    },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['partnership', rule.area, ...(rule.gate ? ['gate'] : [])],
      ...(rule.weight ? { weight: rule.weight } : {}),
    },
  };
}

function artifact(file: string) {
  const uri = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return uri.startsWith('/') ? { uri: `file://${encodePath(uri)}` } : { uri: encodePath(uri), uriBaseId: '%SRCROOT%' };
}

/**
 * A path as a URI path (RFC 3986): each segment percent-encoded, `#`, `?`, `%` and spaces included
 * (encodeURI leaves `#` and `?`, which would start a fragment or query), with the characters a
 * segment may hold as they are.
 */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (escape) => decodeURIComponent(escape)))
    .join('/');
}

/**
 * The same gap in the same file keeps its fingerprint when lines move, and two gaps never share
 * one: a rule's checks can fail at one place (no risks: no risk, no mitigation, no owner), and
 * code scanning folds results with the same fingerprint into one alert.
 */
function fingerprint(ruleId: string, file: string, pointer: string, message: string): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${pointer}\0${message}`).digest('hex').slice(0, 32);
}

function pascalCase(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
