// Line edits on an example charter, shared by the per-criterion fixtures (make-criteria-fixtures.mjs)
// and the paraphrase suites (test/paraphrases.test.ts): `set` replaces the line(s) a prefix
// matches, `remove` deletes them, `append` adds lines after them, `mark` adds "# expect ID".
// A prefix of several lines (joined by \n) matches that many lines in a row, and must match once.

export const BASES = { elderly: 'examples/community-elderly-care.yaml', copd: 'examples/copd-joint-working.yaml' };

/** The lines of `text` with the edits of `edit` applied; `label` names the case in errors. */
export function applyEdits(text, edit, id, label) {
  const lines = text.split('\n');
  const find = (prefix) => {
    const parts = prefix.split('\n');
    const found = lines.flatMap((_, index) => (parts.every((part, offset) => lines[index + offset]?.startsWith(part)) ? [index] : []));
    if (found.length !== 1) throw new Error(`${id} ${label}: '${prefix}' matches ${found.length} places`);
    return { index: found[0], count: parts.length };
  };
  for (const [prefix, replacement] of Object.entries(edit.set ?? {})) {
    const { index, count } = find(prefix);
    lines.splice(index, count, ...replacement.split('\n'));
  }
  for (const prefix of edit.remove ?? []) {
    const { index, count } = find(prefix);
    lines.splice(index, count);
  }
  for (const [prefix, added] of Object.entries(edit.append ?? {})) {
    const { index, count } = find(prefix);
    lines.splice(index + count, 0, ...added.split('\n'));
  }
  for (const prefix of edit.mark ?? []) lines[find(prefix).index] += `  # expect ${id}`;
  return lines;
}
