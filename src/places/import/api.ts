/**
 * The live sources of `pasapas import-places --source api`:
 *
 * - the ANCT national cartography of digital-inclusion places, `GET {PLACES_API_URL}/lieux-inclusion-numerique`
 *   (anct-cartographie-nationale/api-application, OpenAPI at https://anct-cartographie-nationale.github.io/api-application/v0/):
 *   records of the national schema "lieux de médiation numérique" (the one of ../shared/data), no
 *   token. The route answers the whole list as a JSON array; its paginated form
 *   (`page[number]`, `page[size]` → `{meta, data, links.next}`) is followed when the server uses it.
 * - data·inclusion (gip-inclusion/data-inclusion, FastAPI), `GET {DATA_INCLUSION_API_URL}/structures?page=&size=`
 *   with `Authorization: Bearer <DATA_INCLUSION_TOKEN>` → `{items, total, page, size, pages}`; only
 *   structures with a digital-inclusion theme (`numerique--…`) or a national digital label are kept.
 *
 * Each answer is checked with zod: an envelope that changed shape stops that source with the path
 * and the reason; a record that does not match is counted as bad; more than half of them bad is a
 * schema change too (the source is reported as not read, nothing of it is kept).
 */
import { z } from 'zod';
import { SourceReport, str, type RawPlace, type SourceMeta, type SourceResult } from './common';
import { getJson, type HttpOptions } from './http';
import { lieuFromRow } from './lieuxMediation';

export interface ApiSourcesOptions {
  /** e.g. https://cartographie.societenumerique.gouv.fr/api/v0 */
  cartographieUrl: string;
  /** data·inclusion, read only when a token is configured. */
  dataInclusion?: { url: string; token: string };
  pageSize?: number;
  http?: HttpOptions;
  now?: Date;
}

const MAX_PAGES = 1000;

const text = z.string().nullish();
const coord = z.union([z.number(), z.string()]).nullish();
const list = z.union([z.string(), z.array(z.string())]).nullish();

/** A record of the national schema: the fields the bot reads, typed; anything else passes through. */
const LieuRowSchema = z
  .object({
    id: z.union([z.string(), z.number()]),
    nom: z.string(),
    code_postal: z.union([z.string(), z.number()]),
    commune: z.string(),
    adresse: z.string(),
    complement_adresse: text,
    code_insee: text,
    latitude: coord,
    longitude: coord,
    telephone: text,
    site_web: list,
    prise_rdv: text,
    horaires: text,
    services: list,
    dispositif_programmes_nationaux: list,
    labels_nationaux: list,
    date_maj: text,
    pivot: text,
  })
  .passthrough();

const CartographieEnvelope = z.union([
  z.array(z.unknown()),
  z.object({
    data: z.array(z.unknown()),
    links: z.object({ next: z.string().optional() }).passthrough().optional(),
  }),
]);

const DataInclusionRowSchema = z
  .object({
    id: z.string(),
    source: z.string().nullish(),
    nom: z.string(),
    code_postal: text,
    commune: text,
    code_insee: text,
    adresse: text,
    complement_adresse: text,
    latitude: z.number().nullish(),
    longitude: z.number().nullish(),
    telephone: text,
    site_web: text,
    horaires_ouverture: text,
    thematiques: z.array(z.string()).nullish(),
    labels_nationaux: z.array(z.string()).nullish(),
    siret: text,
    date_maj: text,
    presentation_resume: text,
    presentation_detail: text,
  })
  .passthrough();

const DataInclusionEnvelope = z.object({
  items: z.array(z.unknown()),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  size: z.number().int().positive(),
  pages: z.number().int().nonnegative().optional(),
});

function issueText(error: z.ZodError): string {
  const i = error.issues[0];
  return `${i.path.join('.') || '(root)'}: ${i.message}`;
}

export function cartographieMeta(url: string, now: Date): SourceMeta {
  return {
    source: 'cartographie-nationale',
    file: `${url}/lieux-inclusion-numerique`,
    date: now.toISOString().slice(0, 10),
    licence: 'Licence Ouverte 2.0 (ANCT open data)',
    origin: 'ANCT API des lieux d\'inclusion numérique (anct-cartographie-nationale/api-application)',
  };
}

export function dataInclusionMeta(url: string, now: Date): SourceMeta {
  return {
    source: 'data-inclusion',
    file: `${url}/structures`,
    date: now.toISOString().slice(0, 10),
    licence: 'per source (data·inclusion API terms; token required)',
    origin: 'data·inclusion API v0 (gip-inclusion/data-inclusion)',
  };
}

/** Rows that fail the schema are bad; when more than half fail, the source changed: fatal. */
function checkRows<T>(rows: unknown[], schema: z.ZodType<T>, report: SourceReport): T[] {
  const ok: T[] = [];
  let firstIssue = '';
  for (const row of rows) {
    report.read += 1;
    const parsed = schema.safeParse(row);
    if (parsed.success) ok.push(parsed.data);
    else {
      const issue = issueText(parsed.error);
      firstIssue ||= issue;
      report.badRow(`schema: ${issue.replace(/^\d+\./, '')}`);
    }
  }
  if (rows.length > 0 && ok.length * 2 < rows.length) {
    throw new SchemaChangeError(`${report.meta.source}: the API's records no longer match the national schema (${rows.length - ok.length} of ${rows.length}; first: ${firstIssue})`);
  }
  return ok;
}

