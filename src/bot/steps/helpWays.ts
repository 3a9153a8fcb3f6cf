/**
 * The ways forward the understanding step offers: a kind word then a person, a place or back to the question;
 * whether a feeling came with a formality named. Split out of src/bot/steps/understand.ts.
 */
import { FAILED_WORDS, ROLE_SYNONYMS, recognizeEarlierAnswer } from '../../nlu/choices';
import { asksDeadline, missedDate } from '../../nlu/dateAsk';
import { DIALOG } from '../../conversation/dialogIds';
import { INTENT } from '../../conversation/intents';
import { say } from '../../conversation/turn';
import { plainText, withoutFeelings } from '../../nlu/signals';
import { situationIntent } from '../../nlu/routeGuards';
import { debtTopic } from '../../nlu/moneyOwed';
import { GuideDialog } from '../../guides/guideDialog';
import { span, todayIn } from '../../guides/when';
import { stepNumber } from '../../guides/catalog';
import type { Locale } from '../../i18n/locale';
import type { StringKey } from '../../i18n/strings';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { guideOnScreen } from './pauseReplies';

/** The words of "Je bloque" ("j'y arrive pas", "je bloque"), the answer every guide question offers. */
export function saysStuck(text: string): boolean {
  const said = plainText(text);
  return [...ROLE_SYNONYMS.stuck, ...FAILED_WORDS].some((s) => plainText(s) === said);
}

/** A kind word, then a concrete way forward: a person, a place nearby, or back to where they were. */
export async function offerHelp(kit: Kit, turn: Turn, key: StringKey, placeFirst: boolean, more?: string, guideId?: string): Promise<void> {
  await say(turn.ctx, { text: more ? `${turn.t(key)}\n${more}` : turn.t(key) });
  const underway = Boolean(turn.dc.activeDialog);
  const named = guideId ? kit.deps.catalog.get(guideId) : undefined;
  // Without a computer, the phone is the way; otherwise the guide starts here, with the bot's short steps.
  const guide = named && !underway ? { id: guideId!, title: named.guide.title, onPhone: key === 'kind.noComputer' } : undefined;
  return kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.helpOffer, { underway, placeFirst, guide, reason: key, topic: debtTopic(plainText(turn.text)) }));
}

/** The guide a first message names beside a need or a feeling ("mes impôts, mais j'ai pas d'ordinateur"). */
export function guideNamed(kit: Kit, turn: Turn): string | undefined {
  if (turn.dc.activeDialog) return undefined;
  // Only what is left once the feeling is set aside: "c'est trop compliqué" names no formality.
  const rest = withoutFeelings(turn.text);
  // A login trouble ("jarrive pas a me connecter" to an account one has) names its guide with the feeling's words.
  turn.routeText = situationIntent(turn.text) ? plainText(turn.text) : rest;
  // "toutes ces démarches", "ces sites", "les papiers" name no formality in particular.
  // An age ("j'ai 72 ans") names none either.
  if (rest.split(' ').filter((w) => w.length > 2 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w)).length === 0) return undefined;
  const r = kit.deps.router.route(turn.routeText, turn.locale());
  return r.intent !== 'none' && r.score >= 0.5 && kit.deps.catalog.get(r.intent) ? r.intent : undefined;
}

/** Words about formalities in general (folded): said with a feeling, they name none in particular. */
const GENERIC_WORDS = new Set(
  ('demarche demarches papier papiers paperasse paperasses dossier dossiers administratif administrative administration formulaire ' +
    'formulaires site sites internet ordinateur informatique tout toute toutes tous ces est cette truc trucs machin choses chose ' +
    'aide aider demander demande faire pour avec dans les des une mon mes ses son sur par que qui quoi comment mais plus ans age agee ' +
    'paperwork forms form website websites sites computer internet all these this stuff things').split(' '),
);

/** "j'arrive pas à faire ma déclaration": a formality named alongside the feeling. */
export function routesToAGuide(kit: Kit, turn: Turn): boolean {
  return guideNamed(kit, turn) !== undefined;
}

/** The router names a guide with confidence (the menu's threshold). */
export function routesConfidently(kit: Kit, turn: Turn): boolean {
  const r = kit.deps.router.route(turn.text, turn.locale());
  return r.intent !== 'none' && r.score >= 0.6 && Boolean(kit.deps.catalog.get(r.intent));
}

const SMALL_TALK =
  /\b(?:bonjour|bonsoir|salut|slt|coucou|cc|hello|hi|hey|madame|monsieur|mademoiselle|ca va|comment (?:ca va|allez vous|vas tu)|(?:je (?:m appelle|suis)|c est|my name is|i am|this is) (?:moi|[a-z]+)|how are you|good (?:morning|afternoon|evening))\b/g;

