/** English for the normaliser (normalize.ts): canonical forms, SMS spellings, stop words and light stemming. */

export const EN_PHRASES: Array<[RegExp, string]> = [
  [/\b(?:https?|www)\b/g, ' '],
  [/\b(?:can ?'?t|cannot)\b/g, ' can not '],
  [/\b(?:won ?'?t)\b/g, ' will not '],
  [/n ?'t\b/g, ' not '],
  [/'(?:m|re|ve|ll|d|s)\b/g, ' '],
  [/\b(?:pass ?words?|pwd|pw|passwd)\b/g, ' password '],
  [/\b(?:e ?-? ?mails?|mails?|@)\b/g, ' email '],
  [/@/g, ' email '],
  [/\bfran[cs]e? ?-? ?con+e[ck]+t?\b/g, ' franceconnect '],
  [/\b(?:p[oô]le? ?-? ?emplois?|france ?-? ?travail+e?|francetravail)\b/g, ' francetravail '],
  [/\b(?:france ?-? ?services?)\b/g, ' franceservices '],
  [/\b(?:securite sociale|secu|social security|health insurance|cpam)\b/g, ' secu '],
  [/\b(?:online|on the internet|on line)\b/g, ' internet '],
  [/\b(?:appointment|rdv)\b/g, ' appointment '],
  [/\b\d{5}\b/g, ' codepostal '],
];

export const EN_SMS: Record<string, string> = {
  // 'my wife die in june', 'a leter': broken English and spellings by ear
  die: 'died', dies: 'died', leter: 'letter', leters: 'letters', evrything: 'everything', everyting: 'everything',
  u: 'you', ur: 'your', r: 'are', pls: 'please', plz: 'please', thx: 'thanks', idk: 'i do not know', im: 'i am',
  ive: 'i have', cant: 'can not', dont: 'do not', didnt: 'did not', doesnt: 'does not', wont: 'will not',
  isnt: 'is not', acct: 'account', acc: 'account', govt: 'government', gov: 'government', msg: 'message',
  b4: 'before', 2: 'to', 4: 'for', 1: 'one', n: 'and', w: 'with', pb: 'problem', prob: 'problem',
  pc: 'computer', app: 'application', wanna: 'want to', gonna: 'going to', gotta: 'have to', ppl: 'people', tel: 'phone',
};

export const EN_STOP = new Set(
  (
    'a an the i me my mine we our you your he she it its they them their this that these those is am are was were be ' +
    'been being have has had having do does did doing will would shall should can could may might must to of in on at ' +
    'by for with from about as into up out so and or but if then than too very just not no yes ok okay please thanks ' +
    'thank hello hi hey what which who whom how when where why there here all any some such own same also again ' +
    'want wanted wants need needs needed like would get got getting know help me something anything someone ' +
    'dont im ive doing done make made still already now today tomorrow yesterday sir madam dear'
  ).split(' '),
);

/** Words whose suffix is not an inflection ("training" is not "train"). */
export const EN_KEEP = new Set(
  'training morning evening something nothing anything everything during wedding building housing pension need'.split(' '),
);

const EN_SUFFIXES: Array<[string, string, number]> = [
  ['ations', '', 3], ['ation', '', 3], ['ition', '', 3], ['ment', '', 4], ['ing', '', 3], ['ed', '', 3],
  ['ly', '', 4], ['er', '', 4], ['e', '', 3],
];

/** Light English stemmer (plural, -ing, -ed, -ation, -ly). */
export function stemEn(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w) || EN_KEEP.has(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/[^su]s$/.test(w) && !w.endsWith('is')) w = w.slice(0, -1);
  for (const [suffix, repl, min] of EN_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length) + repl;
      break;
    }
  }
  return w.replace(/([^aeiou])\1$/, '$1');
}
