#!/usr/bin/env node
// Starts the CLI from its bundle (dist/partner-check.cjs) with V8's code cache when the build made
// them, so a run starts in about two-thirds of the time the separate modules take; from the modules
// (dist/cli/main.js) otherwise. This file is CommonJS (bin/package.json says so): Node starts a
// CommonJS entry point without setting up its ES module loader, some 8 ms sooner.
'use strict';
// A regular expression is compiled to machine code when first run, instead of to bytecode first
// and to machine code again once it has run often: measured with callgrind, 5 M instructions fewer
// for one charter (the criteria's patterns mostly run a few times each).
// The heap grows by half of what a full collection keeps, not by up to four times (V8's default
// on a machine with memory to spare): a run of many charters keeps some 25 MB and makes gigabytes
// of short-lived garbage, and the old generation filled with it put the peak of 20,000 charters
// at 175-280 MiB (stylish, github) instead of 140-150, for the same time. A single 5 MB charter
// takes some 7% longer.
// Set before the bundle is compiled, so that its code cache is made and checked under the same flags.
require('node:v8').setFlagsFromString('--no-regexp-tier-up --heap-growing-percent=50');
const { existsSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/partner-check.cjs');
start().then((code) => {
  process.exitCode = code;
});

async function start() {
  const main = existsSync(bundle) ? loadBundle(bundle) : (await import('../dist/cli/main.js')).main;
  return main(process.argv);
}

/**
 * The bundle's `main`, compiled with the code cache when there is a usable one; a missing or stale cache is written afresh after a run that checked charters.
 * The build makes the bundle all ASCII (scripts/bundle.mjs), which is read as latin1: a third quicker than decoding UTF-8.
 */
function loadBundle(file) {
  const cacheFile = `${file}.v8cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // The bundle is a function expression (scripts/bundle.mjs), compiled here as it was read.
  const script = new Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (cachedData && !script.cachedDataRejected) return module.exports.main;
  return async (argv) => {
    const code = await module.exports.main(argv);
    // Only from a run that checked charters: the cache holds the code its run compiled. Written
    // after --version (say, the first run on a new Node), it held a quarter of a check's code and,
    // fitting, was never written again: every later check started some 25 ms slower.
    // Written by the CLI's one atomic writer, so a concurrent run never reads half a cache; a
    // read-only install just starts without it.
    if (module.exports.checkedACharter()) await module.exports.writeFileSafely(cacheFile, script.createCachedData()).catch(() => {});
    return code;
  };
}
