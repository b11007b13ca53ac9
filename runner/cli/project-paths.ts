/** Where the project's own folders are, wherever the command is run from (source or dist). */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Showrunner package root');
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot();
export const projectRoles = join(projectRoot, 'roles');
