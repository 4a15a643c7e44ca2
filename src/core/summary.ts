// The executive summary of a charter, as data: the sections the published guidance asks for
// (ABPI Code Clause 20, DH 2008, the Common Understanding 2025), in its order, each fact carrying
// the pointer of the field it comes from. Nothing is written that the charter does not say: the
// headings and labels are the tool's, every value is the charter's, and a fact the charter does
// not give (or gives only as a placeholder) is left out, with its heading when nothing is left.
import { checkCharter, parseCharterText, type CheckResult } from './check.js';
import type { CriteriaSet } from './criteria.js';
import { dayNumber } from './dates.js';
import type { CheckContext } from './keywords.js';
import { NameIndex } from './name-index.js';
import { isRecord } from './is-record.js';
import type { InputProblem } from './parse.js';
import { saysNothing, withoutPlaceholders } from './placeholders.js';
import { joinPointer, valueAtPointer } from './pointer.js';
import type { CharterReport, Finding, GateResult } from './report.js';
import { failedGates } from './verdict.js';

/**
 * What a value is, for a formatter that shows it as more than words: a date (kept on one line), or
 * an e-mail address or web address the charter gives in a field of that kind, with the link it
 * makes (`mailto:` for a well-formed address, `https:` only; anything else stays words).
 */
export interface Form {
  form?: 'date' | 'email' | 'web';
  href?: string;
}

/** One fact: a label of the tool's (may be empty) and the charter's words, from `pointer`. */
export interface Fact extends Form {
  label: string;
  text: string;
  pointer: string;
}

export interface Cell extends Form {
  text: string;
}

export type Block =
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'paragraph'; fact: Fact }
  | { kind: 'table'; caption: string; columns: string[]; rows: { cells: Cell[]; pointer: string }[] };

export interface Subsection {
  heading: Fact;
  blocks: Block[];
}

export interface Section {
  id: string;
  heading: string;
  blocks: Block[];
  subsections: Subsection[];
}

export interface ExecutiveSummary {
  title: Fact;
  /** Status and last update, as stated. */
  facts: Fact[];
  sections: Section[];
  /** Printed at the foot, as published summaries carry them: the date of preparation and the certification reference. */
  foot: Fact[];
  /** Marked on every page as a draft not fit to publish. */
  draft: boolean;
  /** For a draft: what stands between it and publication (failed gates first). */
  gaps: Pick<Finding, 'ruleId' | 'gate' | 'severity' | 'message' | 'line' | 'column'>[];
}

export type SummaryResult =
  | { ok: false; problem: InputProblem }
  | {
      ok: true;
      report: CharterReport;
      /** The failed gates that keep it from being published (and structure errors, which fail any charter). */
      blockers: { gates: GateResult[]; structure: Finding[] };
      summary: ExecutiveSummary;
    };

/**
 * The summary of a charter's text, and what keeps it from publication. A charter with a failed
 * gate cannot be published as joint working: the caller refuses it unless a draft is asked for.
 */
export function summariseCharter(text: string, set: CriteriaSet, file: string, options: { draft: boolean; context?: CheckContext }): SummaryResult {
  // Parsed once: the check reads the same tree the summary is written from.
  const parsed = parseCharterText(text);
  if (!parsed.ok) return parsed;
  const checked: CheckResult = checkCharter(text, set, file, options.context ?? {}, () => parsed);
  if (!checked.ok) return checked;
  const report = checked.report;
  const { data } = withoutPlaceholders(parsed.value.data, (value) => saysNothing(value, (normal) => set.isPlaceholder(normal) === true));
  const blockers = { gates: failedGates(report), structure: report.findings.filter((finding) => finding.area === 'structure') };
  // Errors and warnings, each said once (a gap found for several items at one place is one gap to a reader).
  const said = new Set<string>();
  const gaps = report.findings
    .filter((finding) => finding.severity !== 'info')
    .map(({ ruleId, gate, severity, message, line, column }) => ({ ruleId, gate, severity, message, line, column }))
    .filter((gap) => !said.has(`${gap.ruleId} ${gap.line} ${gap.message}`) && said.add(`${gap.ruleId} ${gap.line} ${gap.message}`));
  return { ok: true, report, blockers, summary: buildSummary(record(data), options.draft ? gaps : [], options.draft) };
}

