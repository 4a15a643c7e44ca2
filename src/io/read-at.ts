// Bytes at a place in an open file, however many reads the system takes to give them all.
import { readSync } from 'node:fs';

/** Fills `into` with the bytes at `position` of the open file `fd`; false when the file ends first. */
export function readAt(fd: number, into: Uint8Array, position: number): boolean {
  for (let at = 0; at < into.byteLength; ) {
    const read = readSync(fd, into, at, into.byteLength - at, position + at);
    if (read === 0) return false;
    at += read;
  }
  return true;
}
