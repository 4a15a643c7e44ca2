// Reads a charter or criteria file as text, refusing what is not a small text file with one clear
// reason: missing, a directory, unreadable, too large, binary, or not in a text encoding.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** Charters are a few kilobytes; anything past this is almost surely not one. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

export async function readTextFile(path: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  try {
    return refuseUnreadable(await stat(path), maxBytes) ?? decodeText(await readFile(path));
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
}

/** The same, for the few small files read before a run starts (config, criteria). */
export function readTextFileSync(path: string, maxBytes = DEFAULT_MAX_FILE_SIZE): ReadResult {
  try {
    return refuseUnreadable(statSync(path), maxBytes) ?? decodeText(readFileSync(path));
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
}

function refuseUnreadable(info: Stats, maxBytes: number): ReadResult | null {
  if (info.isDirectory()) return { ok: false, message: 'is a directory, not a file' };
  if (info.size > maxBytes) {
    return { ok: false, message: `is ${humanSize(info.size)}, over the ${humanSize(maxBytes)} limit (raise it with --max-file-size)` };
  }
  return null;
}

/** UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark. */
export function decodeText(bytes: Uint8Array): ReadResult {
  const [b0, b1, b2] = bytes;
  try {
    if (b0 === 0xff && b1 === 0xfe) return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    if (b0 === 0xfe && b1 === 0xff) return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    const body = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? bytes.subarray(3) : bytes;
    if (body.includes(0)) return { ok: false, message: 'is a binary file, not YAML text' };
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    return { ok: false, message: 'is not UTF-8 or UTF-16 text' };
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'is a symbolic link that loops';
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
