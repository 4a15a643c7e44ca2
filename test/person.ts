// A person answering the questionnaire from their notes (a charter's content), the way a person
// does: a question about one item of a list ("Partner 2 of 4, University Hospitals of Leicester:
// lead's name") is answered from the notes on the item it names, not from wherever the pointer
// happens to point. So an answer written anywhere but the named item shows as a wrong charter.
import { expect } from 'vitest';
import { valueAtPointer } from '../src/core/pointer.js';
import { humanise, type Shape } from '../src/questionnaire/fields.js';
import type { Prompter, Question } from '../src/questionnaire/prompter.js';

/** The lists of a shape by the noun a question calls their items: partner → /partners. */
function listsByNoun(shape: Shape, found = new Map<string, string>()): Map<string, string> {
  if (shape.type === 'object') for (const [, child] of shape.properties) listsByNoun(child, found);
  if (shape.type === 'list') {
    found.set(shape.noun.toLowerCase(), shape.pattern);
    listsByNoun(shape.item, found);
  }
  return found;
}

export interface Person extends Prompter {
  /** Every question asked, with what the person read and answered. */
  asked: { question: Question; answer: unknown }[];
}

export function person(notes: unknown, shape: Shape): Person {
  const lists = listsByNoun(shape);
  const asked: Person['asked'] = [];
  const answerFor = (question: Question): unknown => {
    const about = /^(.+?) (\d+)(?: of \d+)?(?:, (.+?))?: (.+)$/.exec(question.label ?? '');
    if (!about) return valueAtPointer(notes, question.pointer) ?? question.current;
    const [, noun, place, name, field] = about as unknown as [string, string, string, string | undefined, string];
    const list = lists.get(noun.toLowerCase());
    expect(list, `a list of ${noun}`).toBeDefined();
    const items = valueAtPointer(notes, list!) as Record<string, unknown>[];
    // The item the question names; a new one not named yet by its place.
    const named = (item: Record<string, unknown>) => Object.values(item).some((value) => typeof value === 'string' && (value === name || (name!.endsWith('…') && value.replace(/\s+/g, ' ').startsWith(name!.slice(0, -1)))));
    const item = name === undefined ? items[Number(place) - 1] : items.find(named);
    expect(item, `notes on ${noun} ${name ?? place}`).toBeDefined();
    // "lead's name", "benefits › NHS", "FTE (whole-time equivalents)": the field the words name, in the notes.
    let answer: unknown = item;
    for (const words of field.split(/'s | › /)) {
      const record = (answer ?? {}) as Record<string, unknown>;
      const key = Object.keys(record).find((candidate) => humanise(candidate).toLowerCase() === words.toLowerCase());
      answer = key === undefined ? undefined : record[key];
    }
    // A reference is chosen from what exists.
    if (question.choices && question.field.refersTo && !question.field.refersTo.open && answer !== undefined) expect(question.choices).toContain(answer);
    return answer ?? question.current ?? question.made;
  };
  return {
    asked,
    async value(question) {
      const answer = answerFor(question);
      asked.push({ question, answer });
      return answer;
    },
    addItem: async (pointer) => valueAtPointer(notes, pointer) !== undefined,
    confirm: async (_message, fallback) => fallback,
    continueWith: async () => true,
    input: async (_message, fallback) => fallback,
    say: () => {},
  };
}
