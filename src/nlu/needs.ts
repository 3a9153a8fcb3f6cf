/**
 * Needs a citizen tells us about (issue #16: "needs such as not reading well, no computer, visual impairment"):
 * reading or writing is hard, no computer or no Internet, seeing badly, hearing badly. Each changes the way
 * forward (a voice for reading and sight, a place that lends a computer, writing and a place for hearing);
 * src/bot/steps/understand.ts decides. Patterns over `plainText()` (folded, SMS spellings expanded).
 */

import { batteryPause } from './pause';

const any = (...parts: string[]) => new RegExp(`\\b(?:${parts.join('|')})\\b`);

/** Reading or writing is hard. */
const CANNOT_READ = [any('je (?:ne )?sais pas (?:bien |tres bien |trop )?lire', 'je (?:ne )?lis pas (?:bien|tres bien)', 'je lis mal', 'lire c est (?:dur|difficile)', 'j ai du mal a (?:lire|ecrire)', 'du mal a lire', 'difficultes? (?:a|pour) lire', 'illettree?', 'analphabete', 'dys?lexique', 'dislexique', 'j ecris (?:tres |trop |vraiment )?mal', 'je (?:ne )?sais pas (?:bien )?ecrire', 'fautes d orthographe', 'sais ni lire', 'ni lire ni ecrire', '(?:ecrit|ecrire|tape) pour moi', 'je (?:ne )?sais pas (?:bien )?(?:lire ni ecrire|ecrire)', 'pas (?:bien )?lire'), /\b(?:can not read|can t read|do not read (?:well|very well)|i read badly|hard to read|trouble reading|dyslexi[ac])\b/];
/** No computer, no Internet, no smartphone, no camera ("pc" and "ordi" are read as "ordinateur" in English too). */
const NO_COMPUTER = [any('(?:pas|plus|aucun) d ordinateur', 'pas de (?:pc|ordinateur|smartphone|internet|wifi|connexion|imprimante|scanner|tablette)', 'pas d (?:internet|imprimante|telephone portable)', 'pas de (?:telephone|portable) (?:intelligent|tactile|avec internet)', 'je n ai pas (?:d ordinateur|de smartphone|d internet|d imprimante)', 'j ai pas (?:d ordinateur|de smartphone|d internet|d imprimante)', 'sans (?:ordinateur|internet|smartphone)', 'telephone a clapet', 'vieux telephone',
    'ni (?:ordinateur|ordi|pc|tablette|smartphone|internet)', '(?:telephone|portable|il) (?:ne )?(?:fait|prend) pas (?:de |les )?photos?', 'pas d appareil photo', 'pas de camera', 'c est un vieux (?:telephone|portable|modele)', 'vieux (?:portable|modele)', 'pas internet', 'pas d internet (?:a la maison|chez moi)', 'j ai rien pour internet', 'je sais (?:meme )?pas (?:me )?servir (?:de|d) (?:mon |un )?(?:telephone|portable|ordinateur|ordi)', 'nul(?:le)? en informatique'), /\b(?:no (?:computer|laptop|ordinateur|internet|smartphone|printer|camera)|(?:phone|it) (?:has no|does not have a|doesn t have a) camera|(?:phone|it) (?:can not|cannot|can t|does not|doesn t) take (?:photos|pictures)|old (?:phone|mobile)|do not have (?:a )?(?:computer|laptop|ordinateur|internet|smartphone|printer)|without (?:a )?(?:computer|ordinateur|internet))\b/];
/** A computer or a phone that died, crashed or will not start: no computer for now ("mon ordi est mort"). */
const BROKEN_DEVICE = [
  /\b(?:ordinateur|telephone|tablette|smartphone|imprimante|box|internet|wifi|ecran)(?: [a-z]+){0,2} (?:est |a |il est |il a |elle est |elle a |vient de )?(?:mort|morte|creve|en panne|plante|planter|casse|cassee|foutue?|hs|grille|lache|rendu l ame|ne (?:marche|fonctionne|s allume|demarre|redemarre) (?:plus|pas)|(?:marche|fonctionne|s allume|demarre|redemarre) plus)\b/,
  /\b(?:computer|laptop|pc|phone|tablet|printer|internet|wifi|screen)(?: [a-z]+){0,2} (?:is |has |just )?(?:dead|died|broken|broke|crashed|not working|stopped working|won t (?:turn on|start|work)|will not (?:turn on|start|work)|is down)\b/,
];
/** Seeing badly. */
const SIGHT = [any('je (?:ne )?vois (?:tres |trop |vraiment |de plus en plus |de moins en moins |presque )?(?:mal|pas bien|plus bien|trouble|flou|rien|plus rien|plus)', 'mal ?voyante?', 'malvoyante?', 'aveugle', 'non voyante?', 'ma vue (?:baisse|est mauvaise)', 'probleme de vue', 'problemes de vue', 'j ai (?:une )?mauvaise vue', 'ecrit trop petit', 'c est trop petit', 'je (?:ne )?vois rien'), /\b(?:blind|visually impaired|poor (?:eye)?sight|can not see|cannot see|can t see|do not see (?:well|very well)|see (?:badly|poorly)|too small to read|too small for me|letters are too small|my eyes are (?:bad|not good|poor)|my eyesight)\b/];
/** Deaf or hard of hearing: the phone is no way forward; writing and a place are. */
const HEARING = /\b(?:sourde?s?|malentendante?s?|mal entendante?|j entends (?:mal|pas bien|plus rien|rien)|je n entends (?:pas|plus|rien)|appareil auditif|appareille(?:e)? des oreilles|langue des signes|lsf|deaf|hard of hearing|hearing (?:aid|impaired|loss)|can not hear|cannot hear)\b/;

