/**
 * Phonetic spellings of the words the understanding step looks for, as people who write by ear type them
 * ("kelk1", "jvoudré", "conseyer", "je c pa lir", "c ki"): brought to the written word before the patterns of
 * src/nlu/signals.ts read the message. Word by word on folded text (no accents, apostrophes as spaces); only
 * spellings that cannot be another common word are mapped ("mar" may be "mardi", "sa" may be "sa retraite").
 * Everyday words ("ki", "dabitude", "papié", "tjr") come from src/nlu/everydayByEar.ts.
 */
import { EVERYDAY_BY_EAR, EVERYDAY_PHRASES } from './everydayByEar';

/**
 * The names of formalities and organisations written by ear ("mé impo", "la kaf", "la karte vital", "mon
 * pasepor"): read by the router (`spelledByEar`) and by the signals (through PHONETIC). Only spellings that are
 * no other word.
 */
export const BY_EAR: Record<string, string> = {
  impo: 'impots', impos: 'impots', inpo: 'impots', inpot: 'impots', inpots: 'impots', impau: 'impots', impaux: 'impots', inpau: 'impots', enpo: 'impots',
  // glued to their d' ('ma declaracion dimpo'): the router needs only the name
  dimpo: 'impots', dimpos: 'impots', dinpo: 'impots', dinpot: 'impots', dinpots: 'impots', dimpau: 'impots', dimpaux: 'impots', dinpau: 'impots',
  kaf: 'caf', kaff: 'caf', caff: 'caf', karte: 'carte', kart: 'carte', vital: 'vitale', vitalle: 'vitale', vitall: 'vitale', vitalee: 'vitale',
  seku: 'secu', amely: 'ameli', amelli: 'ameli',
  pasepor: 'passeport', paspor: 'passeport', passepor: 'passeport', passpor: 'passeport', paseport: 'passeport', pasport: 'passeport', passepore: 'passeport',
  permi: 'permis', actualisasion: 'actualisation', actualisassion: 'actualisation', aktualisation: 'actualisation', aktualisasion: 'actualisation', atualisation: 'actualisation', actualistion: 'actualisation',
  declarasion: 'declaration', declaracion: 'declaration', declarassion: 'declaration', retrete: 'retraite', retraitte: 'retraite', retrette: 'retraite',
  chaumage: 'chomage', chomaj: 'chomage', idantite: 'identite', identiter: 'identite', logemen: 'logement', logman: 'logement', logeman: 'logement', lojement: 'logement', logment: 'logement', alocation: 'allocation', allocasion: 'allocation', alocasion: 'allocation',
  alocataire: 'allocataire', alocatair: 'allocataire', allocatair: 'allocataire', dallocataire: 'allocataire', dalocataire: 'allocataire', dallocation: 'allocation', dalocation: 'allocation',
  naissanse: 'naissance', nessance: 'naissance', naisance: 'naissance', prefectur: 'prefecture', prefektur: 'prefecture', fransconnect: 'franceconnect', franceconect: 'franceconnect', fransconect: 'franceconnect',
  // the two words by ear ('la franse konect'): franse is no other word; konect, konekt, conect neither
  franse: 'france', fransse: 'france', konect: 'connect', konekt: 'connect', conect: 'connect', conekt: 'connect', konnect: 'connect',
};

