/**
 * French for the normaliser (normalize.ts): multi-word canonical forms, SMS spellings, stop words, elisions
 * ("jarrive" → "j" + "arrive"), light stemming and a rough phonetic key.
 */

import { EVERYDAY_BY_EAR } from './everydayByEar';

/** Words the elision splitter may recognise ("jarrive" → "j" + "arrive" if "arrive" is known). */
export interface Lexicon {
  has(word: string): boolean;
}

export const EMPTY_LEXICON: Lexicon = { has: () => false };

/** Multi-word and spelling variants mapped to one canonical form (applied on folded text). */
export const FR_PHRASES: Array<[RegExp, string]> = [
  [/\b(?:https?|www)\b/g, ' '],
  [/\b(?:mots? de pas?s?e?|mots? passe|mdp|mot2passe|motdepasse|password|pwd)\b/g, ' motdepasse '],
  [/\b(?:e ?-? ?mail|e ?-? ?mel|mels?|mails?|emails?|courriels?|arobase|@)\b/g, ' mail '],
  [/@/g, ' mail '],
  [/\badresses? (?:electroniques?|internet)\b/g, ' adresse mail '],
  [/\b(?:gmail|hotmail|outlook|yahoo|messagerie)\b/g, ' $& mail '],
  [/\bfran[cs]e? ?-? ?con+e[ck]+t?\b/g, ' franceconnect '],
  [/\b(?:p[oô]le? ?-? ?emplois?|france ?-? ?travail+e?|francetravail)\b/g, ' francetravail '],
  [/\b(?:maisons? |espaces? )?(?:france ?-? ?services?|msap)\b/g, ' franceservices '],
  [/\b(?:securite sociale|securite soc|secu|assurance maladie|cpam)\b/g, ' secu '],
  [/\bcni\b/g, ' carte identite '],
  [/\brevenus? de solidarite(?: active)?\b/g, ' rsa '],
  // "je suis retraitée" describes the person, it is not a request about retirement.
  [/\b(?:je suis|suis|etant|nous sommes) (?:a la |en )?retraite(?:e|s|es)?\b/g, ' senior '],
  [/\bretraitee?s?\b(?= depuis)/g, ' senior '],
  // A care home is a place to live, not the pension: "mon mari est parti en maison de retraite".
  [/\b(?:maisons? de retraite|ehpad|foyer logement|residence seniors?)\b/g, ' ehpad '],
  // "il est parti" may mean he died; "il est parti en maison de retraite / chez sa fille" says where he went.
  [/\b(est|sont) (?:partie?s?)(?= (?:en|a|au|aux|dans|chez|vivre|habiter|travailler|s installer) )/g, ' $1 alle '],
  [/\bretraitees?\b/g, ' senior '],
  [/\bpre ?-? ?demandes?\b/g, ' predemande '],
  // "oubliez mon numéro" asks to erase; "j'ai oublié mon mot de passe" does not.
  [/\boubliez\b/g, ' effacez '],
  [/\bpass ?-? ?numeri\w*/g, ' passnumerique '],
  // "je me rappelle plus" is "I don't remember", not "call me back".
  [/\b(?:je (?:ne )?me|me) (?:rappel+e?s?|rapel+e?s?)\b(?! (?:svp|stp|demain|au|par|vite|quand|ce|cet|a|s'il))/g, ' souviens '],
  [/\bassures? socia(?:l|le|ux)\b/g, ' secu '],
  [/\b(?:verrouille|verouille|verrouiller|bloquer|bloquee?s?|coincee?s?)\b/g, ' bloque '],
  [/\b(?:rendez ?-? ?vous|rdv)\b/g, ' rdv '],
  [/\b(?:en ligne|sur le net|sur internet|par internet|web)\b/g, ' internet '],
  [/\b(?:ordi|pc)\b/g, ' ordinateur '],
  [/\b(?:tel|portable|mobile)\b/g, ' telephone '],
  // A text message is an SMS, whatever it is called (plainText in signals.ts says the same).
  [/\b(?:textos?|sms|texto?s)\b/g, ' sms '],
  [/\b\d{5}\b/g, ' codepostal '],
  [/\baujourd ?'? ?hui\b/g, ' aujourdhui '],
  [/\bpeut ?-? ?etre\b/g, ' peutetre '],
  [/\b(?:c|k)'? ?(?:koi|quoi)\b/g, ' quoi '],
  // "je c pa comment", "j c pas": "c" for "sais" after "je" (a lone "c" is "c'est" in FR_SMS: "c bon" stays).
  [/\b(?:je|j)'? ?c (pa|pas|plus|rien|comment|cmt|koman|quoi|koi|ou|si)\b/g, ' je sais $1 '],
];

/** SMS and phonetic spellings, token by token. */
export const FR_SMS: Record<string, string> = {
  ...EVERYDAY_BY_EAR,
  pa: 'pas', koi: 'quoi', kwa: 'quoi', bcp: 'beaucoup', svp: 'svp', stp: 'svp', sil: 'si il', jsp: 'je sais pas',
  jsai: 'je sais', jsais: 'je sais', chai: 'je sais', pb: 'probleme', pblm: 'probleme', pbm: 'probleme', prob: 'probleme',
  tjr: 'toujours', tjrs: 'toujours', ds: 'dans', pr: 'pour', pk: 'pourquoi', pq: 'pourquoi', ke: 'que', ki: 'qui',
  kel: 'quel', kelle: 'quelle', qd: 'quand', kan: 'quand', bjr: 'bonjour', bonjr: 'bonjour', slt: 'salut',
  cc: 'salut', jveu: 'je veux', jveux: 'je veux', jvx: 'je veux', veu: 'veux', vx: 'veux', jvoudrai: 'je voudrais',
  jvoudrais: 'je voudrais', voudrai: 'voudrais', jsuis: 'je suis', chui: 'je suis', chuis: 'je suis', jsui: 'je suis',
  jpeu: 'je peux', jpeux: 'je peux', jcomprend: 'je comprends', jcomprends: 'je comprends', jarive: 'j arrive',
  jariv: 'j arrive', jai: 'j ai', jen: 'j en', jy: 'j y', cest: 'c est', nai: 'n ai', nen: 'n en',
  ya: 'il y a', tt: 'tout', ts: 'tous', mm: 'meme', fo: 'faut', fau: 'faut', o: 'au', c: 'c est',
  g: 'j ai', jme: 'je me', jne: 'je ne', jtrouve: 'je trouve', jfais: 'je fais', dc: 'donc', msg: 'message',
  dossie: 'dossier', 1: 'un', 2: 'deux', slp: 'svp', mr: 'monsieur',
  mme: 'madame', mlle: 'madame', appli: 'application', app: 'application', apli: 'application',
  // Written by ear (none is a French word of its own): "jdoi fair", "fé", "kom", "oci", "jamé", "resu".
  jdoi: 'je dois', jdois: 'je dois', jdoit: 'je dois', doi: 'dois', fair: 'faire', fe: 'fait', jfai: 'je fais',
  kom: 'comment', komen: 'comment', koman: 'comment', komment: 'comment', oci: 'aussi', ossi: 'aussi', jame: 'jamais',
  jamai: 'jamais', tro: 'trop', vrmt: 'vraiment', mtn: 'maintenant', mnt: 'maintenant', ns: 'nous', vs: 'vous',
  jvai: 'je vais', jvais: 'je vais', jve: 'je veux', jse: 'je sais', jcrois: 'je crois', jpense: 'je pense',
  resu: 'recu', ressu: 'recu', papie: 'papier', papies: 'papiers', dja: 'deja', kelke: 'quelque', kelk: 'quelque',
  dmd: 'demande', dmande: 'demande', pourkoi: 'pourquoi', pkoi: 'pourquoi', ptet: 'peutetre', cb: 'carte bancaire', r1: 'rien', ri1: 'rien', plu: 'plus',
  // "mon conte ameli", "c la 1ere fois"
  conte: 'compte', conpte: 'compte', compt: 'compte', contes: 'comptes', '1ere': 'premiere', '1re': 'premiere', '1er': 'premier',
};

/** Function words and politeness: they say nothing about the formality. */
export const FR_STOP = new Set(
  (
    'a ai aie as au aux avec avoir avais avait avons avez ont ca ce ceci cela celle celui ces cet cette c d dans de des du ' +
    'elle elles en et est es etre etais etait etes sommes suis sont sera serai j je l la le les leur leurs lui m ma mais me ' +
    'meme mes moi mon n ne ni nos notre nous on ou par pas pour qu que quoi qui quel quelle quels quelles s sa se ses si ' +
    'son sur t ta te tes toi ton tu un une vos votre vous y il ils donc car alors aussi tres trop bien deja encore ' +
    'toujours jamais rien plus moins tout tous toute toutes fait faire fais fait faites font veux veut voudrais voudrait ' +
    'voulais voulait vouloir peux peut pouvez pourrais pourriez pouvoir dois doit devez faut falloir comment quand ' +
    'pourquoi combien bonjour bonsoir salut merci svp madame monsieur oui non ok voila svp ici la ceux dont lorsque ' +
    'puis chez aujourdhui hier demain maintenant lequel laquelle estce beaucoup peu quelque quelques quelqu ' +
    'eu ete sais savez sait besoin aimerais aimerait souhaite souhaiterais cordialement sil plait vois voir dit ' +
    'dire dis disent mettre met mets bon bonne ah euh hum hello coucou vraiment ' +
    'entre vers sans sous selon depuis pendant comme fois marre chose choses truc trucs gens demande demandes ' +
    'an ans annee annees demander demandez demandent arrive arriver arrivais arrivee marche marchait essaye essayer essaie ensuite'
  ).split(' '),
);

/** Words that may follow an elided "j'", "l'", "d'"... even if the guides never use them. */
export const FR_COMMON = new Set(
  (
    'ai avais avait en y est etait arrive arrivee arriver arrivais aime habite habitais attends attendais achete ' +
    'un une il ils elle elles on ecris envoie essaye essaie etre avoir ordinateur aide aider adresse acces ' +
    'identite impot impots ameli activite actualisation actualiser actualise inscrire inscris inscrit attestation ' +
    'allocation argent appartement annee age utiliser ouvrir oublie entendu ecrit email espace etat emploi ' +
    'enfant enfants autre aucune aucun apl affiliation assurance'
  ).split(' '),
);

export const ELIDABLE = /^(qu|[cdjlmnst])([aeiouyh].+)$/;

/** "jarrive" → ["j", "arrive"] when the glued form is unknown and the rest is a known word. */
export function splitElision(word: string, lexicon: Lexicon = EMPTY_LEXICON): string[] {
  if (word.length < 3 || FR_STOP.has(word) || FR_COMMON.has(word) || lexicon.has(word)) return [word];
  const m = ELIDABLE.exec(word);
  if (!m) return [word];
  if (knownRest(m[2], lexicon)) return [m[1], m[2]];
  // Double elision: "jlai" (je l'ai), "jnarrive".
  const m2 = /^[jm]([ldn])([aeiouyh].+)$/.exec(word);
  if (m2 && knownRest(m2[2], lexicon)) return [m2[1], m2[2]];
  return [word];
}

export function knownRest(rest: string, lexicon: Lexicon): boolean {
  if (FR_COMMON.has(rest)) return true;
  if (rest.length < 3 || FR_STOP.has(rest)) return false;
  const st = stemFr(rest);
  return lexicon.has(rest) || (st.length >= 4 && lexicon.has(st));
}

/** [suffix, replacement, shortest stem left]: the first that fits applies. */
const FR_SUFFIXES: Array<[string, string, number]> = [
  ['issement', '', 4], ['ements', '', 3], ['ement', '', 3], ['ations', '', 3], ['ation', '', 3], ['ition', 'i', 3],
  ['iption', 'i', 3], ['ateur', '', 3], ['atrice', '', 3], ['ique', '', 4], ['ites', '', 4], ['ite', '', 4],
  ['erions', '', 4], ['erons', '', 4], ['eront', '', 4], ['erais', '', 4], ['erait', '', 4], ['eras', '', 4],
  ['erez', '', 4], ['erai', '', 4], ['era', '', 4], ['aient', '', 4], ['ions', '', 4], ['iez', '', 4],
  ['ais', '', 4], ['ait', '', 4], ['ees', '', 3], ['ee', '', 3], ['ez', '', 3], ['er', '', 3],
  ['ire', 'i', 4], ['ir', 'i', 4], ['it', 'i', 4], ['e', '', 3],
];

/** Light French stemmer: plural, common noun and verb endings. Same family → same stem. */
export function stemFr(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('aux') && w.length > 4) w = `${w.slice(0, -3)}al`;
  else if (/[^s][sx]$/.test(w)) w = w.slice(0, -1);
  for (const [suffix, repl, min] of FR_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      // "-ité" nouns (activité, sécurité) have a consonant before the suffix; "retraite", "suite" do not.
      if (suffix.startsWith('ite') && /[aeiouy]$/.test(w.slice(0, -suffix.length))) continue;
      w = w.slice(0, -suffix.length) + repl;
      break;
    }
  }
  return w.replace(/([^aeiou])\1$/, '$1');
}

/** Rough French phonetic key: ai/ei → e, au/eau → o, qu/k/c → k, ph → f, no double letters, no mute ending. */
export function phoneticFr(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  return word
    .replace(/ph/g, 'f')
    .replace(/gu(?=[ei])/g, 'g')
    .replace(/qu|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ch/g, '§')
    .replace(/c/g, 'k')
    .replace(/§/g, 'ch')
    .replace(/g(?=[eiy])/g, 'j')
    .replace(/eau|au/g, 'o')
    .replace(/ai|ei/g, 'e')
    .replace(/(?:et|er|ez)$/, 'e')
    .replace(/[ae][nm](?=[^aeiouy]|$)/g, 'an')
    .replace(/(?:ain|ein|im)(?=[^aeiouy]|$)/g, 'in')
    .replace(/y/g, 'i')
    .replace(/h/g, '')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/(?<=.{3})e$/, '')
    .replace(/(?<=.{3})[stxd]+$/, '');
}
