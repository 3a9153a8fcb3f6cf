/**
 * PLACES_REFRESH: the server's index is swapped for the national API's when a refresh succeeds, and
 * the last good one is kept when a source fails, changed its schema, or answered a partial list.
 */
import pino from 'pino';
import { RefreshingDirectory } from '../../src/places/import/refresh';
import { GridDirectory, defaultDirectory, readCommunesFile } from '../../src/places/index';
import { Gazetteer } from '../../src/places/locate';
import { FakePlacesApi } from '../helpers/fakePlacesApi';

const communes = readCommunesFile();
const NOW = Date.parse('2026-12-02T08:00:00Z');
let api: FakePlacesApi;

beforeEach(async () => {
  api = await new FakePlacesApi().start();
});
afterEach(() => api.stop());

/** A small served index (two places of the committed one), so that the fixture's 4 places are not "much fewer". */
function smallIndex(): GridDirectory {
  const committed = defaultDirectory();
  return new GridDirectory(committed.places.slice(0, 2), new Gazetteer(communes.rows), '2026-11-27', '2024-08-01');
}

function refresher(initial: () => GridDirectory, logs: string[]) {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  return new RefreshingDirectory({
    cartographieUrl: api.cartographieUrl,
    periodMs: 86_400_000,
    initial,
    communes: () => communes,
    logger,
    http: { sleep: async () => undefined },
    now: () => NOW,
  });
}

test('a good refresh swaps the index at once; a search already running keeps the index it started with', async () => {
  const logs: string[] = [];
  const r = refresher(smallIndex, logs);
  const before = r.directory();
  expect(before.updatedAt).toBe('2024-08-01');
  await expect(r.refresh()).resolves.toEqual({ ok: true, places: 4, generatedAt: '2026-12-02' });
  const after = r.directory();
  expect(after).not.toBe(before);
  expect(after.size).toBe(4);
  expect(after.updatedAt).toBe('2026-12-02');
  expect(after.nearest(46.17, 1.87, 1)[0].place.nom).toBe('La Quincaillerie');
  // The old object is untouched: a conversation holding it finishes on consistent data.
  expect(before.size).toBe(2);
  expect(logs.join('')).toContain('places index refreshed from the national API');
});

test('the API failing or changing its schema: the last good index stays, the reason is logged', async () => {
  const logs: string[] = [];
  const r = refresher(smallIndex, logs);
  await r.refresh();
  const good = r.directory();
  api.failures = Array.from({ length: 4 }, () => ({ status: 500 }));
  const failed = await r.refresh();
  expect(failed).toMatchObject({ ok: false });
  expect(failed.ok ? '' : failed.reason).toMatch(/HTTP 500 after 4 attempts/);
  expect(r.directory()).toBe(good);
  api.cartographieFirstPage = 'cartographie-changed.json';
  const changed = await r.refresh();
  expect(changed.ok ? '' : changed.reason).toContain("no longer match the national schema");
  expect(r.directory()).toBe(good);
  expect(logs.filter((l) => l.includes('the last good index is kept'))).toHaveLength(2);
});

test('an answer with far fewer places than the index served is refused (the committed 11,955 against 4)', async () => {
  const r = refresher(defaultDirectory, []);
  const outcome = await r.refresh();
  expect(outcome).toEqual({ ok: false, reason: `4 places, fewer than ${Math.floor(defaultDirectory().size / 2)} (half of the ${defaultDirectory().size} served): refused` });
  expect(r.directory()).toBe(defaultDirectory());
});

test('two refreshes asked at the same time make one set of requests', async () => {
  const r = refresher(smallIndex, []);
  const [a, b] = await Promise.all([r.refresh(), r.refresh()]);
  expect(a).toBe(b);
  expect(api.requests).toHaveLength(2); // the two pages, once
});

test('in the server (PLACES_REFRESH=daily): refreshed at startup; a partial answer is refused and citizens keep the committed places', async () => {
  const { Citizen, startTestApp } = await import('../helpers/app');
  const ta = await startTestApp({ notifier: true, env: { PLACES_REFRESH: 'daily', PLACES_API_URL: api.cartographieUrl } });
  try {
    const refresh = ta.app.placesRefresh!;
    expect(refresh).not.toBeNull();
    // The first refresh runs just after startup: wait for its outcome (requests to the fake, then the verdict).
    for (let i = 0; i < 200 && !refresh.last; i++) await new Promise((r) => setTimeout(r, 50));
    expect(api.requests.length).toBeGreaterThan(0);
    expect(refresh.last).toMatchObject({ ok: false, reason: expect.stringContaining('4 places, fewer than') });
    const citizen = new Citizen(ta.app, 'c-refresh');
    await citizen.say('bonjour');
    await citizen.say("où trouver de l'aide près de chez moi");
    const reply = await citizen.say('23000');
    expect(reply).toContain('1. CIDFF, à 500 m');
    expect(reply).toContain('Liste des lieux mise à jour le 1 août 2024.');
  } finally {
    await ta.close();
  }
});
