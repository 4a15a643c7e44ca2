// JSON for a value that sits some levels deep in a document being written in parts (a charter in
// the JSON report's `charters`, a result in SARIF's `results`).

/**
 * The value's JSON, indented by two spaces a level, as it reads `depth` levels into a document:
 * stringified in place inside that many lists, which are then cut away. Re-indenting every line
 * afterwards took a quarter of a JSON report's time.
 */
export function indentedJson(value: unknown, depth: number): string {
  let wrapped = value;
  for (let level = 0; level < depth; level += 1) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let head = 0;
  for (let level = 1; level <= depth; level += 1) head += '[\n'.length + 2 * level;
  let tail = 0;
  for (let level = 0; level < depth; level += 1) tail += '\n]'.length + 2 * level;
  return text.slice(head, text.length - tail);
}