/**
 * A first message that names nothing we know ("slt jsp koi fer jai 1 papié"): a sentence before the menu, rather
 * than a bare menu (a greeting alone gets the menu as usual). Said only when the landing will find no guide.
 */
export async function unsureFirst(kit: Kit, turn: Turn): Promise<void> {
  if (!turn.first || turn.dc.activeDialog || turn.command) return;
  // Greetings, small talk and a name say nothing to route ("bonjour madame je m'appelle Josiane", "salut ça va").
  const words = plainText(turn.text)
    .replace(SMALL_TALK, ' ')
    .split(' ')
    .filter((w) => w.length > 1);
  if (words.length < 3) return;
  const text = turn.routeText ?? turn.text;
  const r = kit.deps.router.route(text, turn.locale());
  if (r.intent !== 'none' && r.score >= 0.2) return;
  const other = kit.deps.router.route(text, turn.locale() === 'fr' ? 'en' : 'fr');
  if (other.intent !== 'none' && other.score >= 0.8) return;
  // "je veux m'inscrire sur les listes électorales": a formality asked for, understood, with no guide of ours — said so,
  // and who can help (as for a later message, src/bot/home.ts `route`), never "pas compris".
  const asked = ASKS_A_FORMALITY.test(plainText(turn.text));
  // Not understood: a first miss — the next one offers a person or a place (src/bot/home.ts `route`).
  if (!asked) turn.conv.misses = 1;
  await say(turn.ctx, { text: asked ? `${turn.t('understand.unknownTopic')}\n${turn.t('understand.personForThis')}` : turn.t('kind.firstUnsure') });
}

/** A formality asked for in words ("m'inscrire", "faire une procuration", "demander un certificat"), routed to no guide. */
const ASKS_A_FORMALITY =
  /\b(?:inscri\w*|desinscri\w*|demande[rz]?|obtenir|faire (?:une|un|ma|mon|mes|la|le) \w{4,}|renouvel\w*|refaire|declare[rz]?|procuration|resili\w*|contest\w*|reclamation|recours|porter plainte|caution|certificat|attestation|acte de \w+|formulaire|changer (?:de|mon|ma) \w{4,}|register|apply for|renew|get an? \w{4,} (?:card|certificate|permit))\b/;

/**
 * Afraid inside a guide bound to dates ("je panique, je vais être radié" during the actualisation): what today's date
 * says — the window open until the 15th, or when it opens — from the guide's own dated answers (`when`).
 */
export function todayNote(kit: Kit, turn: Turn, guideId = GuideDialog.progress(turn.dc, kit.deps.catalog)?.guideId, notices = false): string | undefined {
  const g = guideId ? kit.deps.catalog.get(guideId) : undefined;
  if (!g) return undefined;
  const locale = turn.locale();
  const today = todayIn(kit.now());
  const said = (reply: string | undefined) => reply && `${turn.t('guide.today', { date: today.format(locale) })} ${reply}`;
  for (const step of g.stepById.values()) {
    const dated = (step.check?.choices ?? []).filter((c) => c.when && today.isIn(c.when)).sort((a, b) => span(a.when!) - span(b.when!));
    const reply = said(dated[0]?.reply?.[locale]);
    if (reply) return reply;
  }
  // The guide's dated notices ("la déclaration en ligne ouvre en avril"), which its start already says.
  return notices ? said(g.guide.notices.find((n) => today.isIn(n.when))?.text[locale]) : undefined;
}

/** The first sentence of the guide's dated step ("Vous devez vous actualiser chaque mois, du 28 au 15 du mois suivant."). */
function datedRule(kit: Kit, guideId: string | undefined, locale: Locale): string | undefined {
  const g = guideId ? kit.deps.catalog.get(guideId) : undefined;
  const step = g && [...g.stepById.values()].find((s) => (s.check?.choices ?? []).some((c) => c.when));
  return step?.text[locale].match(/^[^.!?]*[.!?]/)?.[0];
}

/**
 * "c'est la période de l'actualisation ?", "jusqu'à quand je peux le faire": today's date and what it means for the
 * guide on screen ('guide': its question comes again), or the one the message names at the menu or as a first
 * message ('named': that guide then starts). False when no guide is in question, or the named one has no dates.
 */
