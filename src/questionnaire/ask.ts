// Walks a shape of questions: fields one by one, lists one item at a time. A whole charter is
// asked in sections: the project itself, then every question a gate depends on, then the rest
// area by area, with the score so far after each and a way to save and stop.
import { isRecord } from '../core/is-record.js';
import { pointerSegments, valueAtPointer, withValueAt } from '../core/pointer.js';
import { humanise, type Field, type Shape } from './fields.js';
import { ItemsWithdrawn, type AddItemHooks, type BackHooks, type Prompter, type Question } from './prompter.js';

/**
 * The whole charter as answered so far, kept up to date answer by answer: a question about one
 * item of a list names that item from it, a reference offers what it holds, a made id is one no
 * other item has.
 */
export interface AskContext {
  root: Shape;
  doc: Record<string, unknown>;
  /** List items added during this walk (/partners/3): how many there will be is not known yet. */
  added: Set<string>;
  /** Called after each answer with the charter so far: to keep it safe as it grows. */
  onAnswer?: (doc: Record<string, unknown>) => Promise<void>;
  /** The caller takes `doc` as the answers, so an answer may be corrected by going back to it. */
  correctable?: boolean;
  /** Given to each question (see Question): for a caller that starts over after going back, as fix does. */
  afterBack?: () => Promise<void>;
  /** Given to each question (see Question). */
  dropped?: () => boolean;
}

/** A context for asking about `data` (a charter, or nothing yet) under the charter's shape. */
export function askContext(root: Shape, data: unknown): AskContext {
  return { root, doc: isRecord(data) ? structuredClone(data) : {}, added: new Set() };
}

/** Which questions a walk asks, and to which lists it offers new items. */
export interface AskFilter {
  asks(field: Field): boolean;
  /** Whether to offer `list` new items, and the filter to ask each new item with (null: offer none). */
  addsTo(list: Extract<Shape, { type: 'list' }>): AskFilter | null;
  /** Whether addsTo would offer `list` new items, without recording that it did. */
  offers?(list: Extract<Shape, { type: 'list' }>): boolean;
  /** Leave fields that hold an answer alone, and ask the items already in a list for what they lack. */
  skipAnswered?: boolean;
  /** The places asked already, left alone (a questionnaire in sections asks each place once, answered or not). */
  seen?: Set<string>;
}

const EVERYTHING: AskFilter = { asks: () => true, addsTo: () => EVERYTHING };

/**
 * Asks for everything under `shape` that `filter` lets through, keeping what `current` already
 * holds; undefined when there is nothing, asked or kept.
 */
export async function askShape(shape: Shape, pointer: string, prompter: Prompter, current?: unknown, filter: AskFilter = EVERYTHING, context?: AskContext): Promise<unknown> {
  switch (shape.type) {
    case 'field': {
      if (!filter.asks(shape.field) || (filter.skipAnswered && current !== undefined) || filter.seen?.has(pointer)) return current;
      filter.seen?.add(pointer);
      // A later "back" may change this answer: it goes into the charter so far, which the walk's caller keeps.
      const change = (doc: Record<string, unknown>, value: unknown) => {
        if (value === undefined) removeAt(doc, pointer);
        else withValueAt(doc, pointer, value);
      };
      const answer = await prompter.value({ pointer, field: shape.field, current, ...(context ? describeQuestion(context, pointer, shape.field, current) : {}), ...backHooks(context, change) });
      if (context && answer !== undefined) {
        withValueAt(context.doc, pointer, answer);
        await context.onAnswer?.(context.doc);
      }
      return answer;
    }
    case 'object': {
      const result: Record<string, unknown> = isRecord(current) ? { ...current } : {};
      // A made id (G1) is given once the item holds something, so an item left empty is no item.
      const made = shape.properties.filter(([, child]) => child.type === 'field' && child.field.idPrefix !== undefined);
      for (const [key, child] of shape.properties) {
        if (made.some(([madeKey]) => madeKey === key)) continue;
        const answer = await askShape(child, `${pointer}/${key}`, prompter, result[key], filter, context);
        if (answer === undefined) delete result[key];
        else result[key] = answer;
      }
      if (Object.keys(result).length === 0) return undefined;
      for (const [key, child] of made) {
        const answer = await askShape(child, `${pointer}/${key}`, prompter, result[key], filter, context);
        if (answer !== undefined) result[key] = answer;
      }
      // In the schema's order (the id first), then whatever else the item held.
      const ordered: Record<string, unknown> = {};
      for (const [key] of shape.properties) if (key in result) ordered[key] = result[key];
      return Object.assign(ordered, result);
    }
    case 'list': {
      const items = Array.isArray(current) ? [...(current as unknown[])] : [];
      // Items given in an earlier section: ask what this one asks and they do not hold yet.
      if (filter.skipAnswered) {
        for (let index = 0; index < items.length; index += 1) items[index] = (await askShape(shape.item, `${pointer}/${index}`, prompter, items[index], filter, context)) ?? items[index];
      }
      const itemFilter = filter.addsTo(shape);
      if (itemFilter) await offerItems(shape, pointer, prompter, items, itemFilter, context, false);
      return items.length > 0 ? items : undefined;
    }
  }
}

