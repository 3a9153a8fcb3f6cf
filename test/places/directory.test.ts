/**
 * The committed index, searched like the bot does: the 3 nearest places of real postal codes of the
 * charter territories are real places of that area, open or closed at a fixed clock (Europe/Paris).
 */
import { defaultDirectory, validateIndexFiles } from '../../src/places/index';
import { openState } from '../../src/places/openNow';
import { hoursLine } from '../../src/places/render';
import type { Place } from '../../src/places/schema';

const dir = defaultDirectory();
/** Tuesday 24 November 2026, 10:00 in Paris (09:00 UTC). */
const TUESDAY_10H = new Date(Date.UTC(2026, 10, 24, 9, 0));
/** Sunday 29 November 2026, 15:00 in Paris. */
const SUNDAY_15H = new Date(Date.UTC(2026, 10, 29, 14, 0));
/** Friday 25 December 2026 (Christmas, a public holiday), 10:00 in Paris. */
const CHRISTMAS_10H = new Date(Date.UTC(2026, 11, 25, 9, 0));

function nearestTo(query: string): Place[] {
  const r = dir.gazetteer.locate(query);
  if (r.kind !== 'found') throw new Error(`${query}: ${r.kind}`);
  return dir.nearest(r.locality.latitude, r.locality.longitude, 3).map((n) => n.place);
}

test('the committed index follows the schema (every place) and covers France', () => {
  const counts = validateIndexFiles();
  expect(counts.places).toBeGreaterThan(10_000);
  expect(counts.communes).toBeGreaterThan(35_000);
});

test('23000 Guéret: three real places of Guéret', () => {
  const places = nearestTo('23000');
  expect(places.map((p) => p.nom)).toEqual(['CIDFF', 'Présidial', 'La Quincaillerie']);
  for (const p of places) expect(p).toMatchObject({ code_postal: '23000', commune: 'Guéret' });
  const quincaillerie = places[2];
  expect(quincaillerie.telephone).toBe('+33555414513');
  expect(quincaillerie.sources.map((s) => s.source)).toEqual(expect.arrayContaining(['data-inclusion', 'conseiller-numerique', 'creuse', 'aidants-connect']));
});

test('33000 Bordeaux: three places in Bordeaux, nearest first', () => {
  const r = dir.gazetteer.locate('33000');
  if (r.kind !== 'found') throw new Error('33000');
  const near = dir.nearest(r.locality.latitude, r.locality.longitude, 3);
  expect(near.map((n) => n.place.nom)).toEqual(['Foyer Fraternel Centre Social', 'Bibliothèque Jardin Public', "Maison de l'Emploi de Bordeaux"]);
  for (const n of near) expect(n.place.commune).toBe('Bordeaux');
  expect(near.map((n) => n.km)).toEqual([...near.map((n) => n.km)].sort((a, b) => a - b));
  expect(near[2].km).toBeLessThan(1);
});

test('37000 Tours: three places of Tours; the France Services office of Courteline open on Tuesday at 10:00 until 12:30', () => {
  const places = nearestTo('37000');
  expect(places.map((p) => p.nom)).toEqual(['Epn Mairie de Tours', 'Epn Champs Girault', 'BIJ 37']);
  for (const p of places) expect(p).toMatchObject({ code_postal: '37000', commune: 'Tours' });
  const all = (dir as unknown as { places: Place[] }).places;
  const fs = all.find((p) => p.nom === 'France services de Tours - Courteline')!;
  expect(fs.sources.map((s) => s.source)).toEqual(['france-services']);
  expect(openState(fs, TUESDAY_10H)).toEqual({ kind: 'open', until: new Date(Date.UTC(2026, 10, 24, 11, 30)) });
  // Sunday: closed, opens on Monday at 9:00.
  expect(openState(fs, SUNDAY_15H)).toEqual({ kind: 'closed', next: new Date(Date.UTC(2026, 10, 30, 8, 0)) });
  // Christmas is a public holiday: closed, even on a Friday.
  expect(openState(fs, CHRISTMAS_10H).kind).toBe('closed');
  // An EPN of Tours with Hub-Lo hours converted from its text: open on Tuesday morning.
  expect(places[1].horaires).toBe('Tu 10:00-12:00,14:00-17:00; We 10:00-12:00,14:00-16:00; Th 10:00-12:00,17:00-19:00');
  expect(openState(places[1], TUESDAY_10H)).toEqual({ kind: 'open', until: new Date(Date.UTC(2026, 10, 24, 11, 0)) });
});

