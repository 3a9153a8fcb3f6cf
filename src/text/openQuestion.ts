/**
 * A question, or a remark about what the screen shows, that a prompt's answers do not take: "le rdv en mairie c
 * obligatoire?", "jsuis en colocation ca compte ?", "je met quoi dans salaire", "le site est en anglais", "ya une pub
 * qui s'affiche", "the website is in german??". At a miss it is told honestly that the bot cannot answer it from here,
 * with a person offered (src/conversation/reprompt.ts), rather than "Je n'ai pas bien compris". Over folded text.
 */
import { fold } from './fold';

const ASKS = /\b(?:est ce que|est ce qu|comment|pourquoi|pk|pq|quand|combien|quoi|koi|quel|quelle|quels|quelles|ou est|c est ou|c ou|ca compte|c obligatoire|obligatoire|faut il|il faut|je dois|dois je|je peux|je peu|puis je|what|how|why|when|where|which|do i|can i|should i|must i|is it|is there|does it)\b/;
const TELLS = /\b(?:le site|la page|l ecran|ecran|une pub|la pub|pub|ca affiche|s affiche|affiche|c est ecrit|il est ecrit|c est marque|il y a|y a|ya|en anglais|en espagnol|en allemand|the website|the site|the page|the screen|it says|there is|an ad)\b/;

/** Three words or more that ask something ("?" or a question word) or tell what the screen shows. */
export function asksOrTells(said: string | undefined): boolean {
  const t = fold(said ?? '').replace(/['’-]/g, ' ').replace(/\s+/g, ' ').trim();
  if (t.split(' ').length < 3) return false;
  return /\?/.test(said ?? '') || ASKS.test(t) || TELLS.test(t);
}
