/**
 * The bot does not guess the citizen's gender: in French it never says "Vous êtes prêt !", "vous êtes connecté",
 * "pour vous seul" or "Assuré à la MSA" to the person it talks to (a woman reading "connecté" is spoken to as a man).
 * It says "C'est prêt !", "Vous êtes dans votre compte ?", "pour vous", "Vous êtes à la MSA" instead.
 * Giving both forms on purpose ("Vous étiez marié ou mariée ?") is neutral and allowed.
 *
 * The texts checked, and those left out (the citizen's own words, a mediator's replies): see frenchBotTexts.ts.
 */
import { frenchBotTexts } from './frenchBotTexts';

/** Adjectives and participles that change with the citizen's gender and do not end in -é (those are all caught). */
const GENDERED = [
  'prêt', 'prête', 'seul', 'seule', 'sûr', 'sûre', 'certain', 'certaine', 'perdu', 'perdue', 'inscrit', 'inscrite',
  'désinscrit', 'désinscrite', 'content', 'contente', 'heureux', 'heureuse', 'inquiet', 'inquiète', 'français',
  'française', 'étranger', 'étrangère', 'parti', 'partie', 'sorti', 'sortie', 'venu', 'venue', 'revenu', 'revenue',
  'déçu', 'déçue', 'convaincu', 'convaincue', 'surpris', 'surprise', 'pris', 'prise', 'reçu', 'reçue', 'mis', 'mise',
];
const WORD_END = '(?![\\p{L}\\p{N}])';
const ADVERBS =
  '(?:(?:pas|plus|vraiment|très|trop|tellement|si|bien|mieux|moins|tout|toute|toujours|encore|déjà|jamais|maintenant|aussi|donc|alors|ici|là) )*';
/** Any gendered word: one of the list, or a past participle in -é ("connecté", "assuré", "remboursé", "né"). */
const WORD = `(?:${GENDERED.join('|')}|[\\p{L}]+ée?s?)${WORD_END}`;
/** "vous êtes connecté", "vous n'êtes pas sûr", "vous avez été désinscrit", "Êtes-vous prêt", "Vous êtes-vous connecté". */
const BEING = new RegExp(
  `(?:\\bvous (?:ne |n')?(?:vous |v')?(?:êtes|étiez|serez|seriez|soyez|restez|resterez|sentez|semblez|avez été|aviez été)|` +
    `(?<![\\p{L}])(?:êtes|étiez|serez|seriez)-vous(?: (?:ne )?vous)?) ${ADVERBS}(${WORD})`,
  'iu',
);
/** "Vous risquez d'être désinscrit", "vous pouvez rester connecté", "il faut rester inscrit": being or staying. */
const MAY_BE = new RegExp(
  `(?:\\bvous (?:ne |n')?(?:pouvez|devez|risquez|allez|voulez|pourriez|devriez|souhaitez)(?: pas| plus| bien)? (?:de |d')?|\\bil (?:vous )?faut )` +
    `(?:[eê]tre|rester|devenir) ${ADVERBS}(${WORD})`,
  'iu',
);
/** "on vous a désinscrit", "il vous a appelé": verbs whose object is "vous", so their participle agrees with it. */
const DONE_TO = new RegExp(
  `\\bvous (?:a|ont|avait|avaient|aura|auront) ${ADVERBS}((?:inscrit|désinscrit|radié|appelé|rappelé|contacté|convoqué|aidé|reçu|oublié|bloqué|accompagné)e?s?)` +
    `(?! (?:un|une|le|la|les|des|du|de|d'|l'|votre|vos|ce|cette|ces)${WORD_END})`,
  'iu',
);
/** "pour vous seul", "à vous seule". */
const ALONE = new RegExp(`\\bvous(?:-même)? (seule?s?)${WORD_END}`, 'iu');
/** A sentence or title that starts with the citizen's state: "Assuré à la MSA", "Déjà inscrit ?", "Connecté ?". */
const STATE = new RegExp(
  `(?:^|[.!?:]\\s+)(?:(?:déjà|bien|toujours|pas|plus) )?((?:assuré|inscrit|désinscrit|connecté|déconnecté|prêt|seul|salarié|retraité|marié|né)e?s?)(?: ?[?!]|$| (?:à|au|aux|chez|avec|sur|en)${WORD_END}[^.!?:]*)`,
  'iu',
);

/** The gendered phrase about the citizen in a text, if any; "marié ou mariée" (both forms) is not one. */
export function genderedCitizen(text: string): string | undefined {
  for (const re of [BEING, MAY_BE, DONE_TO, ALONE, STATE]) {
    const m = re.exec(text);
    if (!m) continue;
    const word = m[1];
    const rest = text.slice(m.index + m[0].length);
    if (new RegExp(`^ ou ${word}e${WORD_END}`, 'iu').test(rest)) continue;
    return m[0].replace(/^[.!?:]\s*/, '').trim();
  }
  return undefined;
}

