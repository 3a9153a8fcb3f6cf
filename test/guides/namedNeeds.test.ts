import { loadGuides } from '../../src/guides/loader';
import { missingAtStep, namedNeeds } from '../../src/guides/dialogs/namedNeeds';
import { otherThanYes } from '../../src/guides/dialogs/plainNo';
import { DIALOGS_DIR } from '../../src/paths';

const { catalog } = loadGuides(DIALOGS_DIR);
const passport = catalog.get('ants-identite')!;
const tax = catalog.get('impots-declaration')!;

describe('namedNeeds: the prerequisites a message names as missing or there', () => {
  it.each([
    ['il me manque la photo', 3],
    ['jai pas de timbre fiscal', 2],
    ['g pa de fotos', 3],
    ['jai pas de compte ants', 0],
    ['il me faut encore la photo', 3],
  ])('fr %s: missing', (text, i) => {
    expect(namedNeeds(text, passport, 'fr')?.missing).toEqual([i]);
  });

  it.each([
    ['i dont have the ants account', 0],
    ['i am missing the photo', 3],
    ['no photo yet', 3],
    ['i still need the photo', 3],
  ])('en %s: missing', (text, i) => {
    expect(namedNeeds(text, passport, 'en')?.missing).toEqual([i]);
  });

  it('"j\'ai mon numéro fiscal mais pas le mot de passe": the tax number is there, nothing named missing', () => {
    expect(namedNeeds('jai mon numero fiscal mais pas le mot de passe', tax, 'fr')).toEqual({ missing: [], present: [0] });
  });

  it('"j\'ai tout sauf la photo": the photo missing, everything else there', () => {
    expect(namedNeeds("j'ai tout sauf la photo", passport, 'fr')).toEqual({ missing: [3], present: [0, 1, 2] });
  });

  it('"pas d\'ordi juste mon portable", "je n\'ai qu\'un portable": the mobile is there, not missing', () => {
    const caf = catalog.get('caf-aide-logement')!;
    const email = caf.guide.needs.findIndex((n) => /portable/.test(n.text.fr));
    expect(namedNeeds("jai pas d'ordi juste mon portable", caf, 'fr')?.missing ?? []).not.toContain(email);
    expect(namedNeeds("je n'ai qu'un portable", caf, 'fr')?.missing ?? []).not.toContain(email);
  });

  it('vague words and the guide\'s title name nothing', () => {
    expect(namedNeeds('il me manque des papiers pour le passeport', passport, 'fr')).toBeUndefined();
    expect(namedNeeds('non', passport, 'fr')).toBeUndefined();
  });
});

describe('missingAtStep: a prerequisite said missing at a question about something else', () => {
  const step = (id: string) => tax.guide.steps.find((s) => s.id === id)!;

  it('"je trouve pas mon numéro fiscal" at "Vous avez déjà un espace ?": the tax number, even read as "Non, je le crée"', () => {
    expect(missingAtStep('je trouve pas mon numero fiscal', tax, step('espace'), 'fr')).toEqual([0]);
    expect(missingAtStep('je trouve pas mon numero fiscal', tax, step('espace'), 'fr', 'Non, je le crée')).toEqual([0]);
  });

  it('"i cant find my tax number": a title word ("tax") counts beside another word', () => {
    expect(missingAtStep('i cant find my tax number', tax, step('espace'), 'en')).toEqual([0]);
  });

  it('not at the step that asks for it: its own answers are for that ("Je n\'ai pas ces numéros")', () => {
    expect(missingAtStep('je trouve pas mon numero fiscal', tax, step('identifiants'), 'fr')).toEqual([]);
  });

  it('not a price question, and not a near word instead of a bare no ("facteur" is not "facture")', () => {
    expect(missingAtStep('faut sortir la cb ?', passport, passport.guide.steps[1], 'fr')).toEqual([]);
    const energy = catalog.get('cheque-energie')!;
    expect(missingAtStep('le facteur me l a jamais apporte', energy, energy.guide.steps[0], 'fr', 'Non, je ne l\'ai pas')).toEqual([]);
  });
});

describe('otherThanYes: a bare no at a question with several other answers', () => {
  const options = [
    { key: '1', label: 'Oui', value: 'next', role: 'yes' as const },
    { key: '2', label: 'Ma photo est refusée', value: 'photo' },
    { key: '3', label: 'On me demande de payer', value: 'pay' },
    { key: '4', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' as const },
  ];
  it('"nan", "pas encore" → the answers other than yes', () => {
    expect(otherThanYes('nan', options)?.map((o) => o.key)).toEqual(['2', '3', '4']);
    expect(otherThanYes('pas encore', options)?.map((o) => o.key)).toEqual(['2', '3', '4']);
  });
  it('not a sentence, not a question with one other answer', () => {
    expect(otherThanYes('non la photo passe pas', options)).toBeUndefined();
    expect(otherThanYes('non', [options[0], options[1], options[3]])).toBeUndefined();
  });
});
