// Who answers the questions: a person at a terminal (inquirer), or an answers file (scripts,
// CI and tests). Both see the same questions, in the same order.
import { checkbox, confirm, editor, input, select } from '@inquirer/prompts';
import { Chalk, type ChalkInstance } from 'chalk';
import wrapAnsi from 'wrap-ansi';
import { valueAtPointer } from '../core/pointer.js';
import { readTyped, type TypedKind } from '../core/typed-answer.js';
import type { Field } from './fields.js';

export interface Question {
  /** Where the answer goes: /outcomes/1/baseline. */
  pointer: string;
  field: Field;
  /** What the charter says now, offered as the default. */
  current?: unknown;
  /** The item of a list it is about, and the field: "Partner 2 of 4, University Hospitals of Leicester: lead's name". */
  label?: string;
  /** A reference's choices: what the charter holds that it can name (the goals' ids). */
  choices?: string[];
  /** The id made for a new item (G3), given without asking. */
  made?: string;
  /** Changes this question's answer after it was given (the person went back to it). */
  correct?: (value: unknown) => Promise<void>;
  /**
   * Called once the person, having gone back to this question (and maybe further), has answered
   * again every question they went back to: the asker may start over from here (fix does, when
   * the answer changed belongs to an earlier gap).
   */
  afterBack?: () => Promise<void>;
  /** Whether the question was dropped since it was answered (fix started over before it): going back passes over it. */
  dropped?: () => boolean;
}

/** What a question's asker may give to going back (see Question), for a question that is not about a field ("Add a partner?"). */
export type BackHooks = Pick<Question, 'correct' | 'afterBack' | 'dropped'>;

/** What "Add ...?" may give to going back: besides a yes corrected to a no, a no corrected to a yes. */
export interface AddItemHooks extends BackHooks {
  /** The list ended by a no was reopened (the person went back to the no and said yes): asks the new item, and offers more. */
  reopen?: () => Promise<void>;
}

/**
 * Thrown by a correction that takes list items away (the person went back to "Add another
 * partner?" and said no): the item at `index` of the list at `list`, and any after it. The
 * questions gone back through that are about them are not asked again; the one the person was at,
 * if it is about something else, is.
 */
export class ItemsWithdrawn extends Error {
  constructor(
    readonly list: string,
    readonly index: number,
  ) {
    super(`${list}/${index} and the items after it were withdrawn`);
  }

  /** Whether the question at `pointer` is about a withdrawn item. */
  covers(pointer: string): boolean {
    const item = pointer.startsWith(`${this.list}/`) ? /^(\d+)(\/|$)/.exec(pointer.slice(this.list.length + 1)) : null;
    return item !== null && Number(item[1]) >= this.index;
  }
}

export interface Prompter {
  /** The answer, or undefined to leave the field out. */
  value(question: Question): Promise<unknown>;
  /** Whether to add list item `pointer` (e.g. /partners/2); going back to a yes may correct it to a no. */
  addItem(pointer: string, noun: string, first: boolean, hooks?: AddItemHooks): Promise<boolean>;
  confirm(message: string, fallback: boolean): Promise<boolean>;
  /** After a section: go on to `next` (true), or save what there is and stop (false). */
  continueWith(next: string): Promise<boolean>;
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
    if (answer === undefined) return question.current ?? question.made;
    // A file's answers may be typed as a person types them too (amount: £250,000, start: 1 April 2025).
    if (typeof answer === 'string' && typedKind(question.field) && answer.trim() !== '') {
      const read = readAnswer(question.field, answer);
      if (read.ok) return read.value;
    }
    return answer;
  }

  async addItem(pointer: string): Promise<boolean> {
    return valueAtPointer(this.answers, pointer) !== undefined;
  }

  async confirm(_message: string, fallback: boolean): Promise<boolean> {
    return this.decisions.confirms?.shift() ?? fallback;
  }

  /** An answers file is read to its end. */
  async continueWith(): Promise<boolean> {
    return true;
  }

  async input(_message: string, fallback: string): Promise<string> {
    return this.decisions.inputs?.shift() ?? fallback;
  }

  say(text: string): void {
    this.log(text);
  }
}

export interface TerminalPrompterOptions {
  color: boolean;
  /** $VISUAL or $EDITOR is set: long answers open it. Otherwise they are typed line by line. */
  hasEditor: boolean;
  /** The terminal's width, to wrap what is said; unset, lines are left to the terminal. */
  columns?: number;
}

const OTHER = Symbol('other');
/**
 * Going back to the question before: the last entry of every list to choose from (a yes or no
 * too), or < typed at a prompt that takes text. Each prompt says so.
 */
