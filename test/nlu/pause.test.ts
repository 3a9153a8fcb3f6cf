/**
 * Time, not an answer (src/nlu/pause.ts, task nlu12a): a wait in any words, a reminder asked by a day (not a call
 * back), "un truc pour la CAF mais je sais pas quoi" (the CAF's guides, not what the CAF is); and the look-alikes
 * of lost, gone and dead that are no feeling and no death.
 */
import { detectSignals } from '../../src/nlu/signals';

const kinds = (text: string) => detectSignals(text).map((s) => s.kind);
const strength = (text: string, kind: string) => detectSignals(text).find((s) => s.kind === kind)?.strength;

describe('a wait, in any words', () => {
  test.each([
    'attendez je reviens', 'un instant', 'un petit instant svp', '2 min', '5mn', 'deux secondes', 'jreviens', 'bouge pas', 'ne bougez pas',
    'attend jregarde dans mon tiroir', 'patientez svp je mets mes lunettes', 'deux secondes je vais chercher mon mot de passe', 'une minute',
    'je reviens tout de suite', 'ok attendez un instant', 'hold on', 'hang on a sec', 'wait a minute', 'one sec', 'just a moment please', 'minute papillon', 'un ptit moment', "un p'tit instant", 'hang on i need my glasses', 'attendé jcherche mon numero de secu', 'un moment svp faut que je retrouve mon identifiant',
    "wait a minute i'm looking for my papers", 'give me a minute', 'brb',
    'une seconde svp jai le telephone qui sonne', 'attendez on sonne', 'un instant je dois repondre', 'hold on someone is at the door',
  ])('%s', (text) => expect(strength(text, 'wait')).toBe('strong'));

  test.each(['je cherche mes papiers', 'je vais chercher ma carte vitale', "i'm looking for my letter"])('busy finding it: %s', (text) =>
    expect(strength(text, 'wait')).toBe('weak'));

  test.each([
    "j'attends toujours mon code depuis une semaine", "attendez j'ai pas compris la question", 'je reviens demain', 'je reviendrai plus tard',
    'i am waiting for my card', 'wait what is franceconnect', '2 min j ai pas de numero fiscal', 'on sonne', 'attente de 2 mois', '2', 'je cherche un lieu pres de chez moi',
  ])('no wait: %s', (text) => expect(kinds(text)).not.toContain('wait'));
});

describe('a reminder asked for, by a day', () => {
  test.each([
    'rappelle-moi le 28', 'rappelez moi demain', 'tu peux me le rappeler lundi', 'vous pouvez me le rappeler le 1er', 'faites moi penser a le faire le 28',
    'mettez moi un rappel pour le 28', 'pouvez vous me prevenir le 28', 'previens moi lundi', 'envoyez moi un sms le 28', 'remind me on the 28th', 'can you remind me on monday', 'send me a reminder next week',
  ])('%s', (text) => expect(kinds(text)).toContain('remind'));

  test.each([
    'rappelez moi sur mon portable c plus simple', 'rappelez moi demain a 14h', 'vous pouvez me rappeler svp', 'je veux qu un conseiller me rappelle lundi',
    'call me back tomorrow please', 'mes rappels', 'le rappel de la caf est arrive',
  ])('a call back or no reminder: %s', (text) => expect(kinds(text)).not.toContain('remind'));
});

describe('something to do for an organisation, not known what', () => {
  test.each([
    ['un truc pour la caf mais je sais pas quoi', 'caf'],
    ['jdoi fair un truc pr la caf jsp koi', 'caf'],
    ['g 1 truc a fer pr la caf jsp koi', 'caf'],
    ['jdois faire qqch pour les impots jsp quoi', 'impots'],
    ['je dois faire une demarche a la caf mais je sais pas laquelle', 'caf'],
    ['something for the caf but i dont know what', 'caf'],
    ['i have to do a thing for the caf not sure what', 'caf'],
    ['la caf me demande un truc mais je comprends pas quoi', 'caf'],
    ['les impots m ont envoye un truc je sais pas quoi', 'impots'],
    ['je dois faire un truc sur le site de la caf je ne sais pas quoi', 'caf'],
    ['the tax office wants something from me but i dont know what', 'tax office'],
  ])('%s', (text, subject) => {
    const s = detectSignals(text);
    expect(s.find((x) => x.kind === 'vague')?.subject).toBe(subject);
    expect(s.map((x) => x.kind)).not.toContain('whatis');
  });

  test.each(["c'est quoi la caf", 'je sais pas quoi faire', 'un truc pour la caf'])('not vague: %s', (text) => expect(kinds(text)).not.toContain('vague'));
});

describe('lost, gone, dead: no feeling of anger, no death', () => {
  test.each(['je la trouve nulle part', 'je le trouve nul part', 'introuvable, je la vois nul part'])('cannot find it: %s', (text) =>
    expect(detectSignals(text).find((s) => s.kind === 'distress')).toBeUndefined());
  test.each(['ma mere est partie en maison de retraite', 'mon pere est parti en ehpad', 'mon ordinateur est mort', 'mon ordi a planté'])('no death: %s', (text) =>
    expect(kinds(text)).not.toContain('bereavement'));
  test.each(['mon ordi est mort', 'mon pc a planté et il redemarre plus', 'mon telephone ne s allume plus', 'my laptop died', 'my computer crashed'])(
    'no computer for now: %s',
    (text) => expect(kinds(text)).toContain('no-computer'),
  );
  test('a site that crashes is no missing computer', () => expect(kinds('le site a planté')).not.toContain('no-computer'));
});

describe('"attends" alone is a hesitation, with a reason a wait', () => {
  test.each(['attends', 'euh attendez', 'ben attends', 'attendez hein'])('%s', (text) => expect(kinds(text)).not.toContain('wait'));
  test.each(['attendez je reviens', 'attends je cherche', 'attendez moi', 'attends un peu'])('%s', (text) => expect(kinds(text)).toContain('wait'));
});

describe('back after a wait: the question again, not a yes', () => {
  test.each(['me revoila', "c'est bon je suis là", 'voila je suis revenue', 're', "i'm back", 'rebonjour on continue'])('%s', (text) => expect(kinds(text)).toContain('back'));
  test.each(["c'est bon", 'je suis la pour ma carte grise', 'ok', 'je suis perdue'])('not back: %s', (text) => expect(kinds(text)).not.toContain('back'));
});
