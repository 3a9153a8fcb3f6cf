/**
 * Reads and checks config/territories/: each file against the zod schema (precise messages:
 * file, path, what was expected, what was found), then the claims across files (an SMS number,
 * WhatsApp id, Telegram path, widget origin, commune or postal code belongs to one territory).
 * Used by the registry at startup (errors stop it) and by `pasapas validate` (errors and warnings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Problem } from '../text/problems';
import { Hours } from './hours';
import { Territory, territoryErrorMap } from './schema';

export interface LoadedTerritory {
  /** File name (e.g. "gironde.yaml"), or "<id>" for a territory built in code. */
  file: string;
  territory: Territory;
}

/** `coverage.departements[1]`, `channels.sms.numbers[0]`, `hours`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
  return out;
}

export function territoryFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
    .sort();
}

/* eslint-disable @typescript-eslint/no-explicit-any -- walking zod's public `_zod.def` to list an object's fields */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  const unwrap = (s: any): any => {
    while (s && ['optional', 'default', 'nullable', 'prefault'].includes(s._zod.def.type)) s = s._zod.def.innerType;
    return s;
  };
  let s: any = unwrap(Territory);
  for (const seg of path) {
    if (!s) return [];
    s = unwrap(typeof seg === 'number' ? s._zod.def.element : s._zod.def.shape?.[seg as string]);
  }
  return s?._zod.def.shape ? Object.keys(s._zod.def.shape).filter((k) => k !== '$schema') : [];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function unknownField(key: string, known: string[]): string {
  const near = known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? known.find((k) => distance(k, key) <= 2);
  return `unknown field${near ? ` (did you mean "${near}"?)` : ''}: expected one of ${known.join(', ')}`;
}

/** The problems of a schema check, one per field (an unknown key is reported at its own path). */
export function schemaProblems(file: string, error: z.ZodError): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = fieldsAt(issue.path);
      for (const key of issue.keys) {
        problems.push({ file, path: formatPath([...issue.path, key]), message: unknownField(key, known), severity: 'error' });
      }
    } else {
      problems.push({ file, path: formatPath(issue.path), message: issue.message, severity: 'error' });
    }
  }
  return problems;
}

/** Parse a territory from a value (a parsed YAML document), with the precise messages. */
export function parseTerritory(raw: unknown, file: string): { territory?: Territory; problems: Problem[] } {
  if (raw === null || raw === undefined) {
    return { problems: [{ file, path: '', message: 'empty file: expected a mapping with at least id, name and kind', severity: 'error' }] };
  }
  const parsed = Territory.safeParse(raw, { error: territoryErrorMap });
  if (!parsed.success) return { problems: schemaProblems(file, parsed.error) };
  return { territory: parsed.data, problems: [] };
}

/** Read, parse and check one file; the territory is returned only when it has no error. */
export function loadTerritoryFile(path: string): { territory?: Territory; problems: Problem[] } {
  const file = basename(path);
  let raw: unknown;
  try {
    const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
    if (doc.errors.length > 0) {
      return { problems: doc.errors.map((e) => ({ file, path: '', message: `YAML: ${e.message.split('\n')[0].replace(/:$/, '')}`, severity: 'error' as const })) };
    }
    raw = doc.toJS();
  } catch (e) {
    return { problems: [{ file, path: '', message: `cannot read: ${(e as Error).message}`, severity: 'error' }] };
  }
  const { territory, problems } = parseTerritory(raw, file);
  if (!territory) return { problems };
  const expected = file.replace(/\.ya?ml$/, '');
  if (territory.id !== expected) {
    problems.push({ file, path: 'id', message: `"${territory.id}" must be the file name: expected "${expected}" (or rename the file to ${territory.id}.yaml)`, severity: 'error' });
    return { problems };
  }
  for (const advice of Hours.advice(territory.hours)) problems.push({ file, path: 'hours', message: advice, severity: 'warning' });
  const c = territory.coverage;
  if (c.communes.length > 0 && c.postalCodes.length === 0) {
    problems.push({
      file,
      path: 'coverage.postalCodes',
      message: 'communes are listed but no postal code: routing by postal code needs a postal-code index to use communes; list their postal codes too',
      severity: 'warning',
    });
  }
  return { territory, problems };
}

/** Something a territory claims for itself, and where. */
interface Claim {
  file: string;
  path: string;
}