const BACK = Symbol('back');
const BACK_KEY = '<';
const BACK_CHOICE = { name: '‹ Back to the question before', value: BACK } as const;
const YES_NO = [
  { name: 'yes', value: true },
  { name: 'no', value: false },
];

export class TerminalPrompter implements Prompter {
  private readonly paint: ChalkInstance;

  constructor(
    private readonly write: (text: string) => void,
    private readonly options: TerminalPrompterOptions,
  ) {
    this.paint = new Chalk({ level: options.color ? 1 : 0 });
  }

  /** The questions answered so far, for going back: how to undo each answer and ask it again. */
  private readonly history: Answered[] = [];
  /** How many questions gone back to are being asked again, one inside another. */
  private reasking = 0;

  /** Asks a question; going back from it corrects the question before, then asks this one again. */
  async value(question: Question): Promise<unknown> {
    const answer = await this.orBack(question.pointer, () => this.ask(question));
    // A made id was not asked: going back passes over it.
    if (question.made === undefined || question.current !== undefined) {
      const { correct, afterBack, dropped } = question;
      this.history.push({ correct, afterBack, dropped, undone: question.current, again: () => this.value({ ...question, current: answer ?? question.current }) });
    }
    return answer;
  }

  /**
   * The answer to a prompt that offers going back: while the person goes back, the question
   * before is undone (the answers kept say so at once), asked again with its answer as the
   * default, and corrected; then this prompt is shown again.
   */
  private async orBack<T>(pointer: string, prompt: () => Promise<T | typeof BACK>): Promise<T> {
    for (;;) {
      const answer = await prompt();
      if (answer !== BACK) return answer;
      let previous = this.history.pop();
      while (previous?.dropped?.()) previous = this.history.pop();
      if (!previous?.correct) {
        this.note(previous ? 'The questions before this one cannot be changed from here.' : 'This is the first question: there is nothing before it to go back to.');
        if (previous) this.history.push(previous);
        continue;
      }
      const { correct, undone, again, afterBack } = previous;
      this.note('Back to the question before:');
      await correct(undone);
      this.reasking += 1;
      try {
        await correct(await again());
      } catch (error) {
        // An item withdrawn: this prompt is shown again unless it was about that item.
        if (!(error instanceof ItemsWithdrawn) || error.covers(pointer)) throw error;
      } finally {
        this.reasking -= 1;
      }
      if (this.reasking === 0) await afterBack?.();
    }
  }

  private note(text: string): void {
    this.write(`${this.wrap(this.paint.dim(text), 2)}\n`);
  }

  private async ask({ field, current, label, choices, made }: Question): Promise<unknown> {
    const name = label ?? field.label;
    if (made !== undefined && current === undefined) {
      this.note(`${name}: ${made} (made for you)`);
      return made;
    }
    if (field.description && !field.question) this.note(field.description);
    if (field.why) this.note(`why: ${field.why}`);
    const message = field.question ? `${name}: ${field.question}` : name;
    if (choices && field.refersTo) {
      const reference = await this.reference(message, choices, field.refersTo.open, current);
      if (reference !== OTHER) return reference;
    }
    // A list or mapping where one value belongs offers no default (not '[object Object]').
    const fallback = typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean' ? String(current) : undefined;
    switch (field.kind) {
      case 'boolean':
        return this.choice(field, message, current, YES_NO);
      case 'choice':
        return this.choice(field, message, current, (field.choices ?? []).map((choice) => ({ name: choice, value: choice })));
      case 'longtext': {
        if (!this.options.hasEditor) return this.lines(field, message, fallback);
        const text = await editor({ message: `${message} (opens your editor; save it holding only ${BACK_KEY} to go back)`, default: fallback ?? '' });
        return text.trim() === BACK_KEY ? BACK : blankToUndefined(text);
      }
      case 'choiceList': {
        // Each allowed value, ticked with the space bar; none ticked leaves it out (a gate asks once more).
        for (;;) {
          const options = (field.choices ?? []).map((choice) => ({ name: choice, value: choice, checked: Array.isArray(current) && current.includes(choice) }));
          const ticked = await checkbox<string | typeof BACK>({ message: `${message} (space to tick, Enter when done; tick the last to go back)`, choices: [...options, { ...BACK_CHOICE, checked: false }] });
          if (ticked.includes(BACK)) return BACK;
          if (ticked.length > 0) return ticked;
          if (!field.gate || (await this.yesOrNo(NOT_KNOWN_YET, false)) === true) return undefined;
        }
      }
      case 'textList': {
        const text = await input({ message: `${message}${hints(field, 'separate with commas')}`, default: Array.isArray(current) ? current.join(', ') : undefined, validate: (typed) => isBack(typed) || validateBlank(field, typed) });
        if (isBack(text)) return BACK;
        if (text.trim() === NOT_KNOWN) return undefined;
        const items = text.split(',').map((item) => item.trim()).filter(Boolean);
        return items.length > 0 ? items : undefined;
      }
      default: {
        // The form wanted, where it is not plain text.
        const form = field.kind === 'money' ? ['in pounds, e.g. £250,000 or 250k'] : field.kind === 'date' ? ['e.g. 1 April 2025'] : [];
        const text = await input({ message: `${message}${hints(field, ...form)}`, default: fallback, validate: (typed) => isBack(typed) || validateText(field, typed) });
        if (isBack(text)) return BACK;
        if (text.trim() === '' || text.trim() === NOT_KNOWN) return undefined;
        const read = readAnswer(field, text);
        return read.ok ? read.value : text.trim();
      }
    }
  }

