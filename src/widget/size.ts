/**
 * Size of the built widget (what a citizen's phone downloads): raw and gzip (level 9) bytes of
 * widget.js, chat.js and chat-style.css. Used by `npm run size` / the bench and by a test (≤ 60 KB).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const WIDGET_FILES = ['widget.js', 'chat.js', 'chat-style.css'] as const;
export const WIDGET_BUDGET_GZIP = 60 * 1024;

export interface WidgetSize {
  files: Array<{ name: string; bytes: number; gzip: number }>;
  totalGzip: number;
}

export function measureWidget(dir: string): WidgetSize {
  const files = WIDGET_FILES.map((name) => {
    const body = readFileSync(join(dir, name));
    return { name, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}