type Data = Record<string, unknown>;

function buildSummary(charter: Data, gaps: ExecutiveSummary['gaps'], draft: boolean): ExecutiveSummary {
  const at = new Reader(charter);
  return {
    title: at.fact('', '/title') ?? { label: '', text: 'Untitled charter', pointer: '/title' },
    facts: compact([at.fact('Status', '/status', capitalise), at.date('Charter last updated', '/updated')]),
    // In the order of the executive summary template (A Common Understanding 2025, appendix 4):
    // rationale, objectives and benefits, project period, each party's roles and resources, then
    // what the ABPI checklist asks to be stated (national guidance, clinical control), the outcomes
    // and their publication, disclosure, exit, and the contact details.
    sections: [
      section('overview', 'Summary', [paragraph(at.fact('', '/summary'))]),
      section('need', 'The need', [
        paragraph(at.fact('', '/need/statement')),
        facts([at.fact('Evidence', '/need/evidence'), at.fact('Population served', '/need/population'), at.fact('Local priorities', '/need/priorities', list)]),
      ]),
      objectivesSection(at),
      timelineSection(at),
      partnersSection(at),
      section('governance', 'Governance', [
        facts([
          at.fact('Board', '/governance/board/name'),
          at.fact('Chair', '/governance/board/chair'),
          at.fact('Members', '/governance/board/members', list),
          at.fact('Meets', '/governance/board/meets'),
          at.fact('How decisions are made', '/governance/decisions'),
          at.fact('How interests are declared', '/governance/conflicts_of_interest'),
          at.fact('Agreement', '/governance/agreement/type'),
          at.date('Signed', '/governance/agreement/signed'),
          at.date('Executive summary of the agreement published', '/governance/agreement/summary_published'),
          at.web('Published at', '/governance/agreement/published_summary'),
        ]),
      ]),
      section('guidance', 'National guidance and clinical control', [
        facts([
          at.fact('National guidance', '/governance/national_guidance'),
          at.fact('', '/governance/follows_national_guidance', (value) => (value === true ? 'Every treatment involved follows national guidance where it exists.' : null)),
          at.fact('Clinical control', '/governance/clinical_control'),
        ]),
      ]),
      section('outcomes', 'Outcomes that will be measured', [
        table(
          'Outcomes',
          ['Measure', 'Baseline', 'Target', 'By', 'Data source'],
          at.items('/outcomes').map((pointer) =>
            row(pointer, [at.cell(`${pointer}/measure`), at.cell(`${pointer}/baseline`), at.cell(`${pointer}/target`), at.dateCell(`${pointer}/by`), at.cell(`${pointer}/source`)]),
          ),
        ),
        facts([at.fact('Publication of the outcomes', '/plan/publication'), at.fact('Evaluation', '/plan/evaluation')]),
      ]),
      section('disclosure', 'Disclosure to patients and the public', [paragraph(at.fact('', '/governance/disclosure'))]),
      section('exit', 'Exit strategy', [paragraph(at.fact('', '/plan/exit')), facts([at.fact('If plans change', '/plan/contingency')])]),
      contactSection(at),
    ].filter((entry) => entry.blocks.length > 0 || entry.subsections.length > 0),
    foot: compact([at.fact('Date of preparation', '/governance/agreement/date_of_preparation', monthOrDate), at.fact('Certification reference', '/governance/agreement/certification_reference')]),
    draft,
    gaps,
  };
}