const botTexts = frenchBotTexts();

describe('the bot speaks to the citizen without guessing a gender (French)', () => {
  it('finds the bot texts it checks, and leaves the citizen phrasings and answer labels out', () => {
    const where = botTexts.map((t) => t.where);
    expect(where.some((w) => w.startsWith('dialogs/franceconnect.yaml: done'))).toBe(true);
    expect(where.some((w) => w.startsWith('dialogs/carte-vitale-perdue.yaml: steps.') && w.endsWith('.title'))).toBe(true);
    expect(where.some((w) => /Words$/.test(w))).toBe(false);
    expect(where.some((w) => /\.label$/.test(w))).toBe(false);
    expect(botTexts.some((t) => t.text === 'je suis retraité')).toBe(false);
  });

  it.each([
    ['Vous êtes prêt ! Sur place, le professionnel crée le mandat.', 'Vous êtes prêt'],
    ['Bravo, vous êtes connecté !', 'vous êtes connecté'],
    ['Vous êtes connecté ?', 'Vous êtes connecté'],
    ['Gardez votre mot de passe pour vous seul.', 'vous seul'],
    ['Le code est à vous seule.', 'vous seule'],
    ['Assuré à la MSA', 'Assuré à la MSA'],
    ['Déjà inscrit ? Pas besoin de recommencer.', 'Déjà inscrit ?'],
    ['Déjà inscrite', 'Déjà inscrite'],
    ['Il prouve que vous êtes inscrit.', 'vous êtes inscrit'],
    ['Vous avez été désinscrit ?', 'Vous avez été désinscrit'],
    ['Si vous ne vous êtes pas connecté, appelez.', 'vous ne vous êtes pas connecté'],
    ['Vous êtes-vous déjà connecté avec FranceConnect ?', 'êtes-vous déjà connecté'],
    ['Êtes-vous sûr ?', 'Êtes-vous sûr'],
    ['Quand il est déclaré, vous êtes mieux remboursé.', 'vous êtes mieux remboursé'],
    ['Vous êtes Français né à l\'étranger ?', 'Vous êtes Français'],
    ['Vous êtes étranger ?', 'Vous êtes étranger'],
    ['Si France Travail vous a désinscrit, réinscrivez-vous.', 'vous a désinscrit'],
    ['Vous n\'êtes pas perdue.', 'Vous n\'êtes pas perdue'],
    ["Vous risquez d'être désinscrit.", "Vous risquez d'être désinscrit"],
    ["Vous risquez d'etre radié.", "Vous risquez d'etre radié"],
    ['Vous pouvez rester connecté.', 'Vous pouvez rester connecté'],
    ['Il faut rester inscrit et vous actualiser.', 'Il faut rester inscrit'],
    ['Né en France : on demande à la mairie.', 'Né en France'],
    ['Si quelqu\'un vous a appelé, raccrochez.', 'vous a appelé'],
  ])('catches "%s"', (text, found) => expect(genderedCitizen(text)).toBe(found));

  it.each([
    "C'est prêt ! Sur place, le professionnel crée le mandat.",
    'Vous voilà dans votre compte !',
    'Vous êtes dans votre compte ?',
    'Gardez votre mot de passe pour vous.',
    'Vous êtes à la MSA',
    'Vous êtes n°2 dans la file.',
    "Vous êtes d'accord ?",
    'Vous êtes à la retraite ?',
    "Vous n'êtes pas un robot.",
    'La carte européenne sert si vous êtes malade en Europe.',
    'Vous étiez marié ou mariée avec cette personne ?',
    'Le numéro qui vous a écrit.',
    'Il vous a envoyé un code.',
    "Vérifiez l'adresse que vous avez tapée.",
    'Le livret de famille ? Perdu ? La mairie en fait un autre.',
    'Un nouveau permis : perdu, volé, abîmé ou périmé.',
    'France Travail vous inscrit tout seul.',
    "L'argent qu'une caisse vous a versé en trop.",
    'Naissance en France : on demande à la mairie.',
    'Vous risquez de perdre votre inscription et votre paiement.',
    'Vous pouvez être à la MSA.',
    'Il faut garder votre inscription et vous actualiser.',
  ])('lets "%s" through', (text) => expect(genderedCitizen(text)).toBeUndefined());

  it('no French bot text gives the citizen a gender', () => {
    const found = botTexts.flatMap(({ where, text }) => {
      const hit = genderedCitizen(text);
      return hit ? [`${where}: « ${hit} » in « ${text} »`] : [];
    });
    expect(found).toEqual([]);
  });
});
