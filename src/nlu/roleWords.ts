/**
 * The words of the answers every guide step has (yes, no, "je suis bloqué") and of "go back where I was",
 * besides their labels (used by src/nlu/choices.ts).
 */
import { plainText } from './plainText';

export type ChoiceRole = 'yes' | 'no' | 'stuck';

/** Extra words for the answers every guide step has (besides their labels). */
export const ROLE_SYNONYMS: Record<ChoiceRole, string[]> = {
  yes: ['oui', 'ouais', 'ouai', 'ouep', 'ouaip', 'ouip', 'oui oui', 'voui', 'wi', 'ui', 'ok', 'okay', 'oki', 'okey', 'ok c bon',
    'daccord', "d'accord", 'dac', 'dacc', 'c bon', "c'est bon", 'cest bon', 'ces bon', 'oui c bon', 'oui c est bon', 'oui merci',
    'ok merci', 'yes', 'yep', 'yup', 'yeah', 'ya', 'sure', 'of course', 'yes please', 'done', "it's done", 'all good', 'got it',
    'it works', 'that worked', 'fait', 'c fait', "c'est fait", 'cest fait', 'c fai', 'cfait', 'cfai', 'c fais', 'cest fai', 'c fe', 'ce fait', 'voila', 'voila c fait', "voila c'est fait",
    'voila cest fait', 'ca y est', "c'est ok", 'c ok', 'cest ok', 'ca marche', 'ca a marche', "j'ai fini", 'jai fini', 'fini',
    'termine', "c'est termine", 'bien sur', 'evidemment', 'exactement', 'exact', 'tout a fait', 'absolument', 'parfait',
    'super', 'top', 'nickel', 'impec', 'merci', 'oui madame', 'oui monsieur', 'affirmatif', 'je confirme', 'confirme',
    // done already, and a hedged yes ("normalement oui", "je crois")
    'deja fait', 'c deja fait', "c'est deja fait", "je l'ai deja fait", 'jlai deja fait', "je l'ai fait", 'jlai fait',
    'oui deja fait', 'oui je l ai fait', "j'ai deja fait", 'jai deja fait', "c'est fait deja", 'normalement oui', 'oui normalement',
    'normalement', 'je pense', 'je pense que oui', 'jpense', 'jpense que oui', 'je crois', 'je crois que oui', 'jcrois', 'oui je crois',
    'oui je pense', 'il me semble', 'je croi', "j'crois", 'jcroi', 'euh je crois', 'euh je croi', 'euh oui',
    // "si" is the yes that answers a question asked in the negative; "je l'ai" says the thing is there
    'si', 'si si', 'ben si', 'bah si', 'mais si', 'si je l ai', 'si si je l ai', "je l'ai", 'je l ai', 'jlai', "j'lai", "je les ai", 'je les ai', 'oui je les ai',
    'a priori oui', 'apriori oui', 'logiquement oui', 'en principe oui', 'i think so', 'i guess so',
    'i think yes', 'already done', 'i already did it', "i've done it already", 'i did it already'],
  no: ['non', 'nan', 'nn', 'non non', 'nope', 'nop', 'no', 'nah', 'no way', 'not yet', 'not really', 'no thanks', 'non merci',
    'pas encore', 'toujours pas', 'pas bon', "c'est pas bon", 'cest pas bon', 'pas vraiment', 'pas du tout', 'pas trop', 'bof',
    'negatif', 'not done', 'not done yet', 'pas fait', 'pas encore fait', 'non pas fait', 'non pas encore fait',
    'i think not', "i don't think so", 'je crois pas', 'je pense pas', 'jpense pas', 'non je crois pas', 'normalement non',
    // not done yet, only part of it ("presque", "à moitié", "kind of"): the step's "Non" help, never the next step
    'presque', 'presque fini', 'presque fait', 'presque termine', 'pas tout a fait', 'pas completement', 'pas entierement',
    'pas totalement', 'pas fini', 'pas termine', 'pas encore fini', 'pas encore termine', 'a moitie', 'a moitie fait',
    'a moitie fini', 'en partie', 'en partie seulement', 'que en partie', 'pas jusqu au bout', 'pas tout', 'pas tout fait',
    'almost', 'nearly', 'almost done', 'nearly done', 'not quite', 'kind of', 'kinda', 'sort of', 'partly', 'half', 'halfway',
    'half done', 'almost there', 'nearly there', 'not there yet', 'i do not think so', 'not completely', 'not finished', 'not finished yet', 'not all of it', 'ca marche a moitie', 'a moitie seulement',
    'que a moitie', 'j ai fait la moitie', 'fait la moitie', 'la moitie', 'la moitie seulement', 'pas fini encore'],
  stuck: ['bloque', 'je suis bloque', 'je suis bloquee', 'bloquee', 'coince', 'je bloque', "j'y arrive pas",
    "je n'y arrive pas", 'jy arrive pas', "j'arrive pas", 'jarrive pas', 'stuck', "i'm stuck", 'im stuck', 'help me'],
};

