/**
 * The number the citizen writes from (SMS, WhatsApp), as their channel tells the turn (`citizenPhone`): a callback
 * offers it rather than asking for one, shown masked ("06 xx xx xx 78"), and understands it in their words
 * ("ce numéro", "celui-ci", "le même", "this one"). Personal data: never logged, never shown in full.
 */
import { fold } from '../text/fold';
import { nationalFormat } from './callbackTime';

/** "06 12 34 56 78" → "06 xx xx xx 78": the first two and the last two digits, enough to recognise one's own. */
export function maskedPhone(e164: string | undefined): string {
  const national = nationalFormat(e164) || (e164 ?? '');
  const digits = national.replace(/\D/g, '').length;
  let seen = 0;
  return national.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= 2 || seen > digits - 2 ? d : 'x';
  });
}

/** A "not this one" word: "pas celui-là", "un autre", "non". */
const NOT_THIS = /\b(?:pas|non|no|not|autre|another|other|different)\b/;

/** "ce numéro", "celui-ci", "le même", "sur ce portable", "this one", "the same": the number writing now. */
const THIS_ONE = new RegExp(
  [
    '\\b(?:ce|cet|cette|le meme|la meme|meme|mon|sur ce|sur le meme|a ce|au meme|au|le) ?(?:numero|num|nr|no|tel|telephone|portable|phone|fone|mobile)(?: (?:la|ci|ici|meme))?\\b',
    '\\bcelui ?(?:ci|la|ici|de (?:ce|mon) \\w+|qui (?:vous |t )?ecri\\w*|que j \\w+|avec (?:lequel|qui) j \\w+|d ou j \\w+)\\b',
    '\\b(?:le|la) meme\\b',
    '\\bpareil\\b',
    '\\bici\\b',
    '\\b(?:this|that|same|my) (?:one|number|phone|mobile)\\b',
    '\\bthe same\\b',
    '\\bthe one i m (?:writing|texting|using)\\b',
  ].join('|'),
);

export function saysThisNumber(text: string): boolean {
  const t = fold(text).replace(/['’-]/g, ' ').replace(/\s+/g, ' ').trim();
  return THIS_ONE.test(t) && !NOT_THIS.test(t);
}
