// Turns the command line's files, directories and globs into the list of files to check, and
// says what was passed over: folders that could not be searched, files the config ignores.
import type { Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { FileSystemAdapter } from 'tinyglobby';
import type { FileSystem } from './file-system.js';

/** Never looked into, whatever the config says. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

const CHARTER_FILES = '**/*.{yaml,yml}';

export interface DiscoveryOptions {
  /** The folder relative inputs are found from (never process.cwd()). */
  cwd: string;
  files: FileSystem;
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
    const kind = await pathKind(resolve(options.cwd, input), options.files);
    // The glob code is loaded only for what needs it (a folder, a glob, a missing name): a run on named files starts without it.
    if (kind === 'file' || (kind === 'missing' && !(await import('tinyglobby')).isDynamicPattern(input))) {
      files.push(input);
      continue;
    }
    // A directory's files are named from it as given; a glob's from the current folder.
    const base = kind === 'directory' ? resolve(options.cwd, input) : options.cwd;
    const name = (path: string) => (kind === 'directory' ? joinPath(input, path) : path);
    const unreadableBefore = unreadable.length;
    const { glob } = await import('tinyglobby');
    const found = (
      kind === 'directory'
        ? await glob(CHARTER_FILES, { cwd: base, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, fs: searchFs(options.files, unreadable, (folder) => name(relative(base, folder))) })
        : await glob(input, { cwd: base, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, expandDirectories: false, fs: searchFs(options.files, unreadable, (folder) => relative(base, folder) || '.') })
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
  const ignored = await ignoredFiles(files, options);
  const kept = files.filter((file) => !ignored.has(file));
  return { files: [...new Set(kept)], searched, searches, unmatched, ignored, unreadable };
}

/** The files the config's `ignore` patterns match, each with the first pattern that does. */
async function ignoredFiles(files: string[], options: DiscoveryOptions): Promise<Map<string, string>> {
  const ignored = new Map<string, string>();
  if (options.ignore.length === 0) return ignored;
  const { default: picomatch } = await import('picomatch');
  const matchers = options.ignore.map((pattern) => ({ pattern, matches: picomatch(pattern, { dot: true }) }));
  for (const file of files) {
    const path = relative(options.ignoreBase, resolve(options.cwd, file));
    const match = matchers.find(({ matches }) => matches(path));
    if (match) ignored.set(file, match.pattern);
  }
  return ignored;
}

/**
 * The run's file system as a search reads folders, with two changes: a folder that cannot be read is noted (its path as
 * `display` names it, and why) rather than passed over in silence, and an entry that is neither a
 * file nor a folder (a link to a file, a link to nothing, a FIFO) is shown as a file, so that it
 * is read, and refused with its reason, as it would be if named. A link to a folder stays a link,
 * which the search does not follow.
 */
function searchFs(files: FileSystem, unreadable: Discovery['unreadable'], display: (folder: string) => string): FileSystemAdapter {
  const readdir = (folder: string, _options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void): void => {
    files
      .readdir(folder)
      .then((entries) => (entries.every((entry) => entry.isFile() || entry.isDirectory()) ? entries : Promise.all(entries.map((entry) => asFile(files, folder, entry)))))
      .then(
        (entries) => callback(null, entries),
        (error: NodeJS.ErrnoException) => {
          // A glob's folder that is not there ("drafts/*.yaml" with no drafts/) matches nothing: the
          // pattern is unmatched, not a folder that could not be searched.
          if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return callback(null, []);
          unreadable.push({ folder: display(folder.replace(/\/+$/, '')), reason: describeFolderError(error) });
          callback(error, []);
        },
      );
  };
  return { readdir: readdir as unknown as FileSystemAdapter['readdir'] };
}

async function asFile(files: FileSystem, folder: string, entry: Dirent): Promise<Dirent> {
  if (entry.isFile() || entry.isDirectory()) return entry;
  // A link to a folder stays a link; a link to nothing is read, and reported, as the file it names.
  if (entry.isSymbolicLink() && (await files.stat(join(folder, entry.name)))?.isDirectory()) return entry;
  return Object.assign(Object.create(entry) as Dirent, { isFile: () => true, isSymbolicLink: () => false });
}

function describeFolderError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'ELOOP') return 'a symbolic link that loops';
  return error.code ?? error.message;
}

async function pathKind(path: string, files: FileSystem): Promise<'file' | 'directory' | 'missing'> {
  const info = await files.stat(path);
  return info === null ? 'missing' : info.isDirectory() ? 'directory' : 'file';
}

function joinPath(directory: string, file: string): string {
  return file === '' ? directory : `${directory.replace(/\/+$/, '')}/${file}`;
}
