/**
 * Bundles the web widget with esbuild (its binary ships inside the npm package): the loader a
 * territory embeds (widget.js) and the chat frame (chat.js + chat.css), minified, for browsers
 * from 2019 on. Run by `npm run build`, and by the browser tests into a temporary folder.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths';

export const PUBLIC_DIR = join(ROOT, 'dist', 'public');

export interface WidgetFiles {
  dir: string;
  files: string[];
}

export async function buildWidget(outDir: string = PUBLIC_DIR): Promise<WidgetFiles> {
  mkdirSync(outDir, { recursive: true });
  const src = join(ROOT, 'src', 'widget');
  const entries: Record<string, string> = {
    widget: join(src, 'loader.ts'),
    chat: join(src, 'chat', 'main.ts'),
    'chat-style': join(src, 'chat.css'),
    console: join(ROOT, 'src', 'mediator', 'console', 'main.ts'),
    'console-style': join(ROOT, 'src', 'mediator', 'console.css'),
    admin: join(ROOT, 'src', 'mediator', 'admin', 'main.ts'),
  };
  const present = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));
  await build({
    entryPoints: present,
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2019', 'chrome70', 'firefox68', 'safari12'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return { dir: outDir, files: Object.keys(present) };
}