export type Need = 'cannot-read' | 'no-computer' | 'sight' | 'hearing' | 'own-phone';

/** "je fais tout sur mon téléphone maintenant": another device is used — no computer to lend. */
const OTHER_DEVICE = /\b(?:je (?:fais|ferai|fait) (?:tout|tous|mes demarches|ca|sa)|j utilise|je passe par|je me sers de|je (?:fais|vais) avec|i (?:do|use) (?:everything|it all)?)\b.{0,15}\b(?:sur |avec |de |on |with |my )?(?:mon |ma |le |la |my )?(?:telephone|portable|smartphone|tablette|phone|tablet)\b/;

/** "j'ai que mon téléphone", "pas d'ordi juste mon portable", "I only have a phone": the phone will do. */
const ONLY_PHONE = /\b(?:(?:j |n )?ai|jai|g) (?:que|qu|juste|seulement|uniquement)(?: un| une| mon| ma| le| la)? (?:telephone|portable|smartphone|tel|tablette)\b|\b(?:juste|seulement|uniquement) (?:avec |sur )?(?:un |mon |le |ma )(?:telephone|portable|smartphone|tablette)\b|\bi (?:only|just) (?:have|got|use) (?:a |my )?(?:phone|mobile|smartphone|tablet)\b/;

const NEEDS: Array<[Need, RegExp[]]> = [
  ['cannot-read', CANNOT_READ],
  ['no-computer', [...NO_COMPUTER, ...BROKEN_DEVICE]],
  ['sight', SIGHT],
  ['hearing', [HEARING]],
];

/**
 * "You can't read anything" said of a photo or a document, "on peut rien lire sur le scan": the paper is hard to
 * read, not the citizen's reading — unless they also say they read badly themselves ("je sais pas bien lire").
 */
const IMPERSONAL_READ = /\b(?:(?:you|we|they|one|nobody|no one|anyone|it) (?:can not|cannot|can t|could not|couldn t) (?:read|be read)|can t be read|cannot be read|on (?:ne )?(?:peut|arrive|voit) (?:pas|rien|plus) (?:a )?lire|(?:ca|sa) (?:ne )?se lit pas|illisible|unreadable)\b/;
/** A picture that is blurred, dark or cut off: the picture is the problem. */
const BAD_PICTURE = /\b(?:floue?s?|blurry|blurred|out of focus|pixel[a-z]*|trop sombre|too dark|coupee?s?|cut off|pas nette?s?|not sharp)\b/;
const OWN_READING = /\b(?:je (?:ne )?sais pas (?:bien |tres bien |trop )?lire|je (?:ne )?lis pas|je lis mal|illettree?|analphabete|dys?lexi[a-z]*|dislexique|ni lire|i (?:do not|don t) read|i read badly|i (?:can not|cannot|can t) read (?:well|very well|french))\b/;

function aboutAThing(t: string): boolean {
  return (IMPERSONAL_READ.test(t) || BAD_PICTURE.test(t)) && !OWN_READING.test(t);
}

/** Every need the message tells of. */
export function needsIn(t: string): Need[] {
  // A flat battery is a pause (src/nlu/pause.ts), not a computer gone; another device in use needs no computer lent.
  const onlyPhone = ONLY_PHONE.test(t);
  const noComputer = !batteryPause(t) && !OTHER_DEVICE.test(t) && !onlyPhone;
  const found = NEEDS.filter(([need, res]) => res.some((re) => re.test(t)) && !(need === 'cannot-read' && aboutAThing(t)) && (need !== 'no-computer' || noComputer)).map(([need]) => need);
  // "mon ordi est mort, je fais tout sur mon téléphone": said to let us know, the phone will do.
  // "j'ai que mon téléphone", "pas d'ordi juste mon portable": only a phone, and it will do too.
  if (onlyPhone) return [...found, 'own-phone'];
  return !found.includes('no-computer') && BROKEN_DEVICE.some((re) => re.test(t)) && OTHER_DEVICE.test(t) ? [...found, 'own-phone'] : found;
}
