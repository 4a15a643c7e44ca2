// The `regexp` keyword's value, as ajv-keywords defined it: `{ pattern, flags }` or "/pattern/flags".
export type RegexpValue = string | { pattern: string; flags?: string };

export function regexpParts(value: RegexpValue): { pattern: string; flags?: string } {
  if (typeof value === 'object') return value;
  const [, pattern = value, flags] = /^\/(.*)\/([gimsuy]*)$/s.exec(value) ?? [];
  return { pattern, ...(flags ? { flags } : {}) };
}
