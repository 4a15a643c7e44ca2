// Who answers the questions: a person at a terminal (inquirer), or an answers file (scripts,
// CI and tests). Both see the same questions, in the same order.
import { confirm, editor, input, number, select } from '@inquirer/prompts';
import { Chalk, type ChalkInstance } from 'chalk';
import { valueAtPointer } from '../core/parse.js';
import type { Field } from './fields.js';

export interface Question {
  /** Where the answer goes: /outcomes/1/baseline. */
  pointer: string;
  field: Field;
  /** What the charter says now, offered as the default. */
  current?: unknown;
}

export interface Prompter {
  /** The answer, or undefined to leave the field out. */
  value(question: Question): Promise<unknown>;
  /** Whether to add list item `pointer` (e.g. /partners/2). */
  addItem(pointer: string, noun: string, first: boolean): Promise<boolean>;
  confirm(message: string, fallback: boolean): Promise<boolean>;
  input(message: string, fallback: string): Promise<string>;
  say(text: string): void;
}

/** Answers from charter-shaped data: the value at each question's pointer. */
export class AnswersPrompter implements Prompter {
  constructor(
    private readonly answers: unknown,
    private readonly decisions: { confirms?: boolean[]; inputs?: string[] } = {},
    private readonly log: (text: string) => void = () => {},
  ) {}

  async value(question: Question): Promise<unknown> {
    const answer = valueAtPointer(this.answers, question.pointer);
    return answer === undefined ? question.current : answer;
  }

  async addItem(pointer: string): Promise<boolean> {
    return valueAtPointer(this.answers, pointer) !== undefined;
  }

  async confirm(_message: string, fallback: boolean): Promise<boolean> {
    return this.decisions.confirms?.shift() ?? fallback;
  }

  async input(_message: string, fallback: string): Promise<string> {
    return this.decisions.inputs?.shift() ?? fallback;
  }

  say(text: string): void {
    this.log(text);
  }
}

export class TerminalPrompter implements Prompter {
  private readonly paint: ChalkInstance;

  constructor(
    private readonly write: (text: string) => void,
    color: boolean,
  ) {
    this.paint = new Chalk({ level: color ? 1 : 0 });
  }

  async value({ field, current }: Question): Promise<unknown> {
    if (field.why) this.write(`${this.paint.dim(`  why: ${field.why}`)}\n`);
    const message = field.question ? `${field.label}: ${field.question}` : field.label;
    const fallback = current === undefined || current === null ? undefined : String(current);
    switch (field.kind) {
      case 'boolean':
        return confirm({ message, default: current === true });
      case 'number':
        return number({ message, required: false, default: typeof current === 'number' ? current : undefined });
      case 'choice':
        return select({
          message,
          choices: [...(field.choices ?? []).map((choice) => ({ name: choice, value: choice })), { name: '(leave out)', value: undefined }],
          default: current,
        });
      case 'longtext': {
        const text = await editor({ message: `${message} (opens your editor)`, default: fallback ?? '' });
        return blankToUndefined(text);
      }
      case 'textList': {
        const text = await input({ message: `${message} (separate with commas)`, default: Array.isArray(current) ? current.join(', ') : undefined });
        const items = text.split(',').map((item) => item.trim()).filter(Boolean);
        return items.length > 0 ? items : undefined;
      }
      default:
        return blankToUndefined(await input({ message, default: fallback, validate: (text) => validateText(field, text) }));
    }
  }

  async addItem(_pointer: string, noun: string, first: boolean): Promise<boolean> {
    return confirm({ message: first ? `Add a ${noun}?` : `Add another ${noun}?`, default: first });
  }

  async confirm(message: string, fallback: boolean): Promise<boolean> {
    return confirm({ message, default: fallback });
  }

  async input(message: string, fallback: string): Promise<string> {
    return input({ message, default: fallback, required: true });
  }

  say(text: string): void {
    this.write(`${text}\n`);
  }
}

/** Checked as it is typed: a blank answer leaves the field out. */
export function validateText(field: Field, text: string): true | string {
  const value = text.trim();
  if (value === '') return true;
  if (field.kind === 'date') {
    const date = new Date(`${value}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? true : 'Write the date as YYYY-MM-DD, e.g. 2025-04-01.';
  }
  if (field.kind === 'email') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? true : 'That does not look like an email address.';
  if (field.kind === 'uri') return URL.canParse(value) ? true : 'Give the full web address, starting https://';
  return true;
}

function blankToUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}
