// The package as built, but with its text layer idle, to measure what reading free text costs:
// a copy of the package whose built-in signals can never match (one phrase no text holds), bundled
// again. Everything else (the criteria, the validators, the report) is the same build's.
// Usage: node bench/without-text-layer.mjs → prints the path of the copy's bin/partner-check.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCopy, copyPackage } from './package-copy.mjs';

export async function buildWithoutTextLayer() {
  const copy = copyPackage('partner-check-no-text-layer-');
  const generated = join(copy, 'dist/generated/builtin-criteria.js');
  const text = readFileSync(generated, 'utf8');
  const data = JSON.parse(text.slice(text.indexOf('=') + 1).trim().replace(/;$/, ''));
  // Every signal is one that only the word 'zzzidle' shows, packed as the build packs signals.
  const { packSignalForm, readSignal } = await import(join(copy, 'dist/core/text/signals.js'));
  const idle = { says: ['zzzidle'] };
  const { gate, openers, tests, form } = packSignalForm(readSignal('idle', idle, {}));
  for (const name of Object.keys(data.signals ?? {})) {
    data.signals[name] = { description: data.signals[name].description, reads: data.signals[name].reads, ...idle };
    data.signalForms[name] = { gate, openers };
  }
  // Their tests and phrases, which the build writes apart (scripts/precompile-validators.mjs).
  data.signalFormsStamp = 'idle';
  writeFileSync(join(copy, 'dist/generated/signal-forms.txt'), `idle\n${Object.keys(data.signals ?? {}).map((name) => `${name}\t${tests}\t${form}\n`).join('')}`);
  writeFileSync(generated, `${text.slice(0, text.indexOf('export const criteria'))}export const criteria = ${JSON.stringify(data)};\n`);
  return bundleCopy(copy, 'without the text layer');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildWithoutTextLayer());
