// A person at the keyboard of a real terminal (the binary under tmux): reads the question on the
// screen, finds what it is about by the words it shows ("Partner 2 of 4, …: lead's name", "Plan ›
// Start"), and types the answer from their notes as people type it (£80,000, 60k, 0.6, 1 April
// 2025). Nothing is known of the questionnaire but what the screen says and the charter's shape.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { expect } from 'vitest';
import { valueAtPointer } from '../../src/core/pointer.js';
import { humanise, type Field, type Shape } from '../../src/questionnaire/fields.js';
import { onPath, ROOT } from '../helpers.js';

export const hasTmux = onPath('tmux');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** How long the pane must print nothing before its screen is read again. */
const QUIET_MS = 20;

/** A word for tmux's command parser: single-quoted, a quote inside written '\''. */
const quoted = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * A tmux server of its own (its own socket), one window, the whole history kept, driven by one
 * client in control mode (tmux -C): every command (a key, a look at the screen) goes down its
 * stdin, so a session is one process however many keys are typed, and the client says when the
 * pane prints (%output), so the screen is read again only when it has changed.
 */
export class Screen {
  private readonly client: ChildProcessByStdio<Writable, Readable, null>;
  /** Replies to the commands sent, in order: tmux answers each in a %begin … %end block. */
  private readonly waiting: ((reply: string) => void)[] = [];
  private partial = '';
  private block: { end: string; lines: string[] } | undefined;
  /** How many times the pane has printed, and who waits for the next time. */
  private printed = 0;
  private onPrinted: (() => void) | undefined;
  /** The history as last read, for a failure's message. */
  private shown = '';

  constructor(dir: string, command: string) {
    const conf = join(dir, '.tmux.conf');
    writeFileSync(conf, 'set -g history-limit 100000\n');
    const socket = `pc-keyboard-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.client = spawn('tmux', ['-L', socket, '-f', conf, '-C', 'new-session', '-s', 'main', '-x', '220', '-y', '50', `cd ${dir} && ${command}; echo EXITED $?; sleep 600`], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.client.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop()!;
      for (const line of lines) this.read(line);
    });
  }

  private read(line: string): void {
    if (this.block) {
      // A screen line may start with %end too: only the one that closes this block ends it.
      if (line === this.block.end || line === this.block.end.replace('%end', '%error')) {
        const reply = this.block.lines.join('\n');
        this.block = undefined;
        this.waiting.shift()?.(reply);
      } else this.block.lines.push(line);
      return;
    }
    const begin = /^%begin (\d+ \d+ (\d+))$/.exec(line);
    // Flags 0: the block answers the command the client was started with, not one sent.
    if (begin && begin[2] !== '0') this.block = { end: `%end ${begin[1]}`, lines: [] };
    else if (line.startsWith('%output ')) {
      this.printed += 1;
      this.onPrinted?.();
    }
  }

  /** Sends a tmux command; resolves to what it printed. */
  private tmux(...args: string[]): Promise<string> {
    return new Promise((done) => {
      this.waiting.push(done);
      this.client.stdin.write(`${args.map(quoted).join(' ')}\n`);
    });
  }

  /** Everything shown since the start, wrapped lines joined. */
  async text(): Promise<string> {
    this.shown = await this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main');
    return this.shown;
  }

  /** The last screen of the history last read (for a failure's message). */
  last(): string {
    return this.shown.replace(/\s+$/, '').split('\n').slice(-50).join('\n');
  }

  type(text: string): void {
    if (text !== '') void this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  press(...keys: string[]): void {
    void this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Resolves once the pane has printed since `mark` and then been quiet for a moment (a prompt is drawn in a few writes). */
  private async printedSince(mark: number): Promise<void> {
    if (this.printed === mark) await new Promise<void>((done) => (this.onPrinted = done));
    this.onPrinted = undefined;
    for (let count = -1; count !== this.printed; ) {
      count = this.printed;
      await sleep(QUIET_MS);
    }
  }

  /** Waits until `seen` holds of the history; the test's own time-out is the only limit. */
  async until<T>(seen: (text: string) => T | undefined | false): Promise<T> {
    for (;;) {
      const mark = this.printed;
      const found = seen(await this.text());
      if (found !== undefined && found !== false) return found;
      await this.printedSince(mark);
    }
  }

  /** Saves the last screen under test-output/ and says where. */
  async save(name: string): Promise<string> {
    const dir = join(ROOT, 'test-output');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, (await this.tmux('capture-pane', '-p', '-J', '-t', 'main')).replace(/\s+$/, '\n'));
    console.log(`last screen of the session: ${path}`);
    return path;
  }

  /** Ends the session and its server, and removes the server's socket. */
  async close(): Promise<void> {
    const socket = (await this.tmux('display-message', '-p', '#{socket_path}')).trim();
    const closed = once(this.client, 'close');
    this.client.stdin.end('kill-server\n');
    await closed;
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
