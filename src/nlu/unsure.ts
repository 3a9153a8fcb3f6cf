/**
 * "bof", "mouais", "bah je sais pas", "meh", "not sure" at a list of ways forward (the nobody-on-duty list): the
 * citizen is unsure, not saying no. "bof" is a no at a yes/no question ("C'est bon ? bof"), so this is read only
 * where the list has no real no. Over `plainText()`; the whole short message must say it.
 */
import { isDontKnow } from './choices';
import { plainText } from './plainText';

const FILLER = '(?:euh|heu|bah|ben|bof|hmm+|hum+|pf+|oh|ah|ouais|well|hmm+|um+|uh+)';
const LUKEWARM = new RegExp(
  `^(?:${FILLER} )*(?:` +
    [
      'bof(?: bof)?', 'mouais', 'mouai', 'mwais', 'mwai', 'boarf', 'bouf', 'moui', 'euh', 'heu', 'bah', 'ben', 'hmm+', 'hum+', 'pf+',
      'je sais pas trop', 'je sais pas trop quoi', 'ca depend', 'je (?:ne )?sais pas quoi choisir', 'j hesite', 'je hesite',
      'meh', 'not sure', 'i m not sure', 'i am not sure', 'maybe', 'i guess', 'dunno', 'do not know', 'i do not know', 'hard to say',
    ].join('|') +
    ')(?: (?:quoi|la|trop|vraiment|really))?$',
);

/** Unsure, in a few words: lukewarm words or a "je sais pas". */
export function isUnsure(text: string): boolean {
  const t = plainText(text).trim();
  return t.split(' ').length <= 6 && (LUKEWARM.test(t) || isDontKnow(text));
}
