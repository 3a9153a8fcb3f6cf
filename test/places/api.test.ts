/**
 * `import-places --source api` against a local fake of the ANCT API and data·inclusion replaying
 * their documented answers: pages followed, retries with backoff, a schema change stops the source
 * with a clear error, data·inclusion only with its token, the same place from both is one place.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config';
import { runImportPlaces } from '../../src/places/import/cli';
import { getJson } from '../../src/places/import/http';
import { importPlacesFromApi } from '../../src/places/import/run';
import { readCommunesFile } from '../../src/places/index';
import { IndexFileSchema, type Place } from '../../src/places/schema';
import { DATA_INCLUSION_TOKEN, FakePlacesApi } from '../helpers/fakePlacesApi';

const NOW = new Date('2026-12-02T08:00:00Z');
const communes = readCommunesFile();
let api: FakePlacesApi;
let slept: number[];
const http = () => ({ sleep: async (ms: number) => void slept.push(ms), baseDelayMs: 1000 });

beforeEach(async () => {
  api = await new FakePlacesApi().start();
  slept = [];
});
afterEach(() => api.stop());

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, done) {
      w.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

const byName = (places: Place[], nom: string) => places.find((p) => p.nom === nom);

test('the cartography is read page by page, each record mapped to the national schema, a record without a name counted as bad', async () => {
  const result = await importPlacesFromApi({ cartographieUrl: api.cartographieUrl, pageSize: 3, http: http() }, communes, NOW);
  expect(api.requests.map((r) => r.url)).toEqual([
    '/api/v0/lieux-inclusion-numerique?page[number]=0&page[size]=3',
    '/api/v0/lieux-inclusion-numerique?page[number]=1&page[size]=3',
  ]);
  const source = result.index.sources.find((s) => s.source === 'cartographie-nationale')!;
  expect(source).toMatchObject({ read: 5, kept: 4, bad: 1, date: '2026-12-02' });
  expect(Object.keys(source.badReasons)).toEqual(['schema: nom: Invalid input: expected string, received undefined']);
  expect(() => IndexFileSchema.parse(result.index)).not.toThrow();
  const q = byName(result.index.places, 'La Quincaillerie')!;
  expect(q).toMatchObject({
    code_postal: '23000',
    commune: 'Guéret',
    telephone: '+33555414513',
    prise_rdv: 'https://www.rdv-aide-numerique.fr/org/1234',
    horaires: 'Mo-Fr 09:00-12:00,14:00-18:00',
    services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
    dispositif_programmes_nationaux: ['Conseillers numériques', 'France Services'],
    date_maj: '2026-10-02',
  });
  // A numeric postal code is read; a place without coordinates is placed at its commune's centre.
  expect(byName(result.index.places, 'Espace public numérique des Fontaines')).toMatchObject({ code_postal: '37200', precision: 'commune' });
  expect(byName(result.index.places, 'France services de Tours - Courteline')!.telephone).toBe('+33247379994');
});

test('a 503 then a 429 with Retry-After are tried again (1 s, then the 7 s asked for); a 404 is final', async () => {
  api.failures = [{ status: 503 }, { status: 429, retryAfter: '7' }];
  const result = await importPlacesFromApi({ cartographieUrl: api.cartographieUrl, pageSize: 3, http: http() }, communes, NOW);
  expect(slept).toEqual([1000, 7000]);
  expect(result.index.places.length).toBe(4);
  await expect(getJson(`${api.baseUrl}/nowhere`, http())).rejects.toThrow(/\/nowhere: HTTP 404/);
  expect(slept).toEqual([1000, 7000]);
});

test('a source that keeps failing is reported as not read after 4 attempts, with growing delays', async () => {
  api.failures = [{ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 }];
  const result = await importPlacesFromApi({ cartographieUrl: api.cartographieUrl, http: http() }, communes, NOW);
  expect(slept).toEqual([1000, 2000, 4000]);
  expect(result.index.sources[0].fatal).toMatch(/HTTP 502 after 4 attempts/);
  expect(result.index.places).toEqual([]);
});

test('a schema change stops the source with the field and the reason, and keeps none of it', async () => {
  api.cartographieFirstPage = 'cartographie-changed.json';
  const result = await importPlacesFromApi({ cartographieUrl: api.cartographieUrl, http: http() }, communes, NOW);
  const source = result.index.sources[0];
  expect(source.fatal).toBe(
    "cartographie-nationale: the API's records no longer match the national schema (2 of 2; first: nom: Invalid input: expected string, received undefined)",
  );
  expect(result.index.places).toEqual([]);
});

test('data·inclusion with its token: digital-help structures only, merged with the cartography, no e-mail kept', async () => {
  const result = await importPlacesFromApi(
    { cartographieUrl: api.cartographieUrl, dataInclusion: { url: api.dataInclusionUrl, token: DATA_INCLUSION_TOKEN }, pageSize: 3, http: http() },
    communes,
    NOW,
  );
  const di = api.requests.filter((r) => r.url.startsWith('/data-inclusion'));
  expect(di.map((r) => r.url)).toEqual(['/data-inclusion/api/v0/structures?page=1&size=3', '/data-inclusion/api/v0/structures?page=2&size=3']);
  expect(di.every((r) => r.authorization === `Bearer ${DATA_INCLUSION_TOKEN}`)).toBe(true);
  expect(api.requests.filter((r) => r.url.startsWith('/api/v0')).every((r) => r.authorization === undefined)).toBe(true);
  const source = result.index.sources.find((s) => s.source === 'data-inclusion')!;
  expect(source).toMatchObject({ read: 3, kept: 2, skipped: 1, bad: 0, mergedIntoAnother: 1 });
  // La Quincaillerie from both: one place, the cartography's fields first, the union of what both say.
  const q = result.index.places.filter((p) => p.code_postal === '23000' && /quincaillerie/i.test(p.nom));
  expect(q).toHaveLength(1);
  expect(q[0].sources.map((s) => s.source)).toEqual(['cartographie-nationale', 'data-inclusion']);
  expect(q[0].pass_numerique).toBe(true);
  expect(byName(result.index.places, 'Mairie de Saint-Fiel')).toMatchObject({ horaires: 'Mo 09:00-12:00', dispositif_programmes_nationaux: ['France Services'] });
  expect(byName(result.index.places, 'Banque alimentaire de la Creuse')).toBeUndefined();
  expect(JSON.stringify(result.index)).not.toContain('example.invalid');
});

test('a wrong data·inclusion token: that source is not read, the cartography still is, and the message says why', async () => {
  const result = await importPlacesFromApi(
    { cartographieUrl: api.cartographieUrl, dataInclusion: { url: api.dataInclusionUrl, token: 'wrong-token-0123456789' }, http: http() },
    communes,
    NOW,
  );
  const di = result.index.sources.find((s) => s.source === 'data-inclusion')!;
  expect(di.fatal).toMatch(/HTTP 401 \(token missing, wrong or expired\?\)/);
  expect(di.fatal).not.toContain('wrong-token');
  expect(result.index.places.length).toBe(4);
  expect(slept).toEqual([]);
});

test('pasapas import-places --source api: prints the counts per source, writes the index, exit 0', async () => {
  const out = mkdtempSync(join(tmpdir(), 'places-api-'));
  try {
    const cfg = loadConfig({ PLACES_API_URL: api.cartographieUrl, DATA_INCLUSION_API_URL: api.dataInclusionUrl, DATA_INCLUSION_TOKEN });
    if (!cfg.ok) throw new Error(cfg.errors.join('; '));
    const [o, e] = [sink(), sink()];
    const code = await runImportPlaces(['--source', 'api', '--out', out], o, e, cfg.config.places, http());
    expect(e.text).toBe('');
    expect(code).toBe(0);
    expect(o.text).toMatch(/cartographie-nationale\s+5\s+4\s+0\s+0\s+1/);
    expect(o.text).toMatch(/data-inclusion\s+3\s+2\s+1\s+1\s+0/);
    expect(o.text).toContain('bad rows: 1 schema: nom');
    expect(o.text).toMatch(/places in the index: 5 \(1 records merged into another\)/);
    const written = IndexFileSchema.parse(JSON.parse(gunzipSync(readFileSync(join(out, 'places.json.gz'))).toString('utf8')));
    expect(written.places).toHaveLength(5);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('--source api without a token says data·inclusion is not read; an unknown source is refused', async () => {
  const cfg = loadConfig({ PLACES_API_URL: api.cartographieUrl });
  if (!cfg.ok) throw new Error(cfg.errors.join('; '));
  const out = mkdtempSync(join(tmpdir(), 'places-api-'));
  try {
    const [o, e] = [sink(), sink()];
    expect(await runImportPlaces(['--source', 'api', '--out', out], o, e, cfg.config.places, http())).toBe(0);
    expect(o.text).toContain('data·inclusion not read: DATA_INCLUSION_TOKEN is not set');
    expect(api.requests.some((r) => r.url.startsWith('/data-inclusion'))).toBe(false);
    expect(await runImportPlaces(['--source', 'web'], o, e)).toBe(2);
    expect(e.text).toContain('--source is "files" (../shared/data) or "api" (the national API), not "web"');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('configuration: PLACES_REFRESH periods, precise errors, data·inclusion only with a token', () => {
  const ok = (env: Record<string, string>) => {
    const r = loadConfig(env);
    if (!r.ok) throw new Error(r.errors.join('; '));
    return r.config.places;
  };
  expect(ok({})).toEqual({ apiUrl: 'https://cartographie.societenumerique.gouv.fr/api/v0', dataInclusion: null, refreshMs: 0, rdvServicePublicUrl: 'https://www.rdv-solidarites.fr' });
  expect(ok({ PLACES_REFRESH: 'daily' }).refreshMs).toBe(86_400_000);
  expect(ok({ PLACES_REFRESH: '12h' }).refreshMs).toBe(43_200_000);
  expect(ok({ DATA_INCLUSION_TOKEN }).dataInclusion).toEqual({ url: 'https://api.data.inclusion.beta.gouv.fr/api/v0', token: DATA_INCLUSION_TOKEN });
  expect(loadConfig({ PLACES_REFRESH: 'every day' })).toEqual({
    ok: false,
    errors: ['PLACES_REFRESH: off, hourly, daily, weekly, or a period such as 12h or 2d (1 hour to 90 days)'],
  });
  expect(loadConfig({ PLACES_REFRESH: '0h' }).ok).toBe(false);
  expect(loadConfig({ PLACES_API_URL: 'ftp://x' }).ok).toBe(false);
});
