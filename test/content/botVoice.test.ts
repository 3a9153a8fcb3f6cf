/**
 * The bot has no gender: in French it never says "je suis sûr", "je suis désolé", "je suis prêt" or a bare "Désolé,"
 * about itself (a woman reading "Je suis désolé" hears a man, a man reading "désolée" a woman). It says "Je n'ai pas
 * bien compris", "Toutes mes condoléances", "Pardon, …" instead.
 *
 * The texts checked, and those left out (the citizen's words, a mediator's replies): see frenchBotTexts.ts.
 */
import { frenchBotTexts } from './frenchBotTexts';

/** Adjectives and participles that change with the speaker's gender, in both forms. */
const GENDERED = [
  'sûr', 'sûre', 'certain', 'certaine', 'désolé', 'désolée', 'prêt', 'prête', 'content', 'contente', 'ravi', 'ravie',
  'heureux', 'heureuse', 'navré', 'navrée', 'obligé', 'obligée', 'perdu', 'perdue', 'seul', 'seule', 'allé', 'allée',
  'venu', 'venue', 'revenu', 'revenue', 'parti', 'partie', 'sorti', 'sortie', 'arrivé', 'arrivée', 'resté', 'restée',
  'occupé', 'occupée', 'étonné', 'étonnée', 'surpris', 'surprise', 'fier', 'fière', 'enchanté', 'enchantée',
  'inquiet', 'inquiète', 'déçu', 'déçue', 'convaincu', 'convaincue', 'persuadé', 'persuadée', 'trompé', 'trompée',
];
const WORD_END = '(?![\\p{L}\\p{N}])';
const ADVERBS = '(?:(?:pas|plus|vraiment|très|tellement|si|bien|tout|toute|toujours|encore|aussi|donc|ici) )*';
/** "je suis sûr", "je ne suis pas sûr", "je serai ravi", "je me suis trompé", "je suis allé": any past participle in -é. */
const SELF = new RegExp(
  `\\bje (?:ne |n')?(?:me |m')?(?:suis|serai|serais|étais|reste|resterai) ${ADVERBS}(?:${GENDERED.join('|')}|[\\p{L}]+ée?s?)${WORD_END}`,
  'iu',
);
/** A bare "Désolé, …", "Ravi de …", "…, désolé." said by the bot about itself. */
const BARE = new RegExp(`(?:^|[.!?:;,]\\s*)(?:désolée?|navrée?|ravie?|enchantée?|contente? de|heureu(?:x|se) de)${WORD_END}`, 'iu');
/** "Je réessaie tout seul". */
const ALONE = new RegExp(`\\bje (?:[\\p{L}']+ ){1,2}toute? seule?${WORD_END}`, 'iu');

function genderedSelf(text: string): string | undefined {
  return (SELF.exec(text) ?? BARE.exec(text) ?? ALONE.exec(text))?.[0].trim();
}

const botTexts = frenchBotTexts();

describe('the bot speaks of itself without a gender (French)', () => {
  it('finds the bot texts it checks, and leaves the citizen phrasings out', () => {
    const where = botTexts.map((t) => t.where);
    expect(where).toContain('locales/fr.yaml: understand.miss2');
    expect(where).toContain('locales/fr.yaml: kind.bereavement');
    expect(where.some((w) => w.startsWith('dialogs/retraite-reversion.yaml: intro'))).toBe(true);
    expect(where.some((w) => w.startsWith('dialogs/_facts.yaml: facts.'))).toBe(true);
    expect(where.some((w) => /Words$/.test(w))).toBe(false);
    expect(where.some((w) => /\.label$/.test(w))).toBe(false);
    expect(botTexts.some((t) => t.text === 'je suis perdu')).toBe(false);
  });

  it.each([
    ['Je ne suis pas sûr de comprendre.', 'Je ne suis pas sûr'],
    ['Je suis désolé pour votre perte.', 'Je suis désolé'],
    ['Je suis vraiment désolée.', 'Je suis vraiment désolée'],
    ['Je serai ravi de vous aider.', 'Je serai ravi'],
    ['Je suis allé voir.', 'Je suis allé'],
    ['Je me suis trompé.', 'Je me suis trompé'],
    ['Désolé, personne n\'a pu répondre.', 'Désolé'],
    ['Personne n\'est libre, désolé.', ', désolé'],
    ['Ravi de vous revoir !', 'Ravi'],
    ['Pas de connexion. Je réessaie tout seul.', 'Je réessaie tout seul'],
  ])('catches "%s"', (text, found) => expect(genderedSelf(text)).toBe(found));

  it.each([
    'Je suis Pas à pas.',
    'Je suis là pour vous aider.',
    'Je reste là si vous avez besoin.',
    'Revenez quand vous voulez, je serai là.',
    'Toutes mes condoléances.',
    "Je n'ai pas bien compris.",
    'Notez-le dans un endroit sûr.',
    'Certains sites font payer.',
    'France Travail vous inscrit tout seul.',
  ])('lets "%s" through', (text) => expect(genderedSelf(text)).toBeUndefined());

  it('no French bot text uses a gendered word about the bot', () => {
    const found = botTexts.flatMap(({ where, text }) => {
      const hit = genderedSelf(text);
      return hit ? [`${where}: « ${hit} » in « ${text} »`] : [];
    });
    expect(found).toEqual([]);
  });
});
