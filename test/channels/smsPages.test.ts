/** The SMS packer (src/channels/sms/smsPages.ts) on its own: whole items, headers kept, the hint's room, pages. */
import { countSms } from '../../src/text/sms';
import { pageSms, unitsOf } from '../../src/channels/sms/smsPages';

const HINT = 'Pour lire la suite, répondez SUITE.';
const two = { maxSegments: 2, transliterate: false };
const one = { maxSegments: 1, transliterate: false };

const checklist = [
  'Pour commencer, il vous faut :',
  "- Un compte sur le site de l'ANTS, l'agence de l'État pour les papiers officiels. Ou FranceConnect : par exemple, votre compte impots.gouv.fr ou ameli.",
  '- Les noms, les dates et les lieux de naissance de vos parents.',
  '- Pour un passeport, ou une carte perdue ou volée :',
  "un timbre fiscal, ou une carte bancaire pour l'acheter.",
  '- Pour le rendez-vous :',
  "une photo d'identité de moins de 6 mois.",
  'Un justificatif de domicile.',
].join('\n');

describe('SMS pages', () => {
  it('reads items: a "- …" line with its continuation lines, a header with what it announces', () => {
    expect(unitsOf(checklist).map((u) => u.text.split('\n')[0])).toEqual([
      'Pour commencer, il vous faut :',
      '- Les noms, les dates et les lieux de naissance de vos parents.',
      '- Pour un passeport, ou une carte perdue ou volée :',
      '- Pour le rendez-vous :',
    ]);
  });

  it('packs short messages together and never cuts an item', () => {
    const { items, hold } = pageSms([{ text: 'Je comprends.' }, { text: "D'accord." }, { text: checklist }], two, 3, HINT);
    expect(hold).toBeUndefined();
    expect(items[0]).toMatch(/^Je comprends\.\n\nD'accord\.\n\nPour commencer/);
    for (const sms of items) expect(countSms(sms).segments).toBeLessThanOrEqual(2);
    expect(items.find((s) => s.includes('Pour un passeport'))).toContain('un timbre fiscal');
  });

  it('holds whole pages; the hint rides on the last SMS of each page, never alone', () => {
    const long = Array.from({ length: 12 }, (_, i) => `- Point ${i + 1} : une phrase assez longue pour remplir un bon bout de SMS, encore et encore.`).join('\n');
    const { items, hold } = pageSms([{ text: long }], one, 3, HINT);
    expect(items).toHaveLength(3);
    expect(items[2].endsWith(`\n${HINT}`)).toBe(true);
    expect(hold!.length).toBeGreaterThan(3);
    // The held SMS go three at a time: each page's last one has room for the hint.
    for (let i = 2; i < hold!.length - 1; i += 3) expect(countSms(`${hold![i]}\n${HINT}`).segments).toBeLessThanOrEqual(1);
    for (const sms of [...items, ...hold!]) expect(sms.trim()).not.toBe(HINT);
  });

  it("keeps a question with its answers in one SMS, and the person's answer in the first part of a long menu", () => {
    const ask = { text: 'Vous avez tout ?\n1 Oui\n2 Non\n3 Je suis bloqué', whole: true };
    const { items } = pageSms([{ text: 'x'.repeat(280) }, ask], two, 3, HINT);
    expect(items[1]).toBe(ask.text);
    const menu = ['Que voulez-vous faire ?', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `${n} Démarche numéro ${n} à faire en ligne`), '0 Parler à un conseiller'].join('\n');
    const cut = pageSms([{ text: menu, whole: true, firstPart: ['0 Parler à un conseiller'] }], one, 3, HINT);
    expect(cut.items[0]).toMatch(/^Que voulez-vous faire \?\n1 [^\n]+/);
    expect(cut.items[0]).toContain('0 Parler à un conseiller');
    expect([...cut.items, ...(cut.hold ?? [])].join('\n').match(/0 Parler/g)).toHaveLength(1);
  });

  it('a list too long for one reply, then its question: the question and its answers come in the first reply, after the hint, and again at the end', () => {
    const ask = { text: "Vous avez tout ?\n1 Oui, j'ai tout\n2 Non, il me manque quelque chose\n3 Je suis bloqué", whole: true };
    const list = ['Pour commencer, il vous faut :', ...Array.from({ length: 16 }, (_, i) => `- Papier ${i + 1} : une phrase assez longue pour remplir un bon bout de SMS, encore.`)].join('\n');
    for (const settings of [one, two]) {
      const { items, hold } = pageSms([{ text: list }, ask], settings, 3, HINT);
      expect(hold).toBeDefined();
      expect(items.length).toBeLessThanOrEqual(3);
      const last = items[items.length - 1];
      expect(last.endsWith(`${HINT}\n\n${ask.text}`)).toBe(true);
      for (const sms of [...items, ...hold!]) expect(countSms(sms).segments).toBeLessThanOrEqual(settings.maxSegments);
      // Nothing lost, nothing twice but the question: every item once, the question closes the held part too.
      const all = [...items, ...hold!].join('\n');
      for (let i = 1; i <= 16; i++) expect(all.match(new RegExp(`Papier ${i} :`, 'g'))).toHaveLength(1);
      expect(hold![hold!.length - 1].endsWith(ask.text)).toBe(true);
    }
  });

  it('only the question left over: it goes in the reply, with no hint and nothing held', () => {
    const ask = { text: "Vous avez tout ?\n1 Oui, j'ai tout\n2 Non, il me manque quelque chose\n3 Je suis bloqué", whole: true };
    const list = ['Pour commencer, il vous faut :', ...Array.from({ length: 5 }, (_, i) => `- Papier ${i + 1} : une phrase assez longue pour remplir un bon bout de SMS.`)].join('\n');
    const { items, hold } = pageSms([{ text: list }, ask], one, 5, HINT);
    const all = items.join('\n');
    expect(all).toContain(ask.text);
    if (hold) expect(all).toContain(HINT);
    else expect(all).not.toContain(HINT);
  });
});
