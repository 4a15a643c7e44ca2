// Build step: the CLI as one CommonJS file (dist/partner-check.cjs), so that a run starts without
// resolving and compiling some sixty modules one by one, and a V8 code cache for it
// (dist/partner-check.cjs.v8cache, written by the first run, which this script makes). Measured on
// the 2-core machine: one charter in about 100 ms against 150 ms from the modules (a bare Node start
// is about 52 ms). bin/partner-check.js falls back to the modules when the bundle is missing.
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = `${root}dist/partner-check.cjs`;
await rm(`${bundle}.v8cache`, { force: true });

/** What the CLI's bundle and the worker thread's have in common. */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
  // Every module of dist sits two folders deep (dist/cli, dist/io...), so each one's
  // import.meta.url can stand in as the entry module's: paths to the package root (../../) and to
  // the generated files (../generated/...) still resolve.
  define: { 'import.meta.url': '__partnerCheckModuleUrl' },
  // The questionnaire's prompts (with an editor prompt that brings half a megabyte of character
  // encodings) are loaded from node_modules when init asks its first question, not read at every start.
  external: ['@inquirer/prompts'],
  plugins: [
    {
      // Libraries a plain check never runs (ajv and re2js compile criteria files of the user's own,
      // yaml writes and edits charters for init and fix): required from node_modules when needed,
      // instead of being read, as a quarter of the bundle's source, at every start. The bare names
      // and the two ajv modules ajv.ts imports by path: the precompiled validators' helpers
      // (ajv/dist/runtime/...) stay in the bundle.
      name: 'rarely-run-libraries',
      setup(context) {
        context.onResolve({ filter: /^(ajv(\/dist\/(2020|compile\/names)\.js)?|ajv-formats|re2js|yaml)$/ }, ({ path }) => ({ path, external: true }));
      },
    },
    {
      // The generated criteria and validators are imported by computed URL (they do not exist
      // when TypeScript checks the source); in the bundle they are imported by name and included.
      name: 'include-generated',
      setup(context) {
        context.onLoad({ filter: /[\\/]dist[\\/]io[\\/]builtin\.js$/ }, async ({ path }) => ({
          contents: (await readFile(path, 'utf8')).replace(/import\(new URL\('(\.\.\/generated\/[\w-]+\.js)', import\.meta\.url\)\.href\)/g, "import('$1')"),
          loader: 'js',
        }));
        // ajv's standalone validators require its runtime helpers (and ajv-formats' formats) by a
        // require made with createRequire, which esbuild cannot follow: at every start they were
        // resolved and compiled from node_modules, a tenth of a one-charter start. Left to the
        // module's own require, they are bundled.
        context.onLoad({ filter: /[\\/]dist[\\/]generated[\\/]validators\.js$/ }, async ({ path }) => {
          const source = await readFile(path, 'utf8');
          const bundled = source.replace('const require = createRequire(import.meta.url);', '');
          if (bundled === source) throw new Error('the generated validators no longer make their require as the bundle expects: see scripts/bundle.mjs');
          return { contents: bundled, loader: 'js' };
        });
        // commander requires child_process (which brings net, dgram and more) only to start
        // executable subcommands, which this CLI has none of: required when first used instead.
        context.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async ({ path }) => {
          const source = await readFile(path, 'utf8');
          const lazy = source.replace("const childProcess = require('node:child_process');", "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
          if (lazy === source) throw new Error("commander no longer requires node:child_process as the bundle expects: see scripts/bundle.mjs");
          return { contents: lazy, loader: 'js' };
        });
      },
    },
  ],
};
/** Where a bundle's modules take import.meta.url from: the entry module's place in dist/. */
const moduleUrl = (entry) => `const __partnerCheckModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, '${entry}')).href;`;

await build({
  ...common,
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: bundle,
  // The bundle is one function expression taking what a CommonJS module is given, which the bin
  // compiles as it is read: wrapped there, its megabyte and a half was copied once more at every start.
  banner: { js: `(function (exports, require, module, __filename, __dirname) {${moduleUrl('cli/main.js')}` },
  footer: { js: '})' },
});

// The worker thread's script (src/cli/check-worker.ts), bundled as well: a thread of a large run
// then starts from one file, which the Worker loads as CommonJS, instead of resolving and
// compiling some sixty modules. src/cli/parallel.ts falls back to the module without it.
await build({ ...common, entryPoints: [`${root}dist/cli/check-worker.js`], outfile: `${root}dist/check-worker.cjs`, banner: { js: moduleUrl('cli/check-worker.js') } });

// V8 reads a source that is all ASCII as one byte a character, and decodes it faster: esbuild
// leaves a few characters in regular expressions (£, ’, €) as they are, so they are escaped here.
const source = await readFile(bundle, 'utf8');
await writeFile(bundle, source.replace(/[^\0-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`));

// One run writes the code cache: the functions a check compiles are in it, for both the default
// format and json.
const run = spawnSync(process.execPath, [`${root}bin/partner-check.js`, `${root}examples/diabetes-acs-pathway.yaml`, '--no-config', '-f', 'stylish', '-f', 'json'], { stdio: 'ignore' });
if (run.status !== 1) throw new Error(`the bundled CLI did not run as expected (exit ${run.status})`);
