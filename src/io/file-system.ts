// The file system as the CLI uses it: the one seam through which discovery, reading, the config
// search and writing reach the disk, so that a test can run the whole CLI in-process against a
// temporary folder (or hand in a file system that fails). Paths are taken as given: callers
// resolve them against the run's working folder first, never against process.cwd().
import fs, { type Dirent, type Stats } from 'node:fs';
import { readTextFile, type ReadResult } from './read-text.js';
import { openAtomicFile, writeFileSafely, type AtomicFile } from './write-file.js';

export interface FileSystem {
  /** A file as text, or why it cannot be read (see read-text.ts). */
  readText(path: string, maxBytes?: number): Promise<ReadResult>;
  /** What is at a path, through symbolic links; null when there is nothing there (or it cannot be seen). */
  stat(path: string): Promise<Stats | null>;
  /** A folder's entries, for a search. */
  readdir(path: string): Promise<Dirent[]>;
  /** Replaces a file atomically, or writes through to a device or FIFO (see write-file.ts). */
  write(path: string, data: string | Uint8Array): Promise<void>;
  /** The same, for a file written a piece at a time (an -o report as the run goes). */
  openForWriting(path: string): Promise<AtomicFile>;
  /** Makes a folder and any folders above it that are missing (schema --write DIR). */
  makeFolder(path: string): Promise<void>;
  /** The user the run acts as (undefined where there are no user ids): whose files it may replace, and whose config it trusts. */
  userId(): number | undefined;
}

export const nodeFileSystem: FileSystem = {
  readText: (path, maxBytes) => readTextFile(path, maxBytes),
  // Callbacks, not fs.promises, which would load half a dozen more modules at every start.
  stat: (path) => new Promise((done) => fs.stat(path, (error, stats) => done(error ? null : stats))),
  readdir: (path) => new Promise((done, fail) => fs.readdir(path, { withFileTypes: true }, (error, entries) => (error ? fail(error) : done(entries)))),
  write: (path, data) => writeFileSafely(path, data),
  openForWriting: (path) => openAtomicFile(path),
  makeFolder: async (path) => {
    await fs.promises.mkdir(path, { recursive: true });
  },
  userId: () => process.getuid?.(),
};

/** Whether two files seen by stat are one file: the same device and inode, however each was reached. */
export function sameInode(a: Pick<Stats, 'dev' | 'ino'>, b: Pick<Stats, 'dev' | 'ino'>): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}
