// The package as built, but checking almost nothing: what a run costs beyond reading and parsing
// when the criteria cost nothing. A copy whose checkCharter evaluates only the first 100 charters it
// meets and gives every later one the results and findings of one of those in turn, so that the
// reports keep about the same mix and size (strong, weak) as a real run's; everything else (the
// parse, the scores, the report, the formats, the writing) is the same build's, bundled again.
// Usage: node bench/without-checks.mjs → prints the path of the copy's bin/partner-check.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCopy, copyPackage } from './package-copy.mjs';

const EVALUATED = 100;

export function buildWithoutChecks() {
  const copy = copyPackage('partner-check-no-checks-');
  const module = join(copy, 'dist/core/check.js');
  const source = readFileSync(module, 'utf8');
  const call = 'const { results, findings } = evaluateCharter(parsed.value, set, context, text);';
  if (!source.includes(call)) throw new Error('dist/core/check.js no longer evaluates a charter as bench/without-checks.mjs expects');
  // The findings are copied, since checkCharter sorts them in place.
  const reused = `const evaluation = seen.length < ${EVALUATED} ? seen[seen.push(evaluateCharter(parsed.value, set, context, text)) - 1] : seen[reuses++ % seen.length];
    const { results } = evaluation;
    const findings = [...evaluation.findings];`;
  writeFileSync(module, `const seen = [];\nlet reuses = 0;\n${source.replace(call, reused)}`);
  return bundleCopy(copy, 'without checks');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(buildWithoutChecks());