  /**
   * A reference chosen from what the charter holds (a goal's id, a partner's name); an open one
   * may be something else, typed (OTHER). With nothing to choose, a closed one is left out.
   */
  private async reference(message: string, choices: string[], open: boolean, current: unknown): Promise<string | undefined | typeof OTHER | typeof BACK> {
    if (choices.length === 0) {
      if (open) return OTHER;
      this.note(`${message}: nothing to choose from yet; left out`);
      return typeof current === 'string' ? current : undefined;
    }
    const options: { name: string; value: string | undefined | typeof OTHER | typeof BACK }[] = [{ name: '(leave out)', value: undefined }, ...choices.map((choice) => ({ name: choice, value: choice }))];
    if (open) options.push({ name: '(someone else: type the name)', value: OTHER });
    return select({ message, choices: [...options, BACK_CHOICE], default: typeof current === 'string' && choices.includes(current) ? current : undefined });
  }

  /**
   * One of a field's choices (yes or no, for a yes/no field). Without a current answer the cursor
   * starts on "(leave out)", never on a choice: no default the person did not choose. A field that
   * decides which criteria apply (a partner's type, patient data) is asked again until one is
   * chosen; a gate's field left out is asked about once more.
   */
  private async choice<T>(field: Field, message: string, current: unknown, choices: { name: string; value: T }[]): Promise<T | undefined | typeof BACK> {
    const options = [{ name: field.decides ? '(not answered yet)' : '(leave out)', value: undefined as T | undefined | typeof BACK }, ...choices, BACK_CHOICE];
    for (let ask = message; ; ) {
      const chosen = await select({ message: ask, choices: options, default: current });
      if (field.decides) ask = `${message} (this one must be answered: it decides which criteria apply)`;
      if (chosen !== undefined || !field.decides) {
        // Enter alone does not make a gap of a gate's field.
        if (chosen === undefined && field.gate && (await this.yesOrNo(NOT_KNOWN_YET, false)) !== true) continue;
        return chosen;
      }
    }
  }

  /** Yes or no, chosen from a list that ends with going back; the cursor starts on `fallback`. */
  private yesOrNo(message: string, fallback: boolean): Promise<boolean | typeof BACK> {
    return select<boolean | typeof BACK>({ message, choices: [...YES_NO, BACK_CHOICE], default: fallback });
  }

  /** A multi-line answer typed at the prompt: one line at a time, an empty line to finish. */
  private async lines(field: Field, message: string, fallback: string | undefined): Promise<string | undefined | typeof BACK> {
    if (fallback) this.write(`${this.wrap(this.paint.dim(`now: ${fallback}`), 2)}\n`);
    const lines: string[] = [];
    for (;;) {
      const first = lines.length === 0;
      const line = await input({
        message: first ? `${message}${hints(field, `several lines; an empty line ends it${fallback ? ', or keeps what is there' : ''}`)}` : '…',
        // An empty first line of a gate's answer is not taken as "leave it out".
        ...(first && !fallback ? { validate: (typed: string) => isBack(typed) || validateBlank(field, typed) } : {}),
      });
      if (first && isBack(line)) return BACK;
      if (first && line.trim() === NOT_KNOWN) return undefined;
      if (line.trim() === '') break;
      lines.push(line.trim());
    }
    return lines.length > 0 ? lines.join('\n') : blankToUndefined(fallback ?? '');
  }

