// The bench's generated charters (bench/run.mjs, bench/memory.mjs).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const strong = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8');
const weak = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
const contract = readFileSync(join(ROOT, 'examples/msk-imaging-contract.yaml'), 'utf8');

/** Writes N charters in a new temporary folder's `charters`: 40% strong, 40% weak, 10% supply contracts, 10% broken YAML. Returns the folder. */
export function generateCorpus(count) {
  const dir = mkdtempSync(join(tmpdir(), `partner-check-bench-${count}-`));
  mkdirSync(join(dir, 'charters'));
  for (let index = 0; index < count; index += 1) {
    const kind = index % 10;
    const base = kind < 4 ? strong : kind < 8 ? weak : kind === 8 ? contract : `${weak}\nbroken: "unterminated\n`;
    // ajv-cli stops at the first file it cannot parse, so broken ones get a name it can leave out.
    const name = `${kind === 9 ? 'broken' : 'charter'}-${String(index).padStart(5, '0')}.yaml`;
    writeFileSync(join(dir, 'charters', name), base.replace(/^title: (.*)$/m, `title: $1 (${index})`));
  }
  return dir;
}