/**
 * Offers `list` new items after `items` (adding them to it) until the person says no, asking
 * each with `itemFilter`; `agreed`: the first was agreed to already. Going back to a yes and
 * saying no withdraws that item and the ones after it; going back to the no that ended the list
 * and saying yes offers new items again, from the question the person was at (the charter so far
 * takes them: the walk that asked the list has ended).
 */
async function offerItems(list: Extract<Shape, { type: 'list' }>, pointer: string, prompter: Prompter, items: unknown[], itemFilter: AskFilter, context: AskContext | undefined, agreed: boolean): Promise<void> {
  try {
    for (let offer = !agreed; ; offer = true) {
      const index = items.length;
      const hooks: AddItemHooks = backHooks(context, (doc, add) => {
        if (add === false) withdraw(doc, pointer, index);
      });
      if (context?.correctable) hooks.reopen = () => offerItems(list, pointer, prompter, listIn(context.doc, pointer), itemFilter, context, true);
      if (offer && !(await prompter.addItem(`${pointer}/${index}`, list.noun, index === 0, hooks))) break;
      context?.added.add(`${pointer}/${index}`);
      const item = await askShape(list.item, `${pointer}/${index}`, prompter, undefined, itemFilter, context);
      if (item === undefined) break; // nothing answered: adding it again would loop
      items.push(item);
    }
  } catch (error) {
    // Items withdrawn while this list was asked: it ends before them.
    if (!(error instanceof ItemsWithdrawn) || error.list !== pointer) throw error;
    items.splice(error.index);
  }
}

/** A copy of the list at `pointer` in `doc` (none there: empty). */
function listIn(doc: Record<string, unknown>, pointer: string): unknown[] {
  const items = valueAtPointer(doc, pointer);
  return Array.isArray(items) ? [...(items as unknown[])] : [];
}

export interface Section {
  title: string;
  filter: AskFilter;
}

/**
 * The order a new charter is asked in: the project's own fields (title, status, summary), the
 * gates' questions, each area's in turn, then anything no criterion needs. A list is offered new
 * items once, in the first section that asks about it; later sections fill in its items.
 */
