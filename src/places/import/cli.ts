/** `pasapas import-places [--data DIR] [--out DIR]` */
import { join } from 'node:path';
import { ROOT } from '../../paths';
import { PLACES_DIR } from '../index';
import { formatReport, importPlaces, writeIndex } from './run';

export function runImportPlaces(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const data = opt('--data') ?? join(ROOT, '..', 'shared', 'data');
  const outDir = opt('--out') ?? PLACES_DIR;
  const started = Date.now();
  const result = importPlaces(data);
  out.write(`${formatReport(result)}\n`);
  const unread = result.index.sources.filter((s) => s.fatal);
  if (result.index.places.length === 0) {
    err.write(`import-places: no place could be read from ${data}; nothing written\n`);
    return 1;
  }
  const written = writeIndex(result, outDir);
  out.write(
    `written ${written.places} (${(written.bytes[0] / 1024).toFixed(0)} KiB) and ${written.communes} (${(written.bytes[1] / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (unread.length > 0) err.write(`import-places: ${unread.length} file(s) could not be read (see above)\n`);
  return unread.length > 0 ? 1 : 0;
}