/**
 * "Vous avez tout ?" answered "j'ai tout", "g tout", "tout ce qu'il faut": the yes of that question, in words with
 * no yes word and no word of its own ("tout" is a small word the label's stems leave out).
 */
export const HAVE_ALL_WORDS: string[] = ["j'ai tout", 'jai tout', 'g tout', 'tout', "j'ai tous", 'jai tous', "j'ai toutes", 'tout est la',
  "tout ce qu'il faut", 'tout ce qui faut', "j'ai tout ce qu'il faut", "j'ai tout ce qui faut", 'tout est pret', "j'ai tout sous la main",
  'tout sous la main', 'jai tout ce quil faut', "oui j'ai tout ce qu'il faut", 'i have everything', "i've got everything",
  'got everything', 'i have it all', 'got it all', 'everything is ready', 'i have all of it', 'everything'];

/** "Vous l'avez ?" (one prerequisite) answered "je l'ai perdu", "je le trouve plus", "i lost it": its no. */
export const NOT_AT_HAND_WORDS: string[] = ['perdu', 'perdue', "je l'ai perdu", "je l'ai perdue", 'je l ai perdu', 'je l ai perdue', 'jlai perdu',
  'je les ai perdus', 'je les ai perdues', 'je le trouve pas', 'je la trouve pas', 'je le trouve plus', 'je la trouve plus',
  'je les trouve pas', 'je les trouve plus', 'je trouve pas', 'je trouve plus', 'je sais pas ou il est', 'je sais pas ou elle est',
  'je sais plus ou il est', 'je sais plus ou elle est', 'oublie', "j'ai oublie", 'je l ai oublie', "je l'ai oublie", 'pas sur moi',
  'je l ai plus', "je l'ai plus", 'je ne l ai plus', "je ne l'ai plus", 'jlai plus', 'je les ai plus', 'plus', 'pas encore', 'pas la',
  'i lost it', 'lost it', 'lost', "can't find it", 'cant find it', 'cannot find it', 'i forgot it', 'forgot', "don't have it", 'dont have it'];

/**
 * "It does not work": a bug, a blank page, nothing loads ("sa bug", "ecran blanc", "ca charge pas"). It is the "Non"
 * of a question asking whether it worked ("C'est bon ?", "Le site accepte le chèque ?" → "Non, refusé"); where "Non"
 * says something else ("Non, je le crée" at "Vous avez déjà un espace ?"), it is "Je bloque", never that answer.
 */
