// A person at the keyboard of a real terminal (the binary under tmux): reads the question on the
// screen, finds what it is about by the words it shows ("Partner 2 of 4, …: lead's name", "Plan ›
// Start"), and types the answer from their notes as people type it (£80,000, 60k, 0.6, 1 April
// 2025). Nothing is known of the questionnaire but what the screen says and the charter's shape.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { valueAtPointer } from '../../src/core/pointer.js';
import { humanise, type Field, type Shape } from '../../src/questionnaire/fields.js';
import { ROOT } from '../helpers.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A tmux server of its own (its own socket), one window, the whole history kept. */
export class Screen {
  private readonly socket = `pc-keyboard-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(dir: string, command: string) {
    const conf = join(dir, '.tmux.conf');
    writeFileSync(conf, 'set -g history-limit 100000\n');
    this.tmux('-f', conf, 'new-session', '-d', '-s', 'main', '-x', '220', '-y', '50', `cd ${dir} && ${command}; echo EXITED $?; sleep 600`);
  }

  private tmux(...args: string[]) {
    return spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Everything shown since the start, wrapped lines joined. */
  text(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main').stdout;
  }

  /** What is on the screen now (the last screen). */
  last(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'main').stdout;
  }

  type(text: string): void {
    if (text !== '') this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Waits until `seen` holds of the history; the test's own time-out is the only limit. */
  async until<T>(seen: (text: string) => T | undefined | false): Promise<T> {
    for (;;) {
      const found = seen(this.text());
      if (found !== undefined && found !== false) return found;
      await sleep(150);
    }
  }

  /** Saves the last screen under test-output/ and says where. */
  save(name: string): string {
    const dir = join(ROOT, 'test-output');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, this.last().replace(/\s+$/, '\n'));
    console.log(`last screen of the session: ${path}`);
    return path;
  }

  /** Ends the session and its server, and removes the server's socket. */
  close(): void {
    const socket = this.tmux('display-message', '-p', '#{socket_path}').stdout.trim();
    this.tmux('kill-server');
    if (socket) rmSync(socket, { force: true });
  }
}

/** The question being asked now: the last "? " line with what follows it, once nothing answered comes after it. */
export interface Prompt {
  /** The question's words, without the leading "? ". */
  message: string;
  /** The lines under it (a list's choices, an error). */
  below: string[];
  /** How many questions were answered (✔) before it: tells a question asked again from the one before. */
  answered: number;
}

export function currentPrompt(text: string): Prompt | undefined {
  const lines = text.replace(/\s+$/, '').split('\n');
  let at = lines.length - 1;
  while (at >= 0 && !lines[at]!.startsWith('? ')) at -= 1;
  if (at === -1) return undefined;
  if (lines.slice(at + 1).some((line) => line.startsWith('✔ '))) return undefined;
  return { message: lines[at]!.slice(2), below: lines.slice(at + 1), answered: lines.filter((line) => line.startsWith('✔ ')).length };
}

/** The fields of an item of a list, by the words a question about one of them shows ("lead's name", "benefits › NHS"). */
function itemFields(item: Shape, at: string[] = [], found: { words: string; segments: string[]; field: Field }[] = []) {
  if (item.type === 'field') {
    const words = at.map((segment) => {
      const label = humanise(segment);
      return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
    });
    found.push({ words: words.length === 2 && !words[0]!.endsWith('s') ? `${words[0]}'s ${words[1]}` : words.join(' › '), segments: at, field: item.field });
  } else if (item.type === 'object') for (const [key, child] of item.properties) itemFields(child, [...at, key], found);
  return found;
}

export interface Lists {
  /** partner → its list's shape and place (/partners). */
  byNoun: Map<string, { pointer: string; shape: Extract<Shape, { type: 'list' }> }>;
  /** Fields outside any list, by their label (Plan › Start). */
  fields: { label: string; field: Field }[];
}