export class SchemaChangeError extends Error {
  override name = 'SchemaChangeError';
}

const joined = (v: string | string[] | null | undefined) => (Array.isArray(v) ? v.join('|') : (v ?? ''));

export async function readCartographie(options: ApiSourcesOptions): Promise<SourceResult> {
  const now = options.now ?? new Date();
  const base = options.cartographieUrl.replace(/\/+$/, '');
  const meta = cartographieMeta(base, now);
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  const size = options.pageSize ?? 1000;
  let next: string | undefined = `${meta.file}?page%5Bnumber%5D=0&page%5Bsize%5D=${size}`;
  const seen = new Set<string>();
  try {
    for (let page = 0; next && page < MAX_PAGES; page++) {
      if (seen.has(next)) break;
      seen.add(next);
      const body = CartographieEnvelope.safeParse(await getJson(next, options.http));
      if (!body.success) throw new SchemaChangeError(`${meta.source}: the API's answer changed shape (${issueText(body.error)})`);
      const rows = Array.isArray(body.data) ? body.data : body.data.data;
      for (const row of checkRows(rows, LieuRowSchema, report)) {
        const place = lieuFromRow(
          {
            ...row,
            site_web: joined(row.site_web).split('|')[0],
            services: joined(row.services),
            dispositif_programmes_nationaux: joined(row.dispositif_programmes_nationaux),
            labels_nationaux: joined(row.labels_nationaux),
          },
          meta,
          report,
        );
        if (place) places.push(place);
      }
      const link: string | undefined = Array.isArray(body.data) ? undefined : body.data.links?.next;
      next = link ? new URL(link, `${meta.file}`).toString() : undefined;
    }
  } catch (err) {
    report.fatal = (err as Error).message;
    return { report, places: [] };
  }
  return { report, places };
}

/** data·inclusion theme and label slugs → the words the shared vocabulary mappers understand. */
const slugWords = (values: string[] | null | undefined) => (values ?? []).map((v) => v.replace(/[-_]+/g, ' ')).join(';');

function isDigitalHelp(row: z.infer<typeof DataInclusionRowSchema>): boolean {
  if ((row.thematiques ?? []).some((t) => t.startsWith('numerique'))) return true;
  return (row.labels_nationaux ?? []).some((l) => /france-services|conseiller-numerique|aidants-connect/.test(l));
}

export async function readDataInclusion(options: ApiSourcesOptions & { dataInclusion: { url: string; token: string } }): Promise<SourceResult> {
  const now = options.now ?? new Date();
  const base = options.dataInclusion.url.replace(/\/+$/, '');
  const meta = dataInclusionMeta(base, now);
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  const size = options.pageSize ?? 1000;
  const http: HttpOptions = { ...options.http, headers: { ...options.http?.headers, authorization: `Bearer ${options.dataInclusion.token}` } };
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = DataInclusionEnvelope.safeParse(await getJson(`${meta.file}?page=${page}&size=${size}`, http));
      if (!body.success) throw new SchemaChangeError(`${meta.source}: the API's answer changed shape (${issueText(body.error)})`);
      for (const row of checkRows(body.data.items, DataInclusionRowSchema, report)) {
        if (!isDigitalHelp(row)) {
          report.skip('no digital-inclusion theme or label');
          continue;
        }
        const place = lieuFromRow(
          {
            id: `${str(row.source) || 'di'}:${row.id}`,
            nom: row.nom,
            code_postal: row.code_postal,
            commune: row.commune,
            code_insee: row.code_insee,
            adresse: row.adresse,
            complement_adresse: row.complement_adresse,
            latitude: row.latitude,
            longitude: row.longitude,
            telephone: row.telephone,
            site_web: row.site_web,
            horaires: row.horaires_ouverture,
            services: slugWords(row.thematiques),
            labels_nationaux: slugWords(row.labels_nationaux),
            presentation_resume: row.presentation_resume,
            presentation_detail: row.presentation_detail,
            date_maj: row.date_maj,
            pivot: row.siret,
          },
          meta,
          report,
        );
        if (place) places.push(place);
      }
      const pages = body.data.pages ?? Math.ceil(body.data.total / body.data.size);
      if (body.data.items.length === 0 || page >= pages) break;
    }
  } catch (err) {
    report.fatal = (err as Error).message;
    return { report, places: [] };
  }
  return { report, places };
}

/** Every configured live source, one after the other (they are read by one process, daily at most). */
export async function readApiSources(options: ApiSourcesOptions): Promise<SourceResult[]> {
  const results = [await readCartographie(options)];
  if (options.dataInclusion) results.push(await readDataInclusion({ ...options, dataInclusion: options.dataInclusion }));
  return results;
}
