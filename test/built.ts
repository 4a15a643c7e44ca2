// The in-process tests run the built modules (dist/), whose criteria are precompiled: refuse to
// start on a build older than the source, which would test yesterday's code and pass.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default function checkBuild(): void {
  const built = join(ROOT, 'dist/cli/main.js');
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) throw new Error('dist/ is missing: run npm run build (npm test builds first)');
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const newer = sources.filter((file) => statSync(join(ROOT, 'src', file)).mtimeMs > builtAt);
  if (newer.length > 0) throw new Error(`src/${newer[0]} is newer than dist/: run npm run build (npm test builds first)`);
}
