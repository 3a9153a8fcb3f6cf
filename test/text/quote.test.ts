import { quoted } from '../../src/text/quote';

describe('the citizen quoted back', () => {
  it('keeps a short message whole', () => {
    expect(quoted('  je veux  faire ma carte ')).toBe('je veux faire ma carte');
  });

  it('cuts a long one at a word, with "…"', () => {
    const q = quoted('slt jai recu un sms de lassurance maladie qui me demande ma carte bancaire pour ma carte vitale');
    expect(q).toBe('slt jai recu un sms de lassurance maladie qui me demande ma carte bancaire pour…');
    expect(q.length).toBeLessThanOrEqual(80);
  });

  it('cuts a single very long word where it must', () => {
    expect(quoted('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
