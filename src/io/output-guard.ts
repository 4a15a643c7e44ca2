// The one guard for every path the tool writes: -o reports, the summary, the cache, GitHub's step
// summary, the charter `fix` edits and the one `init` writes. Asked before anything is written (or
// checked), it refuses, in one line, a write that would destroy something:
//   - a file the run reads (a charter, stdin's named charter, the config, a criteria, answers or
//     baseline file), or the same file twice;
//   - a device or FIFO where a file is kept (the cache, a charter): replacing it would turn it into
//     a regular file, and reading it could hang (a report or summary is written through one, as a
//     shell's `>` would: /dev/stdout, /dev/null);
//   - an existing file that is not what the tool writes there: a cache must look like a
//     partner-check cache, a report or summary like a partner-check report or summary (any format:
//     see own-output.ts; `--force` lets a user replace another file, never a charter or a config),
//     a charter must be a charter, a schema copy partner-check's charter schema (or `--force`);
//   - a file the user could not write with a shell's `>`: a read-only one, or one owned by another
//     user (an atomic rename would replace it and take its ownership).
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isCharterSchema } from './builtin.js';
import { CONFIG_FILE_NAME } from './config-file.js';
import type { FileSystem } from './file-system.js';
import { isOwnOutput } from './own-output.js';
import { linkTarget } from './write-file.js';

export interface NamedFile {
  /** What the file is to the user: "the charter", "the config file"... */
  role: string;
  path: string;
}

/**
 * What is written there: a report (-o), a summary (summary -o), the step summary (appended to),
 * the cache, a charter (fix, init), or a copy of the charter schema (schema --write).
 */
export type WriteKind = 'report' | 'summary' | 'step-summary' | 'cache' | 'charter' | 'schema';

export interface WriteTarget {
  kind: WriteKind;
  /** As the user gave it, resolved against the run's folder when relative. */
  path: string;
  /** How the user named it, for messages: "-o out.json", "--cache-location notes.txt", "GITHUB_STEP_SUMMARY file.md". */
  label: string;
}

