/** The number writing (SMS, WhatsApp), offered for a callback: masked when shown, understood in the citizen's words. */
import { maskedPhone, saysThisNumber } from '../../src/handoff/ownNumber';
import { saidStuckOn } from '../../src/handoff/requests';

test('masked: the first two and the last two digits only', () => {
  expect(maskedPhone('+33612345678')).toBe('06 xx xx xx 78');
  expect(maskedPhone('+33788990012')).toBe('07 xx xx xx 12');
  expect(maskedPhone('+33612345678')).not.toMatch(/12 34|34 56/);
});

test.each(['ce numéro', 'ce numero la', 'celui-ci', 'celui ci', 'celui là', 'le même', 'le meme numero', 'sur ce portable', 'ce tel', 'this one', 'this number', 'the same', 'same number', 'celui qui vous écrit'])(
  '"%s" is the number writing',
  (text) => expect(saysThisNumber(text)).toBe(true),
);

test.each(['un autre', 'pas celui-là', 'non pas ce numéro', 'je sais pas', 'je connais pas mon numéro', 'demain à 14h', 'another one', 'not this one'])(
  '"%s" is not',
  (text) => expect(saysThisNumber(text)).toBe(false),
);

test('what the citizen said they were stuck on: their last own words, not "1" nor the request for a person', () => {
  const line = (text: string, from: 'citizen' | 'bot' = 'citizen') => ({ from, text, at: 0 });
  expect(saidStuckOn([line('impots'), line('Vous avez tout ?', 'bot'), line('je trouve pas mon numero fiscal'), line('conseiller'), line('1')])).toBe('je trouve pas mon numero fiscal');
  expect(saidStuckOn([line('je veux parler à quelqu’un'), line('1')])).toBeUndefined();
  expect(saidStuckOn([line('a '.repeat(200))])!.length).toBeLessThanOrEqual(160);
});
