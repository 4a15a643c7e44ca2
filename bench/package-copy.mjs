// A copy of the built package in a temporary folder, changed by the caller and bundled again: how
// the bench builds variants of the same build (bench/without-text-layer.mjs, bench/without-checks.mjs).
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Copies the package (its node_modules linked) into a new folder named from `prefix`; returns the folder. */
export function copyPackage(prefix) {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  for (const part of ['bin', 'dist', 'schemas', 'scripts', 'examples', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/** Bundles the copy's changed dist again; returns its bin/partner-check.js. */
export function bundleCopy(copy, what) {
  const bundled = spawnSync(process.execPath, [join(copy, 'scripts/bundle.mjs')], { stdio: 'inherit' });
  if (bundled.status !== 0) throw new Error(`could not bundle the copy ${what}`);
  return join(copy, 'bin/partner-check.js');
}
