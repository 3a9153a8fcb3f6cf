/** The import: broken rows are counted and reported, never crash; the same place from two files is one place. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { importPlaces } from '../../src/places/import/run';
import { runImportPlaces } from '../../src/places/import/cli';
import { clusters, normalizeAddress, nameSimilarity, sameStreetAddress, softenCapitals, type Located } from '../../src/places/import/dedupe';
import { withoutPersonName } from '../../src/places/import/regional';
import { IndexFileSchema } from '../../src/places/schema';

const BROKEN = join(__dirname, 'fixtures', 'broken');

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

describe('import of files with broken rows', () => {
  const result = importPlaces(BROKEN, new Date('2026-11-27T09:00:00Z'));
  const source = (id: string) => result.index.sources.find((s) => s.source === id)!;

  test('each bad row is counted with its reason; the good rows are kept', () => {
    expect(source('france-services')).toMatchObject({
      read: 5,
      kept: 2,
      bad: 3,
      badReasons: { 'unreadable CSV record': 1, 'no name': 1, 'no valid postal code': 1 },
    });
    expect(source('conseiller-numerique')).toMatchObject({
      read: 7,
      kept: 3,
      bad: 4,
      geocoded: 1,
      badReasons: { 'not an object': 2, 'no name': 1, 'no coordinates and unknown postal code': 1 },
    });
    expect(result.postalReport.badReasons).toEqual({ 'no coordinates': 1 });
  });

  test('a file that is not JSON, or missing, is reported and the others are still imported', () => {
    expect(source('creuse').fatal).toMatch(/not valid JSON|Unexpected token/);
    expect(source('gironde').fatal).toMatch(/ENOENT/);
    expect(result.index.places.map((p) => p.nom).sort()).toEqual([
      'Coordonnées inversées',
      'France services aux horaires libres',
      'France services du Pays de Test',
      'Médiathèque de Test',
    ]);
  });

  test('the same place in France Services and the CNFS list is one place with both sources', () => {
    const fs = result.index.places.find((p) => p.nom === 'France services du Pays de Test')!;
    expect(fs.sources).toEqual([
      { source: 'france-services', id: '1' },
      { source: 'conseiller-numerique', id: 'cn-1' },
    ]);
    expect(fs.dispositif_programmes_nationaux).toEqual(['Conseillers numériques', 'France Services']);
    expect(fs.services).toContain('Aide aux démarches administratives');
    expect(fs.services).toContain('Maîtrise des outils numériques du quotidien');
    // France Services (2024) wins over the CNFS hours (2022); public holidays are closed.
    expect(fs.horaires).toBe('Mo,Tu,Th 09:00-12:00,14:00-17:00; We 09:00-12:00; Fr 09:00-12:00,14:00-16:30; PH off');
    expect(fs.horairesDate).toBe('2024-08-01');
    expect(result.merged).toBe(1);
    expect(source('conseiller-numerique').mergedIntoAnother).toBe(1);
  });

  test('hours that are not understood are kept as text; missing coordinates come from the commune; swapped ones are fixed', () => {
    const byName = new Map(result.index.places.map((p) => [p.nom, p]));
    expect(byName.get('France services aux horaires libres')).toMatchObject({ horairesText: 'Lundi : Sur rendez-vous le matin', rdv_obligatoire: true });
    expect(byName.get('Médiathèque de Test')).toMatchObject({ precision: 'commune', latitude: 46.16321, longitude: 1.87079, horairesText: 'pas un horaire OSM' });
    expect(byName.get('Coordonnées inversées')).toMatchObject({ precision: 'adresse', latitude: 46.1702, longitude: 1.8681 });
  });

  test('every place follows the schema', () => {
    expect(() => IndexFileSchema.parse(result.index)).not.toThrow();
  });

  test('the command prints the counts, writes the index and exits 1 because some files could not be read', async () => {
    const out = mkdtempSync(join(tmpdir(), 'places-'));
    try {
      const [o, e] = [sink(), sink()];
      const code = await runImportPlaces(['--data', BROKEN, '--out', out], o, e);
      expect(code).toBe(1);
      expect(o.text).toMatch(/france-services\s+5\s+2\s+0\s+0\s+3/);
      expect(o.text).toContain('bad rows: 1 unreadable CSV record, 1 no name, 1 no valid postal code');
      expect(o.text).toContain('FILE NOT READ');
      expect(e.text).toContain('could not be read');
      const written = JSON.parse(gunzipSync(readFileSync(join(out, 'places.json.gz'))).toString('utf8'));
      expect(written.places).toHaveLength(4);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('nothing readable: nothing is written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'places-'));
    try {
      const [o, e] = [sink(), sink()];
      expect(await runImportPlaces(['--data', join(BROKEN, 'nowhere'), '--out', out], o, e)).toBe(1);
      expect(e.text).toContain('nothing written');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('normalisation helpers', () => {
  test('addresses compare without abbreviations, case or punctuation', () => {
    expect(normalizeAddress('2 PL DU MARCHE')).toBe(normalizeAddress('2, Place du Marché'));
    expect(normalizeAddress('12 bd Victor Hugo')).toBe(normalizeAddress('12 Boulevard Victor-Hugo'));
  });

  test('the same street address: same house number (ranges, bis) and most street words', () => {
    const same = (a: string, b: string) => sameStreetAddress(normalizeAddress(a), normalizeAddress(b));
    expect(same('11 - 15 Mail Fréderico Garcia', '11 MAIL FEDERICO GARCIA LORCA')).toBe(true);
    expect(same('5-9 Rue des Papetiers', '9 Rue des Papetiers')).toBe(true);
    expect(same('37 T Av du General de Gaulle', '37 Av du General de Gaulle')).toBe(true);
    expect(same('2 rue de la citrine', '36 rue Jean-Jacques Rousseau')).toBe(false);
    expect(same('Place du marché', '2 Place du Marché')).toBeUndefined();
  });

  test('two offices of one network at two addresses stay two places, even with the same coordinates; no chaining', () => {
    const base: Omit<Located, 'sourceId' | 'nom' | 'adresse'> = {
      source: 'france-services', services: [], dispositif_programmes_nationaux: [], date_maj: '2024-08-01',
      code_postal: '34300', commune: 'Agde', latitude: 43.31, longitude: 3.47, precision: 'adresse',
    };
    const agde = { ...base, sourceId: '1', nom: 'France services Hérault Méditerranée - Agde', adresse: '2 rue de la citrine' } satisfies Located;
    const qpv = { ...base, sourceId: '2', nom: 'France services Hérault Méditerranée - Agde QPV', adresse: '36 rue Jean-Jacques Rousseau' } satisfies Located;
    const cnfs = { ...base, source: 'conseiller-numerique', sourceId: 'c', nom: 'Frances Services Agde', adresse: '2 Rue de la Citrine' } satisfies Located;
    // An Aidants Connect record at the commune's centre with a name close to both.
    const ac = { ...base, source: 'aidants-connect', sourceId: 'a', precision: 'commune', nom: 'France services Hérault Méditerranée - Agde', adresse: 'Hôtel de ville' } satisfies Located;
    const groups = clusters([ac, cnfs, qpv, agde]).map((g) => g.map((p) => `${p.source}:${p.sourceId}`).sort());
    expect(groups).toHaveLength(2);
    expect(groups).toContainEqual(['france-services:2']);
    expect(groups).toContainEqual(['aidants-connect:a', 'conseiller-numerique:c', 'france-services:1']);
  });

  test('names sharing their significant words are similar', () => {
    expect(nameSimilarity('France services de Valserhône', 'Mairie de Valserhône')).toBeGreaterThan(0);
    expect(nameSimilarity('CIDFF', 'Présidial')).toBe(0);
  });

  test('an adviser\'s name is taken out of a Creuse place name', () => {
    expect(withoutPersonName('Guéret - Claire Bonhomme')).toEqual({ nom: 'Guéret', person: true });
    expect(withoutPersonName('Ajain - Cyril Lamamy - La Quincaillerie')).toEqual({ nom: 'Ajain - La Quincaillerie', person: true });
    expect(withoutPersonName('Gouzon - Association SympaTIC')).toEqual({ nom: 'Gouzon - Association SympaTIC', person: false });
    expect(withoutPersonName('Horizon Jeune - Aubusson')).toEqual({ nom: 'Horizon Jeune - Aubusson', person: false });
  });

  test('all-capitals names are made readable, acronyms stay', () => {
    expect(softenCapitals('LA QUINCAILLERIE')).toBe('La Quincaillerie');
    expect(softenCapitals('22 AVENUE CHARLES DE GAULLE')).toBe('22 Avenue Charles de Gaulle');
    expect(softenCapitals('CIDFF')).toBe('CIDFF');
    expect(softenCapitals('BIJ 37')).toBe('BIJ 37');
  });
});
