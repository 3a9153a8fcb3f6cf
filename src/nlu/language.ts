/**
 * Which language is a message written in, when it is clearly one of ours? Function words decide:
 * "hello i need to renew my passport i dont speak french well" is English, "bonjour je veux mon
 * attestation" French, "ok", "1", "franceconnect" or "hello" alone are neither (undefined): a
 * single word never switches the conversation's language.
 */
import type { Locale } from '../i18n/locale';
import { plainText } from './signals';

const EN = new Set(
  ('the i you my me is are am was need want please help how what can could would to do does not with for and it this ' +
    'that have has get hello hi thanks thank yes no your from of on in an about where when why who which speak english ' +
    'lost renew apply card tax job tell someone somebody anyone anybody human person talk advisor adviser there their they we our ' +
    'account password email form benefit benefits housing pension will just know understand french well sorry ' +
    'bought car week last stolen forgot lost paid website charged certificate birth licence license driving job ' +
    'home house rent money bank phone number got did was were been had has can\'t cannot would should my your ' +
    'never heard mean means meaning ' +
    // a death told ("I became a widow 3 weeks ago", "my husband died", "my wife passed away two months ago")
    'became become ago weeks months years days since husband wife spouse died dead passed away widow widowed widower ' +
    'funeral mother father daughter letter received stamp he she him but moved everything usually always').split(' '),
);
const FR = new Set(
  ('je j le la les un une des de du mon ma mes est pas pour avec et vous tu il elle c qu que comment bonjour merci oui ' +
    'non svp ai suis sais veux voudrais faire fait dois peux ne on mais ou dans sur au aux ce cette ca quoi sa son ses ' +
    'plus rien jamais toujours depuis encore deja aussi tres bien ben bah alors donc ' +
    'votre vos nous me m d l s n y en parler aide aider perdu carte compte mot passe francais anglais').split(' '),
);
/** An English question opening the message. */
const EN_QUESTION = /^(?:(?:hi|hello|hey|sorry|excuse me|please) )*(?:what|whats|who|how|why|where|can i|can you|could you|is there|do i|does)\b/;
/** Words that exist in both languages or in neither's function words: they count for nothing. */
const BOTH = new Set(['ok', 'hello', 'bye', 'stop', 'menu', 'info', 'internet', 'email', 'site', 'application', 'a', 'on', 'en']);

/** How many of the message's words belong to this language's own words ("je", "pas", "rien" for French). */
export function wordsOf(text: string, locale: Locale): number {
  const own = locale === 'fr' ? FR : EN;
  return plainText(text).split(' ').filter((w) => own.has(w) && !BOTH.has(w)).length;
}

export function detectLanguage(text: string): Locale | undefined {
  // Prose only: markup, code or links are not a citizen choosing a language.
  const symbols = (text.match(/[<>{}=\[\]\\/;()%&*#@|`^~$]/g) ?? []).length;
  if (symbols > 0 && symbols / text.length > 0.02) return undefined;
  // "what s an iban": the "s" of "what's" is English, not the French "s'".
  const words = plainText(text).replace(/\b(what|that|it|there|who|where|here|he|she|let) s\b/g, '$1').split(' ').filter((w) => w && !BOTH.has(w) && !/^\d+$/.test(w));
  if (words.length < 2) return undefined;
  let en = 0;
  let fr = 0;
  for (const w of words) {
    if (EN.has(w)) en += 1;
    if (FR.has(w)) fr += 1;
  }
  if (en >= 2 && en >= 2 * fr + 1) return 'en';
  if (en >= 1 && fr === 0 && words.length <= 3 && words.some((w) => ['please', 'thanks', 'thank', 'need', 'want', 'help', 'speak', 'english', 'anyone', 'anybody', 'someone', 'somebody'].includes(w))) return 'en';
  // "what is avis de situation", "what s an iban": an English question about a French word.
  if (EN_QUESTION.test(words.join(' ')) && en >= fr) return 'en';
  if (fr >= 2 && fr >= 2 * en + 1) return 'fr';
  return undefined;
}
