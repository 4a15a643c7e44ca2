// Turns the command line's files, directories and globs into the list of charters to check.
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { isDynamicPattern, glob } from 'tinyglobby';

/** Never looked into, whatever the config says. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

const CHARTER_FILES = '**/*.{yaml,yml}';

export interface DiscoveryOptions {
  cwd: string;
  /** Glob patterns of files not to check, relative to `ignoreBase` (the config file's folder). */
  ignore: string[];
  ignoreBase: string;
}

export interface Discovery {
  files: string[];
  /** The files found by searching a directory or a glob (not named): only charters among them are checked. */
  searched: Set<string>;
  /** Patterns that matched nothing (an error unless --no-error-on-unmatched-pattern). */
  unmatched: string[];
}

/**
 * Whether YAML text found by a search is a charter: its top level has a `charter:` key. A
 * workflow or a tool's config in the same tree is not, and is skipped rather than judged.
 */
export function looksLikeCharter(text: string): boolean {
  return /(^|[{,]\s*)["']?charter["']?\s*:/m.test(text);
}

/**
 * A file is taken as named (a missing one is reported when it is read); a directory is searched
 * for *.yaml and *.yml; anything else is a glob. Each file appears once, in the order found.
 */
export async function discoverFiles(inputs: string[], options: DiscoveryOptions): Promise<Discovery> {
  const files: string[] = [];
  const searched = new Set<string>();
  const unmatched: string[] = [];
  for (const input of inputs) {
    const kind = await pathKind(input);
    if (kind === 'directory') {
      const found = await glob(CHARTER_FILES, { cwd: input, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false });
      if (found.length === 0) unmatched.push(input);
      for (const file of found.sort().map((name) => joinPath(input, name))) {
        files.push(file);
        searched.add(file);
      }
    } else if (kind === 'missing' && isDynamicPattern(input)) {
      const found = await glob(input, { cwd: options.cwd, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, expandDirectories: false });
      if (found.length === 0) unmatched.push(input);
      for (const file of found.sort()) {
        files.push(file);
        searched.add(file);
      }
    } else {
      files.push(input);
    }
  }
  const ignored = options.ignore.length > 0 ? picomatch(options.ignore, { dot: true }) : () => false;
  const kept = files.filter((file) => !ignored(relative(options.ignoreBase, resolve(options.cwd, file))));
  return { files: [...new Set(kept)], searched, unmatched };
}

async function pathKind(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

function joinPath(directory: string, file: string): string {
  return `${directory.replace(/\/+$/, '')}/${file}`;
}