export function shapeIndex(shape: Shape): Lists {
  const lists: Lists = { byNoun: new Map(), fields: [] };
  const walk = (node: Shape, pointer: string) => {
    if (node.type === 'field') lists.fields.push({ label: node.field.label, field: node.field });
    else if (node.type === 'list') lists.byNoun.set(node.noun.toLowerCase(), { pointer, shape: node });
    else for (const [key, child] of node.properties) walk(child, `${pointer}/${key}`);
  };
  walk(shape, '');
  return lists;
}

/** What an item is called in a question: as the questionnaire names it, from the notes on it. */
function itemName(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  for (const key of ['name', 'group', 'role', 'what', 'measure', 'risk', 'statement', 'id']) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim() !== '') {
      const text = value.trim().replace(/\s+/g, ' ');
      return text.length > 60 ? `${text.slice(0, 59)}…` : text;
    }
  }
  return undefined;
}

export interface Understood {
  pointer: string;
  field: Field;
  /** The item's name the question showed, if any. */
  named?: string;
  /** The words of the question after its label: the question itself and its hints. */
  rest: string;
}

/**
 * Which field a question is about, from its words alone: "Outcome 2 of 3, 90-day readmissions: owner"
 * is /outcomes/1/owner (and the notes' second outcome must be the one it names); "Plan › Start" is /plan/start.
 */
export function understand(message: string, index: Lists, notes: unknown): Understood | undefined {
  for (const [noun, list] of [...index.byNoun].sort(([a], [b]) => b.length - a.length)) {
    const head = new RegExp(`^${noun.replace(/^./, (c) => c.toUpperCase())} (\\d+)(?: of \\d+)?(, |: )`).exec(message);
    if (!head) continue;
    const place = Number(head[1]);
    const item = (valueAtPointer(notes, list.pointer) as unknown[] | undefined)?.[place - 1];
    let after = message.slice(head[0].length);
    let named: string | undefined;
    if (head[2] === ', ') {
      // Named: by the notes on the item at that place, or the question is about another item.
      named = itemName(item);
      expect(named !== undefined && after.startsWith(`${named}: `), `"${message}" names ${noun} ${place} of the notes, ${named}`).toBe(true);
      after = after.slice(named!.length + 2);
    }
    const fields = itemFields(list.shape.item).sort((a, b) => b.words.length - a.words.length);
    const match = fields.find(({ words }) => after === words || after.startsWith(`${words}:`) || after.startsWith(`${words} (`));
    expect(match, `a field of a ${noun} in "${message}"`).toBeDefined();
    return { pointer: `${list.pointer}/${place - 1}/${match!.segments.join('/')}`, field: match!.field, ...(named ? { named } : {}), rest: after.slice(match!.words.length) };
  }
  const fields = [...index.fields].sort((a, b) => b.label.length - a.label.length);
  const match = fields.find(({ label }) => message === label || message.startsWith(`${label}:`) || message.startsWith(`${label} (`));
  return match ? { pointer: match.field.pattern, field: match.field, rest: message.slice(match.label.length) } : undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An ISO date as people write it: 2025-04-01 → 1 April 2025. */
export function spokenDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

let moneyTyped = 0;
/** Pounds as people type them, in turn: £80,000, then 60k. */
export function spokenMoney(pounds: number): string {
  moneyTyped += 1;
  return moneyTyped % 2 === 0 && pounds % 1000 === 0 ? `${pounds / 1000}k` : `£${pounds.toLocaleString('en-GB')}`;
}

/** What is typed at a text prompt for `value` of `field`. */
export function typed(field: Field, value: unknown): string {
  if (value === undefined) return '';
  if (field.kind === 'money' && typeof value === 'number') return spokenMoney(value);
  if (field.kind === 'date' && typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value)) return spokenDate(value);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\s+/g, ' ').trim() : JSON.stringify(value);
}

export interface Answered {
  message: string;
  pointer: string;
  named?: string;
  answer: unknown;
  typed: string;
}

/**
 * Answers every question the session asks until the binary exits: lists get as many items as the
 * notes hold (beyond those the charter `start` holds already), each question the answer `answerFor`
 * gives for the field it is about. Returns what was asked and answered, in order.
 */
