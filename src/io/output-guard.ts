// Before anything is written: no output may land on a file the run reads (a charter, the config,
// a criteria, answers or baseline file), and no two outputs on the same file.
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface NamedFile {
  /** What the file is to the user: "the charter", "the config file"... */
  role: string;
  path: string;
}

/** A one-line reason the outputs cannot be written as asked, or null when they can. */
export function outputClash(outputs: string[], inputs: NamedFile[], cwd: string): string | null {
  const readBy = new Map(inputs.map((input) => [identity(resolve(cwd, input.path)), input]));
  const seen = new Map<string, string>();
  for (const output of outputs) {
    const path = resolve(cwd, output);
    if (isDeviceOrFifo(path)) continue; // /dev/stdout, /dev/null: written through, never replaced
    const id = identity(path);
    const input = readBy.get(id);
    if (input) return `-o ${output} would overwrite ${input.role} ${input.path}; write the report to another file`;
    const earlier = seen.get(id);
    if (earlier !== undefined) return `-o ${output} names the same file as -o ${earlier}; give each format its own file`;
    seen.set(id, output);
  }
  return null;
}

/** The real path a write would land on: symlinks followed, for a file that exists or not. */
function identity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

function isDeviceOrFifo(path: string): boolean {
  try {
    const info = statSync(path);
    return info.isCharacterDevice() || info.isBlockDevice() || info.isFIFO();
  } catch {
    return false;
  }
}