export async function sayToday(kit: Kit, turn: Turn): Promise<'guide' | 'named' | 'started' | false> {
  const onScreen = guideOnScreen(turn) ?? GuideDialog.progress(turn.dc, kit.deps.catalog)?.guideId;
  const r = onScreen ? undefined : kit.deps.router.route(turn.text, turn.locale());
  const named = r && r.intent !== 'none' && r.score >= 0.5 ? r.intent : undefined;
  // "j'ai oublié de m'actualiser, c'est grave ?" once the window is closed: a kind word, then the guide's own
  // answer for it at once (after the 15th: the 39 49, the advisor) — not the prerequisites first.
  const missed = named ? missedStep(kit, turn, named) : undefined;
  if (named && missed) {
    await say(turn.ctx, { text: turn.t('kind.missedDate') });
    await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.guide, { guideId: named, stepId: missed }));
    return 'started';
  }
  const note = todayNote(kit, turn, onScreen ?? named, Boolean(onScreen));
  // A guide with no dates of ours ("c'est quand que je dois la faire" in the CAF declaration): where the date is said.
  if (!note && (!onScreen || turn.signals.some((s) => s.kind === 'when' && s.subject === 'open'))) return false;
  // "avant quel jour ?": the last day too, from the guide's rule ("du 28 au 15 du mois suivant"), not only today's state.
  const rule = note && asksDeadline(plainText(turn.text)) ? datedRule(kit, onScreen ?? named, turn.locale()) : undefined;
  await say(turn.ctx, { text: [note ?? turn.t('understand.dateUnknown'), rule].filter(Boolean).join('\n') });
  return onScreen ? 'guide' : 'named';
}

/**
 * "on en était où ?" in a guide: the step we are at, then its question again ('guide'). "je reprends le truc de tout
 * à l'heure" at the menu: the guide left unfinished is offered ('home') — unless the message names another guide.
 */
export async function backToWhereWeWere(kit: Kit, turn: Turn): Promise<'guide' | 'home' | false> {
  const p = GuideDialog.progress(turn.dc, kit.deps.catalog);
  if (p) {
    await say(turn.ctx, { text: turn.t('guide.whereWeAre', { n: p.stepNumber, total: p.stepTotal }) });
    return 'guide';
  }
  // At the menu, or at a list of guesses or the "On reprend ?" offer: the guide kept, at once (it was asked for).
  const active = turn.dc.activeDialog?.id;
  if (active && active !== DIALOG.resume && active !== DIALOG.pick) return false;
  const left = turn.profile.progress;
  const g = left && kit.deps.catalog.get(left.guideId);
  if (!left || !g) {
    if (active) return false;
    // Nothing kept: said kindly, then what the bot can do.
    await say(turn.ctx, { text: turn.t('resume.nothing') });
    await kit.home.menu(turn);
    return 'home';
  }
  const r = kit.deps.router.route(turn.text, turn.locale());
  if (r.intent !== 'none' && r.score >= 0.5 && r.intent !== left.guideId) return false;
  const n = g.stepById.has(left.stepId) ? stepNumber(g, left.stepId) : 1;
  await say(turn.ctx, { text: turn.t('resume.going', { title: g.guide.title[turn.locale()], n }) });
  await turn.dc.cancelAllDialogs();
  await kit.home.follow(turn, { resume: { guideId: left.guideId, stepId: left.stepId } });
  return 'home';
}

/**
 * A dated formality missed ("j'ai oublié de m'actualiser") on a day the guide's date answer does not go on with it
 * (the window is closed): the step of the guide's own answer for it, among those the date does not decide.
 */
function missedStep(kit: Kit, turn: Turn, guideId: string): string | undefined {
  const g = kit.deps.catalog.get(guideId);
  if (!g || !missedDate(plainText(turn.text))) return undefined;
  const locale = turn.locale();
  const today = todayIn(kit.now());
  for (const step of g.stepById.values()) {
    const choices = step.check?.choices ?? [];
    const dated = choices.filter((c) => c.when && today.isIn(c.when)).sort((a, b) => span(a.when!) - span(b.when!));
    if (dated.length === 0 || dated[0].goto === 'next') continue;
    const options = choices.filter((c) => !c.when).map((c, i) => ({ key: String(i + 1), label: c.label[locale], value: c.goto, synonyms: c.alsoMeans?.[locale] }));
    const found = recognizeEarlierAnswer(turn.text, options, locale, g.guide.title[locale]);
    if (found && g.stepById.has(found.value)) return found.value;
  }
  return undefined;
}

/**
 * "je voudrais voir quelqu'un en vrai", "can I speak to somebody in person": the places near them, where someone
 * receives them (with a phone number) — and a person too, never the places only.
 */
export async function placesAsked(kit: Kit, turn: Turn): Promise<void> {
  if (turn.signals.some((s) => s.kind === 'person')) await say(turn.ctx, { text: turn.t('places.inPerson') });
  return kit.home.startIntent(turn, INTENT.places);
}
