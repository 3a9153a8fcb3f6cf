/**
 * Folding what citizens type (src/text/fold.ts): case, accents, apostrophes and spacing do not matter. Plain ASCII
 * takes a shorter way; a property check holds it to the full rule for any text.
 */
import fc from 'fast-check';
import { fold } from '../../src/text/fold';

/** The rule in full, as every text went through it. */
function foldInFull(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032\u00B4\u0060\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u00AB\u00BB]/g, '"')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!?,;:()"'*-]+|[\s.!?,;:()"'*-]+$/g, '');
}

describe('fold', () => {
  it('makes the same answer of what citizens type in different ways', () => {
    expect(fold('Arrêt')).toBe('arret');
    expect(fold(' ARRET !')).toBe('arret');
    expect(fold('d’accord')).toBe(fold("d'accord"));
    expect(fold('d`accord')).toBe("d'accord");
    expect(fold('  Oui,   merci.  ')).toBe('oui, merci');
    expect(fold('1')).toBe('1');
  });

  it('gives the full rule’s answer for any text, plain ASCII or not', () => {
    const pieces = fc.constantFrom('a', 'B', ' ', '  ', '\t', '\n', '.', '!', '`', "'", '"', '’', '«', 'é', 'Ê', 'e\u0301', '1', '-', '*', '(', '€', '👍');
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        expect(fold(text)).toBe(foldInFull(text));
      }),
      { numRuns: 1000 },
    );
  });
});
