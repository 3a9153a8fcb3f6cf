/**
 * The price asked inside a guide, in the citizen's spelling (src/nlu/priceAsk.ts).
 */
import { asksBenefitAmount, asksPrice } from '../../src/nlu/priceAsk';

describe('asksPrice', () => {
  it.each([
    'c combien', 'cé combien ?', "c'est combien", 'ça coûte combien', 'combien sa coute', 'kombien ça coute', 'ca coute cher ?',
    'c payant ?', "c'est payant", 'est ce que c est gratuit', 'c gratuit ?', 'faut payer kelke chose ?', 'je dois payer ?',
    'il faut payer ?', 'on paye ?', 'y a des frais ?', 'quel est le prix', 'combien d euros', "c'est cher ?", 'combien',
    'faut sortir la cb ?', 'ya des frai ?', 'c gratos ?', 'ca va me couter combien', 'on doit payer combien',
    'combien je dois payer', 'combien on paye pour la carte', 'how much do i have to pay',
    'how much is it', 'how much does it cost', 'is it free?', 'do i have to pay something', 'what is the price', 'any fees?',
  ])('%s', (text) => {
    expect(asksPrice(text)).toBe(true);
  });

  it.each([
    'combien de temps ça prend', 'combien de jours', 'combien de papiers il faut', "j'ai payé", 'je peux pas payer en ligne',
    'on me demande 39 euros', 'ok c est gratuit', "d'accord merci c'est payant", 'je paye par carte', 'how long does it take',
    'oui', 'je suis bloqué', "j'ai pas reçu le code", 'sa carte grise',
    "je sais pas combien j'ai gagné", 'combien je vais toucher', 'combien ils vont me verser', 'how much did i earn',
  ])('not: %s', (text) => {
    expect(asksPrice(text)).toBe(false);
  });
});

describe('asksBenefitAmount: the amount of a benefit, received — not a price', () => {
  it.each(["le rsa c'est combien par mois", 'c combien la prime', 'l apl ca fait combien', 'how much is the housing benefit', 'combien pour la retraite de reversion'])(
    '%s: an amount asked, never "C\'est gratuit"',
    (text) => {
      expect(asksBenefitAmount(text)).toBe(true);
      expect(asksPrice(text)).toBe(false);
    },
  );

  it.each(['la prime c payant ?', 'c combien', 'combien coute la demande de rsa', 'le timbre c combien'])('%s: a price (or no benefit named)', (text) => {
    expect(asksBenefitAmount(text)).toBe(false);
  });
});