export function charterSections(shape: Shape, areas: string[], areaTitle: (area: string) => string): Section[] {
  const offered = new Set<string>();
  const seen = new Set<string>();
  // A list a gate looks through as a whole (who the stakeholders are) is asked item by item in full.
  const whole: AskFilter = { asks: () => true, addsTo: () => whole, skipAnswered: true, seen };
  const section = (title: string, asks: (field: Field) => boolean, isGateSection = false): Section => {
    const filter: AskFilter = {
      asks,
      skipAnswered: true,
      seen,
      offers: (list) => !offered.has(list.pattern) && (someField(list.item, asks) || (isGateSection && list.gate === true)),
      addsTo(list) {
        if (!filter.offers!(list)) return null;
        offered.add(list.pattern);
        return isGateSection && list.gate === true && !someField(list.item, asks) ? whole : filter;
      },
    };
    return { title, filter };
  };
  // When it starts and ends comes with the project, before any milestone that depends on it.
  const projectFields = new Set([...topLevelFields(shape), '/plan/start', '/plan/end']);
  const asked = (field: Field) => projectFields.has(field.pattern) || field.gate === true || (field.area !== undefined && areas.includes(field.area));
  return [
    section('The project', (field) => projectFields.has(field.pattern)),
    section('What every gate needs: the charter cannot pass without these', (field) => field.gate === true && !projectFields.has(field.pattern), true),
    ...areas.map((area) => section(areaTitle(area), (field) => field.area === area && field.gate !== true && !projectFields.has(field.pattern))),
    section('Anything else', (field) => !asked(field)),
  ];
}

/** Whether asking `shape` with `filter` would ask anything (a question, or whether to add an item), changing nothing. */
export function wouldAsk(shape: Shape, pointer: string, current: unknown, filter: AskFilter): boolean {
  switch (shape.type) {
    case 'field':
      return filter.asks(shape.field) && !(filter.skipAnswered && current !== undefined) && !filter.seen?.has(pointer);
    case 'object': {
      const record = isRecord(current) ? current : {};
      return shape.properties.some(([key, child]) => wouldAsk(child, `${pointer}/${key}`, record[key], filter));
    }
    case 'list': {
      const items = Array.isArray(current) ? (current as unknown[]) : [];
      if (filter.skipAnswered && items.some((item, index) => wouldAsk(shape.item, `${pointer}/${index}`, item, filter))) return true;
      return filter.offers ? filter.offers(shape) : filter.addsTo(shape) !== null;
    }
  }
}

function topLevelFields(shape: Shape): string[] {
  return shape.type === 'object' ? shape.properties.flatMap(([, child]) => (child.type === 'field' ? [child.field.pattern] : [])) : [];
}

function someField(shape: Shape, test: (field: Field) => boolean): boolean {
  if (shape.type === 'field') return test(shape.field);
  if (shape.type === 'list') return someField(shape.item, test);
  return shape.properties.some(([, child]) => someField(child, test));
}

/** What a question about `pointer` says besides its field: the item it is about, the choices a reference has, the id it would make. */
export function describeQuestion(context: AskContext, pointer: string, field: Field, current: unknown): Pick<Question, 'label' | 'choices' | 'made'> {
  const described: Pick<Question, 'label' | 'choices' | 'made'> = {};
  const label = itemLabel(context, pointer);
  if (label) described.label = label;
  if (field.refersTo) described.choices = [...new Set(valuesAt(context.doc, field.refersTo.pattern).filter((value): value is string => typeof value === 'string' && value.trim() !== ''))];
  if (field.idPrefix && current === undefined) {
    const taken = new Set(valuesAt(context.doc, field.pattern));
    const position = Number(pointerSegments(pointer).at(-2) ?? 0) + 1;
    let number = Number.isInteger(position) ? position : 1;
    while (taken.has(`${field.idPrefix}${number}`)) number += 1;
    described.made = `${field.idPrefix}${number}`;
  }
  return described;
}

/**
 * "Partner 2 of 4, University Hospitals of Leicester: lead's name" for a field of a list's item:
 * the innermost list on the way, the item's place (and the list's length when it is known), its
 * name when it has one, and the field's place within the item. Undefined outside any list.
 */