/**
 * Checks across territories: ids unique; each SMS number, WhatsApp id, Telegram path, widget
 * origin (except $PUBLIC_BASE_URL, our own pages), commune and postal code claimed once; a
 * département claimed by several territories goes to the one covering the fewest départements,
 * so two claimants covering as many départements is an error (routing would be a coin toss).
 * Errors are reported on the later file and name the earlier one.
 */
export function crossCheck(list: readonly LoadedTerritory[]): Problem[] {
  const problems: Problem[] = [];
  const error = (file: string, path: string, message: string) => problems.push({ file, path, message, severity: 'error' });

  const ids = new Map<string, string>();
  for (const { file, territory } of list) {
    const first = ids.get(territory.id);
    if (first !== undefined) error(file, 'id', `duplicate id "${territory.id}": also the id of ${first}`);
    else ids.set(territory.id, file);
  }

  const claims = new Map<string, Claim>();
  const claim = (kind: string, what: string, value: string, file: string, path: string) => {
    const key = `${kind}\u0000${value}`;
    const first = claims.get(key);
    if (!first) {
      claims.set(key, { file, path });
      return;
    }
    const where = first.file === file ? `already listed at ${first.path}` : `already claimed by ${first.file} (${first.path})`;
    error(file, path, `${what} ${JSON.stringify(value)} is ${where}: it must route to one territory`);
  };
  for (const { file, territory: t } of list) {
    t.channels.sms?.numbers.forEach((n, i) => claim('sms', 'SMS number', n, file, `channels.sms.numbers[${i}]`));
    t.channels['sms-ovh']?.numbers.forEach((n, i) => claim('sms-ovh', 'OVHcloud SMS number', n, file, `channels.sms-ovh.numbers[${i}]`));
    t.channels['sms-brevo']?.senders.forEach((n, i) => claim('sms-brevo', 'Brevo SMS sender', n, file, `channels.sms-brevo.senders[${i}]`));
    t.channels.whatsapp?.phoneNumberIds.forEach((n, i) => claim('wa', 'WhatsApp phone-number id', n, file, `channels.whatsapp.phoneNumberIds[${i}]`));
    t.channels.telegram?.paths.forEach((p, i) => claim('tg', 'Telegram path', p, file, `channels.telegram.paths[${i}]`));
    t.widget.allowedOrigins.forEach((o, i) => {
      if (o !== '$PUBLIC_BASE_URL') claim('origin', 'origin', o, file, `widget.allowedOrigins[${i}]`);
    });
    t.coverage.communes.forEach((c, i) => claim('commune', 'commune', c, file, `coverage.communes[${i}]`));
    t.coverage.postalCodes.forEach((c, i) => claim('postal', 'postal code', c, file, `coverage.postalCodes[${i}]`));
  }

  const departements = new Map<string, { file: string; size: number; path: string }[]>();
  for (const { file, territory: t } of list) {
    t.coverage.departements.forEach((d, i) => {
      const claimants = departements.get(d) ?? [];
      const same = claimants.find((c) => c.file === file);
      if (same) {
        error(file, `coverage.departements[${i}]`, `département "${d}" is already listed at ${same.path}`);
        return;
      }
      claimants.push({ file, size: t.coverage.departements.length, path: `coverage.departements[${i}]` });
      departements.set(d, claimants);
    });
  }
  for (const [d, claimants] of departements) {
    for (let i = 1; i < claimants.length; i += 1) {
      const tie = claimants.slice(0, i).find((c) => c.size === claimants[i].size);
      if (tie) {
        error(
          claimants[i].file,
          claimants[i].path,
          `département "${d}" is also covered by ${tie.file}, which covers as many départements (${tie.size}): a postal code of "${d}" could go to either; the more specific territory must cover fewer départements`,
        );
      }
    }
  }
  return problems;
}

/** Load a whole folder: every file's problems, then the cross-file ones. */
export function loadTerritories(dir: string): { territories: LoadedTerritory[]; problems: Problem[] } {
  const territories: LoadedTerritory[] = [];
  const problems: Problem[] = [];
  for (const file of territoryFiles(dir)) {
    const r = loadTerritoryFile(join(dir, file));
    problems.push(...r.problems);
    if (r.territory) territories.push({ file, territory: r.territory });
  }
  problems.push(...crossCheck(territories));
  return { territories, problems };
}
