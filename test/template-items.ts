// The items of the published executive summary template (A Common Understanding 2025, appendix
// 4) that a charter states, each with the words the summary must show and the section it belongs
// in; read from the summary's Markdown here and from its HTML in Chromium (test/system/browser).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT } from './helpers.js';

/** The examples and three charters written from published joint working summaries, each with whether it can be published (else --draft). */
export const TEMPLATE_CHARTERS = [
  { file: 'examples/community-elderly-care.yaml', publishable: true },
  { file: 'examples/copd-joint-working.yaml', publishable: true },
  { file: 'examples/diabetes-acs-pathway.yaml', publishable: false },
  { file: 'examples/msk-imaging-contract.yaml', publishable: false },
  { file: 'test/fixtures/published/heart-failure-optimisation.yaml', publishable: true },
  { file: 'test/fixtures/published/severe-asthma-pathway.yaml', publishable: true },
  { file: 'test/fixtures/published/lipid-management-primary-care.yaml', publishable: true },
];

/** Where in the summary an item belongs: the title, a section by its heading, or the foot. */
export type Place = 'title' | 'foot' | (typeof HEADINGS)[number];
export const HEADINGS = ['The need', 'Objectives and expected benefits', 'Timeline', 'The partners', 'National guidance and clinical control', 'Outcomes that will be measured', 'Disclosure to patients and the public', 'Contact'] as const;

export interface TemplateItem {
  item: string;
  place: Place;
  /** Each must appear in that place, as a reader sees it. */
  texts: string[];
}

type Data = Record<string, unknown>;
const record = (value: unknown): Data => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {});
const list = (value: unknown): Data[] => (Array.isArray(value) ? value.map(record) : []);
/** A stated text: not empty and not a placeholder, which the summary leaves out. */
const stated = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !/^(tbc|tbd|to be (agreed|confirmed)( later)?|n\/a)\.?$/i.test(value.trim());

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2025-04-01 as the summary writes it: 1 April 2025; 2025-02 as February 2025. */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day === undefined ? '' : `${day} `}${MONTHS[month! - 1]} ${year}`;
}

/** The template items the charter at `file` (from the repository's root) states. */
export function templateItems(file: string): TemplateItem[] {
  const charter = record(parseYaml(readFileSync(join(ROOT, file), 'utf8')));
  const need = record(charter['need']);
  const plan = record(charter['plan']);
  const governance = record(charter['governance']);
  const agreement = record(governance['agreement']);
  const goals = list(charter['goals']);
  const partners = list(charter['partners']);
  const contact = record(charter['contact']);
  const texts = (values: unknown[]) => values.filter(stated);
  const items: TemplateItem[] = [
    { item: 'title', place: 'title', texts: texts([charter['title']]) },
    { item: 'rationale', place: 'The need', texts: texts([need['statement']]) },
    { item: 'objectives', place: 'Objectives and expected benefits', texts: texts(goals.map((goal) => goal['statement'])) },
    { item: 'benefits to patients', place: 'Objectives and expected benefits', texts: texts(goals.map((goal) => record(goal['benefits'])['patients'])) },
    { item: 'benefits to the NHS', place: 'Objectives and expected benefits', texts: texts(goals.map((goal) => record(goal['benefits'])['nhs'])) },
    { item: 'benefits to industry (the partners)', place: 'Objectives and expected benefits', texts: texts(goals.map((goal) => record(goal['benefits'])['partners'])) },
    { item: 'project period', place: 'Timeline', texts: [plan['start'], plan['end']].filter(stated).map(longDate) },
    { item: 'roles and responsibilities', place: 'The partners', texts: texts(partners.flatMap((partner) => [partner['name'], partner['role']])) },
    {
      item: 'financial arrangements',
      place: 'The partners',
      texts: [...list(record(charter['resources'])['funding']), ...list(record(charter['resources'])['in_kind'])]
        .map((line) => line['amount'] ?? line['value'])
        .filter((amount): amount is number => typeof amount === 'number')
        .map((amount) => `£${amount.toLocaleString('en-GB')}`),
    },
    { item: 'publication plans', place: 'Outcomes that will be measured', texts: texts([plan['publication']]) },
    {
      item: 'contact details (name, job title, e-mail)',
      place: 'Contact',
      texts: texts(Object.keys(contact).length > 0 ? [contact['name'], contact['role'], contact['email']] : partners.flatMap((partner) => [record(partner['lead'])['name'], record(partner['lead'])['role'], record(partner['lead'])['email']])),
    },
    { item: 'national guidance', place: 'National guidance and clinical control', texts: texts([governance['national_guidance']]) },
    { item: 'clinical control', place: 'National guidance and clinical control', texts: texts([governance['clinical_control']]) },
    { item: 'disclosure', place: 'Disclosure to patients and the public', texts: texts([governance['disclosure']]) },
    { item: 'date of preparation', place: 'foot', texts: [agreement['date_of_preparation']].filter(stated).map(longDate) },
    { item: 'certification reference', place: 'foot', texts: texts([agreement['certification_reference']]) },
  ];
  return items.filter((item) => item.texts.length > 0);
}

/** The summary's Markdown, cut at its headings: the title, each section, and the foot (after the closing rule). */
export function markdownPlaces(markdown: string): Partial<Record<Place, string>> {
  const [body, foot] = markdown.split(/\n---\n/);
  const places: Partial<Record<Place, string>> = { title: /^# (.*)$/m.exec(body!)?.[1] ?? '', ...(foot ? { foot } : {}) };
  for (const part of body!.split(/^(?=## )/m).slice(1)) {
    const heading = /^## (.*)$/m.exec(part)![1]! as Place;
    places[heading] = part;
  }
  return places;
}

/** Each item's texts not found in its place, as "item: text" (none when the summary holds them all). */
export function missingItems(items: TemplateItem[], places: Partial<Record<Place, string>>): string[] {
  const squash = (text: string) => text.replace(/\s+/g, ' ');
  return items.flatMap((item) => item.texts.filter((text) => !squash(places[item.place] ?? '').includes(squash(text))).map((text) => `${item.item}: ${text}`));
}
