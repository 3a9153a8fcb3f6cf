/**
 * "bof", "mouais", "bah je sais pas", "meh", "not sure" at a list of ways forward (the nobody-on-duty list): the
 * citizen is unsure, not saying no. "bof" is a no at a yes/no question ("C'est bon ? bof"), so this is read only
 * where the list has no real no. Over `plainText()`; the whole short message must say it.
 */
import { isDontKnow } from './choices';
import { plainText } from './plainText';

const WORDS = [
  'bof', 'mouais', 'mouai', 'mwais', 'mwai', 'boarf', 'bouf', 'moui', 'euh', 'heu', 'bah', 'ben', 'hmm+', 'hum+', 'pf+', 'oh', 'ah', 'bon',
  'je (?:ne )?sais pas(?: trop| vraiment| quoi choisir| quoi)?', 'sais pas', 'aucune idee', 'ca depend', 'j hesite', 'je hesite', 'peutetre', 'peut etre',
  'meh', 'well', 'um+', 'uh+', 'not sure', 'i m not sure', 'i am not sure', 'maybe', 'i guess', 'do not know', 'i do not know', 'hard to say',
].join('|');
/** Only these words, one or more ("mouais bof", "bof jsp", "hmm not sure"); never a yes word ("ouais" is the callback). */
const LUKEWARM = new RegExp(`^(?:(?:${WORDS}) )*(?:${WORDS})$`);

/** Unsure, in a few words: lukewarm words or a "je sais pas". */
export function isUnsure(text: string): boolean {
  const t = plainText(text).trim();
  return t.split(' ').length <= 6 && (LUKEWARM.test(t) || isDontKnow(text));
}