function timelineSection(at: Reader): Section {
  return section('timeline', 'Timeline', [
    facts([at.date('Start', '/plan/start'), at.date('End', '/plan/end')]),
    table(
      'Milestones',
      ['Date', 'Milestone'],
      at.items('/plan/milestones').map((pointer) => row(pointer, [at.dateCell(`${pointer}/date`), at.cell(`${pointer}/name`)])),
    ),
  ]);
}

function partnersSection(at: Reader): Section {
  const partners = at.items('/partners');
  // Each partner by its name and the other names it lists (aka).
  const names = new NameIndex(
    partners.flatMap((pointer) => {
      const name = at.text(`${pointer}/name`);
      const aka = at.value(`${pointer}/aka`);
      const others = Array.isArray(aka) ? aka.filter((other): other is string => typeof other === 'string') : [];
      return name ? [name, ...others].map((each) => ({ name: each, value: pointer })) : [];
    }),
  );
  // Each resource under the one partner its `from` names; the rest listed after them.
  const owner = (pointer: string): string | null => {
    const from = at.text(`${pointer}/from`);
    const matches = from ? names.matches(from) : [];
    return matches.length === 1 ? matches[0]! : null;
  };
  const resources = [
    ...at.items('/resources/funding').map((pointer) => ({ pointer, fact: at.joined('Funding', [[`${pointer}/amount`, pounds], [`${pointer}/committed`, committed]]) })),
    ...at.items('/resources/people').map((pointer) => ({ pointer, fact: at.joined('Staff', [[`${pointer}/role`], [`${pointer}/fte`, wholeTime], [`${pointer}/committed`, committed]]) })),
    ...at.items('/resources/in_kind').map((pointer) => ({ pointer, fact: at.joined('In kind', [[`${pointer}/what`], [`${pointer}/value`, pounds], [`${pointer}/committed`, committed]]) })),
  ].filter((entry): entry is { pointer: string; fact: Fact } => entry.fact !== null);

  const subsections = partners.flatMap((pointer): Subsection[] => {
    const name = at.fact('', `${pointer}/name`);
    if (!name) return [];
    const typeLabel = at.text(`${pointer}/type`, organisationType);
    return [
      {
        heading: typeLabel ? { ...name, text: `${name.text} (${typeLabel})` } : name,
        blocks: compact([
          facts([
            at.fact('Role', `${pointer}/role`),
            at.fact('Contribution', `${pointer}/contribution`),
            ...resources.filter((entry) => owner(entry.pointer) === pointer).map((entry) => entry.fact),
            // The leads are the contact details when the charter gives no contact: said there, once.
            hasContact(at) ? at.joined('Lead', [[`${pointer}/lead/name`], [`${pointer}/lead/role`]]) : null,
          ]),
        ]),
      },
    ];
  });
  const unassigned = resources.filter((entry) => owner(entry.pointer) === null);
  // Resources no single partner is named for, each with the source the charter gives, if any.
  const labelled = (entry: { pointer: string; fact: Fact }): Fact => {
    const from = at.text(`${entry.pointer}/from`);
    return from ? { ...entry.fact, label: `${entry.fact.label} from ${from}` } : entry.fact;
  };
  const other: Subsection[] = unassigned.length === 0 ? [] : [{ heading: { label: '', text: 'Other resources', pointer: '/resources' }, blocks: compact([facts(unassigned.map(labelled))]) }];
  return { id: 'partners', heading: 'The partners', blocks: [], subsections: [...subsections, ...other] };
}

function objectivesSection(at: Reader): Section {
  // A goal with its benefits stated heads its own subsection; one without is a line of its own.
  const bare: Fact[] = [];
  const subsections = at.items('/goals').flatMap((pointer): Subsection[] => {
    const statement = at.fact('', `${pointer}/statement`);
    if (!statement) return [];
    const benefits = facts([at.fact('For patients', `${pointer}/benefits/patients`), at.fact('For the NHS', `${pointer}/benefits/nhs`), at.fact('For the partners', `${pointer}/benefits/partners`)]);
    if (!benefits) {
      bare.push(statement);
      return [];
    }
    return [{ heading: statement, blocks: [benefits] }];
  });
  return { id: 'objectives', heading: 'Objectives and expected benefits', blocks: compact([facts(bare)]), subsections };
}

