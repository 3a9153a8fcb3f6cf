/**
 * Word families (src/nlu/bereavement.ts, src/nlu/feelings.ts): a death is a relative and a death word in either
 * order, a feeling belongs to one family whatever its wording; the look-alikes do not trigger.
 */
import { detectSignals, plainText } from '../../src/nlu/signals';
import { tellsBereavement } from '../../src/nlu/bereavement';
import { feelingOf } from '../../src/nlu/feelings';

const kinds = (text: string) => detectSignals(text).map((s) => s.kind);

describe('a death in the family, any relative, any order', () => {
  test.each([
    'ma maman est partie la semaine derniere', 'mon papa nous a quitte en janvier', 'deces de mon frere', 'ma soeur vient de mourir',
    'je viens de perdre mon pere', "l'enterrement de mon oncle c'est demain", 'mon compagnon s est eteint en mars', 'ma fille est decede',
    'we lost my mum last week', 'my dad passed last month', 'veuf depuis peu',
  ])('%s', (text) => expect(kinds(text)).toContain('bereavement'));

  test.each([
    'ma fille est partie en vacances', 'mon fils est parti de la maison', 'mon mari est parti', "j'ai perdu la carte vitale de ma mère",
    'je suis mort de rire', 'la mort dans l ame', 'j ai perdu mon permis', 'my phone just died', 'the link is dead', 'la pharmacienne dit que la puce est morte', 'mon telephone est mort',
  ])('not a loss: %s', (text) => expect(kinds(text)).not.toContain('bereavement'));

  test('the relative may come first or last', () => {
    expect(tellsBereavement(plainText('mon beau pere est decede'))).toBe(true);
    expect(tellsBereavement(plainText('suite au deces de mon beau pere'))).toBe(true);
  });
});

describe('feelings by family', () => {
  test.each([
    ['ces sites a la noix ils marchent jamais j en ai plein le dos', 'anger'],
    ['j en ai ras la casquette', 'anger'],
    ['ca me gene de demander', 'shame'],
    ['j ai la boule au ventre', 'fear'],
    ["j'ose pas appuyer", 'fear'],
    ['j ai les larmes aux yeux', 'sad'],
    ['je craque', 'sad'],
    ['je suis malade en ce moment j ai pas la force', 'ill'],
    ['mes enfants habitent loin', 'lonely'],
    ['i feel so alone', 'lonely'],
    ['jai 84 ans et je suis pas doue', 'unskilled'],
    ['je me debrouille pas avec internet', 'unskilled'],
  ])('%s → %s', (text, family) => {
    expect(feelingOf(plainText(text))).toBe(family);
    expect(kinds(text)).toContain('distress');
  });

  test.each([
    'le titre est valable 10 ans', 'mon pere est a l hopital pour une carte grise', 'je peux le faire tout seul', 'une personne peut m aider',
    'j habite un logement mal isole', 'il n y a plus personne au guichet', 'j ai 75 ans je veux demander ma retraite',
  ])(
    'no feeling: %s',
    (text) => expect(feelingOf(plainText(text))).toBeUndefined(),
  );
});

describe('a person, in words the patterns were not written from', () => {
  test.each([
    'est ce qu une dame ou un monsieur peut me repondre', 'y a du monde pour maider en vrai ?', 'je veux un conselier', 'kelk1 peu m aidé',
    'jvoudré 1 conseyer', 'jeveu parlé a kelk1 svp', 'jevoudrai parler a 1 conseiller', 'il me faut une assistance humaine', 'mettez moi quelqu un', 'vous avez un numero de telephone ?', 'on peut s appeler ?',
  ])('%s', (text) => expect(kinds(text)).toContain('person'));

  test.each(['il y a du monde a la caf', 'il y a des gens qui disent que c est gratuit', 'je veux un conseil sur mes droits', 'vous avez un numero fiscal ?',
    'un monsieur au telephone ma demander mon code pour rentrer sur mon compte'])(
    'not a person: %s',
    (text) => expect(kinds(text)).not.toContain('person'),
  );
});

describe('needs (src/nlu/needs.ts)', () => {
  test.each([
    ['je suis sourde et je parle mal', 'hearing'],
    ['je suis malentendant', 'hearing'],
    ['je vois tres mal je peux pas lire l ecran', 'sight'],
    ['je c pa lir', 'cannot-read'],
    ['j ai pas d ordi ni internet chez moi', 'no-computer'],
  ])('%s → %s', (text, need) => expect(kinds(text)).toContain(need));
});

describe('thanks said before a request, and "what next" inside a guide (probe-19)', () => {
  test.each(['merci beaucoup, je veux maintenant faire ma carte grise', "merci de m'aider, je dois déclarer mes impôts", 'thanks, I need to renew my passport'])(
    'a request, not the end of the talk: %s',
    (text) => expect(kinds(text)).not.toContain('thanks'),
  );
  test.each(['merci beaucoup', 'merci pour votre aide'])('still thanks: %s', (text) => expect(kinds(text)).toContain('thanks'));
  test.each(["c'est quoi la suite ?", 'merci, et maintenant ?', 'ok et apres', 'on fait quoi maintenant', 'what next?'])('what next: %s', (text) => {
    expect(kinds(text)).toContain('what-next');
    expect(kinds(text)).not.toContain('whatis');
  });
  test.each(["c'est quoi FranceConnect", 'et maintenant je dois payer 30 euros ?'])('not "what next": %s', (text) => expect(kinds(text)).not.toContain('what-next'));
});
