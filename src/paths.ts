/** The project's folders, found from this file whether it runs as TypeScript (src/) or built (dist/src/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
export const DEFAULT_CORPUS = join(PROJECT_ROOT, 'corpus');