test('what the citizen reads about the hours, in French and English', () => {
  const all = (dir as unknown as { places: Place[] }).places;
  const fs = all.find((p) => p.nom === 'France services de Tours - Courteline')!;
  const strings = { t: (l: 'fr' | 'en', k: string, v: Record<string, string | number> = {}) => `${l}:${k}:${JSON.stringify(v)}` };
  const t = (k: string, v?: Record<string, string | number>) => strings.t('fr', k, v);
  // France Services hours of 2024-08: more than a year old at the test clock (2026-11), "à vérifier par téléphone".
  expect(hoursLine(fs, TUESDAY_10H, 'fr', t as never)).toBe('fr:places.openUntil:{"time":"12 h 30"} fr:places.hoursOld:{"year":2024}');
  expect(hoursLine(fs, SUNDAY_15H, 'fr', t as never)).toBe('fr:places.closedNext:{"when":"fr:places.tomorrow:{\\"time\\":\\"9 h\\"}"} fr:places.hoursOld:{"year":2024}');
  // Less than a year old: no warning (same hours, a clock of spring 2025).
  expect(hoursLine(fs, new Date('2025-06-03T08:00:00Z'), 'fr', t as never)).toBe('fr:places.openUntil:{"time":"12 h 30"}');
  const cidff = nearestTo('23000')[0];
  // CNFS hours of 2022: shown with "à vérifier" — before going there, since this place has no phone number to call.
  expect(cidff.telephone).toBeFalsy();
  expect(hoursLine(cidff, TUESDAY_10H, 'fr', t as never)).toBe('fr:places.closedNext:{"when":"fr:places.dayAt:{\\"day\\":\\"jeudi\\",\\"time\\":\\"9 h\\"}"} fr:places.hoursOldNoPhone:{"year":2022}');
  // Hours kept as the source wrote them.
  const epn = nearestTo('37000')[0];
  expect(hoursLine(epn, TUESDAY_10H, 'fr', t as never)).toMatch(/^fr:places\.hoursText:\{"text":"Lundi : 9h-17 Mardi-Mercredi-Jeudi : 8h30-17h.*\.\.\."\} fr:places\.hoursOld:\{"year":2020\}$/);
});

test('a place that is open is never "open until" a time when it reopens at once (10:00-13:00,13:00-20:00)', () => {
  const q = nearestTo('23000')[2];
  expect(q.horaires).toContain('10:00-13:00,13:00-20:00');
  expect(openState(q, TUESDAY_10H)).toEqual({ kind: 'open', until: new Date(Date.UTC(2026, 10, 24, 19, 0)) });
});

test('nearest search agrees with a full scan (random points over France)', () => {
  const all = (dir as unknown as { places: Place[] }).places;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 30; i++) {
    const lat = 42.5 + rnd() * 8.5;
    const lon = -4.5 + rnd() * 12.5;
    const got = dir.nearest(lat, lon, 3).map((n) => n.place.id);
    const scored = all
      .map((p) => {
        const km = haversine(lat, lon, p.latitude, p.longitude);
        const penalty = (p.telephone || p.horaires || p.horairesText || p.prise_rdv ? 0 : 3) + (p.precision === 'commune' ? 2 : 0);
        return { id: p.id, score: km + penalty };
      })
      .sort((a, b) => a.score - b.score)
      .slice(0, 3)
      .map((s) => s.id);
    expect(got).toEqual(scored);
  }
});

function haversine(a: number, b: number, c: number, d: number): number {
  const r = Math.PI / 180;
  const x = Math.sin(((c - a) * r) / 2) ** 2 + Math.cos(a * r) * Math.cos(c * r) * Math.sin(((d - b) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(x)));
}

test('no adviser of the Creuse file is named in the index, and their mobile numbers are not kept', () => {
  const all = (dir as unknown as { places: Place[] }).places;
  const names = all.map((p) => p.nom).join('\n');
  for (const person of ['Leila Boubekeur', 'Florian Gillon', 'Benoit Villoutreix', 'Corinne Pichon', 'Claire Bonhomme', 'Aurore Pommier', 'Cyril Lamamy']) {
    expect(names).not.toContain(person);
  }
  const creuseOnly = all.filter((p) => p.sources.every((s) => s.source === 'creuse'));
  expect(creuseOnly.length).toBeGreaterThan(50);
  for (const p of creuseOnly) expect(p.telephone ?? '').not.toMatch(/^\+33[67]/);
});
