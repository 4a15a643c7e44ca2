// The in-process tests run the built modules (dist/), whose criteria are precompiled: refuse to
// start on a build older than the source or the schemas (the built-in criteria and the validators
// are generated from them), which would test yesterday's code and pass.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default function checkBuild(): void {
  const built = join(ROOT, 'dist/cli/main.js');
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) throw new Error('dist/ is missing: run npm run build (npm test builds first)');
  for (const [folder, suffix] of [['src', '.ts'], ['schemas', '']] as const) {
    const files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith(suffix) && statSync(join(ROOT, folder, file)).isFile());
    const newer = files.find((file) => statSync(join(ROOT, folder, file)).mtimeMs > builtAt);
    if (newer !== undefined) throw new Error(`${folder}/${newer} is newer than dist/: run npm run build (npm test builds first)`);
  }
}
