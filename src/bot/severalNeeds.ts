/**
 * Several formalities named in one message ("ma carte grise et aussi les impôts et la CAF"): each is said back, the
 * first starts, the others are kept (ConversationData.nextNeeds) and offered when the first ends or is dropped
 * ("laisse tomber"), or started at once on "la suivante". Read part by part with the router.
 */
import type { Locale } from '../i18n/locale';
import { plainText } from '../nlu/signals';
import type { BotDeps } from './deps';

/** What joins two requests in one message. */
const JOIN = / (?:et aussi|et puis|et|puis|aussi|ainsi que|and also|and then|and|also|as well as) /;
/** A part that tells what is done already ("ma fille m'a ouvert un compte", "i moved house"): context, not a need. */
const DONE = /\b(?:deja|already|m a (?:ouvert|cree|fait|installe)|(?:il|elle|on) a (?:ouvert|cree)|i (?:have )?moved|j ai demenage|on a demenage|nous avons demenage)\b/;
/**
 * A part that says who the citizen is or what happened ("je suis au chômage", "je suis veuve", "mon mari est
 * décédé", "j'ai 70 ans"): the situation the need comes from, not a second need.
 */
const SITUATION = /^(?:(?:mais |bon |alors |donc )?(?:je suis|j suis|jsuis|je sui|chui|i am|i m|im|mon \w+ est|ma \w+ est|mon \w+ (?:m a|nous a) \w+|ma \w+ (?:m a|nous a) \w+|my \w+ (?:is|was|has|died|passed)|j ai \d+ ans|i m \d+))\b/;
/** How sure the router must be of each part. */
const PART_MIN = 0.4;

/** The guides a message names, in its order, when it names two or more (else undefined). */
export function severalNeeds(deps: Pick<BotDeps, 'router' | 'catalog'>, text: string, locale: Locale): string[] | undefined {
  const parts = plainText(text).split(JOIN).filter((p) => p.trim() !== '');
  if (parts.length < 2) return undefined;
  const found: string[] = [];
  for (const part of parts.filter((p) => !DONE.test(p) && !SITUATION.test(p.trim()))) {
    const r = deps.router.route(part, locale);
    if (r.intent !== 'none' && r.score >= PART_MIN && deps.catalog.get(r.intent) && !found.includes(r.intent)) found.push(r.intent);
  }
  return found.length >= 2 ? found : undefined;
}

/** The formalities still kept once `started` has started (undefined when none is left). */
export function withoutNeed(needs: string[] | undefined, started: string): string[] | undefined {
  const rest = needs?.filter((id) => id !== started);
  return rest?.length ? rest : undefined;
}
