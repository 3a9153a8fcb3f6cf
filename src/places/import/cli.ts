/**
 * `pasapas import-places [--source files|api] [--data DIR] [--out DIR]`
 *
 * files (default): ../shared/data (the committed snapshot's inputs). api: the ANCT national API, and
 * data·inclusion when DATA_INCLUSION_TOKEN is set (see api.ts), placed with the committed commune
 * table. Either way the counts per source are printed; exit 1 when a source could not be read.
 */
import { join } from 'node:path';
import type { Config } from '../../config';
import { ROOT } from '../../paths';
import { PLACES_DIR, readCommunesFile } from '../index';
import type { HttpOptions } from './http';
import { formatReport, importPlaces, importPlacesFromApi, writeIndex, type ImportResult } from './run';

export async function runImportPlaces(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  places?: Config['places'],
  http?: HttpOptions,
): Promise<number> {
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const source = opt('--source') ?? 'files';
  if (source !== 'files' && source !== 'api') {
    err.write(`import-places: --source is "files" (../shared/data) or "api" (the national API), not "${source}"\n`);
    return 2;
  }
  const outDir = opt('--out') ?? PLACES_DIR;
  const started = Date.now();
  let result: ImportResult;
  let from: string;
  if (source === 'api') {
    if (!places) {
      err.write('import-places: --source api needs the configuration (PLACES_API_URL…)\n');
      return 2;
    }
    from = places.apiUrl;
    if (!places.dataInclusion) out.write('data·inclusion not read: DATA_INCLUSION_TOKEN is not set\n');
    result = await importPlacesFromApi({ cartographieUrl: places.apiUrl, dataInclusion: places.dataInclusion ?? undefined, http }, readCommunesFile(opt('--communes') ?? PLACES_DIR));
  } else {
    from = opt('--data') ?? join(ROOT, '..', 'shared', 'data');
    result = importPlaces(from);
  }
  out.write(`${formatReport(result)}\n`);
  const unread = result.index.sources.filter((s) => s.fatal);
  if (result.index.places.length === 0) {
    err.write(`import-places: no place could be read from ${from}; nothing written\n`);
    return 1;
  }
  const written = writeIndex(result, outDir);
  out.write(
    `written ${written.places} (${(written.bytes[0] / 1024).toFixed(0)} KiB) and ${written.communes} (${(written.bytes[1] / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (unread.length > 0) err.write(`import-places: ${unread.length} source(s) could not be read (see above)\n`);
  return unread.length > 0 ? 1 : 0;
}
