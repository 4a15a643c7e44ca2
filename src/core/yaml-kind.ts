// What a YAML file holds, judged from its top-level keys before it is parsed: a charter (it has
// the `charter:` key), a charter that lacks that line (it has at least two of a charter's own
// top-level keys: title, need, partners, goals...), or other YAML (a CI workflow, a tool's config,
// a criteria file), which a search passes over. A few regular expressions over the text, no parse,
// so that the other YAML in a tree costs little to pass over.
import type { InputProblem } from './problem.js';

export type YamlKind =
  | { kind: 'charter' }
  /** A charter but for its `charter: 1` line; `keys` are the charter's keys it has, in order. */
  | { kind: 'unmarked-charter'; keys: string[]; problem: InputProblem }
  | { kind: 'other' };

/** A top-level `charter:` key, in block style or inside a flow mapping. */
const CHARTER_KEY = /(^|[{,]\s*)["']?charter["']?\s*:/m;
/** A key at the start of a line: the top level of a block-style mapping (nested keys are indented). */
const BLOCK_KEY = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?=\s|$)/gm;
/** A key inside a flow mapping, for a file that is one (`{ title: ..., need: ... }`). */
const FLOW_KEY = /[{,]\s*(["']?)([A-Za-z_][\w-]*)\1\s*:/g;
/** The first line that is not blank, a comment, a directive or a document marker. */
const FIRST_CONTENT = /^(?![ \t]*(?:#|%|---|$)).*$/m;

/** How many of a charter's own top-level keys make a file look like a charter. */
const KEYS_NEEDED = 2;

/** A classifier for the charter format whose schema is given (its top-level properties are the keys it looks for). */
export function yamlClassifier(charterSchema: object): (text: string) => YamlKind {
  const properties = (charterSchema as { properties?: Record<string, unknown> }).properties ?? {};
  const charterKeys = new Set(Object.keys(properties).filter((key) => key !== 'charter'));
  return (text) => {
    if (CHARTER_KEY.test(text)) return { kind: 'charter' };
    const flow = FIRST_CONTENT.exec(text)?.[0].trimStart().startsWith('{') === true;
    const keys: string[] = [];
    for (const match of text.matchAll(flow ? FLOW_KEY : BLOCK_KEY)) {
      const key = match[2]!;
      if (charterKeys.has(key) && !keys.includes(key)) keys.push(key);
    }
    if (keys.length < KEYS_NEEDED) return { kind: 'other' };
    const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')}...` : keys.join(', ');
    return {
      kind: 'unmarked-charter',
      keys,
      problem: { code: 'content', message: `looks like a charter (${shown}) but has no 'charter: 1' line; add it as the first line` },
    };
  };
}