/**
 * The contact the charter gives (`contact`); failing that, the accountable lead of each partner
 * with name, role and e-mail, as the template's contact details ask.
 */
function hasContact(at: Reader): boolean {
  return at.joined('', [['/contact/name'], ['/contact/role'], ['/contact/organisation'], ['/contact/email']]) !== null;
}

function contactSection(at: Reader): Section {
  const given = at.joined('', [['/contact/name'], ['/contact/role'], ['/contact/organisation']]);
  const email = at.email('Email', '/contact/email');
  if (hasContact(at)) return section('contact', 'Contact', [facts([given, email, at.fact('Telephone', '/contact/phone')])]);
  return section('contact', 'Contact', [
    table(
      'Accountable leads',
      ['Organisation', 'Lead', 'Role', 'Email'],
      at
        .items('/partners')
        .filter((pointer) => at.text(`${pointer}/lead/name`) !== null || at.text(`${pointer}/lead/email`) !== null)
        .map((pointer) => row(pointer, [at.cell(`${pointer}/name`), at.cell(`${pointer}/lead/name`), at.cell(`${pointer}/lead/role`), at.emailCell(`${pointer}/lead/email`)])),
    ),
  ]);
}

/** Reads the charter's values as text, leaving out what is missing, empty or not text-like. */
class Reader {
  constructor(private readonly charter: Data) {}

  value(pointer: string): unknown {
    return valueAtPointer(this.charter, pointer);
  }

  text(pointer: string, shown: (value: unknown) => string | null = plain): string | null {
    const value = this.value(pointer);
    if (value === undefined || value === null) return null;
    const text = shown(value);
    return text === null || text.trim() === '' ? null : text.trim();
  }

  fact(label: string, pointer: string, shown?: (value: unknown) => string | null): Fact | null {
    const text = this.text(pointer, shown);
    return text === null ? null : { label, text, pointer };
  }

  date(label: string, pointer: string): Fact | null {
    const fact = this.fact(label, pointer, longDate);
    return fact && { ...fact, form: 'date' };
  }

  email(label: string, pointer: string): Fact | null {
    const fact = this.fact(label, pointer);
    return fact && { ...fact, ...emailForm(fact.text) };
  }

  web(label: string, pointer: string): Fact | null {
    const fact = this.fact(label, pointer);
    return fact && { ...fact, ...webForm(fact.text) };
  }

  cell(pointer: string): Cell | null {
    const text = this.text(pointer);
    return text === null ? null : { text };
  }

  dateCell(pointer: string): Cell | null {
    const text = this.text(pointer, longDate);
    return text === null ? null : { text, form: 'date' };
  }

  emailCell(pointer: string): Cell | null {
    const text = this.text(pointer);
    return text === null ? null : { text, ...emailForm(text) };
  }

  /** Several fields as one fact, the stated ones joined by commas ("Diabetes nurse, 1.6 whole-time equivalents"). */
  joined(label: string, parts: [string, ((value: unknown) => string | null)?][]): Fact | null {
    const stated = parts.map(([pointer, shown]) => ({ pointer, text: this.text(pointer, shown) })).filter((part) => part.text !== null);
    return stated.length === 0 ? null : { label, text: stated.map((part) => part.text).join(', '), pointer: stated[0]!.pointer };
  }

  /** The pointers of a list's items that are maps. */
  items(pointer: string): string[] {
    const list = this.value(pointer);
    return Array.isArray(list) ? list.flatMap((item, index) => (isRecord(item) ? [joinPointer(pointer, index)] : [])) : [];
  }
}

