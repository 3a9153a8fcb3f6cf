/**
 * Feelings by family (PRODUCT rule 4: kindness before procedure): the words people use for shame, fear,
 * sadness, anger, tiredness, being alone, being ill, and feeling too old or unskilled for computers. Each family
 * is a short lexicon of stems and phrases, not a list of sentences, so "j'ai les larmes aux yeux", "ça me gêne de
 * demander", "ces sites à la noix" and "j'ai 84 ans" are read by the same rules as the wordings we have seen.
 * The first family that matches decides the kind sentence (src/bot/steps/understand.ts); the order below goes from
 * the most specific to the most general. Patterns over `plainText()` (folded, SMS spellings expanded).
 */

export type Feeling = 'shame' | 'fear' | 'sad' | 'anger' | 'lonely' | 'ill' | 'unskilled' | 'lost';

const w = (...parts: string[]) => new RegExp(`\\b(?:${parts.join('|')})\\b`);

/** A site or a procedure that does not work, said with a judgement: anger at it. */
const BROKEN = '(?:marche(?:nt)?|fonctionne(?:nt)?) (?:jamais|pas du tout|plus jamais|une fois sur deux|quand il veut)|(?:bug(?:ue)?|beug(?:ue)?|plante)(?:nt)? (?:tout le temps|sans arret|encore|toujours)';

/** Anger at the bot itself: "vous servez à rien", "ça sert à rien votre truc", "tu comprends rien", "you're useless". */
const ANGRY_AT_US = '(?:vous (?:ne )?servez|tu (?:ne )?sers|(?:ca|sa|c|il|ce \\w+|votre \\w+|ton \\w+) (?:ne )?sert) (?:a |vraiment a |strictement a )rien(?! d)|(?:vous (?:ne )?(?:comprenez|captez|pigez)|tu (?:ne )?(?:comprends|captes|piges)) (?:rien|jamais rien|que dalle)|you (?:are|re) (?:so |totally |completely )?useless|(?:this|your) (?:bot|thing|app|chat|robot) is (?:useless|rubbish)|you (?:don t|do not|never) understand(?: anything| a thing)?';

