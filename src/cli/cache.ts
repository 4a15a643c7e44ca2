// --cache, as ESLint has it: a charter whose bytes, the tool's version, the criteria, the config
// and today's date are all unchanged since the last run is not checked again; its report is
// taken from the cache file. A cache that is corrupt or not partner-check's is ignored with a
// one-line warning, never a crash; it is rewritten (atomically) at the end of the run.
import { createHash } from 'node:crypto';
import type { CharterReport, RuleDescription } from '../core/report.js';
import { describeRules } from '../core/rules.js';
import { readTextFile } from '../io/read-text.js';
import { writeFileSafely } from '../io/write-file.js';
import type { Setup } from './setup.js';

export const DEFAULT_CACHE_LOCATION = '.partner-check-cache';
const CACHE_FORMAT = 1;

interface CacheFile {
  tool: 'partner-check';
  format: typeof CACHE_FORMAT;
  /** What every report in it depends on besides the charter itself. */
  key: string;
  files: Record<string, { hash: string; report: CharterReport }>;
}

export class ReportCache {
  private readonly next: CacheFile['files'] = {};
  /** Each rule's own words, left out of the stored reports (a tenth of the size) and put back on reading. */
  private readonly rules: Map<string, RuleDescription>;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly previous: CacheFile['files'],
    setup: Setup,
  ) {
    this.rules = new Map(describeRules(setup.criteria).map((rule) => [rule.id, rule]));
  }

  /** Opens the cache at `path`; a missing one is empty, an unusable one is empty after `warn`. */
  static async open(path: string, setup: Setup, version: string, warn: (message: string) => void): Promise<ReportCache> {
    const key = cacheKey(setup, version);
    const read = await readTextFile(path, 1024 * 1024 * 1024);
    if (!read.ok) {
      if (read.message !== 'no such file') warn(`the cache ${path} ${read.message}; checking every charter`);
      return new ReportCache(path, key, {}, setup);
    }
    let data: Partial<CacheFile> | null = null;
    try {
      data = JSON.parse(read.text) as Partial<CacheFile>;
    } catch {
      // reported below
    }
    if (data?.tool !== 'partner-check' || data.format !== CACHE_FORMAT || typeof data.files !== 'object' || data.files === null) {
      warn(`the cache ${path} is not a partner-check cache (or is damaged); checking every charter`);
      return new ReportCache(path, key, {}, setup);
    }
    return new ReportCache(path, key, data.key === key ? data.files : {}, setup);
  }

  /** The report cached for this file, if its text is unchanged (`textHash` from hashText). */
  get(file: string, textHash: string): CharterReport | undefined {
    const entry = this.previous[file];
    if (!entry || entry.hash !== textHash) return undefined;
    this.next[file] = entry;
    return this.expand(entry.report);
  }

  /** Keeps a report for the next run, without what depends on this run (its verdict, a baseline). */
  set(file: string, textHash: string, report: CharterReport & { passed?: boolean }): void {
    const { passed: _passed, baseline: _baseline, ...stored } = report;
    this.next[file] = { hash: textHash, report: compact(stored) };
  }

  async save(): Promise<void> {
    const data: CacheFile = { tool: 'partner-check', format: CACHE_FORMAT, key: this.key, files: this.next };
    await writeFileSafely(this.path, JSON.stringify(data));
  }

  /** A stored report with its rules' words put back, every field in its usual place. */
  private expand(stored: CharterReport): CharterReport {
    const report = stored as unknown as Omit<CharterReport, 'criteria' | 'findings'> & { criteria: StoredResult[]; findings: StoredFinding[] };
    const rule = (id: string) => this.rules.get(id);
    return {
      ...report,
      criteria: report.criteria.map(({ id, weight, ...rest }) => ({ id, area: rule(id)?.area ?? '', title: rule(id)?.title ?? '', weight, ...rest })),
      findings: report.findings.map(({ ruleId, severity, gate, message, ...rest }) => {
        const source = rule(ruleId);
        return { ruleId, area: source?.area ?? '', severity, weight: source?.weight ?? null, gate, title: source?.title ?? '', message, advice: source?.advice ?? '', source: source?.source ?? '', ...rest };
      }),
    };
  }
}

type StoredResult = Omit<CharterReport['criteria'][number], 'title' | 'area'>;
type StoredFinding = Omit<CharterReport['findings'][number], 'title' | 'area' | 'advice' | 'source' | 'weight'>;

/** A report without the words its rules already hold; the cache key covers the rules, so they match. */
function compact(report: CharterReport): CharterReport {
  return {
    ...report,
    criteria: report.criteria.map(({ title: _title, area: _area, ...rest }) => rest),
    findings: report.findings.map(({ title: _title, area: _area, advice: _advice, source: _source, weight: _weight, ...rest }) => rest),
  } as unknown as CharterReport;
}

/** The tool's version, every criterion as data, the config's settings and today's date. */
function cacheKey(setup: Setup, version: string): string {
  const criteria = setup.criteria.criteria.map(({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }) => ({ id, area, title, weight, advice, source, applies_when, gate, checks, severity, origin }));
  return hashText(JSON.stringify({ version, criteria, config: setup.config?.config ?? null, context: setup.context }));
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
