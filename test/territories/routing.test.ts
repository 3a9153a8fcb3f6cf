/**
 * How a citizen's message finds its territory, on the shipped configuration: the SMS number it
 * was sent to, the WhatsApp phone-number id, the Telegram path, the widget's origin, the postal
 * code they give; otherwise the default territory.
 */
import { join } from 'node:path';
import { CONFIG_DIR } from '../../src/paths';
import { departementOfCommune, departementOfPostalCode } from '../../src/territories/codes';
import { TerritoryRegistry } from '../../src/territories/registry';
import { Territory, type TerritoryInput } from '../../src/territories/schema';

const PUBLIC = 'http://localhost:3978';
const shipped = TerritoryRegistry.load(join(CONFIG_DIR, 'territories'), PUBLIC);
const idOf = (t: Territory | undefined) => t?.id;

describe('postal code → département', () => {
  test.each([
    ['37000', '37'],
    ['01200', '01'],
    ['20000', '2A'], // Ajaccio
    ['20167', '2A'],
    ['20200', '2B'], // Bastia
    ['20600', '2B'],
    ['97400', '974'],
    ['97600', '976'],
    ['97133', '971'], // Saint-Barthélemy: a 971 postal code, a collectivity since 2007
    ['33220', '33'], // crosses into Dordogne: the prefix wins
  ])('%s → %s', (code, dep) => {
    expect(departementOfPostalCode(code)).toBe(dep);
  });

  test.each(['98000', '98799', '96000', '00000', '3700', '370000', 'abcde', ''])('%s → none', (code) => {
    expect(departementOfPostalCode(code)).toBeUndefined();
  });

  test('commune code → département', () => {
    expect(departementOfCommune('37261')).toBe('37');
    expect(departementOfCommune('2A004')).toBe('2A');
    expect(departementOfCommune('97411')).toBe('974');
    expect(departementOfCommune('20004')).toBeUndefined();
  });
});

describe('routing on the shipped territories', () => {
  test.each([
    ['37000', 'centre-val-de-loire', 'departement'], // Tours
    ['45000', 'centre-val-de-loire', 'departement'], // Orléans
    ['31670', 'sicoval', 'postalCode'], // Labège
    ['31520', 'sicoval', 'postalCode'], // Ramonville-Saint-Agne
    ['31320', 'sicoval', 'postalCode'], // Castanet-Tolosan
    ['80000', 'amiens', 'postalCode'],
    ['80090', 'amiens', 'postalCode'],
    ['21000', 'dijon', 'postalCode'],
    ['07200', 'drome-ardeche', 'departement'], // Aubenas
    ['26000', 'drome-ardeche', 'departement'], // Valence
    ['17000', 'charente-maritime', 'departement'],
    ['23000', 'creuse', 'departement'],
    ['64000', 'pyrenees-atlantiques', 'departement'],
    ['33000', 'gironde', 'departement'],
    ['75001', 'demo', 'default'], // Paris: no territory → the default one
    ['31000', 'demo', 'default'], // Toulouse is not in Sicoval
    ['20000', 'demo', 'default'], // Corse-du-Sud
    ['80100', 'demo', 'default'], // Abbeville: Somme, outside Amiens Métropole
    [' 23000 ', 'creuse', 'departement'],
    ['pas un code', 'demo', 'default'],
  ])('postal code %j → %s (%s)', (code, id, match) => {
    const r = shipped.routePostalCode(code);
    expect({ id: r.territory.id, match: r.match }).toEqual({ id, match });
    expect(idOf(shipped.byPostalCode(code))).toBe(match === 'default' ? undefined : id);
  });

  test('by département', () => {
    expect(idOf(shipped.byDepartement('37'))).toBe('centre-val-de-loire');
    expect(idOf(shipped.byDepartement('07'))).toBe('drome-ardeche');
    expect(idOf(shipped.byDepartement('31'))).toBeUndefined(); // Sicoval covers communes, not Haute-Garonne
    expect(idOf(shipped.byDepartement('2a'))).toBeUndefined();
    expect(idOf(shipped.byDepartement('330'))).toBeUndefined();
  });

  test('by the SMS number the citizen wrote to (Twilio "To"), ignoring spaces', () => {
    expect(idOf(shipped.byPhoneNumber('+33757000101'))).toBe('centre-val-de-loire');
    expect(idOf(shipped.byPhoneNumber('+33757000107'))).toBe('creuse');
    expect(idOf(shipped.byPhoneNumber('+33 7 57 00 01 09'))).toBe('gironde');
    expect(shipped.byPhoneNumber('+33757000199')).toBeUndefined();
    expect(shipped.byPhoneNumber('')).toBeUndefined();
  });

  test('by WhatsApp phone-number id and by Telegram path', () => {
    expect(idOf(shipped.byWhatsappPhoneNumberId('100000000000103'))).toBe('dijon');
    expect(idOf(shipped.byWhatsappPhoneNumberId('100000000000109'))).toBe('gironde');
    expect(shipped.byWhatsappPhoneNumberId('100000000000104')).toBeUndefined();
    expect(idOf(shipped.byTelegramPath('sicoval'))).toBe('sicoval');
    expect(idOf(shipped.byTelegramPath('centre-val-de-loire'))).toBe('centre-val-de-loire');
    expect(shipped.byTelegramPath('Sicoval')).toBeUndefined();
    expect(shipped.byTelegramPath('demo')).toBeUndefined();
  });

  test('by origin: a territory site gets its own territory only; our own pages name the territory', () => {
    expect(idOf(shipped.byOrigin('https://www.gironde.fr'))).toBe('gironde');
    expect(idOf(shipped.byOrigin('https://www.dijon.fr'))).toBe('dijon');
    expect(shipped.byOrigin('https://gironde.fr')).toBeUndefined();
    expect(shipped.byOrigin(PUBLIC)).toBeUndefined();
    expect(shipped.byOrigin(undefined)).toBeUndefined();
    expect(shipped.originAllowed('gironde', 'https://www.gironde.fr')).toBe(true);
    expect(shipped.originAllowed('gironde', 'https://www.creuse.fr')).toBe(false);
    expect(shipped.originAllowed('creuse', 'https://www.gironde.fr')).toBe(false);
    expect(shipped.originAllowed('demo', 'https://www.gironde.fr')).toBe(false);
    for (const t of shipped.list()) expect(shipped.originAllowed(t.id, PUBLIC)).toBe(true);
    expect(shipped.allowedOrigins('demo')).toEqual([PUBLIC]);
  });

  test('the default territory is demo unless DEFAULT_TERRITORY says otherwise', () => {
    expect(shipped.defaultTerritory.id).toBe('demo');
    const creuse = TerritoryRegistry.load(join(CONFIG_DIR, 'territories'), PUBLIC, { defaultTerritory: 'creuse' });
    expect(creuse.defaultTerritory.id).toBe('creuse');
    expect(creuse.routePostalCode('75001')).toEqual({ territory: creuse.get('creuse'), match: 'default' });
  });
});