export const FAILED_WORDS: string[] = ['ca marche pas', 'ca ne marche pas', 'marche pas', 'ca marche toujours pas', "it doesn't work",
  'ca marche pas du tout', 'ca ne marche pas du tout', 'sa marche pas du tout', 'marche pas du tout', 'ca marche jamais', 'sa marche jamais',
  'ca marche vraiment pas', 'ca marche plus', 'sa marche plus', 'ca marche plus du tout', "it doesn't work at all", 'it does not work at all',
  'it does not work', 'it do not work', 'its not working', "it's not working", 'it is not working', "it isn't working", "didn't work", 'did not work', 'not working', "doesn't work",
  'ca bug', 'sa bug', 'ca beug', 'sa beug', 'ca bugue', 'sa bugue', 'ca bugg', 'ca a bugue', 'ca a bug', 'sa a bug', 'ca plante',
  'sa plante', 'ca a plante', 'ca charge pas', 'sa charge pas', 'ca charge plus', 'ca charge', 'sa charge', 'ca charge toujours',
  'ca mouline', 'sa mouline', 'ca tourne dans le vide', 'page blanche', 'ecran blanc', 'la page est blanche', "l'ecran est blanc",
  'sa marche pas', 'sa marche po', 'ca marche po', 'marche po', 'ca fonctionne pas', 'sa fonctionne pas', 'ca veut pas', 'sa veut pas',
  'il veut pas', 'elle veut pas', 'le site bug', 'le site beug', 'le site plante', 'la page bug', 'la page plante', 'rien ne se passe',
  'il se passe rien', 'ca fait rien', 'sa fait rien', "it's buggy", 'it crashed', 'blank page', 'nothing happens', 'it keeps loading',
  // An error shown by the site ("le site me dit erreur", "ça me met erreur"): it did not work.
  'le site me dit erreur', 'le site dit erreur', 'le site me met erreur', 'le site met erreur', 'il me dit erreur', 'il me met erreur',
  'ca me dit erreur', 'sa me dit erreur', 'ca dit erreur', 'ca me met erreur', 'sa me met erreur', 'ca met erreur', 'sa met erreur',
  'ca marque erreur', 'sa marque erreur', 'ca affiche erreur', 'ca me met une erreur', 'ca me met un message d erreur',
  'il me met une erreur', 'il y a un message d erreur', 'message d erreur', 'page d erreur', 'erreur technique', 'une erreur technique',
  'it says error', 'it shows an error', 'error message', 'i get an error'];

/**
 * A "no" answer that says it did not work: the bare "Non" of "C'est bon ?" (a guide's own "Non" answers its question:
 * "Le test dit que vous avez droit ? Non" is the test's result, not a failure), or a refusal ("Non, refusé").
 */
const BARE_NO = /^(?:non|no|non pas encore|not yet|pas encore)$/;
const FAILED_NO = /\b(?:refus\w*|erreur|rejet\w*|invalide|pas valable|non valable|marche pas|ne marche|passe pas|accepte pas|echec|refused|rejected|error|invalid|failed|does not work|doesn t work)\b/;

/**
 * The words of an answer's role among these options: "it does not work" belongs to the "Non" of a did-it-work
 * question, else to "Je bloque". `folded`: the options' labels, folded.
 */
type RoleOption = { role?: ChoiceRole; folded: string; value?: string };

export function wordsOfRole(role: ChoiceRole, options: RoleOption[]): string[] {
  if (role === 'yes') return ROLE_SYNONYMS.yes;
  if (role === 'no') return failedIsNo(options) ? NO_OR_FAILED : ROLE_SYNONYMS.no;
  return failedIsNo(options) ? ROLE_SYNONYMS.stuck : STUCK_OR_FAILED;
}

/** Does the question ask whether it worked (its "no" answer is a bare "Non" or a refusal)? */
export function failedIsNo(options: RoleOption[]): boolean {
  return options.some((o) => o.role === 'no' && (FAILED_NO.test(o.folded) || (BARE_NO.test(o.folded) && (o.value === undefined || o.value === 'no'))));
}
const NO_OR_FAILED = [...ROLE_SYNONYMS.no, ...FAILED_WORDS];

/** The message is an "it does not work" (not a plain "je suis bloqué"): the step's own help may answer it. */
export function saysFailed(text: string): boolean {
  const plain = plainText(text);
  return FAILED_PLAIN.some((f) => plain === f || (plain.startsWith(f) && plain[f.length] === ' ') || (plain.endsWith(f) && plain[plain.length - f.length - 1] === ' '));
}
const FAILED_PLAIN = FAILED_WORDS.map((f) => plainText(f)).sort((a, b) => b.length - a.length);
/** The same, each between spaces (looked for in a message between spaces: read at every answer, built once). */
const FAILED_PADDED = FAILED_PLAIN.map((f) => ` ${f} `);

