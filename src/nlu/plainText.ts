/**
 * A message as the understanding patterns read it: folded (no accents, lower case), apostrophes and dashes as
 * spaces, SMS spellings and glued elisions written out word by word ("jsp", "chui", "qqn") and phonetic
 * spellings brought to the written word (src/nlu/phonetic.ts). Split out of src/nlu/signals.ts.
 */
import { fold } from '../text/fold';
import { PHONETIC, phoneticPhrases } from './phonetic';

/** SMS spellings and glued elisions, token by token (on folded text, apostrophes already spaces). */
const SMS: Record<string, string> = {
  jsp: 'je sais pas', jsais: 'je sais', chai: 'je sais', chais: 'je sais', jsai: 'je sais', sais: 'sais',
  chui: 'je suis', chuis: 'je suis', jsuis: 'je suis', jsui: 'je suis', jveu: 'je veux', jveux: 'je veux', jvx: 'je veux',
  jvoudrai: 'je voudrais', jvoudrais: 'je voudrais', jpeu: 'je peux', jpeux: 'je peux', jarrive: 'j arrive',
  jariv: 'j arrive', jarive: 'j arrive', jai: 'j ai', g: 'j ai', jy: 'j y', jen: 'j en', jcomprend: 'je comprends',
  jcomprends: 'je comprends', jcomprens: 'je comprends', comprend: 'comprends', cest: 'c est', ces: 'c est',
  koi: 'quoi', kwa: 'quoi', qoi: 'quoi', quoa: 'quoi', kesako: 'c est quoi', kezako: 'c est quoi', quesaco: 'c est quoi', qqn: 'quelqu un', qq1: 'quelqu un', kelkun: 'quelqu un', quelquun: 'quelqu un',
  quelqun: 'quelqu un', qlq: 'quelqu', pa: 'pas', pr: 'pour', ds: 'dans', bcp: 'beaucoup', stp: 'svp', slp: 'svp',
  mrc: 'merci', mci: 'merci', msi: 'merci', mersi: 'merci', pb: 'probleme', pblm: 'probleme', tt: 'tout',
  nimporte: 'n importe', jme: 'je me', jne: 'je ne', jlai: 'je l ai', lai: 'l ai', lavez: 'l avez', mavez: 'm avez', mon: 'mon', nai: 'n ai',
  ya: 'il y a', yaura: 'il y aura', yaurait: 'il y aurait', yaurai: 'il y aurait', yorait: 'il y aurait', qqun: 'quelqu un', qqune: 'quelqu une', oqp: 'occupe', dacc: 'd accord', dac: 'd accord', ordi: 'ordinateur',
  pc: 'ordinateur', maider: 'm aider', mappeler: 'm appeler', mrappeler: 'me rappeler', mexpliquer: 'm expliquer', mappelle: 'm appelle', maidez: 'm aidez', tel: 'telephone', portable: 'telephone', mail: 'mail', cb: 'carte bancaire', sms: 'sms',
  texto: 'sms', u: 'you', pls: 'please', plz: 'please', thx: 'thanks', ty: 'thank you', idk: 'i do not know',
  dunno: 'do not know', whats: 'what is', wats: 'what is', wots: 'what is', im: 'i am', cant: 'can not', dont: 'do not', doesnt: 'doesn t', isnt: 'isn t', didnt: 'did not', wanna: 'want to',
  // "toujours r1", "il marche plu": written by ear (as in FR_SMS, src/nlu/french.ts).
  r1: 'rien', ri1: 'rien', plu: 'plus',
  // yes and ok by ear ('wai', 'ouaip', 'okey'), "c'est bon" glued ('cbon', 'c bn'), "je sais" glued ('jsé pas')
  ouai: 'ouais', ouaip: 'ouais', ouep: 'ouais', ouip: 'ouais', wai: 'ouais', waip: 'ouais', okey: 'ok', okai: 'ok', oki: 'ok',
  cbon: 'c est bon', bn: 'bon', jse: 'je sais',
  // "jai pa dordi": the elision of "d'ordinateur", "d'internet" glued without its apostrophe
  dordi: 'd ordinateur', dordis: 'd ordinateur', dordinateur: 'd ordinateur', dordinateurs: 'd ordinateur', dinternet: 'd internet',
  dimprimante: 'd imprimante',
  // "c la 1ere fois" (as in FR_SMS)
  '1ere': 'premiere', '1re': 'premiere',
};

/** "wé", "wè", "oé", "ouè": "ouais" by ear, read before folding ("we" is English, "oe" is mapped in PHONETIC). */
const BY_EAR_ACCENTED = /(^|[^\p{L}])(?:w[éè]|ou?[éè])(?![\p{L}])/giu;
/** "mé elle est partie": "mé", "mè" for "mais", read before folding ("me" is a word of its own). */
const BUT_BY_EAR = /(^|[^\p{L}])m[éè](?![\p{L}])/giu;

/** Short answers said with feeling: "ouiii", "yesss", "nonnn", "okk" (no French word has a letter three times). */
const STRETCHABLE = new Set(['oui', 'non', 'ok', 'yes', 'no', 'nan', 'ouais', 'bon', 'top', 'merci', 'super', 'nope', 'yep']);
function unstretched(w: string): string {
  const once = /([a-z])\1\1/.test(w) ? w.replace(/([a-z])\1{2,}/g, '$1') : w;
  if (STRETCHABLE.has(once)) return once;
  const shorter = once.replace(/([a-z])\1$/, '$1');
  return STRETCHABLE.has(shorter) ? shorter : once;
}

/**
 * A turn reads its message through plainText a few dozen times (each reader of the understanding step and of the
 * question on screen folds it again: ~7 % of an SMS turn's CPU), so the last texts read are remembered. What a
 * citizen wrote is not kept long: only short texts, emptied when full and at least every minute.
 */
const MEMO_MAX_TEXT = 300;
const MEMO_MAX = 256;
const MEMO_MS = 60_000;
const memo = new Map<string, string>();
let memoSince = Date.now();

/** Folded words with SMS spellings expanded, one space between words. */
export function plainText(text: string): string {
  if (text.length > MEMO_MAX_TEXT) return readPlain(text);
  const now = Date.now();
  if (now - memoSince >= MEMO_MS) {
    memo.clear();
    memoSince = now;
  }
  const known = memo.get(text);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_MAX) memo.clear();
  const plain = readPlain(text);
  memo.set(text, plain);
  return plain;
}

function readPlain(text: string): string {
  const folded = fold(text.replace(BY_EAR_ACCENTED, '$1ouais').replace(BUT_BY_EAR, '$1mais'))
    .replace(/['’`]/g, ' ')
    .replace(/[-_/]/g, ' ')
    .replace(/[^a-z0-9€ ]+/g, ' ');
  const words = folded
    .split(/\s+/)
    .filter(Boolean)
    .map(unstretched)
    .map((w) => (Object.prototype.hasOwnProperty.call(SMS, w) ? SMS[w] : Object.prototype.hasOwnProperty.call(PHONETIC, w) ? PHONETIC[w] : w))
    .join(' ');
  return phoneticPhrases(words);
}
