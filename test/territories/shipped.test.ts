/**
 * The shipped config/territories/: the charter territories and the demo are valid (no error, no
 * warning), each claims its own identifiers, the colours are readable, and the committed JSON
 * Schema is the one the zod schema gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli';
import { formatProblem } from '../../src/guides/loader';
import { CONFIG_DIR } from '../../src/paths';
import { contrastRatio } from '../../src/widget/chat/contrast';
import { loadTerritories } from '../../src/territories/load';
import { isE164, territoryJsonSchema } from '../../src/territories/schema';

const DIR = join(CONFIG_DIR, 'territories');
const { territories, problems } = loadTerritories(DIR);
const charter = territories.filter((t) => t.territory.id !== 'demo');

async function cli(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  err.resume();
  const code = await runCli(args, { out, err });
  return { code, out: chunks.join('') };
}

test('every shipped territory file is valid, without warnings', () => {
  expect(problems.map(formatProblem)).toEqual([]);
});

test('the nine charter territories and the demo', () => {
  expect(territories.map((t) => t.territory.id).sort()).toEqual([
    'amiens',
    'centre-val-de-loire',
    'charente-maritime',
    'creuse',
    'demo',
    'dijon',
    'drome-ardeche',
    'gironde',
    'pyrenees-atlantiques',
    'sicoval',
  ]);
  const byId = new Map(territories.map((t) => [t.territory.id, t.territory]));
  expect(byId.get('centre-val-de-loire')?.coverage.departements).toEqual(['18', '28', '36', '37', '41', '45']);
  expect(byId.get('drome-ardeche')?.coverage.departements).toEqual(['07', '26']);
  expect(byId.get('sicoval')?.coverage.communes).toEqual(expect.arrayContaining(['31254', '31446', '31113', '31169']));
  expect(byId.get('amiens')?.coverage.communes).toContain('80021');
  expect(byId.get('amiens')?.coverage.postalCodes).toEqual(expect.arrayContaining(['80000', '80080', '80090']));
  expect(byId.get('dijon')?.coverage.communes).toContain('21231');
});

test('the demo covers nothing and claims no channel: it is only the fallback', () => {
  const demo = territories.find((t) => t.territory.id === 'demo')?.territory;
  expect(demo?.coverage).toEqual({ departements: [], communes: [], postalCodes: [] });
  expect(demo?.channels).toEqual({});
  expect(demo?.widget.allowedOrigins).toEqual(['$PUBLIC_BASE_URL']);
  expect(demo?.hours).toBe('24/7');
});

test.each(charter.map((t) => [t.territory.id, t] as const))('%s: editor schema line, readable colour, hours closed on public holidays, https origins, greeting', (_id, { file, territory }) => {
  expect(readFileSync(join(DIR, file), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./territory.schema.json');
  expect(contrastRatio(territory.branding.primaryColor, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  expect(territory.hours).toMatch(/; PH off$/);
  expect(territory.widget.allowedOrigins.length).toBeGreaterThan(0);
  for (const o of territory.widget.allowedOrigins) expect(o).toMatch(/^https:\/\//);
  expect(territory.branding.greeting?.fr).toBeTruthy();
  expect(territory.branding.greeting?.en).toBeTruthy();
  expect(territory.channels.sms?.numbers.every(isE164)).toBe(true);
  expect(territory.coverage.departements.length + territory.coverage.communes.length + territory.coverage.postalCodes.length).toBeGreaterThan(0);
});

test('pasapas schema --territories prints the JSON Schema committed as config/territories/territory.schema.json', async () => {
  const r = await cli(['schema', '--territories']);
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.out);
  expect(schema).toEqual(territoryJsonSchema());
  expect(schema.required).toEqual(['id', 'name', 'kind']);
  expect(Object.keys(schema.properties.channels.properties)).toEqual(['sms', 'sms-ovh', 'sms-brevo', 'whatsapp', 'telegram']);
  expect(JSON.parse(readFileSync(join(DIR, 'territory.schema.json'), 'utf8'))).toEqual(schema);
});

test('pasapas validate --territories DIR reports territory problems and exits 1', async () => {
  const r = await cli(['validate', '--territories', join(__dirname, '..', 'fixtures', 'territories-broken')]);
  expect(r.code).toBe(1);
  expect(r.out).toContain('gironde.yaml: coverage.departements[1]: "330" is not a département code: expected an INSEE code "01"–"95", "2A", "2B" or "971"–"976"');
  expect(r.out).toContain('pyrenees-atlantiques.yaml: channels.sms.numbers[0]: SMS number "+33757000109" is already claimed by creuse.yaml (channels.sms.numbers[0]): it must route to one territory');
  expect(r.out).toContain('cvl.yaml: hours: opening_hours: ');
});
