// The folders a search for a file of the repository looks in: the start and each folder above it,
// up to the repository's root (a folder holding .git) or the home folder, whichever comes first,
// so that something further up never changes what a repository's files mean.
import { dirname, join, resolve } from 'node:path';
import type { FileSystem } from './file-system.js';

export async function* foldersUpward(start: string, files: FileSystem, home: string): AsyncGenerator<string> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    yield dir;
    if ((await files.stat(join(dir, '.git'))) || dir === resolve(home) || dirname(dir) === dir) return;
  }
}
