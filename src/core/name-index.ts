// Which names in a list name the same organisation as a given name: "Trust" and "Northampton
// General Hospital NHS Trust" (one's words all within the other's, in order), "NHS Nene CCG" and
// "NHS Nene Clinical Commissioning Group" (a word standing for a run of words by its initials).
// Built once per list, so that checking every partner against the board stays linear.

/** Word comparisons left for matching by initials; past it, only whole words are matched. */
const INITIALS_BUDGET = 2_000_000;
/** Runs are indexed for the first words of a name: names are short, and this keeps the index linear. */
const MAX_INDEXED_WORDS = 12;

export class NameIndex<T> {
  private readonly entries: { words: string[]; value: T }[];
  /** Whole-word lookups, built only once the budget for comparing names one by one is spent. */
  private index: { byName: Map<string, T[]>; byRun: Map<string, T[]> } | null = null;
  private budget = INITIALS_BUDGET;

  constructor(names: { name: string; value: T }[]) {
    this.entries = names.map(({ name, value }) => ({ words: words(name), value })).filter((entry) => entry.words.length > 0);
  }

  /** The values of every entry whose name matches `name` (each once, in the entries' order while the budget lasts). */
  matches(name: string): T[] {
    const wanted = words(name);
    if (wanted.length === 0) return [];
    const found = new Set<T>();
    if (this.budget > 0) {
      // Comparing with each name finds every whole-word match too (a run of words is matched in
      // order), so while the budget lasts the index is not needed, nor built.
      this.budget -= this.entries.length;
      for (const entry of this.entries) if (wordsWithin(entry.words, wanted) || wordsWithin(wanted, entry.words)) found.add(entry.value);
      return [...found];
    }
    // Whole words, through the index: a name within this one, or this one within a name.
    const { byName, byRun } = (this.index ??= this.buildIndex());
    for (const run of runsOf(wanted)) for (const value of byName.get(run) ?? []) found.add(value);
    for (const value of byRun.get(wanted.join(' ')) ?? []) found.add(value);
    return [...found];
  }

  private buildIndex(): { byName: Map<string, T[]>; byRun: Map<string, T[]> } {
    const byName = new Map<string, T[]>();
    const byRun = new Map<string, T[]>();
    for (const entry of this.entries) {
      push(byName, entry.words.join(' '), entry.value);
      for (const run of new Set(runsOf(entry.words))) push(byRun, run, entry.value);
    }
    return { byName, byRun };
  }
}

export function normaliseName(value: string | number): string {
  return String(value).trim().toLowerCase().replace(/\s+/g, ' ');
}

function words(text: string): string[] {
  return normaliseName(text).split(/[^a-z0-9]+/).filter((word) => word !== '');
}

function runsOf(list: string[]): string[] {
  const capped = list.slice(0, MAX_INDEXED_WORDS);
  const runs: string[] = [];
  for (let start = 0; start < capped.length; start += 1) {
    for (let end = start + 1; end <= capped.length; end += 1) runs.push(capped.slice(start, end).join(' '));
  }
  return runs;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** True when every word of `wanted` appears in order in `within`, a word standing for a run by its initials. */
function wordsWithin(wanted: string[], within: string[]): boolean {
  for (let start = 0; start < within.length; start += 1) {
    if (matchesFrom(wanted, within, start)) return true;
  }
  return false;
}

function matchesFrom(wanted: string[], within: string[], start: number): boolean {
  let at = start;
  for (const word of wanted) {
    if (within[at] === word) {
      at += 1;
      continue;
    }
    const run = word.length >= 2 ? within.slice(at, at + word.length) : [];
    if (run.length !== word.length || !run.every((next, index) => next[0] === word[index])) return false;
    at += word.length;
  }
  return true;
}
