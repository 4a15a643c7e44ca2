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

/** A directory or glob given on the command line, and what it found. */
export interface Search {
  input: string;
  /** The files it found that the config does not ignore, in order. */
  found: string[];
}

export interface Discovery {
  files: string[];
  /** The files found by searching a directory or a glob (not named): only charters among them are checked. */
  searched: Set<string>;
  searches: Search[];
  /** Patterns that matched nothing (an error unless --no-error-on-unmatched-pattern). */
  unmatched: string[];
}

/**
 * A file is taken as named (a missing one is reported when it is read); a directory is searched
 * for *.yaml and *.yml; anything else is a glob. Each file appears once, in the order found.
 */
export async function discoverFiles(inputs: string[], options: DiscoveryOptions): Promise<Discovery> {
  const files: string[] = [];
  const searched = new Set<string>();
  const searches: Search[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    const kind = await pathKind(input);
    if (kind === 'directory') {
      const found = await glob(CHARTER_FILES, { cwd: input, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false });
      if (found.length === 0) unmatched.push(input);
      const names = found.sort().map((name) => joinPath(input, name));
      searches.push({ input, found: names });
      for (const file of names) {
        files.push(file);
        searched.add(file);
      }
    } else if (kind === 'missing' && isDynamicPattern(input)) {
      const found = await glob(input, { cwd: options.cwd, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, expandDirectories: false });
      if (found.length === 0) unmatched.push(input);
      searches.push({ input, found: found.sort() });
      for (const file of found) {
        files.push(file);
        searched.add(file);
      }
    } else {
      files.push(input);
    }
  }
  const ignored = options.ignore.length > 0 ? picomatch(options.ignore, { dot: true }) : () => false;
  const isKept = (file: string) => !ignored(relative(options.ignoreBase, resolve(options.cwd, file)));
  for (const search of searches) search.found = search.found.filter(isKept);
  return { files: [...new Set(files.filter(isKept))], searched, searches, unmatched };
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
