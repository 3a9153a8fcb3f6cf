import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGuides } from '../../src/guides/loader';
import { DIALOGS_DIR } from '../../src/paths';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../../src/nlu/fuzzyRouter';
import { SYSTEM_INTENTS } from '../../src/nlu/router';

const { catalog } = loadGuides(DIALOGS_DIR);
const router = new FuzzyRouter(catalog, join(DIALOGS_DIR, SYSTEM_INTENTS_FILE));

/** Clear cases: the router must be right and confident. Guides not (yet) in dialogs/ are skipped. */
const CLEAR: Array<[string, string, 'fr' | 'en']> = [
  ['je nai pas dadresse mail', 'email-creer', 'fr'],
  ["j'ai oublié mon mot de passe", 'mot-de-passe-oublie', 'fr'],
  ['c koi france connect', 'franceconnect', 'fr'],
  ['jarrive pa a faire ma declaration dimpot', 'impots-declaration', 'fr'],
  ['creer mon compte ameli', 'ameli-compte', 'fr'],
  ['attestation de droits ameli', 'ameli-attestation', 'fr'],
  ["prime d'activité", 'caf-prime-activite', 'fr'],
  ['demande apl', 'caf-aide-logement', 'fr'],
  ['minscrire a pole emploi', 'france-travail-inscription', 'fr'],
  ['actu pole emploi', 'france-travail-actualisation', 'fr'],
  ['jai perdu ma carte didentite', 'ants-identite', 'fr'],
  ['changement de titulaire carte grise', 'ants-carte-grise', 'fr'],
  ['permis de conduire perdu', 'ants-permis', 'fr'],
  ['acte de naissance', 'acte-naissance', 'fr'],
  ['comment scanner un document', 'documents-scanner', 'fr'],
  ['cheque energie', 'cheque-energie', 'fr'],
  ['demander ma retraite', 'retraite-demande', 'fr'],
  ['complementaire sante solidaire', 'complementaire-sante', 'fr'],
  ['je veux parler a un conseiller', 'mediateur', 'fr'],
  ['ou trouver de l aide pres de chez moi', 'aide-proximite', 'fr'],
  ['c quoi le pass numerique', 'pass-numerique', 'fr'],
  ['je veux apprendre a utiliser un ordinateur', 'apprendre', 'fr'],
  ['supprimez mes donnees', 'effacer-donnees', 'fr'],
  ['I forgot my password', 'mot-de-passe-oublie', 'en'],
  ['how do I file my tax return online', 'impots-declaration', 'en'],
  ['I want to talk to a real person', 'mediateur', 'en'],
  ['delete my data', 'effacer-donnees', 'en'],
  // Already retired, asking about the job seeker's formality: not an application for a pension (routeGuards.ts).
  ["i'm retired, do i still need to do my france travail update?", 'france-travail-actualisation', 'en'],
  ['je suis retraitée, je veux demander ma retraite complémentaire', 'retraite-demande', 'fr'],
];

const known = (intent: string) => catalog.get(intent) !== undefined || (SYSTEM_INTENTS as readonly string[]).includes(intent);

