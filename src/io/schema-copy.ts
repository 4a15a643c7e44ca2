// The copy of the charter schema a repository keeps (written by `partner-check schema --write`),
// which the charters in it point their editors at, so that the link holds wherever the repository
// is cloned, with no network and no partner-check installed.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CHARTER_SCHEMA_FILE, isCharterSchema } from './builtin.js';
import type { FileSystem } from './file-system.js';
import { foldersUpward } from './upward.js';

/** The nearest schemas/charter.schema.json or charter.schema.json in `start` or above it (up to the repository's root) that is partner-check's charter schema, or null. */
export async function findSchemaCopy(start: string, files: FileSystem, home = homedir()): Promise<string | null> {
  for await (const dir of foldersUpward(start, files, home)) {
    for (const candidate of [join(dir, 'schemas', CHARTER_SCHEMA_FILE), join(dir, CHARTER_SCHEMA_FILE)]) {
      const read = await files.readText(candidate);
      if (read.ok && isCharterSchema(read.text)) return candidate;
    }
  }
  return null;
}
