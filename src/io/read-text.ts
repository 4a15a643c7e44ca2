// Reads a charter, config, criteria, answers or baseline file as text, refusing with one clear
// reason what is not a small regular text file: missing, a directory, a FIFO or device, unreadable,
// too large, binary, or not in a text encoding. Reading stops at the size limit, so /dev/zero, a
// FIFO or an endless stdin can neither hang a run nor fill its memory.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';

/** Charters are a few kilobytes; anything past this is almost surely not one. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string; encoding: TextEncoding } | { ok: false; message: string };

/** How the bytes were written, so that an edit can write them back the same way. */
export interface TextEncoding {
  name: 'utf-8' | 'utf-16le' | 'utf-16be';
  bom: boolean;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/**
 * The buffer files are read into, kept from one read to the next up to this size: each read is
 * decoded to a string before the next, and a fresh buffer per charter was garbage the size of
 * the tree, which the run's memory grew with.
 */
const SCRATCH_MAX = 1024 * 1024;
let scratch = Buffer.allocUnsafe(CHUNK);

/**
 * Reads with synchronous calls: for the small regular files charters are, an open, stat, read and
 * close in a row cost less than their asynchronous twins (10,000 charters: about a second less),
 * and the O_NONBLOCK open keeps a FIFO from blocking.
 */
export async function readTextFile(path: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  return readTextFileSync(path, maxBytes);
}

export function readTextFileSync(path: string, maxBytes = DEFAULT_MAX_FILE_SIZE): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    const info = fstatSync(fd);
    const refused = refuseUnreadable(info, maxBytes);
    if (refused) return refused;
    // Room for the size measured, and one byte more to notice a file that grew since.
    const room = Math.min(info.size, maxBytes) + 1;
    if (room > scratch.length && room <= SCRATCH_MAX) scratch = Buffer.allocUnsafe(room);
    let buffer = room <= scratch.length ? scratch : Buffer.allocUnsafe(room);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) return overLimit(maxBytes);
        buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total))]);
      }
      const bytesRead = readSync(fd, buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) return overLimit(maxBytes);
    return decodeText(buffer.subarray(0, total));
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a stream (stdin) up to the limit, and stops reading there. */
export async function readStreamText(stream: AsyncIterable<Uint8Array> & { destroy?: () => void }, maxBytes: number): Promise<ReadResult> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy?.();
      return overLimit(maxBytes);
    }
    chunks.push(chunk);
  }
  return decodeText(Buffer.concat(chunks, total));
}

/**
 * Reads stdin (`-`), saying what it is when it cannot hold a charter: a directory (`- < folder`),
 * or /dev/null, which is also what a closed stdin (`<&-`) is by the time a run reads it (Node opens
 * /dev/null in its place), so the two are named together.
 */
export async function readStdinText(maxBytes: number): Promise<ReadResult> {
  let info: Stats | undefined;
  try {
    info = fstatSync(0);
  } catch {
    // Not known: read as a stream, which says what it can.
  }
  if (info?.isDirectory()) return { ok: false, message: 'is a directory, not a charter: - reads a charter piped or redirected in (partner-check - < charter.yaml); to check a folder, name it (partner-check folder/)' };
  const read = await readStreamText(process.stdin, maxBytes);
  if (read.ok && read.text === '' && info?.isCharacterDevice() && !isTerminal(0)) {
    return { ok: false, message: 'is empty: stdin is /dev/null or was closed, so there is no charter to read; pipe or redirect one in (partner-check - < charter.yaml)' };
  }
  return read;
}

function refuseUnreadable(info: Stats, maxBytes: number): ReadResult | null {
  if (info.isDirectory()) return { ok: false, message: 'is a directory, not a file' };
  if (info.isFIFO()) return { ok: false, message: 'is a named pipe (FIFO), not a regular file' };
  if (info.isCharacterDevice() || info.isBlockDevice()) return { ok: false, message: 'is a device, not a regular file' };
  if (info.isSocket()) return { ok: false, message: 'is a socket, not a regular file' };
  if (!info.isFile()) return { ok: false, message: 'is not a regular file' };
  if (info.size > maxBytes) return overLimit(maxBytes, info.size);
  return null;
}

function overLimit(maxBytes: number, size?: number): ReadResult {
  const what = size === undefined ? `is over the ${humanSize(maxBytes)} limit` : `is ${humanSize(size)}, over the ${humanSize(maxBytes)} limit`;
  return { ok: false, message: `${what} (raise it with --max-file-size)` };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-32 by its byte-order mark (FF FE 00 00 starts like UTF-16's), or by a first character of ASCII without one, little- or big-endian. */
function isUtf32(bytes: Uint8Array): boolean {
  const [b0, b1, b2, b3] = bytes;
  if (bytes.length < 4) return false;
  const littleBom = b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0;
  const bigBom = b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff;
  const littleAscii = b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0;
  const bigAscii = b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0;
  return littleBom || bigBom || littleAscii || bigAscii;
}

/**
 * UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark. UTF-32 is named and
 * refused rather than decoded: nothing writes charters in it, and `fix` would have to write it back.
 */
export function decodeText(bytes: Uint8Array): ReadResult {
  const [b0, b1, b2] = bytes;
  if (isUtf32(bytes)) return { ok: false, message: 'is UTF-32 text, which partner-check does not read; save it as UTF-8' };
  try {
    if (b0 === 0xff && b1 === 0xfe) return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)), encoding: { name: 'utf-16le', bom: true } };
    if (b0 === 0xfe && b1 === 0xff) return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)), encoding: { name: 'utf-16be', bom: true } };
    const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    if (body.includes(0)) return { ok: false, message: 'is a binary file, not YAML text' };
    return { ok: true, text: UTF8.decode(body), encoding: { name: 'utf-8', bom } };
  } catch {
    return { ok: false, message: 'is not UTF-8 or UTF-16 text' };
  }
}

/** The text as bytes in the encoding it was read in, byte-order mark included. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding.name === 'utf-8') return Buffer.concat([Buffer.from(encoding.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
  const little = Buffer.from(text, 'utf16le');
  if (encoding.name === 'utf-16be') little.swap16();
  const bom = encoding.name === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(encoding.bom ? bom : []), little]);
}

export function describeFsError(error: unknown): string {
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
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENXIO':
      return 'is a named pipe (FIFO) or socket with nothing behind it';
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// node:tty (and the net module it loads) is loaded only when an empty stdin must be told from a
// terminal: a run that reads no stdin never pays for it. A require, not import(): the bundle runs
// in a vm.Script, which has no dynamic import.
const require = createRequire(import.meta.url);
function isTerminal(fd: number): boolean {
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}
