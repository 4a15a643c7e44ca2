// `partner-check schema [--write DIR]`: the charter schema, printed or written into a repository,
// so that its charters' `$schema` and its editors' settings point at a copy that goes where the
// repository goes (the package is not on the registry, so no address on the web would resolve).
import { join, relative, resolve } from 'node:path';
import { CHARTER_SCHEMA_FILE, packagePath } from '../io/builtin.js';
import { writeRefusal } from '../io/output-guard.js';
import { describeWriteError } from '../io/write-file.js';
import { EXIT } from './check.js';
import { printError, type Terminal } from './terminal.js';

export interface SchemaOptions {
  /** The folder to write charter.schema.json into, made if missing. */
  write?: string;
  /** Replace a file there that is not partner-check's charter schema. */
  force?: boolean;
}

export async function runSchema(options: SchemaOptions, terminal: Terminal): Promise<number> {
  const read = await terminal.files.readText(packagePath(`schemas/${CHARTER_SCHEMA_FILE}`));
  if (!read.ok) return fail(terminal, `the charter schema of this partner-check cannot be read: ${read.message}`);
  if (options.write === undefined) {
    terminal.stdout(read.text);
    return EXIT.pass;
  }
  const folder = resolve(terminal.cwd, options.write);
  const path = join(folder, CHARTER_SCHEMA_FILE);
  const label = relative(terminal.cwd, path) || path;
  const there = await terminal.files.stat(folder);
  if (there && !there.isDirectory()) return fail(terminal, `--write ${options.write} is not a folder; name the folder to write ${CHARTER_SCHEMA_FILE} into`);
  const refusal = await writeRefusal([{ kind: 'schema', path, label }], [], terminal.cwd, terminal.files, { force: options.force === true });
  if (refusal) return fail(terminal, refusal);
  try {
    if (!there) await terminal.files.makeFolder(folder);
    await terminal.files.write(path, read.text);
  } catch (error) {
    return fail(terminal, `cannot write ${label}: ${describeWriteError(error)}`);
  }
  printError(terminal, `wrote ${label}`);
  return EXIT.pass;
}

function fail(terminal: Terminal, message: string): number {
  printError(terminal, message);
  return EXIT.inputError;
}