/** Words around an "it does not work" that add nothing: a no, a filler ("non sa marche pa", "ben ça marche pas"). */
const AROUND_FAILED = new Set(['non', 'nan', 'no', 'nope', 'ben', 'bah', 'bein', 'euh', 'heu', 'ah', 'oh', 'bon', 'mais', 'well', 'hmm', 'ouf', 'pff', 'helas', 'toujours', 'still', 'encore']);

/**
 * "non sa marche pa", "le mot de passe sa marche pa", "the password doesn't work": an "it does not work" said with
 * more words — a no, a filler, or only what the question is about (`about`: words of the question on screen, as the
 * `keep` filter reads them). Its "it does not work" phrase, to be read as the bare words (the question's "Non", or
 * "Je bloque"); undefined when the message says only that phrase, or something else besides.
 */
export function failedWithMore(text: string, keep: (rest: string) => boolean): string | undefined {
  const plain = plainText(text);
  const padded = ` ${plain} `;
  const i = FAILED_PADDED.findIndex((p) => padded.includes(p));
  if (i < 0) return undefined;
  const f = FAILED_PLAIN[i];
  if (plain === f) return undefined;
  const rest = padded.replace(FAILED_PADDED[i], ' ').split(' ').filter((w) => w && !AROUND_FAILED.has(w)).join(' ');
  return rest === '' || keep(rest) ? f : undefined;
}
const STUCK_OR_FAILED = [...ROLE_SYNONYMS.stuck, ...FAILED_WORDS];

/** Other ways to say "go back where I was" (the answer that returns to a guide's question after an aside). */
export const GO_ON_SYNONYMS: string[] = ['continuer', 'on continue', 'je continue', 'continue', 'la suite', 'suite', 'on reprend',
  'reprendre', 'je reprends', 'revenir', 'retour', 'retourner au guide', 'revenir au guide', 'retour a la question',
  'go on', 'carry on', 'continue please', 'back', 'go back', 'back to the guide', 'resume'];


/** Words that say "yes, it worked" at the start of a message ("impec on lit tout", "nickel c'est passé"). */
const YES_LEAD = /^(?:(?:ah |oh |bon |ben |bah |oui |ouais |ok |okay |oki |yes )?(?:impec|impeccable|nickel|niquel|parfait|super|top|genial|ca y est|c est bon|c bon|cest bon|voila|c est fait|c fait|j ai fini|jai fini|j ai termine|jai termine|je l ai fait|j l ai fait|jl ai fait|yes|yep|yeah|perfect|great|all good|it worked|done|did it|i did it|i ve done it|i have done it))\b/;

/**
 * A message that opens with one of those and denies nothing after it: yes (true), else undefined. "ok" and
 * "d'accord" only acknowledge ("ok je regarde") and do not count; "nickel mais…", "super ça marche pas" are no yes.
 */
export function leadingYes(plain: string): true | undefined {
  if (!YES_LEAD.test(plain)) return undefined;
  // "super merci beaucoup" thanks; it does not answer. "c'est fait merci" says it is done, and thanks besides.
  const thanksOnly = !DONE_LEAD.test(plain) && /\b(?:merci|thanks|thank)\b/.test(plain);
  return thanksOnly || /\b(?:pas|plus|jamais|rien|mais|sauf|not|no|but|never|nothing|bloque|erreur|refuse)\b/.test(plain) ? undefined : true;
}
/** Words that say the step is done ("c'est fait", "voilà c fait", "j'ai fini"), not only that all is fine. */
const DONE_LEAD = /^(?:(?:ah |oh |bon |ben |bah |oui |ouais |ok |okay |voila )?(?:ca y est|c est fait|c fait|j ai fini|jai fini|j ai termine|jai termine|je l ai fait|j l ai fait|jl ai fait|done|i did it|i ve done it|i have done it))\b/;
