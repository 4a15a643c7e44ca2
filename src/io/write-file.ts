// Writing output, edited charters and caches without ever destroying what is there: a regular
// file is replaced atomically (a temporary file beside it, flushed to disk, then renamed over it)
// with its mode and owner kept, through a symbolic link to the file it names; a device or FIFO is
// written through, as a shell's `>` would. No temporary file survives an interrupt. The one writer
// for every file the tool writes.
// fs.promises, not node:fs/promises: it is loaded (with the half-dozen modules it brings) when a
// file is first written, not at every start.
import fs, { createWriteStream, openSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { onExit } from 'signal-exit';

/** A file being written through `stream`, put in place whole by `commit` once the stream has been ended and has finished. */
export interface AtomicFile {
  stream: Writable;
  /** Puts the file in place (flushed, renamed over the old one, its mode and owner kept). */
  commit(): Promise<void>;
  /** Leaves the old file as it was and removes what was written. */
  abort(): Promise<void>;
}

/** The whole of `data` written to `path` as openAtomicFile writes. */
export async function writeFileSafely(path: string, data: string | Uint8Array): Promise<void> {
  const file = await openAtomicFile(path);
  try {
    await new Promise<void>((done, fail) => file.stream.once('error', fail).end(data, done));
  } catch (error) {
    await file.abort();
    throw error;
  }
  await file.commit();
}

/**
 * Opens `path` for writing: a regular file (or one not there yet) through a temporary file beside
 * it, removed if the run is interrupted and renamed over it only when complete; a device or FIFO
 * written through.
 */
export async function openAtomicFile(path: string): Promise<AtomicFile> {
  // Asked first through the path as given: /dev/stdout, when it is a pipe, links to no path at all.
  const direct = await fs.promises.stat(path).catch(() => null);
  const target = direct && !direct.isFile() && !direct.isDirectory() ? path : linkTarget(path);
  const info = direct && target === path ? direct : await fs.promises.stat(target).catch(() => null);
  // Said before any work, as a file that cannot be written is.
  if (info?.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
  if (info && !info.isFile()) {
    // /dev/stdout, /dev/null, a FIFO: there is nothing to replace, only something to write to.
    const stream = createWriteStream(target);
    const closed = finished(stream);
    closed.catch(() => {}); // a failed write reports it; so does commit(), which awaits this
    return { stream, commit: () => closed, abort: async () => void stream.destroy() };
  }
  // Loaded when a file is written (getBuiltinModule: the bundle runs where import() of a built-in has no loader).
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  // Opened here, so that a file that cannot be written says so before any work; then the stream
  // owns it: it flushes it to disk and closes it once ended, or closes it when destroyed.
  const fd = openSync(temporary, 'w', info ? info.mode & 0o7777 : 0o666);
  const removeOnExit = onExit(() => rmSync(temporary, { force: true }));
  const stream = createWriteStream('', { fd, flush: true });
  const cleanUp = async () => {
    removeOnExit();
    stream.destroy();
    await finished(stream).catch(() => {});
    rmSync(temporary, { force: true });
  };
  return {
    stream,
    commit: async () => {
      try {
        await finished(stream);
        if (info) {
          await fs.promises.chmod(temporary, info.mode & 0o7777);
          await fs.promises.chown(temporary, info.uid, info.gid).catch(() => {}); // only root may give a file away
        }
        await fs.promises.rename(temporary, target);
        removeOnExit();
      } catch (error) {
        await cleanUp();
        throw error;
      }
    },
    abort: cleanUp,
  };
}

/** Why a write failed, in words. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EFBIG':
      return 'the file has reached the largest size allowed (ulimit -f)';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'it is a loop of symbolic links';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'ENAMETOOLONG':
      return 'its name is too long';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Where a write to `path` lands: through every symbolic link, even one whose file does not exist
 * yet. A loop of links lands nowhere: an error (ELOOP), as a shell's `>` gives, never a file put
 * in place of the link. The output guard asks it too, so that it judges the file the writer writes.
 */
export function linkTarget(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    // Not there (yet): follow the links by hand.
  }
  let current = path;
  for (let hops = 0; hops < 40; hops += 1) {
    let link: string;
    try {
      link = readlinkSync(current);
    } catch {
      return current; // not a link (or not there): the write lands here
    }
    current = resolve(dirname(current), link);
  }
  throw Object.assign(new Error(`too many levels of symbolic links: ${path}`), { code: 'ELOOP' });
}
