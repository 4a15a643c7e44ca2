// Writing output and edited charters without ever destroying what is there: a regular file is
// replaced atomically (a temporary file beside it, flushed to disk, then renamed over it) with
// its mode and owner kept, through a symbolic link to the file it names; a device or FIFO is
// written through, as a shell's `>` would. No temporary file survives an interrupt.
import { lstat, readlink, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import writeFileAtomicModule from 'write-file-atomic';

export async function writeFileSafely(path: string, data: string | Uint8Array): Promise<void> {
  const target = await linkTarget(path);
  const info = await stat(target).catch(() => null);
  if (info && !info.isFile()) {
    // /dev/stdout, /dev/null, a FIFO: there is nothing to replace, only something to write to.
    await writeFile(target, data);
    return;
  }
  await writeFileAtomicModule(target, typeof data === 'string' ? data : Buffer.from(data));
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