function plain(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function list(value: unknown): string | null {
  if (!Array.isArray(value)) return plain(value);
  const items = value.map(plain).filter((item): item is string => item !== null && item.trim() !== '');
  return items.length === 0 ? null : items.join('; ');
}

/** An address that is one well-formed mailbox (no spaces, quotes, angle brackets or scheme) links with mailto:. */
function emailForm(text: string): Form {
  return /^[^\s@<>"'`:;,()[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(text) ? { form: 'email', href: `mailto:${text}` } : {};
}

/** A web address links only when it is https (never javascript:, data: or plain http). */
export function webForm(text: string): Form {
  if (/\s/.test(text)) return {};
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? { form: 'web', href: url.href } : {};
  } catch {
    return {};
  }
}

/** 2024-08 → August 2024; a full date as longDate writes it. */
function monthOrDate(value: unknown): string | null {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : plain(value);
  const month = text === null ? null : /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return month ? `${MONTHS[Number(month[2]) - 1]!} ${month[1]}` : longDate(text);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2024-04-01 → 1 April 2024; anything that is not a real day (2025-02-30) as written. */
function longDate(value: unknown): string | null {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : plain(value);
  if (text === null || dayNumber(text) === null) return text;
  const [year, month, day] = text.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]!} ${year}`;
}

function pounds(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? `£${value.toLocaleString('en-GB', { maximumFractionDigits: 2 })}` : plain(value);
}

function wholeTime(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? `${value.toLocaleString('en-GB')} whole-time ${value === 1 ? 'equivalent' : 'equivalents'}` : plain(value);
}

function committed(value: unknown): string | null {
  return value === true ? 'committed' : value === false ? 'not yet committed' : null;
}

function capitalise(value: unknown): string | null {
  const text = plain(value);
  return text === null ? null : text.charAt(0).toUpperCase() + text.slice(1);
}

const ORGANISATION_TYPES: Record<string, string> = {
  'nhs-commissioner': 'NHS commissioner',
  'nhs-primary-care': 'NHS primary care',
  'nhs-secondary-care': 'NHS secondary care',
  'nhs-community': 'NHS community services',
  'nhs-mental-health': 'NHS mental health services',
  'social-care': 'social care',
  'local-authority': 'local authority',
  industry: 'industry',
  'independent-provider': 'independent provider',
  'voluntary-sector': 'voluntary sector',
  patients: 'patients',
  carers: 'carers',
  'patient-organisation': 'patient organisation',
  academic: 'academic',
};

function organisationType(value: unknown): string | null {
  return typeof value === 'string' ? (ORGANISATION_TYPES[value] ?? null) : null;
}

function section(id: string, heading: string, blocks: (Block | null)[]): Section {
  return { id, heading, blocks: compact(blocks), subsections: [] };
}

function paragraph(fact: Fact | null): Block | null {
  return fact ? { kind: 'paragraph', fact } : null;
}

function facts(entries: (Fact | null)[]): Block | null {
  const stated = compact(entries);
  return stated.length === 0 ? null : { kind: 'facts', facts: stated };
}

/** A table with only the rows that say something, and only the columns some row fills. */
function table(caption: string, columns: string[], rows: { cells: (Cell | null)[]; pointer: string }[]): Block | null {
  const filled = rows.filter((entry) => entry.cells.some((cell) => cell !== null));
  const kept = columns.map((_, index) => filled.some((entry) => entry.cells[index] !== null));
  if (filled.length === 0) return null;
  return {
    kind: 'table',
    caption,
    columns: columns.filter((_, index) => kept[index]),
    rows: filled.map((entry) => ({ pointer: entry.pointer, cells: entry.cells.filter((_, index) => kept[index]).map((cell) => cell ?? { text: '' }) })),
  };
}

function row(pointer: string, cells: (Cell | null)[]): { cells: (Cell | null)[]; pointer: string } {
  return { cells, pointer };
}

function compact<T>(items: (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}

function record(value: unknown): Data {
  return isRecord(value) ? value : {};
}
