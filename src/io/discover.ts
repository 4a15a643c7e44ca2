// Turns the command line's files, directories and globs into the list of files to check, and
// says what was passed over: folders that could not be searched, files the config ignores.
import fs, { type Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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
  /** Every file it found, in order, those the config ignores included. */
  found: string[];
}

export interface Discovery {
  /** The files to read, each once, in the order found: named ones, and those searches found that the config does not ignore. */
  files: string[];
  /** The files found by searching a directory or a glob (not named): only charters among them are checked. */
  searched: Set<string>;
  searches: Search[];
  /** Patterns and directories that found no file at all (an error unless --no-error-on-unmatched-pattern). */
  unmatched: string[];
  /** Every file found or named that the config ignores, with the first of its patterns that matches it. */
  ignored: Map<string, string>;
  /** Folders a search could not read, each with the reason: the charters in them were not checked. */
  unreadable: { folder: string; reason: string }[];
}

/**
 * A file is taken as named (a missing one is reported when it is read); a directory is searched
 * for *.yaml and *.yml; anything else is a glob. A search takes a symbolic link to a file as the
 * file (as a file named through a link is read), but does not follow a link to a folder (which
 * could lead out of the tree, or round in a loop); `node_modules` and `.git` are never searched.
 * Each file appears once, in the order found.
 */
export async function discoverFiles(inputs: string[], options: DiscoveryOptions): Promise<Discovery> {
  const files: string[] = [];
  const searched = new Set<string>();
  const searches: Search[] = [];
  const unmatched: string[] = [];
  const unreadable: Discovery['unreadable'] = [];
  for (const input of inputs) {
    const kind = await pathKind(input);
    if (kind === 'file' || (kind === 'missing' && !isDynamicPattern(input))) {
      files.push(input);
      continue;
    }
    // A directory's files are named from it as given; a glob's from the current folder.
    const base = kind === 'directory' ? input : options.cwd;
    const name = (path: string) => (kind === 'directory' ? joinPath(input, path) : path);
    const unreadableBefore = unreadable.length;
    const found = (
      kind === 'directory'
        ? await glob(CHARTER_FILES, { cwd: input, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, fs: searchFs(unreadable, (folder) => name(relative(resolve(base), folder))) })
        : await glob(input, { cwd: options.cwd, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, expandDirectories: false, fs: searchFs(unreadable, (folder) => relative(resolve(base), folder) || '.') })
    )
      .sort()
      .map(name);
    // A search that could not read a folder has said so; it did not find nothing.
    if (found.length === 0 && unreadable.length === unreadableBefore) unmatched.push(input);
    searches.push({ input, found });
    for (const file of found) {
      files.push(file);
      searched.add(file);
    }
  }
  const ignored = ignoredFiles(files, options);
  const kept = files.filter((file) => !ignored.has(file));
  return { files: [...new Set(kept)], searched, searches, unmatched, ignored, unreadable };
}

/** The files the config's `ignore` patterns match, each with the first pattern that does. */
function ignoredFiles(files: string[], options: DiscoveryOptions): Map<string, string> {
  const ignored = new Map<string, string>();
  if (options.ignore.length === 0) return ignored;
  const matchers = options.ignore.map((pattern) => ({ pattern, matches: picomatch(pattern, { dot: true }) }));
  for (const file of files) {
    const path = relative(options.ignoreBase, resolve(options.cwd, file));
    const match = matchers.find(({ matches }) => matches(path));
    if (match) ignored.set(file, match.pattern);
  }
  return ignored;
}

/**
 * node:fs for a search, with two changes: a folder that cannot be read is noted (its path as
 * `display` names it, and why) rather than passed over in silence, and an entry that is neither a
 * file nor a folder (a link to a file, a link to nothing, a FIFO) is shown as a file, so that it
 * is read, and refused with its reason, as it would be if named. A link to a folder stays a link,
 * which the search does not follow.
 */
function searchFs(unreadable: Discovery['unreadable'], display: (folder: string) => string) {
  const readdir = (folder: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void): void => {
    fs.readdir(folder, options, (error, entries) => {
      if (error) {
        unreadable.push({ folder: display(folder.replace(/\/+$/, '')), reason: describeFolderError(error) });
        callback(error, []);
        return;
      }
      if (entries.every((entry) => entry.isFile() || entry.isDirectory())) {
        callback(null, entries);
        return;
      }
      Promise.all(entries.map((entry) => asFile(folder, entry))).then(
        (shown) => callback(null, shown),
        (reason: NodeJS.ErrnoException) => callback(reason, []),
      );
    });
  };
  return { readdir: readdir as unknown as typeof fs.readdir };
}

async function asFile(folder: string, entry: Dirent): Promise<Dirent> {
  if (entry.isFile() || entry.isDirectory()) return entry;
  if (entry.isSymbolicLink()) {
    try {
      if ((await fs.promises.stat(join(folder, entry.name))).isDirectory()) return entry;
    } catch {
      // A link to nothing: read, and reported, as the file it names.
    }
  }
  return Object.assign(Object.create(entry) as Dirent, { isFile: () => true, isSymbolicLink: () => false });
}

function describeFolderError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'ELOOP') return 'a symbolic link that loops';
  return error.code ?? error.message;
}

async function pathKind(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await fs.promises.stat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

function joinPath(directory: string, file: string): string {
  return file === '' ? directory : `${directory.replace(/\/+$/, '')}/${file}`;
}
