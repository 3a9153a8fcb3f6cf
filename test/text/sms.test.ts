/**
 * SMS segment counting (src/text/sms.ts): what the operators bill and how a reply is cut. countSms walks the text by
 * code unit with a table; these cases and a property check pin it to the rule as written (a walk by character over
 * the GSM 03.38 alphabet and its extension table).
 */
import fc from 'fast-check';
import { countSms, smsSegments } from '../../src/text/sms';
import { fitsSegments } from '../../src/channels/sms/smsText';

const BASIC = new Set(Array.from('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'));
const EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

/** The rule by the book: each character (code point) of the text. */
function byCharacter(text: string) {
  let septets = 0;
  const nonGsm = new Set<string>();
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else nonGsm.add(ch);
  }
  if (nonGsm.size === 0) return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153), nonGsm: [] };
  return { encoding: 'UCS-2', units: text.length, segments: text.length <= 70 ? 1 : Math.ceil(text.length / 67), nonGsm: [...nonGsm] };
}

describe('countSms', () => {
  it('counts French texts as the operators bill them', () => {
    expect(countSms('Étape 1 sur 9. Ouvrez le site des impôts.')).toMatchObject({ encoding: 'UCS-2', segments: 1, nonGsm: ['ô'] });
    expect(countSms("C'est bon ? Répondez 1 pour oui.")).toMatchObject({ encoding: 'GSM-7', units: 32, segments: 1, nonGsm: [] });
    expect(countSms('Le tarif : 10 € [environ]')).toMatchObject({ encoding: 'GSM-7', units: 28 }); // 25 characters, three of them extension ones (2 septets)
    expect(countSms('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(countSms('Merci 👍 d’avoir écrit')).toMatchObject({ encoding: 'UCS-2', units: 22, nonGsm: ['👍', '’'] });
    expect(countSms('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 1 });
  });

  it('gives what a walk by character gives, for any text (emoji, lone surrogates, extension characters)', () => {
    const pieces = fc.constantFrom('a', 'é', 'ê', '€', '[', '\n', '’', '👍', '\ud83d', '\udc4d', ' ', 'Ç', '§', 'ç', '😀x');
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { maxLength: 200 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        expect(countSms(text)).toEqual(byCharacter(text));
      }),
      { numRuns: 500 },
    );
  });

  it('smsSegments and fitsSegments (what the packer asks of every candidate SMS) say what countSms says', () => {
    const pieces = fc.constantFrom('a', 'é', 'ê', '€', '[', '\n', '’', '👍', ' ', 'Ç', 'ç', 'mot ', 'abcdefghij');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 400 }).map((p) => p.join('')), fc.integer({ min: 1, max: 4 }), (text, max) => {
        expect(smsSegments(text)).toBe(countSms(text).segments);
        expect(fitsSegments(text, max)).toBe(countSms(text).segments <= max);
      }),
      { numRuns: 1000 },
    );
  });
});
