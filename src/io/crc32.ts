// The CRC-32 a text printed from the cache is checked with: zlib's, loaded when first asked for,
// so that a run without --cache starts without it. The cache notes it, the spool checks it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function crc32Of(bytes: Uint8Array): number {
  return (require('node:zlib') as typeof import('node:zlib')).crc32(bytes);
}