export async function answerAll(screen: Screen, index: Lists, notes: unknown, answerFor: (about: Understood) => unknown, start: unknown = {}): Promise<Answered[]> {
  const answered: Answered[] = [];
  const added = new Map<string, number>();
  let seen = -1;
  const fail = (why: string) => {
    throw new Error(`${why}\n--- screen ---\n${screen.last()}`);
  };
  for (;;) {
    const prompt = await screen.until((text) => {
      if (/^EXITED \d+$/m.test(text)) return 'exited' as const;
      const now = currentPrompt(text);
      if (now && now.answered > seen) return now;
      if (now?.below.some((line) => line.startsWith('> '))) return now;
      return undefined;
    });
    if (prompt === 'exited') return answered;
    if (prompt.answered === seen) fail(`the answer was refused: ${prompt.below.find((line) => line.startsWith('> '))}`);
    seen = prompt.answered;
    const { message } = prompt;
    const adding = /^Add (?:a|an|another) (.+?)\?/.exec(message);
    if (adding) {
      const noun = adding[1]!;
      const list = index.byNoun.get(noun);
      if (!list) fail(`no list of ${noun}`);
      const has = ((valueAtPointer(notes, list!.pointer) as unknown[] | undefined) ?? []).length;
      const done = (added.get(noun) ?? 0) + ((valueAtPointer(start, list!.pointer) as unknown[] | undefined) ?? []).length;
      if (done < has) added.set(noun, (added.get(noun) ?? 0) + 1);
      await choose(screen, done < has ? 'yes' : 'no');
      continue;
    }
    if (/^(Go on\?|Where shall I save|Write the (changes|fixed charter)|…)/.test(message)) {
      screen.press('Enter');
      continue;
    }
    const about = understand(message, index, notes);
    if (!about) fail(`a question about nothing in the charter: "${message}"`);
    const answer = answerFor(about!);
    const choosing = prompt.below.some((line) => line.includes('❯'));
    if (choosing && message.includes('(space to tick')) {
      // Each allowed value in turn: ticked (space) if it is in the answer.
      const wanted = Array.isArray(answer) ? answer : [];
      const keys = (about!.field.choices ?? []).flatMap((choice) => [...(wanted.includes(choice) ? ['Space'] : []), 'Down']);
      screen.press(...keys, 'Enter');
      answered.push({ message, pointer: about!.pointer, ...(about!.named ? { named: about!.named } : {}), answer, typed: wanted.join(', ') });
      continue;
    }
    if (choosing) {
      if ((await choose(screen, answer === undefined ? /^\((leave out|not answered yet)\)$/ : typed(about!.field, answer))) === 'other') continue;
      answered.push({ message, pointer: about!.pointer, ...(about!.named ? { named: about!.named } : {}), answer, typed: typed(about!.field, answer) });
      continue;
    }
    const text = typed(about!.field, answer);
    screen.type(text);
    screen.press('Enter');
    answered.push({ message, pointer: about!.pointer, ...(about!.named ? { named: about!.named } : {}), answer, typed: text });
  }
}

/** The choice under the cursor (❯) of the question being asked. */
function cursorOn(text: string): string | undefined {
  const line = currentPrompt(text)?.below.find((below) => below.includes('❯'));
  return line?.slice(line.indexOf('❯') + 1).trim();
}

/** Moves the cursor down to `target` and chooses it; a name not offered is typed as someone else. */
async function choose(screen: Screen, target: string | RegExp): Promise<'chosen' | 'other'> {
  const is = (choice: string) => (typeof target === 'string' ? choice === target : target.test(choice));
  const visited = new Set<string>();
  let other = false;
  for (;;) {
    const on = await screen.until(cursorOn);
    if (other ? on === '(someone else: type the name)' : is(on)) break;
    if (visited.has(on)) {
      if (other || typeof target !== 'string') throw new Error(`no choice ${String(target)} on the screen:\n${screen.last()}`);
      other = true; // round the whole list: not offered
      visited.clear();
      continue;
    }
    visited.add(on);
    screen.press('Down');
    await screen.until((text) => cursorOn(text) !== on);
  }
  // Someone else: asked again as text, and typed there.
  screen.press('Enter');
  return other ? 'other' : 'chosen';
}
