/**
 * A territory file's mistakes are reported as `file: path: message`, the message saying what was
 * expected and what was found; mistakes across files (two territories claiming the same number,
 * id, origin, commune…) name both files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem } from '../../src/guides/loader';
import { loadTerritories, loadTerritoryFile } from '../../src/territories/load';
import { TerritoryConfigError, TerritoryRegistry } from '../../src/territories/registry';
import { Territory } from '../../src/territories/schema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pasapas-territories-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BASE = 'id: t\nname: Territoire\nkind: département\n';

/** The formatted problems of one file `t.yaml` made of BASE plus `yaml`. */
function problemsOf(yaml: string, base = BASE, name = 't.yaml'): string[] {
  const path = join(dir, name);
  writeFileSync(path, base + yaml);
  return loadTerritoryFile(path).problems.map(formatProblem);
}

describe('one file: precise messages', () => {
  const cases: [string, string, string][] = [
    ['a 3-digit département code', 'coverage:\n  departements: ["33", "330"]\n', 't.yaml: coverage.departements[1]: "330" is not a département code: expected an INSEE code "01"–"95", "2A", "2B" or "971"–"976"'],
    ['"20" for Corsica', 'coverage:\n  departements: ["20"]\n', 't.yaml: coverage.departements[0]: "20" is not a département code since 1976: Corsica is "2A" (Corse-du-Sud) and "2B" (Haute-Corse)'],
    ['a département code without quotes', 'coverage:\n  departements: [33]\n', 't.yaml: coverage.departements[0]: expected a string, found the number 33: write it in quotes (YAML reads 01200 as the number 1200)'],
    ['a 4-digit commune code', 'coverage:\n  communes: ["3726"]\n', 't.yaml: coverage.communes[0]: "3726" is not an INSEE commune code: expected the département code and 3 digits, e.g. "37261" (Tours), "2A004" (Ajaccio)'],
    ['a 4-digit postal code', 'coverage:\n  postalCodes: ["3300"]\n', 't.yaml: coverage.postalCodes[0]: "3300" is not a postal code: expected 5 digits, e.g. "31320"'],
    ["Monaco's postal code", 'coverage:\n  postalCodes: ["98000"]\n', 't.yaml: coverage.postalCodes[0]: "98000" is not a French postal code: it belongs to no département'],
    ['an unknown coverage field', 'coverage:\n  villes: ["Tours"]\n', 't.yaml: coverage.villes: unknown field: expected one of departements, communes, postalCodes'],
    ['an SMS number with spaces', 'channels:\n  sms: { numbers: ["+33 7 57 00 01 01"] }\n', 't.yaml: channels.sms.numbers[0]: "+33 7 57 00 01 01" is not a phone number in E.164 format: expected "+", the country code and the number, no spaces (e.g. "+33757000001")'],
    ['an SMS number in national format', 'channels:\n  sms: { numbers: ["0757000101"] }\n', 't.yaml: channels.sms.numbers[0]: "0757000101" is not a phone number in E.164 format: expected "+", the country code and the number, no spaces (e.g. "+33757000001")'],
    ['an SMS number not valid in France', 'channels:\n  sms: { numbers: ["+33700000000"] }\n', 't.yaml: channels.sms.numbers[0]: "+33700000000" is not a valid number for its country (libphonenumber-js): check the digits'],
    ['an empty list of SMS numbers', 'channels:\n  sms: { numbers: [] }\n', 't.yaml: channels.sms.numbers: expected at least 1 item(s), found 0'],
    ['lower-case credentials', 'channels:\n  sms: { numbers: ["+33757000101"], credentials: "cvl" }\n', 't.yaml: channels.sms.credentials: "cvl" is not a credential set name: expected upper-case letters, digits and "_" (e.g. "CVL" for TWILIO_AUTH_TOKEN_CVL)'],
    ['a phone number as WhatsApp id', 'channels:\n  whatsapp: { phoneNumberIds: ["+33757000101"] }\n', 't.yaml: channels.whatsapp.phoneNumberIds[0]: "+33757000101" is not a WhatsApp phone-number id: expected digits only (the id of the number in the WhatsApp Cloud API, not the number itself)'],
    ['a WhatsApp id without quotes', 'channels:\n  whatsapp: { phoneNumberIds: [100000000000101] }\n', 't.yaml: channels.whatsapp.phoneNumberIds[0]: expected a string, found the number 100000000000101: write it in quotes (YAML reads 01200 as the number 1200)'],
    ['an upper-case Telegram path', 'channels:\n  telegram: { paths: ["Gironde"] }\n', 't.yaml: channels.telegram.paths[0]: "Gironde" is not a Telegram path: expected 2–64 lower-case letters, digits or "-" (the :path of POST /api/telegram/:path)'],
    ['an unknown channel', 'channels:\n  signal: { numbers: ["+33757000101"] }\n', 't.yaml: channels.signal: unknown field: expected one of sms, sms-ovh, sms-brevo, whatsapp, telegram'],
    ['another time zone', 'timezone: Europe/London\n', 't.yaml: timezone: expected "Europe/Paris" (the only time zone supported for now), found "Europe/London"'],
    ['a retention of 0 days', 'retentionDays: 0\n', 't.yaml: retentionDays: expected a number ≥ 1, found the number 0'],
    ['a retention over a year', 'retentionDays: 400\n', 't.yaml: retentionDays: expected a number ≤ 365, found the number 400'],
    ['a retention in half days', 'retentionDays: 2.5\n', 't.yaml: retentionDays: expected a whole number, found the number 2.5'],
    ['a retention as text', 'retentionDays: "30 jours"\n', 't.yaml: retentionDays: expected a number, found "30 jours"'],
    ['a misspelt colour field', 'branding: { primaryColour: "#123456" }\n', 't.yaml: branding.primaryColour: unknown field (did you mean "primaryColor"?): expected one of primaryColor, logoUrl, greeting'],
    ['a colour name', 'branding: { primaryColor: "bleu" }\n', 't.yaml: branding.primaryColor: "bleu" is not a colour: expected "#rrggbb", e.g. "#000091"'],
    ['an origin with a path', 'widget: { allowedOrigins: ["https://www.gironde.fr/aide"] }\n', 't.yaml: widget.allowedOrigins[0]: "https://www.gironde.fr/aide" is not an origin: expected scheme://host[:port], no path nor trailing slash (e.g. "https://www.gironde.fr")'],
    ['a privacy page over http', 'privacyUrl: "http://www.gironde.fr/donnees"\n', 't.yaml: privacyUrl: "http://www.gironde.fr/donnees" is not an https:// URL: expected the absolute https:// address of the territory\'s privacy page'],
    ['an unknown handoff mode', 'handoff: { mode: hub }\n', 't.yaml: handoff.mode: expected one of "queue", "botframework"; found "hub"'],
    ['a syntax error in the hours', 'hours: "Mo-Fr 09:00-12:00; PH of"\n', 't.yaml: hours: opening_hours: Mo-Fr 09:00-12:00; PH o <--- (Unexpected token: "o" This means that the syntax is not valid at that point or it is currently not supported.) Mo-Fr 09:00-12:00; PH of <--- (Assuming "Fr" for "f".)'],
  ];
  test.each(cases)('%s', (_name, yaml, expected) => {
    expect(problemsOf(yaml)).toEqual([expected]);
  });

  test('hours the library only reads by guessing: what it read, and what to write', () => {
    const [problem] = problemsOf('hours: "Lundi 9h-12h"\n');
    expect(problem).toMatch(/^t\.yaml: hours: opening_hours: Lundi <--- \(Please use the English abbreviation "Mo" for "lundi"\.\);/);
    expect(problem).toMatch(/; write "Mo 09:00-12:00"$/);
  });

  test('a wrong kind, and missing required fields', () => {
    expect(problemsOf('', 'id: t\nkind: region\n')).toEqual([
      't.yaml: name: required: expected a string',
      't.yaml: kind: expected one of "région", "département", "métropole", "intercommunalité", "démonstration"; found "region"',
    ]);
    expect(problemsOf('', 'id: t\nname: T\n')).toEqual([
      't.yaml: kind: required: expected one of "région", "département", "métropole", "intercommunalité", "démonstration"',
    ]);
  });

  test('every mistake of a file at once, in file order', () => {
    expect(problemsOf('coverage: { departements: ["33", "330"] }\nretentionDays: 0\nhorizon: 1\n')).toEqual([
      't.yaml: coverage.departements[1]: "330" is not a département code: expected an INSEE code "01"–"95", "2A", "2B" or "971"–"976"',
      't.yaml: retentionDays: expected a number ≥ 1, found the number 0',
      expect.stringMatching(/^t\.yaml: horizon: unknown field: expected one of id, name, kind, coverage, channels, timezone, sms, retentionDays, security, branding, widget, helpPhone, voice, bookingUrl, privacyUrl, hours, handoff$/),
    ]);
  });

  test('the mediator line of phone calls: a phone number in E.164, valid for its country', () => {
    expect(problemsOf('voice:\n  mediatorLine: "+33555000001"\n')).toEqual([]);
    expect(problemsOf('voice:\n  mediatorLine: "05 55 00 00 01"\n')).toEqual([
      't.yaml: voice.mediatorLine: "05 55 00 00 01" is not a phone number in E.164 format: expected "+", the country code and the number, no spaces (e.g. "+33757000001")',
    ]);
    expect(problemsOf('voice:\n  mediatorLine: "+33700000000"\n')).toEqual(['t.yaml: voice.mediatorLine: "+33700000000" is not a valid number for its country (libphonenumber-js): check the digits']);
    expect(problemsOf('voice:\n  line: "+33555000001"\n')[0]).toMatch(/^t\.yaml: voice\.line: unknown field/);
  });

  test('the monthly SMS budget: a whole number of segments, at least 1', () => {
    expect(problemsOf('sms: { monthlyBudget: 0 }\n')).toEqual(['t.yaml: sms.monthlyBudget: expected a number ≥ 1, found the number 0']);
    expect(problemsOf('sms: { monthlyBudget: 12.5 }\n')).toHaveLength(1);
    expect(problemsOf('sms: { monthlyBudget: 5000 }\n')).toEqual([]);
    expect(problemsOf('sms: { monthlyBudjet: 5000 }\n')).toEqual(['t.yaml: sms.monthlyBudjet: unknown field (did you mean "monthlyBudget"?): expected one of monthlyBudget']);
  });

  test('id and file name, YAML syntax, empty file', () => {
    expect(problemsOf('', 'id: gironde\nname: G\nkind: département\n', 'gironde2.yaml')).toEqual([
      'gironde2.yaml: id: "gironde" must be the file name: expected "gironde2" (or rename the file to gironde.yaml)',
    ]);
    expect(problemsOf('', 'id: t\nname: [Territoire\n')).toEqual([expect.stringMatching(/^t\.yaml: \(file\): YAML: .+ at line \d+, column \d+$/)]);
    expect(problemsOf('', '')).toEqual(['t.yaml: (file): empty file: expected a mapping with at least id, name and kind']);
  });

  test('warnings: public holidays not closed, PH rule overridden, communes without postal codes', () => {
    expect(problemsOf('hours: "Mo-Fr 09:00-17:00"\n')).toEqual([
      't.yaml: hours: warning: no "PH" rule: on public holidays mediators are expected as on any other day; add "; PH off" if they do not work then',
    ]);
    expect(problemsOf('hours: "Mo-Fr 09:00-12:00; PH off; Sa 10:00-12:00"\n')).toEqual([
      't.yaml: hours: warning: "PH off" is not the last rule: the rules after it apply on public holidays too; put it last',
    ]);
    expect(problemsOf('coverage: { communes: ["31254"] }\nhours: "24/7"\n')).toEqual([
      't.yaml: coverage.postalCodes: warning: communes are listed but no postal code: routing by postal code needs a postal-code index to use communes; list their postal codes too',
    ]);
  });

  test('a valid file keeps the defaults of the fields it leaves out', () => {
    const path = join(dir, 't.yaml');
    writeFileSync(path, BASE);
    const { territory, problems } = loadTerritoryFile(path);
    expect(problems).toEqual([]);
    expect(territory).toMatchObject({
      coverage: { departements: [], communes: [], postalCodes: [] },
      channels: {},
      timezone: 'Europe/Paris',
      hours: '24/7',
      handoff: { mode: 'queue', maxWaitMinutes: 20, leaseSeconds: 90 },
    });
    // Without retentionDays, the service-wide STATE_TTL_DAYS applies.
    expect(territory?.retentionDays).toBeUndefined();
  });
});