export const FEELINGS: Array<[Feeling, RegExp]> = [
  ['anger', w('marre', 'ca me gonfle', 'me gonfle', 'me (?:rend|rendent) (?:fou|folle|dingue|chevre)', 'ras (?:le bol|la casquette)', 'plein le dos', 'plein les bottes', 'colere', 'furieu(?:x|se)', 'degoutee?',
    'revoltee?', 'enerve\\w*', 'saoule\\w*', 'soule', 'me gave(?:nt)?', 'me tape sur (?:le systeme|les nerfs)', 'c est une honte', 'scandale\\w*', 'inadmissible', 'n importe quoi', '(?<!suis )(?<!suis trop )(?<!suis tellement )(?<!suis vraiment )(?<!sens )nul(?:le)?s?(?! part)(?! (?:en|avec) )', 'pourris?',
    'a la noix', 'de merde', ANGRY_AT_US, 'a la con', '(?:plus|pas) de patience', 'je perds patience', 'losing (?:my )?patience', 'putain', 'ptn', 'merde', 'chier', 'fait suer', BROKEN,
    'driving me (?:mad|crazy|nuts)', 'pisse[sd]? me off', 'fed up', 'sick (?:and tired )?of', '(?:so |really )?tired of', 'angry', 'annoy\\w*', 'frustrat\\w*', 'rubbish', 'ridiculous', 'useless (?:site|website)', 'never works?')],
  ['shame', w('honte', 'honteu(?:x|se)', '(?:ca|sa) me gene', 'je suis genee?', 'genant', 'mal a l aise', 'humiliee?', 'humiliant',
    'je suis (?:trop |tellement |vraiment )?(?:nul(?:le)?|bete|idiote?|stupide|debile)(?! (?:en|avec) )', 'je me sens (?:nul(?:le)?|bete|idiote?|stupide|ridicule)',
    'ashamed', 'embarrass(?:ed|ing)', '(?:i feel|i am|i m|feel|makes me feel) (?:so |really |very |a bit )?(?:stupid|dumb|useless|an idiot)')],
  ['fear', w('peur', 'trouille', 'frousse', 'flippe\\w*', 'je tremble', 'crainte', 'je crains', 'inquiete?', 'inquiet\\w*', 'angoiss\\w*', 'stress\\w*', 'panique\\w*', 'terrifie\\w*', 'terroris\\w*', 'anxieu(?:x|se)', 'anxiete', 'phobie', 'boule au ventre', 'apprehende', 'j ose (?:pas|plus)', 'je n ose (?:pas|plus)',
    '(?:arrive|dors) (?:pas|plus) a dormir', 'je dors (?:plus|pas)', 'nuits? blanches?', 'peur de (?:me tromper|faire une (?:erreur|betise|connerie))',
    'scared', 'afraid', 'worried', 'panic\\w*', 'fear', 'frightened', 'anxious', 'nervous', 'terrified', 'can not sleep')],
  ['ill', w('je suis (?:tres |gravement |souvent )?malade', '(?:tres|gravement) malade', 'va mourir', 'en fin de vie', 'soins palliatifs', 'malade en ce moment', 'hospitalisee?', '(?:je suis|je sors|j etais|je rentre) (?:a l|de l) hopital', 'sortie? de l hopital', 'cancer', 'chimio\\w*', 'operee?', 'convalescen\\w*',
    '(?:pas|plus) (?:la|de) force', 'sans force', '(?:pas|plus) l energie', 'plus d energie',
    'i am (?:very |really )?(?:ill|sick)', 'in hospital', 'no (?:strength|energy)')],
  ['sad', w('pleur\\w*', 'larmes?', 'je craque', 'craquer', 'au bout du rouleau', 'en larmes', 'decourag\\w*', 'demoralise\\w*', 'desesper\\w*', 'a bout', 'epuisee?', 'fatiguee?', 'crevee?', 'lessivee?',
    'triste', 'tristesse', 'chagrin', 'cafard', 'deprim\\w*', 'depressi\\w*', 'burn ?out', 'deprime', 'le moral (?:a zero|dans les chaussettes)', '(?:pas|plus) le moral', 'pas le courage', 'plus le courage', 'j en peux plus', 'je n en peux plus', '(?:suis|sens) (?:pas|plus) en etat(?! de marche| de rouler| de fonctionner)',
    'crying', 'cry', 'tears', 'desperate', 'exhausted', 'tired', 'worn out', 'sad', 'depressed', 'heartbroken')],
  ['lonely', w('je suis (?:tout |toute |tres |bien )?seule?', 'je vis seule?', 'je me sens (?:tres |bien )?seule?', '(?:tout|toute) seule? (?:depuis|au monde|a la maison|chez moi|dans la vie)', 'je (?:suis|me sens|vis) (?:tres |bien |trop )?isolee?', 'isolement', 'solitude',
    '(?:je n ai|j ai|n ai|j ai plus|je n ai plus) (?:plus )?personne', '(?<!une )(?<!la )(?<!cette )personne (?:pour|ne peut|ne veut|peut|veut) m aider', 'personne autour de moi',
    '(?:ma famille|mes enfants|mes proches|mes petits enfants|mon fils|ma fille) (?:est |sont |habite(?:nt)? |vi(?:t|vent) |travaille(?:nt)? )?(?:loin|pas la)', 'loin de (?:ma famille|mes enfants|mes proches)',
    'lonely', 'i (?:am|m|live) (?:all )?alone', 'feel (?:so |very |all )?alone', 'all alone', 'no one to help', 'nobody to help', 'no family', 'my (?:family|children|kids) (?:is|are|live) (?:far|abroad)')],
  ['unskilled', w('je (?:ne )?(?:sais|sait|c) (?:pas|plus) (?:bien |trop |du tout |vraiment )?(?:utiliser|me servir (?:de|d)|aller sur|naviguer sur) (?:l |le |la |les |un |une |mon |ma )?(?:internet|ordinateurs?|ordi|informatique|telephone|portable|smartphone|tablette|sites?|mails?)', 'i (?:do not|don t|can t|cannot) (?:really )?(?:use|work) (?:the internet|computers?|a computer|my phone|a smartphone)', 'je (?:ne )?(?:me )?debrouille (?:pas|mal|plus)', 'a mon age', 'je suis (?:trop )?(?:vieux|vieille|agee?)', 'personne agee', 'trop (?:vieux|vieille)', 'vieillesse', 'pas de mon age', 'pas de ma generation',
    '(?:pas|peu) doue?e?', '(?:pas|plus) (?:l habitude|a l aise avec|a la page)', 'je (?:n y )?connais rien (?:a|en|aux) (?:internet|informatique|ordinateurs?|ca|tout ca)', 'je m y connais pas', 'je n y connais rien', 'je (?:n y |n )?(?:comprends?|capte) (?:rien|pas grand chose|que dalle|pas) (?:a|en|aux|avec) (?:l |les |la )?(?:internet|informatique|ordinateurs?|ordis?|numerique|technologie|telephones?|portables?|smartphones?|tablettes?)', '(?:je suis|suis) (?:trop |tellement |vraiment |completement )?nul(?:le)? (?:en|avec) (?:informatique|internet|l informatique|les ordinateurs|l ordinateur|ordi|les ordis|ca|tout ca|les telephones|le telephone|la technologie|les machins)',
    'i am (?:old|elderly)', 'i m old', 'too old', 'at my age', 'elderly', 'not (?:good|great) with (?:computers|technology|the internet)', 'do not understand (?:computers|technology|the internet)')],
  ['lost', w('je suis (?:completement |toute? |un peu )?(?:perdue?|paumee?|larguee?|depassee?|submergee?|noyee?)', 'je m y perds', 'j y perds mon latin', '(?:je m|ca m|sa m) embrouille', 'la tete qui tourne', '(?:c est |c |ce n est |c est vraiment )?pas (?:evident|facile|simple) (?:pour moi|a mon age|du tout)', 'c est pas (?:evident|facile)', 'pas evident', 'c est du chinois', 'du chinois pour moi', 'all greek to me',
    'mal a la tete', 'j y comprends plus rien', 'je (?:n )?arrive (?:pas|plus) a me concentrer', 'je (?:ne )?peux pas me concentrer', 'overwhelmed', 'confused', 'i am lost', 'i m lost')],
];

/** The family a message's feeling belongs to, if any. */
export function feelingOf(t: string): Feeling | undefined {
  return FEELINGS.find(([, re]) => re.test(t))?.[0];
}

/** Every feeling phrase, to set a feeling aside and see what else the message asks for. */
export const FEELING_PATTERNS: RegExp[] = FEELINGS.map(([, re]) => re);
