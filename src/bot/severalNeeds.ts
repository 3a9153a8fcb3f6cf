/**
 * Several formalities named in one message ("ma carte grise et aussi les impôts et la CAF"): each is said back, the
 * first starts, the others are kept (ConversationData.nextNeeds) and offered when the first ends or is dropped
 * ("laisse tomber"), or started at once on "la suivante". Read part by part with the router; a part it is not sure
 * of ("la caf": the organisation, not one of its formalities) is asked about, as it would be alone.
 */
import type { DialogTurnResult } from 'botbuilder-dialogs';
import { DIALOG } from '../conversation/dialogIds';
import { say } from '../conversation/turn';
import type { Locale } from '../i18n/locale';
import { plainText } from '../nlu/signals';
import type { Turn } from './context';
import type { BotDeps } from './deps';

/** What joins two requests in one message. */
const JOIN = / (?:et aussi|et puis|et|puis|aussi|ainsi que|and also|and then|and|also|as well as) /;
/** A part that tells what is done already ("ma fille m'a ouvert un compte", "i moved house"): context, not a need. */
const DONE = /\b(?:deja|already|m a (?:ouvert|cree|fait|installe)|(?:il|elle|on) a (?:ouvert|cree)|i (?:have )?moved|j ai demenage|on a demenage|nous avons demenage)\b/;
/**
 * A part that says who the citizen is or what happened ("je suis au chômage", "je suis veuve", "mon mari est
 * décédé", "j'ai 70 ans", "je travaille", "je gagne peu"): the situation the need comes from, not a second need.
 */
const SITUATION = /^(?:(?:mais |bon |alors |donc )?(?:je suis|j suis|jsuis|je sui|chui|i am|i m|im|je (?:travaille|bosse|gagne|touche|vis|habite)|i (?:work|earn|live)|mon \w+ est|ma \w+ est|mon \w+ (?:m a|nous a) \w+|ma \w+ (?:m a|nous a) \w+|my \w+ (?:is|was|has|died|passed)|j ai \d+ ans|i m \d+))\b/;
/** How sure the router must be of each part. */
const PART_MIN = 0.4;
/** How sure it must be to start a part unasked: as sure as of a whole message (CONFIDENT in src/bot/home.ts). */
const PART_SURE = 0.6;
/** A guess offered with an unsure part ("la caf": its three formalities), as the whole message's guesses are. */
const GUESS_MIN = 0.05;

/** The formalities a message names: the ones named for sure, and one part that named only its organisation. */
export interface Needs {
  /** Guide ids named for sure, in the message's order. */
  sure: string[];
  /**
   * "la caf" among other needs: the organisation, not one of its formalities. Its guides, to choose from (as "caf"
   * alone is asked about), never the router's best guess started.
   */
  choose?: string[];
}

/** The guides a message names, in its order, when it names two or more (else undefined). */
export function severalNeeds(deps: Pick<BotDeps, 'router' | 'catalog'>, text: string, locale: Locale): Needs | undefined {
  const parts = plainText(text).split(JOIN).filter((p) => p.trim() !== '');
  if (parts.length < 2) return undefined;
  const sure: string[] = [];
  let choose: string[] | undefined;
  for (const part of parts.filter((p) => !DONE.test(p) && !SITUATION.test(p.trim()))) {
    const r = deps.router.route(part, locale);
    if (r.intent === 'none' || r.score < PART_MIN || !deps.catalog.get(r.intent)) continue;
    const guesses = [r, ...r.alternatives].filter((c) => c.intent !== 'none' && c.score >= GUESS_MIN && deps.catalog.get(c.intent)).slice(0, 3);
    if (r.score < PART_SURE && !choose && guesses.length > 1) choose = guesses.map((c) => c.intent);
    else if (!sure.includes(r.intent)) sure.push(r.intent);
  }
  // "la caf et ma prime d'activité": the CAF's other formalities; only one left is that one.
  const left = choose?.filter((id) => !sure.includes(id)) ?? [];
  if (left.length === 1) sure.push(left[0]);
  const needs: Needs = left.length > 1 ? { sure, choose: left } : { sure };
  return sure.length + (needs.choose ? 1 : 0) >= 2 ? needs : undefined;
}

/** What a landing needs of the home to start several formalities. */
interface Starter {
  titleOf(intent: string, locale: Locale): string | undefined;
  startIntent(turn: Turn, intent: string): Promise<void>;
  act(turn: Turn, run: () => Promise<DialogTurnResult>): Promise<void>;
}

/**
 * Every formality said back, the others kept for after; the first started — or, when one part named only an
 * organisation ("je dois faire la caf et mes impôts"), which of its formalities, first. False when the message names
 * fewer than two.
 */
export async function startSeveral(home: Starter, deps: Pick<BotDeps, 'router' | 'catalog'>, turn: Turn, text: string): Promise<boolean> {
  const locale = turn.locale();
  const needs = severalNeeds(deps, text, locale);
  if (!needs) return false;
  const { sure, choose } = needs;
  const list = sure.map((id) => home.titleOf(id, locale)).join(', ');
  turn.conv.nextNeeds = choose ? sure : [...sure];
  if (choose) {
    await say(turn.ctx, { text: turn.t('several.keptUnsure', { n: sure.length + 1, list }) });
    await home.act(turn, () => turn.dc.beginDialog(DIALOG.pick, { candidates: choose, question: 'several.which' }));
    return true;
  }
  const n = sure.length;
  await say(turn.ctx, { text: turn.t(n === 2 ? 'several.listTwo' : 'several.list', { n, list, first: home.titleOf(sure[0], locale) ?? '' }) });
  await home.startIntent(turn, sure[0]);
  return true;
}

/** The formalities still kept once `started` has started (undefined when none is left). */
export function withoutNeed(needs: string[] | undefined, started: string): string[] | undefined {
  const rest = needs?.filter((id) => id !== started);
  return rest?.length ? rest : undefined;
}