describe('the most specific territory wins', () => {
  const t = (input: Omit<TerritoryInput, 'name' | 'kind'> & { kind?: TerritoryInput['kind'] }) =>
    Territory.parse({ name: input.id, kind: 'département', ...input });
  const registry = (communesOfPostalCode?: (pc: string) => readonly string[]) =>
    new TerritoryRegistry(
      [
        t({ id: 'demo', kind: 'démonstration' }),
        t({ id: 'occitanie', kind: 'région', coverage: { departements: ['31', '09', '11', '48'] } }),
        t({ id: 'haute-garonne', coverage: { departements: ['31'] } }),
        t({ id: 'sicoval', kind: 'intercommunalité', coverage: { communes: ['31254', '31048', '31381'], postalCodes: ['31670'] } }),
        t({ id: 'ardeche', coverage: { communes: ['07136'] } }),
      ],
      PUBLIC,
      { communesOfPostalCode },
    );

  test('postal code beats département; a département beats a région', () => {
    const r = registry();
    expect(r.routePostalCode('31670')).toMatchObject({ territory: { id: 'sicoval' }, match: 'postalCode' });
    expect(r.routePostalCode('31000')).toMatchObject({ territory: { id: 'haute-garonne' }, match: 'departement' });
    expect(r.routePostalCode('09000')).toMatchObject({ territory: { id: 'occitanie' }, match: 'departement' });
    expect(idOf(r.byDepartement('31'))).toBe('haute-garonne');
  });

  test('with a postal-code index, the territory claiming more than half of its communes', () => {
    const index: Record<string, string[]> = {
      // 31450: Baziège, Montgiscard (Sicoval) and Pouze (not): 2 of 3
      '31450': ['31048', '31381', '31437'],
      // 48250: Laveyrune (Ardèche) and four communes of Lozère: 1 of 5
      '48250': ['07136', '48001', '48002', '48003', '48004'],
    };
    const r = registry((pc) => index[pc] ?? []);
    expect(r.routePostalCode('31450')).toMatchObject({ territory: { id: 'sicoval' }, match: 'commune' });
    expect(r.routePostalCode('48250')).toMatchObject({ territory: { id: 'occitanie' }, match: 'departement' });
    expect(registry().routePostalCode('31450')).toMatchObject({ territory: { id: 'haute-garonne' }, match: 'departement' });
  });
});