/** The message with the formality names spelled by ear written out, other words as they were (for the router). */
export function spelledByEar(text: string): string {
  return text
    .split(/([\s'’]+)/)
    .map((w) => {
      const key = w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
      return key && Object.prototype.hasOwnProperty.call(BY_EAR, key) ? BY_EAR[key] : w;
    })
    .join('');
}

/** One folded word → the written word(s). */
export const PHONETIC: Record<string, string> = {
  ...EVERYDAY_BY_EAR,
  ...BY_EAR,
  // someone, a person
  kelk1: 'quelqu un', kelkin: 'quelqu un', kelkun: 'quelqu un', kelqun: 'quelqu un', qlq1: 'quelqu un', qqun: 'quelqu un', quelquin: 'quelqu un', quelqu1: 'quelqu un',
  persone: 'personne', perssonne: 'personne', umain: 'humain', humin: 'humain',
  // wanting, being able
  jvoudre: 'je voudrais', voudre: 'voudrais', vodrai: 'voudrais', vodrais: 'voudrais', jveu: 'je veux', jpeu: 'je peux', jpe: 'je peux',
  // glued ones ('jeveu parlé a kelk1')
  jeveu: 'je veux', jeveux: 'je veux', jevoudrai: 'je voudrais', jevoudrais: 'je voudrais', jevoudre: 'je voudrais', jepeu: 'je peux', jepeux: 'je peux',
  jesai: 'je sais', jesais: 'je sais',
  // a wait, glued ('jreviens', 'attend jregarde', 'jcherche mes papiers')
  jreviens: 'je reviens', jrevien: 'je reviens', jreviendrai: 'je reviendrai', jregarde: 'je regarde', jcherche: 'je cherche', jchercher: 'je cherche',
  jvais: 'je vais', jmets: 'je mets', jfouille: 'je fouille', jdois: 'je dois', jdoi: 'je dois', jdoit: 'je dois', bougpa: 'bouge pas',
  // knowing, reading, writing
  jsai: 'je sais', jsait: 'je sais', lir: 'lire', ecrir: 'ecrire', ekrire: 'ecrire',
  // asking what or who
  ki: 'qui', koi: 'quoi', kwa: 'quoi',
  // feelings and thanks
  // "oé", "ouè": "oe", "oue" are "ouais" written by ear ("c fai": "fai" is in EVERYDAY_BY_EAR)
  oe: 'ouais', oue: 'ouais', ouee: 'ouais',
  fatige: 'fatigue', fatigee: 'fatiguee', tou: 'tout', mersi: 'merci', mercii: 'merci', cheers: 'thanks', thats: 'that s',
};

/** Phrases that only make sense together ("je c pa" is "je sais pas", "c" alone is "c'est"). */
const PHRASES: Array<[RegExp, string]> = [
  [/\b(je|j) c (pa|pas|plus|rien|comment|quoi|ou|si|lire|ecrire|lir|ecrir)\b/g, 'je sais $2'],
  [/\ben ai mar\b/g, 'en ai marre'],
  // "ma appelé", "il ma dit": a glued "m'a" before a past participle ("ma demande" stays "my request").
  [/\bma (appele|appelee|telephone|contacte|contactee|envoye|envoyee|ecrit|rappele|rappelee|dit|propose)\b/g, 'm a $1'],
  // "mon fils me la cree", "on me la vole": a glued "l'a" before a past participle ("me la faut" stays).
  [/\b(me|m|te|nous|vous|lui|leur|on) la (cree|creee|fait|faite|ouvert|ouverte|donne|donnee|envoye|envoyee|vole|volee|pris|prise|rendu|rendue|rempli|remplie|installe|installee|montre|explique|imprime|imprimee|refuse|refusee|accepte|acceptee|tire|tiree|pique|piquee)\b/g, '$1 l a $2'],
  // "sa marche pa", "sa y est": "sa" for "ça" before what only "ça" does ("sa carte" stays "her card").
  [/\bsa (?=(?:march|marche|marcher|marsh|marchait|y est|y e|a march|a marcher|a pas march|fonctionne|va|veut|bug|beug|bugue|plante|charge|mouline|passe|a marche|a pas|a bug|a plante|ne marche|ne passe|fait rien|me saoule|m enerve)\b)/g, 'ca '],
  // "ca march pa", "ca marsh": "march" cut short is "marche" after "ça" ("march 15th" stays a month).
  [/\bca (?:march|marsh|marhe|marchee?)\b/g, 'ca marche'],
  // "ca a marcher", "ca y é": the past participle and "est" written by ear.
  [/\bca a (pas )?(?:marcher|marchai|marchee?)\b/g, 'ca a $1marche'],
  [/\bca y e\b/g, 'ca y est'],
  // "jen c rien", "g en c rien": "c" for "sais" after "j'en".
  [/\bj en c (rien|pas|pa|plus)\b/g, 'j en sais $1'],
  // "cé fai", "cé pa bon", "cé ok": "ce" (a folded "cé") for "c'est" before what "c'est" says ("ce fichier" stays).
  [/\bce (?=(?:fai|fait|fe|pas|pa|ok|fini|bon$|bon c|mal|pareil|nul)\b)/g, 'c est '],

  // "1" for "un"/"une" before a person ("parler a 1 personne", "jveu 1 conseilé"); a lone "1" stays an answer.
  [/(^|[a-z] )1 (personne|dame|humaine?|conseill[a-z]*|conseil[a-z]*|mediat[a-z]*|agent|vraie?)\b/g, '$1un $2'],
];

/** The folded text with whole-phrase phonetic spellings written out. */
export function phoneticPhrases(folded: string): string {
  return EVERYDAY_PHRASES.reduce((t, [re, to]) => t.replace(re, to), PHRASES.reduce((t, [re, to]) => t.replace(re, to), folded));
}