describe('FuzzyRouter', () => {
  it.each(CLEAR.filter(([, intent]) => known(intent)))('%s → %s', (text, intent, locale) => {
    const r = router.route(text, locale);
    expect(r.intent).toBe(intent);
    expect(r.score).toBeGreaterThanOrEqual(0.6);
  });

  it.each([
    ['quel temps il fera demain', 'fr'],
    ['raconte moi une blague', 'fr'],
    ['recette de la blanquette', 'fr'],
    ['tell me a joke', 'en'],
  ] as const)('out of scope: %s → none', (text, locale) => {
    expect(router.route(text, locale).intent).toBe('none');
  });

  it('says "none" for empty or meaningless input', () => {
    expect(router.route('', 'fr').intent).toBe('none');
    expect(router.route('?!', 'fr').intent).toBe('none');
    expect(router.route('le la les de', 'fr').intent).toBe('none');
  });

  it('returns calibrated scores, best first, with at least 3 alternatives', () => {
    const r = router.route('pole emploi', 'fr');
    const all = [r, ...r.alternatives];
    expect(r.alternatives.length).toBeGreaterThanOrEqual(3);
    for (const s of all) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < all.length; i += 1) expect(all[i - 1].score).toBeGreaterThanOrEqual(all[i].score);
    expect(new Set(all.map((s) => s.intent)).size).toBe(all.length);
    const sum = all.reduce((acc, s) => acc + s.score, 0);
    expect(sum).toBeLessThanOrEqual(1.01);
  });

  it('is unsure between two close intents, and offers both', () => {
    const r = router.route('france travail', 'fr');
    expect(r.score).toBeLessThan(0.75);
    expect([r.intent, r.alternatives[0].intent].sort()).toEqual(['france-travail-actualisation', 'france-travail-inscription']);
  });

  it('uses the guides it is given: an unknown catalog has only system intents', () => {
    const { catalog: empty } = loadGuides(join(__dirname, '..', 'fixtures', 'dialogs'));
    const small = new FuzzyRouter(empty, join(DIALOGS_DIR, SYSTEM_INTENTS_FILE));
    expect(small.route('je veux parler a un conseiller', 'fr').intent).toBe('mediateur');
    expect(small.route('cheque energie', 'fr').intent).not.toBe('cheque-energie');
  });

  it('rejects a system-intents file with an unknown intent, and a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasapas-nlu-'));
    const file = join(dir, SYSTEM_INTENTS_FILE);
    writeFileSync(file, 'intents:\n  meteo:\n    title: { fr: "Météo", en: "Weather" }\n    phrasings: { fr: ["il pleut"], en: ["rain"] }\n');
    expect(() => new FuzzyRouter(catalog, file)).toThrow(/meteo/);
    expect(() => new FuzzyRouter(catalog, join(dir, 'missing.yaml'))).toThrow();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('an organisation\'s account and a request for help around the need', () => {
  const CAF = ['caf-aide-logement', 'caf-prime-activite', 'caf-declaration-trimestrielle'];

  it.each([
    ['jai besoin d aide pour mon compte caf', 'fr'],
    ['mon compte caf', 'fr'],
    ['i need help with my caf account', 'en'],
  ] as const)('%s: the CAF\'s formalities, never Ameli nor the housing aid for its word "aide"', (text, locale) => {
    const r = router.route(text, locale);
    expect([r.intent, ...r.alternatives.slice(0, 1).map((a) => a.intent)].every((i) => CAF.includes(i))).toBe(true);
  });

  it('"j\'ai ma carte vitale, je veux faire mon compte": not the lost card', () => {
    expect(router.route("je viens d'arriver en france j'ai ma carte vitale, je veux faire mon compte de la securite sociale sur internet", 'fr').intent).toBe('ameli-compte');
    expect(router.route("j'ai ma carte vitale mais elle est cassée", 'fr').intent).toBe('carte-vitale-perdue');
  });

  it.each([
    ["j'arrive pas à me connecter", 'fr'],
    ['je narrive pas a me connecter sur ameli', 'fr'],
    ['impossible de me connecter a la caf', 'fr'],
    ['connexion impossible sur france travail', 'fr'],
    ['je narive pa a me conecter', 'fr'],
    ['i cant log in to ameli', 'en'],
  ] as const)('"%s": a login refused is the forgotten-password guide (it asks which site), not FranceConnect', (text, locale) => {
    expect(router.route(text, locale).intent).toBe('mot-de-passe-oublie');
  });

  it('a login trouble beside a formality leaves it to that guide; FranceConnect named stays FranceConnect', () => {
    expect(router.route("je n'arrive pas à me connecter pour faire ma déclaration d'impôts", 'fr').intent).toBe('impots-declaration');
    expect(router.route('je narrive pas a me connecter avec france connect', 'fr').intent).toBe('franceconnect');
  });

  it('"j\'ai déjà France Connect" beside a formality: the formality, FranceConnect being only the way in', () => {
    expect(router.route('je dois declarer mes impots et j ai deja france connect avec ameli', 'fr').intent).toBe('impots-declaration');
    expect(router.route('j ai france connect mais ca marche pas', 'fr').intent).toBe('franceconnect');
  });
});
