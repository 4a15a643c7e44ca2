// Walks a shape of questions: fields one by one, lists one item at a time. A whole charter is
// asked in sections: the project itself, then every question a gate depends on, then the rest
// area by area, with the score so far after each and a way to save and stop.
import { isRecord } from '../core/is-record.js';
import type { Field, Shape } from './fields.js';
import type { Prompter } from './prompter.js';

/** Which questions a walk asks, and to which lists it offers new items. */
export interface AskFilter {
  asks(field: Field): boolean;
  /** Whether to offer `list` new items, and the filter to ask each new item with (null: offer none). */
  addsTo(list: Extract<Shape, { type: 'list' }>): AskFilter | null;
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
export async function askShape(shape: Shape, pointer: string, prompter: Prompter, current?: unknown, filter: AskFilter = EVERYTHING): Promise<unknown> {
  switch (shape.type) {
    case 'field':
      if (!filter.asks(shape.field) || (filter.skipAnswered && current !== undefined) || filter.seen?.has(pointer)) return current;
      filter.seen?.add(pointer);
      return prompter.value({ pointer, field: shape.field, current });
    case 'object': {
      const result: Record<string, unknown> = isRecord(current) ? { ...current } : {};
      for (const [key, child] of shape.properties) {
        const answer = await askShape(child, `${pointer}/${key}`, prompter, result[key], filter);
        if (answer === undefined) delete result[key];
        else result[key] = answer;
      }
      return Object.keys(result).length > 0 ? result : undefined;
    }
    case 'list': {
      const items = Array.isArray(current) ? [...(current as unknown[])] : [];
      // Items given in an earlier section: ask what this one asks and they do not hold yet.
      if (filter.skipAnswered) {
        for (let index = 0; index < items.length; index += 1) items[index] = (await askShape(shape.item, `${pointer}/${index}`, prompter, items[index], filter)) ?? items[index];
      }
      const itemFilter = filter.addsTo(shape);
      if (itemFilter) {
        for (let index = items.length; await prompter.addItem(`${pointer}/${index}`, shape.noun, index === 0); index = items.length) {
          const item = await askShape(shape.item, `${pointer}/${index}`, prompter, undefined, itemFilter);
          if (item === undefined) break; // nothing answered: adding it again would loop
          items.push(item);
        }
      }
      return items.length > 0 ? items : undefined;
    }
  }
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
      addsTo(list) {
        if (offered.has(list.pattern)) return null;
        const asWhole = isGateSection && list.gate === true && !someField(list.item, asks);
        if (!asWhole && !someField(list.item, asks)) return null;
        offered.add(list.pattern);
        return asWhole ? whole : filter;
      },
    };
    return { title, filter };
  };
  const projectFields = new Set(topLevelFields(shape));
  const asked = (field: Field) => projectFields.has(field.pattern) || field.gate === true || (field.area !== undefined && areas.includes(field.area));
  return [
    section('The project', (field) => projectFields.has(field.pattern)),
    section('What every gate needs: the charter cannot pass without these', (field) => field.gate === true && !projectFields.has(field.pattern), true),
    ...areas.map((area) => section(areaTitle(area), (field) => field.area === area && field.gate !== true && !projectFields.has(field.pattern))),
    section('Anything else', (field) => !asked(field)),
  ];
}

function topLevelFields(shape: Shape): string[] {
  return shape.type === 'object' ? shape.properties.flatMap(([, child]) => (child.type === 'field' ? [child.field.pattern] : [])) : [];
}

function someField(shape: Shape, test: (field: Field) => boolean): boolean {
  if (shape.type === 'field') return test(shape.field);
  if (shape.type === 'list') return someField(shape.item, test);
  return shape.properties.some(([, child]) => someField(child, test));
}
