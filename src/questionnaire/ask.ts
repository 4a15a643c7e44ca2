// Walks a shape of questions: fields one by one, lists one item at a time.
import type { Shape } from './fields.js';
import type { Prompter } from './prompter.js';

/** Asks for everything under `shape`; undefined when nothing was answered. */
export async function askShape(shape: Shape, pointer: string, prompter: Prompter, current?: unknown): Promise<unknown> {
  switch (shape.type) {
    case 'field':
      return prompter.value({ pointer, field: shape.field, current });
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, child] of shape.properties) {
        if (child.type !== 'field' && child.label && pointer === '') prompter.say(`\n${child.label}`);
        const answer = await askShape(child, `${pointer}/${key}`, prompter, field(current, key));
        if (answer !== undefined) result[key] = answer;
      }
      return Object.keys(result).length > 0 ? result : undefined;
    }
    case 'list': {
      const items = Array.isArray(current) ? [...current] : [];
      const start = items.length;
      for (let index = start; await prompter.addItem(`${pointer}/${index}`, shape.noun, index === 0); index += 1) {
        const item = await askShape(shape.item, `${pointer}/${index}`, prompter);
        if (item !== undefined) items.push(item);
      }
      return items.length > start || start > 0 ? items : undefined;
    }
  }
}

function field(current: unknown, key: string): unknown {
  return typeof current === 'object' && current !== null && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
}