  /** `given`: the answer the cursor starts on; a yes when it is asked again. */
  async addItem(pointer: string, noun: string, first: boolean, hooks: AddItemHooks = {}, given = false): Promise<boolean> {
    // Enter adds nothing: a list item only when the user says so.
    const add = await this.orBack(pointer, () => this.yesOrNo(first ? `Add ${withArticle(noun)}?` : `Add another ${noun}?`, given));
    const again = () => this.addItem(pointer, noun, first, hooks, add);
    const { correct, reopen, afterBack, dropped } = hooks;
    // A yes is gone back to from the item's first question, a no from the question after the list:
    // a yes turned to no withdraws the item, a no turned to yes asks the new item there and then.
    if (add) this.history.push({ correct, afterBack, dropped, undone: true, again });
    else if (reopen) this.history.push({ correct: async (value) => (value === true ? reopen() : undefined), afterBack, dropped, undone: false, again });
    return add;
  }

  async confirm(message: string, fallback: boolean): Promise<boolean> {
    return confirm({ message, default: fallback });
  }

  async continueWith(next: string): Promise<boolean> {
    return this.orBack('', () =>
      select({
        message: 'Go on?',
        choices: [
          { name: `Go on to ${next}`, value: true as boolean | typeof BACK },
          { name: 'Save what I have and stop (run partner-check fix on the file later to go on)', value: false },
          BACK_CHOICE,
        ],
      }),
    );
  }

  async input(message: string, fallback: string): Promise<string> {
    return input({ message, default: fallback, required: true });
  }

  say(text: string): void {
    this.write(`${this.wrap(text, 0)}\n`);
  }

  /** Text wrapped to the terminal at word boundaries, continuation lines indented by `indent`. */
  private wrap(text: string, indent: number): string {
    const width = this.options.columns;
    if (width === undefined || width < 40) return ' '.repeat(indent) + text;
    return wrapAnsi(text, width - indent, { hard: false, trim: false })
      .split('\n')
      .map((line) => ' '.repeat(indent) + line)
      .join('\n');
  }
}

/** A question answered, for going back to it: the asker's hooks, the answer that stands while it is asked again, and how it is asked again (its answer the default). */
interface Answered extends BackHooks {
  undone: unknown;
  again: () => Promise<unknown>;
}

/** The schema's kind of a field whose typed answer is read into another form (a number, an ISO date), or checked by a schema format. */
function typedKind(field: Field): TypedKind | null {
  return field.kind === 'number' || field.kind === 'money' || field.kind === 'date' || field.kind === 'email' || field.kind === 'uri' ? field.kind : null;
}

/** A typed answer read as the charter schema wants it: text as typed, or a number, or an ISO date. */
export function readAnswer(field: Field, text: string): { ok: true; value: string | number } | { ok: false; message: string } {
  const kind = typedKind(field);
  if (field.numberOrText) {
    // 1180 is the number 1180, as the charter's examples write it; 31% or "about 400" stays text.
    const number = readTyped('number', text);
    return number.ok && /^[\d.,\s-]+$/.test(text.trim()) ? number : { ok: true, value: text.trim() };
  }
  if (!kind) return { ok: true, value: text.trim() };
  return readTyped(kind, text, { ...(field.minimum !== undefined ? { minimum: field.minimum } : {}), ...(field.integer ? { integer: true } : {}) });
}

/** What a prompt that takes text says after its question: the form wanted, what a gate needs, and how to go back. */
function hints(field: Field, ...form: string[]): string {
  return ` (${[...form, ...(field.gate ? ['a gate needs it; ? if not known yet'] : []), `${BACK_KEY} to go back`].join('; ')})`;
}

/** Typed at a prompt that takes text: go back to the question before. */
function isBack(typed: string): boolean {
  return typed.trim() === BACK_KEY;
}

const NOT_KNOWN_YET = 'Leave it as not known yet? A gate needs it: the charter cannot pass until it is answered.';

const NOT_KNOWN = '?';
const GATE_BLANK = 'A gate needs this one: answer it, or type ? if it is not known yet (it stays a gap).';

/** A blank answer leaves a field out, but not a gate's field: that one is answered, or said to be not known yet (?). */
function validateBlank(field: Field, text: string): true | string {
  if (text.trim() === '' && field.gate) return GATE_BLANK;
  return true;
}

/** Checked as it is typed: a blank answer leaves the field out (a gate's field takes ? instead); a refused one says the form wanted, with an example. */
export function validateText(field: Field, text: string): true | string {
  if (text.trim() === '') return validateBlank(field, text);
  if (text.trim() === NOT_KNOWN && field.gate) return true;
  const read = readAnswer(field, text);
  return read.ok ? true : read.message;
}

/** 'an outcome', 'a partner', 'a funding source'. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function blankToUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}