describe('across files: one claimant per identifier', () => {
  function write(name: string, yaml: string) {
    writeFileSync(join(dir, name), yaml);
  }
  const file = (id: string, kind: string, rest: string) => `id: ${id}\nname: ${id}\nkind: ${kind}\nhours: "24/7"\n${rest}`;
  const problems = () => loadTerritories(dir).problems.map(formatProblem);

  test('an SMS number, a WhatsApp id, a Telegram path and an origin claimed twice name both files', () => {
    write('cvl.yaml', file('cvl', 'région', 'channels:\n  sms: { numbers: ["+33757000101"] }\n  whatsapp: { phoneNumberIds: ["100000000000101"] }\n  telegram: { paths: ["centre"] }\nwidget: { allowedOrigins: ["https://www.centre-valdeloire.fr", "$PUBLIC_BASE_URL"] }\n'));
    write('gironde.yaml', file('gironde', 'département', 'channels:\n  sms: { numbers: ["+33757000109", "+33757000101"] }\n  whatsapp: { phoneNumberIds: ["100000000000101"] }\n  telegram: { paths: ["centre"] }\nwidget: { allowedOrigins: ["$PUBLIC_BASE_URL", "https://www.centre-valdeloire.fr"] }\n'));
    expect(problems()).toEqual([
      'gironde.yaml: channels.sms.numbers[1]: SMS number "+33757000101" is already claimed by cvl.yaml (channels.sms.numbers[0]): it must route to one territory',
      'gironde.yaml: channels.whatsapp.phoneNumberIds[0]: WhatsApp phone-number id "100000000000101" is already claimed by cvl.yaml (channels.whatsapp.phoneNumberIds[0]): it must route to one territory',
      'gironde.yaml: channels.telegram.paths[0]: Telegram path "centre" is already claimed by cvl.yaml (channels.telegram.paths[0]): it must route to one territory',
      'gironde.yaml: widget.allowedOrigins[1]: origin "https://www.centre-valdeloire.fr" is already claimed by cvl.yaml (widget.allowedOrigins[0]): it must route to one territory',
    ]);
  });

  test('the same number twice in one file', () => {
    write('cvl.yaml', file('cvl', 'région', 'channels:\n  sms: { numbers: ["+33757000101", "+33757000101"] }\n'));
    expect(problems()).toEqual([
      'cvl.yaml: channels.sms.numbers[1]: SMS number "+33757000101" is already listed at channels.sms.numbers[0]: it must route to one territory',
    ]);
  });

  test('communes and postal codes claimed twice', () => {
    write('a.yaml', file('a', 'intercommunalité', 'coverage: { communes: ["31254"], postalCodes: ["31670"] }\n'));
    write('b.yaml', file('b', 'intercommunalité', 'coverage: { communes: ["31254"], postalCodes: ["31670"] }\n'));
    expect(problems()).toEqual([
      'b.yaml: coverage.communes[0]: commune "31254" is already claimed by a.yaml (coverage.communes[0]): it must route to one territory',
      'b.yaml: coverage.postalCodes[0]: postal code "31670" is already claimed by a.yaml (coverage.postalCodes[0]): it must route to one territory',
    ]);
  });

  test('a département: a région and one of its départements may share it; two territories of the same size may not', () => {
    write('nouvelle-aquitaine.yaml', file('nouvelle-aquitaine', 'région', 'coverage: { departements: ["33", "24", "17"] }\n'));
    write('gironde.yaml', file('gironde', 'département', 'coverage: { departements: ["33"] }\n'));
    expect(problems()).toEqual([]);
    write('bordeaux-bis.yaml', file('bordeaux-bis', 'département', 'coverage: { departements: ["33"] }\n'));
    expect(problems()).toEqual([
      'gironde.yaml: coverage.departements[0]: département "33" is also covered by bordeaux-bis.yaml, which covers as many départements (1): a postal code of "33" could go to either; the more specific territory must cover fewer départements',
    ]);
  });

  test('duplicate ids (a .yaml and a .yml file)', () => {
    write('creuse.yaml', file('creuse', 'département', ''));
    write('creuse.yml', file('creuse', 'département', ''));
    expect(problems()).toEqual(['creuse.yml: id: duplicate id "creuse": also the id of creuse.yaml']);
  });

  test('the registry refuses the same problems, and a DEFAULT_TERRITORY without a file', () => {
    write('demo.yaml', file('demo', 'démonstration', 'channels:\n  sms: { numbers: ["+33757000101"] }\n'));
    write('cvl.yaml', file('cvl', 'région', 'channels:\n  sms: { numbers: ["+33757000101"] }\n'));
    expect(() => TerritoryRegistry.load(dir, 'http://localhost:3978')).toThrow(
      'invalid territory configuration (run pasapas validate):\ndemo.yaml: channels.sms.numbers[0]: SMS number "+33757000101" is already claimed by cvl.yaml (channels.sms.numbers[0]): it must route to one territory',
    );
    const t = (id: string) => Territory.parse({ id, name: id, kind: 'département', channels: { telegram: { paths: ['meme'] } } });
    expect(() => new TerritoryRegistry([t('demo'), t('creuse')], 'http://localhost:3978')).toThrow(TerritoryConfigError);
    expect(() => new TerritoryRegistry([Territory.parse({ id: 'creuse', name: 'C', kind: 'département' })], 'http://localhost:3978')).toThrow(
      'DEFAULT_TERRITORY "demo" has no file in config/territories/',
    );
    expect(() =>
      new TerritoryRegistry([Territory.parse({ id: 'creuse', name: 'C', kind: 'département' })], 'http://localhost:3978', { defaultTerritory: 'creuse' }),
    ).not.toThrow();
  });
});
