// Writing output and edited charters without ever destroying what is there: a regular file is
// replaced atomically (a temporary file beside it, flushed to disk, then renamed over it) with
// its mode and owner kept, through a symbolic link to the file it names; a device or FIFO is
// written through, as a shell's `>` would. No temporary file survives an interrupt.
import { createWriteStream, rmSync } from 'node:fs';
import { chmod, chown, lstat, open, readlink, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { onExit } from 'signal-exit';

export async function writeFileSafely(path: string, data: string | Uint8Array): Promise<void> {
  const target = await linkTarget(path);
  const info = await stat(target).catch(() => null);
  if (info && !info.isFile()) {
    // /dev/stdout, /dev/null, a FIFO: there is nothing to replace, only something to write to.
    await writeFile(target, data);
    return;
  }
  // Loaded when first needed (it brings crypto and worker_threads): a plain check writes no file.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(target, typeof data === 'string' ? data : Buffer.from(data));
}

/** A file written a piece at a time, put in place at the end as writeFileSafely puts it. */
export interface StreamedFile {
  write(text: string): Promise<void>;
  /** Puts the file in place (flushed, renamed over the old one, its mode and owner kept). */
  commit(): Promise<void>;
  /** Leaves the old file as it was and removes what was written. */
  abort(): Promise<void>;
}

/**
 * Opens `path` for writing a piece at a time, with writeFileSafely's guarantees: a regular file is
 * written to a temporary file beside it (removed if the run is interrupted) and renamed over it
 * only when complete; a device or FIFO is written through.
 */
export async function openStreamedFile(path: string): Promise<StreamedFile> {
  const target = await linkTarget(path);
  const info = await stat(target).catch(() => null);
  if (info && !info.isFile()) {
    const stream = createWriteStream(target);
    const finished = new Promise<void>((done, fail) => stream.on('close', done).on('error', fail));
    finished.catch(() => {}); // a failed write reports it; so does commit(), which awaits this

    return {
      write: (text) => new Promise((done, fail) => stream.write(text, (error) => (error ? fail(error) : done()))),
      commit: async () => {
        stream.end();
        await finished;
      },
      abort: async () => void stream.destroy(),
    };
  }
  // Loaded when a file is written (getBuiltinModule: the bundle runs where import() of a built-in has no loader).
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', info ? info.mode & 0o7777 : 0o666);
  const removeOnExit = onExit(() => rmSync(temporary, { force: true }));
  const cleanUp = async () => {
    removeOnExit();
    await handle.close().catch(() => {});
    rmSync(temporary, { force: true });
  };
  return {
    write: async (text) => {
      await handle.write(text);
    },
    commit: async () => {
      try {
        await handle.sync();
        await handle.close();
        if (info) {
          await chmod(temporary, info.mode & 0o7777);
          await chown(temporary, info.uid, info.gid).catch(() => {}); // only root may give a file away
        }
        await rename(temporary, target);
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
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Where a write to `path` lands: through every symbolic link, even one whose file does not exist yet. */
async function linkTarget(path: string): Promise<string> {
  const real = await realpath(path).catch(() => null);
  if (real) return real;
  let current = path;
  for (let hops = 0; hops < 40; hops += 1) {
    const info = await lstat(current).catch(() => null);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  return current;
}
