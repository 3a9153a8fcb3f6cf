/**
 * The usual helper and the helper gone (src/nlu/usualHelper.ts), money owed (src/nlu/moneyOwed.ts) and "je sais pas
 * par où commencer" (src/nlu/whereToStart.ts), in the citizen's spelling.
 */
import { plainText } from '../../src/nlu/plainText';
import { helperGone, usualHelper } from '../../src/nlu/usualHelper';
import { debtTopic, moneyOwed } from '../../src/nlu/moneyOwed';
import { asksWhereToStart } from '../../src/nlu/whereToStart';
import { withoutFraming } from '../../src/nlu/framing';

describe('usualHelper', () => {
  it.each([
    "mon fils fait tout d'habitude", "c'est ma fille qui fait ça", "d'habitude c'est ma voisine qui m'aide pour les papiers",
    'cé ma fille ki fé tou sa dabitude', "mon mari faisait tout ça avant", "ma nièce s'occupait de mes papiers",
    "normalement c'est mon mari", "mon fils le fait d'habitude", 'my son usually does it', "it's my daughter who does all that", 'my husband used to handle all the paperwork',
  ])('%s', (text) => expect(usualHelper(plainText(text))).toBe(true));

  it.each([
    "mon fils fait mes courses d'habitude", 'mon fils fait ses devoirs', "ma fille est à côté de moi, elle peut m'aider",
    "mon neveu pourrait le faire pour moi", "c'est mon mari", "c'est ma fille qui a appelé", "je fais les papiers de ma mère", "ma fille m'a créé un compte ameli",
    'my son is next to me',
  ])('not: %s', (text) => expect(usualHelper(plainText(text))).toBe(false));
});

describe('helperGone', () => {
  it.each([
    'il est parti', 'elle a déménagé', 'elle est plus là', "il n'est pas là", 'elle peut plus', 'il est décédé en mars',
    'elle habite loin', 'il travaille', "elle a pas le temps", 'he moved away', 'she passed away', "he isn't here",
  ])('%s', (text) => expect(helperGone(plainText(text))).toBe(true));

  it.each(['elle est là avec moi', 'il est gentil', 'oui', 'my son is next to me'])('not: %s', (text) =>
    expect(helperGone(plainText(text))).toBe(false),
  );
});

describe('moneyOwed', () => {
  it.each([
    ['je peux pas payer', 'cannot'], ['jpeu pa payé', 'cannot'], ["j'ai pas les moyens de payer", 'cannot'],
    ['g pa lé sou pour payé', 'cannot'], ['je peux pas la payer', 'cannot'], ["I can't afford it", 'cannot'],
    ['la caf me demande de rembourser 800 euros je peux pas', 'cannot'],
    ['ils me demande de payer 300 euros', 'asked'], ['ils veulent que je paye 450 euros', 'asked'],
    ['je dois rendre 400 euros', 'asked'], ['un trop perçu de la caf', 'asked'], ['they want me to pay 300 euros', 'asked'], ['ils veulent 300 balles', 'asked'],
  ])('%s → %s', (text, owed) => expect(moneyOwed(plainText(text))).toBe(owed));

  it.each([
    'je peux pas payer en ligne', 'je peux pas payer par carte sur le site', "j'ai peur de me tromper et d'avoir une amende",
    'je dois payer mes impôts', 'oui', 'combien ça coûte',
  ])('not: %s', (text) => expect(moneyOwed(plainText(text))).toBeUndefined());

  it.each([
    ['un courrier des impôts', 'taxes'], ['le trésor public', 'taxes'], ['un trop-perçu', 'caf'], ['la caf', 'caf'],
    ['une amande de 135 euro', 'fine'], ['ma facture edf', 'bill'], ['mon loyer', 'bill'], ['the tax office', 'taxes'],
  ])('%s is about %s', (text, topic) => expect(debtTopic(plainText(text))).toBe(topic));
});

describe('asksWhereToStart', () => {
  it.each([
    'je sais pas par où commencer', 'je sais pas comment on fait', 'jsai pa par ou commencé', 'je sais pas trop comment faire',
    'par quoi on commence ?', "j'ai jamais fait ça", "I don't know where to start", 'how do I even start',
  ])('%s', (text) => expect(asksWhereToStart(text)).toBe(true));

  it.each(['je sais pas', 'oui', 'plus tard', 'je suis bloqué', "je sais pas où est mon numéro fiscal"])('not: %s', (text) =>
    expect(asksWhereToStart(text)).toBe(false),
  );
});

describe('how long ago is not the need (src/nlu/framing.ts)', () => {
  it.each([
    ['je suis veuve depuis 3 semaines', 'je suis veuve'],
    ["ça fait 2 mois que j'attends ma carte vitale", 'que j attends ma carte vitale'],
    ['I became a widow 3 weeks ago', 'i became a widow'],
  ])('%s → %s', (text, rest) => expect(withoutFraming(text)).toBe(rest));

  it('keeps the months that name a formality', () => {
    expect(withoutFraming('mes revenus des 3 derniers mois')).toBe('mes revenus des 3 derniers mois');
  });
});
