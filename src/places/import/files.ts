/** Reading a source file without ever throwing: a broken file is reported, a broken row is counted. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { SourceReport } from './common';

export function readJsonArray(path: string, report: SourceReport): Array<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    report.fatal = `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`;
    return [];
  }
  if (!Array.isArray(doc)) {
    report.fatal = `${path}: a JSON array of places was expected`;
    return [];
  }
  const rows: Array<Record<string, unknown>> = [];
  for (const item of doc) {
    report.read += 1;
    if (item && typeof item === 'object' && !Array.isArray(item)) rows.push(item as Record<string, unknown>);
    else report.badRow('not an object');
  }
  return rows;
}

/**
 * CSV with csv-parse: quoted fields with newlines are common in these files. A record csv-parse
 * cannot read (unclosed quote, wrong column count) is counted and skipped.
 */
export function readCsv(path: string, report: SourceReport, delimiter: string): Array<Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    report.fatal = `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`;
    return [];
  }
  try {
    const rows = parse(text, {
      columns: true,
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: () => {
        report.read += 1;
        report.badRow('unreadable CSV record');
      },
    }) as Array<Record<string, string>>;
    report.read += rows.length;
    return rows;
  } catch (err) {
    report.fatal = `${path}: ${(err as Error).message.split('\n')[0]}`;
    return [];
  }
}
