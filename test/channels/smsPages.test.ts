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

  it('keeps a question with its answers in one SMS', () => {
    const ask = { text: 'Vous avez tout ?\n1 Oui\n2 Non\n3 Je suis bloqué', whole: true };
    const { items } = pageSms([{ text: 'x'.repeat(280) }, ask], two, 3, HINT);
    expect(items[1]).toBe(ask.text);
  });

  const menu = ['Que voulez-vous faire ?', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `${n} Démarche numéro ${n} à faire en ligne`), '0 Parler à un conseiller'].join('\n');
  const numbersOf = (sms: string[]) => sms.join('\n').split('\n').filter((l) => /^\d /.test(l)).map((l) => l[0]).join('');

  it('a long menu reads in order, 1 to 7 then "0 Parler à un conseiller", the person once', () => {
    const cut = pageSms([{ text: menu, whole: true, firstPart: ['0 Parler à un conseiller'] }], one, 3, HINT);
    expect(cut.hold).toBeUndefined();
    expect(cut.items[0]).toMatch(/^Que voulez-vous faire \?\n1 [^\n]+/);
    expect(numbersOf(cut.items)).toBe('12345670');
  });

  it('a menu held in part for "SUITE": "0" ends what this reply shows, just before the hint; the rest in order', () => {
    const welcome = { text: `Bonjour ! ${'Une phrase de bienvenue. '.repeat(5).trim()}` };
    for (const settings of [one, two]) {
      const long = settings === one ? menu : menu.replace(/à faire en ligne/g, 'à faire en ligne, avec un texte bien plus long encore');
      const cut = pageSms([welcome, { text: long, whole: true, firstPart: ['0 Parler à un conseiller'] }], settings, 2, HINT);
      expect(cut.hold).toBeDefined();
      const last = cut.items[cut.items.length - 1];
      expect(last.endsWith(`\n0 Parler à un conseiller\n${HINT}`)).toBe(true);
      const shown = numbersOf(cut.items);
      expect(shown).toMatch(/^1\d*0$/);
      expect(`${shown.slice(0, -1)}${numbersOf(cut.hold!)}`).toBe('1234567');
      for (const sms of [...cut.items, ...cut.hold!]) expect(countSms(sms).segments).toBeLessThanOrEqual(settings.maxSegments);
    }
  });

  it('reads a timetable as one item: a header "… :" keeps its plain lines, an item below it is its own', () => {
    const week = 'Horaires :\nLun-Mar 9h-12h30, 14h-18h\nMer 9h-12h30\nJeu 9h-12h30, 14h-20h\nVen 14h-18h\nSam-Dim fermé';
    expect(unitsOf(week).map((u) => u.text)).toEqual([week]);
    expect(unitsOf('Pour commencer :\nune ligne\nune autre\n- un point').map((u) => u.text)).toEqual(['Pour commencer :\nune ligne\nune autre', '- un point']);
    // Too long for what is left of an SMS: the timetable goes whole to the next one.
    const place = { text: `1. Un lieu d'aide, à 200 m\n3 rue de la Paix, 37000 Tours\n${'Une ligne sur le lieu. '.repeat(3).trim()}` };
    const { items } = pageSms([place, { text: week }], one, 3, HINT);
    expect(items).toHaveLength(2);
    expect(items[1]).toBe(week);
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

/** A places reply as src/places/render.ts writes it for SMS (a place per message), street numbers at line starts. */
const places = [
  { text: "Voici 3 lieux d'aide près de Bordeaux (33000)." },
  {
    text: [
      '1. Foyer Fraternel Centre Social, à 200 m',
      '3 bis rue Gouffrand, 33300 Bordeaux',
      'Fermé. Ouvre demain à 9 h. Horaires de 2022, à vérifier par téléphone.',
      'Sur rendez-vous.',
      'Tél. 05 57 87 13 92',
      'Prendre rendez-vous : https://pasapas.example.fr/r/k3x9',
      "Aide pour les démarches. Aide pour l'ordinateur et le téléphone.",
    ].join('\n'),
  },
  { text: ['2. Mairie annexe de la Bastide, à 300 m', '22 Avenue de la République, 33100 Bordeaux', 'Horaires inconnus.', 'Tél. 05 56 81 38 91'].join('\n') },
  {
    text: [
      "3. Maison de l'Emploi de Bordeaux, à 400 m",
      '12, place de la Victoire, 33000 Bordeaux',
      "Ouvert maintenant, jusqu'à 17 h.",
      'Tél. 05 57 78 37 37',
      "Aide pour les démarches. Aide pour l'ordinateur et le téléphone.",
    ].join('\n'),
  },
  { text: 'Liste des lieux mise à jour le 1 août 2024. Ces informations peuvent avoir changé. Appelez avant de vous déplacer.' },
  { text: "Écrivez 1 à 3 pour revoir un lieu. Ou :\n4 Chercher près d'un autre endroit\n5 Voir le menu", whole: true },
];

describe('SMS pages: places', () => {
  it('reads a street number at the start of a line as the address of the place above, not as a numbered answer', () => {
    for (const m of places.slice(1, 4)) expect(unitsOf(m.text)).toHaveLength(1);
    expect(unitsOf('22 Avenue de la République, 33100 Bordeaux\nHoraires inconnus.').map((u) => u.text)).toEqual(['22 Avenue de la République, 33100 Bordeaux', 'Horaires inconnus.']);
    // Numbered answers still are items of their own, after their question and in their run (0 closes a menu).
    expect(unitsOf('Que voulez-vous faire ?\n1 Déclarer mes impôts\n2 Demander la prime\n3 Créer mon compte Ameli\n0 Parler à un conseiller').map((u) => u.text.split('\n')[0])).toEqual([
      'Que voulez-vous faire ?',
      '2 Demander la prime',
      '3 Créer mon compte Ameli',
      '0 Parler à un conseiller',
    ]);
    const answers = ['1 File my taxes online', '2 Residence permit: where to apply', '3 Place of a meeting', '0 Talk to an advisor'];
    expect(unitsOf(answers.join('\n')).map((u) => u.text)).toEqual(answers);
    expect(unitsOf('1. Mairie\n2 place de la Mairie, 23000 Guéret\nTél. 05 55 00 00 00')).toHaveLength(1);
  });

  it("never sends a place's name without its address, on 1 or 2 segments", () => {
    for (const settings of [one, two, { ...one, transliterate: true }, { ...two, transliterate: true }]) {
      const { items, hold } = pageSms(places, settings, 3, HINT);
      const all = [...items, ...(hold ?? [])];
      for (const sms of all) expect(countSms(sms).segments).toBeLessThanOrEqual(settings.maxSegments);
      for (const [name, address] of [
        ['Foyer Fraternel', 'rue Gouffrand'],
        ['Mairie annexe', 'Avenue de la R'],
        ["Maison de l'Emploi", 'place de la Victoire'],
      ]) {
        const sms = all.find((s) => s.includes(name));
        expect(sms).toContain(address);
      }
    }
  });

  it('on 1-segment SMS, the first place comes with its phone number before "SUITE"', () => {
    for (const settings of [one, { ...one, transliterate: true }]) {
      const { items, hold } = pageSms(places, settings, 3, HINT);
      expect(hold).toBeDefined();
      expect(items.join('\n')).toMatch(/Foyer Fraternel[^]*rue Gouffrand[^]*Tél\. 05 57 87 13 92[^]*SUITE/);
    }
  });
});

/** The first reply of a guide (dialogs/impots-declaration.yaml, as rendered for SMS): intro and note, checklist, question. */
const guideStart = [
  {
    text: "D'accord. Je vous aide pour : Déclarer mes impôts en ligne.\nÀ savoir : la déclaration en ligne ouvre chaque année au printemps, en avril. Elle ferme fin mai ou début juin, selon votre département. Vous pouvez déjà préparer votre espace.",
  },
  {
    text: [
      'Pour commencer, il vous faut :',
      "- Votre numéro fiscal : 13 chiffres. Il est en haut de votre déclaration ou de votre avis d'impôt.",
      "- Votre numéro d'accès en ligne : sur la 1re page de votre dernière déclaration de revenus.",
      "- Votre revenu fiscal de référence : sur la 1re page de votre dernier avis d'impôt.",
      '- Une adresse e-mail que vous pouvez ouvrir. Les impôts y envoient un lien et des codes.',
    ].join('\n'),
  },
  { text: "Vous avez tout ?\n1 Oui, j'ai tout\n2 Non, il me manque quelque chose\n3 Je bloque", whole: true },
];

describe('SMS pages: the first reply of a guide', () => {
  it('shows what the guide is for and the start of the checklist before its question, even on 1-segment SMS', () => {
    for (const settings of [one, two, { ...one, transliterate: true }, { ...two, transliterate: true }]) {
      const { items, hold } = pageSms(guideStart, settings, 3, HINT);
      const now = items.join('\n');
      // What is read before the question (its hint when more is held for "SUITE").
      const at = hold ? now.indexOf(HINT) : now.indexOf('Vous avez tout ?');
      expect(at).toBeGreaterThan(0);
      expect(now.slice(0, at)).toMatch(/^D'accord\. Je vous aide pour : D/);
      expect(now.slice(0, at)).toMatch(/il vous faut :\n- Votre num[ée]ro fiscal/);
      expect(now.endsWith('3 Je bloque')).toBe(true);
      // Nothing lost on the way: every item and the note once, the question closes the held part.
      const all = [...items, ...(hold ?? [])];
      for (const sms of all) expect(countSms(sms).segments).toBeLessThanOrEqual(settings.maxSegments);
      const text = all.join('\n');
      for (const start of ['numéro fiscal :', "numéro d'accès", 'revenu fiscal', '- Une adresse', 'savoir :']) expect(text.split(start)).toHaveLength(2);
      if (hold) expect(hold[hold.length - 1].endsWith('3 Je bloque')).toBe(true);
    }
  });
});

describe('SMS pages: cuts', () => {
  it('keeps the line break between a header and its item when an SMS ends inside the item', () => {
    // The first reply of dialogs/mot-de-passe-oublie.yaml: "impôts" makes it UCS-2, 70 characters an SMS.
    const list = [
      'Pour commencer, il vous faut :',
      '- Le nom du site : impôts, Ameli, CAF, France Travail, votre messagerie...',
      "- Votre identifiant sur ce site. C'est souvent votre adresse e-mail ou un numéro. Ne me l'écrivez pas ici.",
    ].join('\n');
    const ask = { text: "Vous avez tout ?\n1 Oui, j'ai tout\n2 Non, il me manque quelque chose\n3 Je bloque", whole: true };
    const { items, hold } = pageSms([{ text: "D'accord. Je vous aide pour : Retrouver un mot de passe oublié." }, { text: list }, ask], one, 3, HINT);
    const all = [...items, ...(hold ?? [])];
    expect(all.find((s) => s.includes('il vous faut'))).toMatch(/il vous faut :\n- Le nom du site/);
    for (const sms of all) expect(countSms(sms).segments).toBe(1);
  });
});
