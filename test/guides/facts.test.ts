/**
 * Plain facts (dialogs/_facts.yaml): the most specific subject wins, real prices are known, the file is
 * checked like a guide.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amountIn, isRealPrice } from '../../src/guides/facts';
import { loadFacts, loadGuides } from '../../src/guides/loader';
import { DIALOGS_DIR } from '../../src/paths';

const { catalog, problems } = loadGuides(DIALOGS_DIR);
const facts = catalog.facts;

describe('the fact a message asks about', () => {
  test.each([
    ['un passeport c est payant ?', 'prix-passeport'],
    ["they ask 17 euros for my daughter's passport", 'prix-passeport-enfant'],
    ['carte d identite perdue, un timbre de 25 euros', 'prix-carte-identite'],
    ['refaire un permis perdu ça coute combien ?', 'prix-permis'],
  ])('price: %s → %s', (text, id) => {
    const locale = /[a-z]+ [a-z]+ \d+ euros for/.test(text) ? 'en' : 'fr';
    expect(facts.find({ text, locale, kind: 'price' })?.id).toBe(id);
  });

  test('a free formality is found through the guide the message names', () => {
    expect(facts.find({ text: "l'inscription c'est payant ?", locale: 'fr', kind: 'price', guideId: 'france-travail-inscription' })?.free).toBe(true);
  });

  test('words: the 33700, the ANTS', () => {
    expect(facts.find({ text: '33700', locale: 'fr', kind: 'term' })?.id).toBe('numero-33700');
    expect(facts.find({ text: "l'ANTS", locale: 'fr', kind: 'term' })?.id).toBe('ants');
    expect(facts.find({ text: 'banane', locale: 'fr', kind: 'term' })).toBeUndefined();
  });

  test.each([
    ['identifiant fiscal', 'numero-fiscal'],
    ['numero acces en ligne', 'numero-fiscal'],
    ['pole emploi', 'france-travail'],
    ['ameli', 'ameli'],
    ['bulletin de salaire', 'fiche-paie'],
    ['code ephoto', 'code-photo'],
  ])('words: "%s" → %s (the most specific fact, not a generic word)', (text, id) => {
    expect(facts.find({ text, locale: 'fr', kind: 'term' })?.id).toBe(id);
  });

  test("an organisation's guides all exist", () => {
    const offers = facts.all().filter((f) => f.offers);
    expect(offers.map((f) => f.id)).toEqual(expect.arrayContaining(['ameli', 'france-travail', 'caf', 'ants']));
    for (const f of offers) for (const id of f.offers!) expect(catalog.get(id)).toBeDefined();
  });
});

describe('real prices', () => {
  const passport = facts.all().find((f) => f.id === 'prix-passeport')!;
  const c2s = facts.all().find((f) => f.id === 'prix-c2s')!;
  const free = facts.all().find((f) => f.free)!;
  test('the official amount is real; another amount, or any amount for a free formality, is not', () => {
    expect(isRealPrice(passport, 86)).toBe(true);
    expect(isRealPrice(passport, 150)).toBe(false);
    expect(isRealPrice(c2s, 25)).toBe(true);
    expect(isRealPrice(c2s, 45)).toBe(false);
    expect(isRealPrice(free, 29)).toBe(false);
  });
  test('amounts are read in the ways people write them', () => {
    expect(amountIn('on me demande 86 euros')).toBe(86);
    expect(amountIn('25€ c normal')).toBe(25);
    expect(amountIn('8,50 eur')).toBe(8.5);
    expect(amountIn('dans 2 mois')).toBeUndefined();
  });
});

describe('the file is checked', () => {
  test('the project file loads without problems', () => {
    expect(problems.filter((p) => p.file === '_facts.yaml')).toEqual([]);
  });
  test('a fact without `about` or `guides` is an error, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    const file = join(dir, '_facts.yaml');
    writeFileSync(file, 'facts:\n  - id: x\n    kind: term\n    says: { fr: "a", en: "b" }\n');
    const r = loadFacts(file);
    expect(r.problems[0]?.message).toMatch(/about/);
    expect(r.facts.find({ text: 'x', locale: 'fr' })).toBeUndefined();
  });
});