/** A charter's marker, `charter: 1`, on a line of its own or in a flow mapping. */
const CHARTER_LINE = /(^|[{,]\s*)charter\s*:\s*['"]?1['"]?\s*([,}#\r\n]|$)/m;
/** How much of an existing file is read to tell what it is. */
const HEAD = 64 * 1024;

/** A one-line reason the writes cannot be made as asked, or null when they can. */
export async function writeRefusal(targets: WriteTarget[], inputs: NamedFile[], cwd: string, files: FileSystem, options: { force?: boolean } = {}): Promise<string | null> {
  // Nothing written, nothing to guard: a run of many charters without -o or --cache pays nothing here.
  if (targets.length === 0) return null;
  const readBy = new InputIndex(inputs, cwd);
  const seen = new Map<string, string>();
  for (const target of targets) {
    // resolve() would drop the slash, and the write would make a file of the folder named.
    if (target.kind !== 'schema' && /[\\/]$/.test(target.path)) return `${target.label} ends in a slash, so it names a folder; name a file`;
    const path = resolve(cwd, target.path);
    const info = await files.stat(path);
    const special = info !== null && (info.isCharacterDevice() || info.isBlockDevice() || info.isFIFO() || info.isSocket());
    if (special) {
      if (target.kind === 'cache' || target.kind === 'charter') return `${target.label} is a device or FIFO, not a file; name a regular file`;
      continue; // /dev/stdout, /dev/null: written through, never replaced
    }
    const id = identity(path);
    // A partner-check cache already there holds nothing a person wrote, even if it were named as an
    // input too: the inputs are not looked up (a stat each, 5% of a cached rerun of 10,000 charters).
    const ownCache = target.kind === 'cache' && info?.isFile() === true && isCacheHeader(readHead(path) ?? '');
    const input = ownCache ? undefined : info ? readBy.sameFile(info) : readBy.samePath(path, id);
    if (input) return `${target.label} would overwrite ${input.role} ${input.path}; write to another file`;
    const earlier = seen.get(id);
    if (earlier !== undefined) return `${target.label} names the same file as ${earlier}; give each its own file`;
    seen.set(id, target.label);
    if (!info?.isFile()) continue; // not there yet (or a folder, which the writer names)
    const problem = notOurs(target, path, options.force === true) ?? notWritable(target, info, files);
    if (problem) return `${target.label} ${problem}`;
  }
  return null;
}

/**
 * The files a run reads, found by what a write target is: an existing file by its device and
 * inode, through symbolic and hard links alike (one stat an input, where its real path cost
 * several system calls, 6% of a cached run of 10,000 charters); a missing one by its path.
 */
class InputIndex {
  private byInode: Map<string, NamedFile> | null = null;

  constructor(
    private readonly inputs: NamedFile[],
    private readonly cwd: string,
  ) {}

  sameFile(target: Stats): NamedFile | undefined {
    this.byInode ??= new Map(
      this.inputs.flatMap((input) => {
        const info = statSync(resolve(this.cwd, input.path), { throwIfNoEntry: false });
        return info ? [[inodeKey(info), input] as const] : [];
      }),
    );
    return this.byInode.get(inodeKey(target));
  }

  /** An input not there either, named by the same path: its read fails, and the write is still refused. */
  samePath(path: string, realPath: string): NamedFile | undefined {
    return this.inputs.find((input) => {
      const inputPath = resolve(this.cwd, input.path);
      return inputPath === path || inputPath === realPath;
    });
  }
}

function inodeKey(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

/** Why an existing file is not one the tool writes at this place, or null. */
function notOurs(target: WriteTarget, path: string, force: boolean): string | null {
  const head = readHead(path);
  if (head === null || head.trim() === '') return null; // empty, or unreadable (the writer says so)
  switch (target.kind) {
    case 'cache':
      return isCacheHeader(head) ? null : 'is not a partner-check cache, and would be overwritten; name another file, or remove it';
    case 'charter':
      return CHARTER_LINE.test(head) ? null : 'is not a charter (it has no charter: 1 line), and would be overwritten; name another file';
    case 'schema':
      return force || isCharterSchema(head) ? null : "is not partner-check's charter schema, and would be overwritten; write to another folder, or add --force to replace it";
    default:
      if (basename(path) === CONFIG_FILE_NAME) return 'is a partner-check config, and would be overwritten; write to another file';
      if (CHARTER_LINE.test(head)) return 'holds a charter, and would be overwritten; write to another file';
      if (target.kind === 'step-summary' || force || isOwnOutput(head, readTail(path) ?? '')) return null;
      return `is not a partner-check ${target.kind}, and would be overwritten; name another file, remove it, or pass --force to replace it`;
  }
}

/** Why the user could not replace this file themselves, or null: the writer's rename would get round what a shell's `>` respects. */
function notWritable(target: WriteTarget, info: Stats, files: FileSystem): string | null {
  if (target.kind === 'step-summary') return null; // appended to, in place: the system refuses what it must
  if ((info.mode & 0o222) === 0) return 'is read-only, and partner-check does not replace a file that may not be written';
  const user = files.userId();
  // Only root can give a replaced file back to its owner (see write-file.ts).
  if (user !== undefined && user !== 0 && info.uid !== user) return 'belongs to another user, and replacing it would take it from them';
  return null;
}

/** The first line is a partner-check cache's header. */
function isCacheHeader(head: string): boolean {
  const newline = head.indexOf('\n');
  if (newline < 0 && head.length >= HEAD) return false;
  try {
    const header = JSON.parse(newline < 0 ? head : head.slice(0, newline)) as unknown;
    return typeof header === 'object' && header !== null && (header as { tool?: unknown }).tool === 'partner-check';
  } catch {
    return false;
  }
}

/** The start of a regular file as text, or null when it cannot be read. */
function readHead(path: string): string | null {
  return readAt(path, () => 0);
}

/** The end of a regular file (its last 64 KiB) as text, or null when it cannot be read. */
function readTail(path: string): string | null {
  return readAt(path, (size) => Math.max(0, size - HEAD));
}

function readAt(path: string, start: (size: number) => number): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const buffer = Buffer.alloc(HEAD);
    const bytes = buffer.subarray(0, readSync(fd, buffer, 0, HEAD, start(fstatSync(fd).size)));
    // A charter may be UTF-16 or start with a byte-order mark (see read-text.ts).
    const utf16 = () => Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16().toString('utf16le');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16().swap16().toString('utf16le');
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The real path a write would land on: symlinks followed, for a file that exists or not. The
 * system's realpath, one call a path: Node's own walks every folder of every path with lstat,
 * which cost a run of 10,000 charters 0.25 s of CPU against 0.09 s.
 */
function identity(path: string): string {
  let target: string;
  try {
    // Where the writer would write: a link to a file not there yet lands on that file.
    target = linkTarget(path);
  } catch {
    return path; // a loop of links, which the writer refuses
  }
  try {
    return join(realpathSync.native(dirname(target)), basename(target));
  } catch {
    return target;
  }
}
