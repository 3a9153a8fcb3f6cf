import { normalize, phoneticFr, splitElision, stemFr, words } from '../../src/nlu/normalize';

describe('normalize (French)', () => {
  it('folds case and accents and drops stop words', () => {
    expect(normalize('Déclarer MES IMPÔTS', 'fr')).toEqual(['declar', 'impot']);
  });

  it('splits elisions, with or without the apostrophe', () => {
    expect(words("l'attestation d’affiliation", 'fr')).toEqual(['l', 'attestation', 'd', 'affiliation']);
    expect(words('jai', 'fr')).toEqual(['j', 'ai']);
    expect(words('jarrive', 'fr')).toEqual(['j', 'arrive']);
    expect(words('dimpot', 'fr')).toEqual(['d', 'impot']);
    expect(words('lameli', 'fr')).toEqual(['l', 'ameli']);
    expect(words('minscrire', 'fr')).toEqual(['m', 'inscrire']);
  });

  it('splits a glued elision only when the rest is a known word', () => {
    const lexicon = new Set(['activite', 'dossier']);
    expect(splitElision('dactivite', lexicon)).toEqual(['d', 'activite']);
    expect(splitElision('dossier', lexicon)).toEqual(['dossier']);
    expect(splitElision('demande', lexicon)).toEqual(['demande']);
    expect(splitElision('mari', lexicon)).toEqual(['mari']);
  });

  it('expands SMS spellings', () => {
    expect(words('jarrive pa', 'fr')).toEqual(['j', 'arrive', 'pas']);
    expect(words('c koi', 'fr')).toEqual(['quoi']);
    expect(words('jsp', 'fr')).toEqual(['je', 'sais', 'pas']);
    expect(words('bcp de pb svp', 'fr')).toEqual(['beaucoup', 'de', 'probleme', 'svp']);
    expect(words('tjr', 'fr')).toEqual(['toujours']);
    expect(words('jveu', 'fr')).toEqual(['je', 'veux']);
  });

  it('reads "je sais pas comment on fait" written by ear or as an SMS like the written words ("c bon" stays)', () => {
    const written = words('je sais pas comment on fait', 'fr');
    for (const sms of ['jsai pa cmt on fai', 'je c pa coment on fai', 'jcp cmnt on fait', 'j c pas comen on fai']) expect(words(sms, 'fr')).toEqual(written);
    expect(words('c bon', 'fr')).toEqual(['c', 'est', 'bon']);
  });

  it('unifies multi-word names and their spellings', () => {
    expect(normalize('mdp', 'fr')).toEqual(normalize('mot de passe', 'fr'));
    expect(normalize('pol emploi', 'fr')).toEqual(normalize('France Travail', 'fr'));
    expect(normalize('e-mail', 'fr')).toEqual(normalize('mail', 'fr'));
    expect(normalize('france conect', 'fr')).toEqual(normalize('FranceConnect', 'fr'));
  });

  it('gives one stem to a word family', () => {
    const stems = ['déclarer', 'declaration', 'déclare', 'déclarez', 'declarations'].map((w) => stemFr(words(w, 'fr')[0]));
    expect(new Set(stems)).toEqual(new Set(['declar']));
    expect(stemFr('impots')).toBe(stemFr('impot'));
    expect(stemFr('inscription')).toBe(stemFr('inscrire'));
    expect(stemFr('actualisation')).toBe(stemFr('actualiser'));
  });

  it('gives sound-alike spellings one phonetic key', () => {
    expect(phoneticFr(stemFr('retrete'))).toBe(phoneticFr(stemFr('retraite')));
    expect(phoneticFr('kart')).toBe(phoneticFr('carte'));
  });

  it('reads "je suis retraitée" as a description, not a request about retirement', () => {
    expect(normalize('je suis retraitée', 'fr')).toEqual(['senior']);
  });

  it('reads a care home as a place to live, and "parti en …" as a move, not the pension or a death', () => {
    const said = normalize('mon mari est parti en maison de retraite', 'fr');
    expect(said).toContain('ehpad');
    expect(said).not.toContain(stemFr('retraite'));
    expect(said).not.toContain(stemFr('parti'));
    expect(normalize('mon mari est parti', 'fr')).toContain(stemFr('parti'));
  });
});

describe('normalize (English)', () => {
  it('handles contractions, SMS spellings and plurals', () => {
    expect(normalize("I can't find my passwords", 'en')).toEqual(['find', 'password']);
    expect(normalize('u r my pwd pls', 'en')).toEqual(['password']);
    expect(normalize('registering', 'en')).toEqual(normalize('registered', 'en'));
  });
});