function itemLabel(context: AskContext, pointer: string): string | undefined {
  const segments = pointerSegments(pointer);
  let shape: Shape = context.root;
  let found: { noun: string; list: string; index: number; rest: string[] } | undefined;
  let at = '';
  for (const [position, segment] of segments.entries()) {
    if (shape.type === 'object') {
      const next = shape.properties.find(([key]) => key === segment);
      if (!next) return undefined;
      shape = next[1];
    } else if (shape.type === 'list' && /^\d+$/.test(segment)) {
      found = { noun: shape.noun, list: at, index: Number(segment), rest: segments.slice(position + 1) };
      shape = shape.item;
    } else {
      return undefined;
    }
    at = `${at}/${segment}`;
  }
  if (!found || found.rest.length === 0) return undefined;
  const itemPointer = `${found.list}/${found.index}`;
  const items = valueAtPointer(context.doc, found.list);
  const total = !context.added.has(itemPointer) && Array.isArray(items) ? ` of ${items.length}` : '';
  const name = itemName(valueAtPointer(context.doc, itemPointer));
  const words = found.rest.map((segment) => {
    const label = humanise(segment);
    // Mid-sentence: lower case, unless it starts with an abbreviation (NHS, FTE).
    return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  });
  const field = words.length === 2 && !words[0]!.endsWith('s') ? `${words[0]}'s ${words[1]}` : words.join(' › ');
  return `${capitalise(found.noun)} ${found.index + 1}${total}${name ? `, ${name}` : ''}: ${field}`;
}

/** What an item is called: its name, group, role..., cut short. */
function itemName(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  for (const key of ['name', 'group', 'role', 'what', 'measure', 'risk', 'statement', 'id']) {
    const value = item[key];
    if (typeof value === 'string' && value.trim() !== '') {
      const text = value.trim().replace(/\s+/g, ' ');
      return text.length > 60 ? `${text.slice(0, 59)}…` : text;
    }
  }
  return undefined;
}

/** `value` with its keys in the shape's order (an item's id first), then any the shape does not know. */
export function inShapeOrder(shape: Shape, value: unknown): unknown {
  if (shape.type === 'list') return Array.isArray(value) ? value.map((item: unknown) => inShapeOrder(shape.item, item)) : value;
  if (shape.type === 'field' || !isRecord(value)) return value;
  const ordered: Record<string, unknown> = {};
  for (const [key, child] of shape.properties) if (Object.hasOwn(value, key)) ordered[key] = inShapeOrder(child, value[key]);
  for (const [key, child] of Object.entries(value)) if (!Object.hasOwn(ordered, key)) ordered[key] = child;
  return ordered;
}

/**
 * What a question asked in `context` gives to going back: a correction that changes the charter
 * so far with `change` and keeps it safe (only when the caller takes its answers from there), and
 * the caller's own hooks.
 */
function backHooks(context: AskContext | undefined, change: (doc: Record<string, unknown>, value: unknown) => void): BackHooks {
  if (!context) return {};
  const correct = async (value: unknown) => {
    try {
      change(context.doc, value);
    } finally {
      // Kept even when the change ends the questions about an item (ItemsWithdrawn).
      await context.onAnswer?.(context.doc);
    }
  };
  return { ...(context.correctable ? { correct } : {}), afterBack: context.afterBack, dropped: context.dropped };
}

/** Going back to "Add ...?" and saying no: takes away the item at `index` of the list at `list`, and any after it. */
function withdraw(doc: Record<string, unknown>, list: string, index: number): never {
  const items = valueAtPointer(doc, list);
  if (Array.isArray(items)) items.splice(index);
  if (Array.isArray(items) && items.length === 0) removeAt(doc, list);
  throw new ItemsWithdrawn(list, index);
}

/** Removes the value at a pointer, if there is one. */
function removeAt(data: unknown, pointer: string): void {
  const segments = pointerSegments(pointer);
  const parent = valueAtPointer(data, `/${segments.slice(0, -1).join('/')}`.replace(/^\/$/, ''));
  if (isRecord(parent)) delete parent[segments.at(-1)!];
}

/** Every value at a pattern whose `*` stands for any list item. */
function valuesAt(data: unknown, pattern: string): unknown[] {
  let values = [data];
  for (const segment of pointerSegments(pattern)) {
    values = values.flatMap((value) => {
      if (segment === '*') return Array.isArray(value) ? (value as unknown[]) : [];
      return isRecord(value) && Object.hasOwn(value, segment) ? [value[segment]] : [];
    });
  }
  return values;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
