import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, found from this module's own location: the same whether the server
 * runs from source (server/lib/) or built (dist/server/, everything bundled into one file).
 */
function findRoot(from: string): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'resources'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`找不到项目根目录（从 ${from} 向上查找）`);
    dir = up;
  }
}

export const ROOT = findRoot(import.meta.url);
export const RESOURCES_DIR = path.join(ROOT, 'resources/heihe');
export const WEB_DIST = path.join(ROOT, 'web/dist');
