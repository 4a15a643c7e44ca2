// The in-process tests run the built modules (dist/), whose criteria are precompiled: refuse to
// start on a build older than the source or the schemas (the built-in criteria and the validators
// are generated from them), which would test yesterday's code and pass. A build is as new as the
// newest file it wrote: tsc builds incrementally and writes only what changed (a source touched
// but unchanged is written again by no step but the bundle, which every build makes).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The files under a folder of the project that end with `suffix`, each with when it was last written. */
function filesIn(folder: string, suffix = ''): { file: string; at: number }[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).flatMap((file) => {
    const stat = statSync(join(ROOT, folder, file));
    return file.endsWith(suffix) && stat.isFile() ? [{ file, at: stat.mtimeMs }] : [];
  });
}

export default function checkBuild(): void {
  if (statSync(join(ROOT, 'dist/cli/main.js'), { throwIfNoEntry: false }) === undefined) throw new Error('dist/ is missing: run npm run build (npm test builds first)');
  // The bundle's code cache is left out: the binary writes it again at a run when it is stale.
  const builtAt = Math.max(...filesIn('dist').filter(({ file }) => !file.endsWith('.v8cache')).map(({ at }) => at));
  for (const [folder, suffix] of [['src', '.ts'], ['schemas', '']] as const) {
    const newer = filesIn(folder, suffix).find(({ at }) => at > builtAt);
    if (newer !== undefined) throw new Error(`${folder}/${newer.file} is newer than dist/: run npm run build (npm test builds first)`);
  }
}
