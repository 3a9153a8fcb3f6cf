/** Where the project's data folders are, whether running from src/ (tests) or dist/src/ (built). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(__dirname);
export const DIALOGS_DIR = join(ROOT, 'dialogs');
export const LOCALES_DIR = join(ROOT, 'locales');
export const CONFIG_DIR = join(ROOT, 'config');
