/**
 * Another formality asked for in the middle of a guide ("je veux faire ma déclaration d'impôts" at the ANTS login
 * question, "c pour la prime d'activité maintenant" at "Vous avez tout ?", "I want to do my tax return"): that guide
 * starts on top of the one under way, which is kept aside ("Je garde « … » de côté : on y revient après") and comes
 * back at its step when the new one ends (GuideDialog.resumeDialog says "On reprend : …"). It was "Je n'ai pas bien
 * compris", or an answer read in its words ("je voudrais faire ma carte grise" was "Un site me demande de payer").
 *
 * A request is clear when the router is sure of another guide and the message asks with a verb of wanting or doing
 * (src/nlu/wantsFormality.ts), or is only a guide's name that the question on screen does not take at all. Never an
 * exact answer of the question, a guide an answer on screen leads to, nor the guide under way named again. Asking
 * for the guide kept aside ("je reprends ma carte d'identité") ends the one on top: back to it.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import type { GuideOptions } from '../../guides/guideDialog';
import { plainText } from '../../nlu/signals';
import { leadingYesNo, normalize } from '../../nlu/normalize';
import { wantsSomething } from '../../nlu/wantsFormality';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { expectation } from './understand';

/** Router confidence for a formality asked in the middle of another (higher than the menu's: a guide is under way). */
const SURE = 0.8;
/** A guide's name alone: short, and the router all but certain. */
const NAME_WORDS = 4;
const NAME_SURE = 0.95;
/** What the understanding step has already taken elsewhere: a person, safety, a correction, a question. */
const OTHER_BUSINESS = new Set(['person', 'scam', 'scam-paid', 'pay-doubt', 'correction', 'whatis', 'erase', 'places']);

interface GuideInstance {
  id: string;
  state: { guideId?: string; stepId?: string };
}

export const otherGuide = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc } = turn;
  const top = dc.activeDialog as GuideInstance | undefined;
  const current = top?.id === DIALOG.guide ? top.state.guideId : undefined;
  if (!current || turn.command || turn.signals.some((s) => OTHER_BUSINESS.has(s.kind))) return next();
  const asked = askedGuide(kit, turn, current);
  if (!asked) return next();
  return startOnTop(kit, turn, asked, next);
};

/**
 * `asked` starts on top of the guide on screen, which is kept aside ("Je garde « … » de côté"); asking for the guide
 * already kept goes back to it. Also a correction well into a guide (src/bot/steps/correctGuide.ts).
 */
export async function startOnTop(kit: Kit, turn: Turn, asked: string, next: () => Promise<void> = async () => undefined): Promise<void> {
  const { dc } = turn;
  const current = (dc.activeDialog as GuideInstance | undefined)?.state.guideId;
  const locale = turn.locale();
  const kept = keptGuide(turn);
  if (kept?.state.guideId === asked) return backToKept(kit)(turn, next);
  // One guide kept aside at a time: the one left now is dropped when another was already waiting.
  if (kept) dc.stack.pop();
  const keptTitle = kit.deps.catalog.get(kept?.state.guideId ?? current ?? '')?.guide.title[locale];
  if (keptTitle) await say(turn.ctx, { text: turn.t('guide.keptAside', { title: keptTitle }) });
  kit.deps.stats?.guideStarted(kit.home.territory(turn), asked, kit.now()).catch((err: unknown) => kit.deps.logger.warn({ err }, 'statistics not recorded'));
  await kit.home.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: asked } satisfies GuideOptions));
}

/** The guide kept aside under the one on screen, if any. */
function keptGuide(turn: Turn): GuideInstance | undefined {
  // The stack's last dialog is the one on screen.
  return (turn.dc.stack as GuideInstance[]).slice(0, -1).reverse().find((d) => d.id === DIALOG.guide);
}

/**
 * The guide kept aside, asked for again ("en fait je reprends ma carte d'identité", "on reprend le passeport"): the
 * guide on top ends, and the one kept comes back at its step. Before the understanding step (a correction or "on
 * reprend" would restart it, or say where the guide on top is).
 */
export const backToKept = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc } = turn;
  const top = dc.activeDialog as GuideInstance | undefined;
  const current = top?.id === DIALOG.guide ? top.state.guideId : undefined;
  const kept = current ? keptGuide(turn)?.state.guideId : undefined;
  if (!current || !kept || turn.command || expectation(dc, turn.text) === 'exact') return next();
  const r = kit.deps.router.route(turn.text, turn.locale());
  if (r.intent !== kept || r.score < SURE || turn.signals.some((s) => OTHER_BUSINESS.has(s.kind) && s.kind !== 'correction')) return next();
  await kit.home.act(turn, () => dc.endDialog({ guide: { id: current, completed: false } }));
};

/** Small words around a name ("la prime d'activité", "my tax return"). */
const SMALL = new Set(['la', 'le', 'les', 'l', 'ma', 'mon', 'mes', 'un', 'une', 'des', 'du', 'de', 'd', 'pour', 'the', 'my', 'a', 'an', 'for']);

/** Only a guide's title or keyword, with small words ("prime d'activité", "la carte grise"). */
function isOnlyAName(plain: string, names: string[]): boolean {
  const words = plain.split(' ').filter((w) => !SMALL.has(w));
  return words.length > 0 && names.some((n) => {
    const own = new Set(n.split(' '));
    return words.every((w) => own.has(w));
  });
}

/**
 * The message names the guide: a word of its title, or the words of one of its keywords, that the question on screen
 * and its answers do not use ("faire ma carte grise"; not the "créer" of "Non, je le crée", nor the "situation" of
 * the keyword "situation mensuelle").
 */
function namesIt(kit: Kit, turn: Turn, plain: string, g: { title: string; keywords: string[] }, current: string): boolean {
  const locale = turn.locale();
  const stepId = (turn.dc.activeDialog?.state as { stepId?: string } | undefined)?.stepId;
  const step = stepId ? kit.deps.catalog.get(current)?.stepById.get(stepId) : undefined;
  const screen = [step?.check?.question?.[locale] ?? '', ...(step?.check?.choices ?? []).map((c) => c.label[locale])];
  const used = new Set(screen.flatMap((t) => normalize(t, locale)));
  const said = new Set(normalize(plain, locale).filter((w) => !used.has(w)));
  if (normalize(g.title, locale).some((w) => w.length >= 4 && said.has(w))) return true;
  return g.keywords.some((k) => {
    const words = normalize(k, locale);
    return words.length > 0 && words.every((w) => said.has(w));
  });
}

/** The other guide the message clearly asks for, if any. */
function askedGuide(kit: Kit, turn: Turn, current: string): string | undefined {
  const locale = turn.locale();
  // The router first: it remembers short messages, and most turns in a guide ("oui", "1") name no other guide, so
  // the question on screen is not asked to read the message a second time (the understanding step did).
  const r = kit.deps.router.route(turn.text, locale);
  const g = r.intent !== 'none' && r.intent !== current ? kit.deps.catalog.get(r.intent) : undefined;
  if (!g || r.score < SURE) return undefined;
  const how = expectation(turn.dc, turn.text);
  if (how === 'exact') return undefined;
  const plain = plainText(turn.text);
  // "non je dois le créer" at "Vous avez déjà un espace ?" answers it, whatever the router reads in it.
  if (leadingYesNo(plain)) return undefined;
  const names = [g.guide.title[locale], ...(g.guide.keywords?.[locale] ?? [])].map(plainText);
  const nameOnly = !how && plain.split(' ').length <= NAME_WORDS && r.score >= NAME_SURE && isOnlyAName(plain, names);
  if (!nameOnly && !(wantsSomething(plain) && namesIt(kit, turn, plain, { title: g.guide.title[locale], keywords: g.guide.keywords?.[locale] ?? [] }, current))) return undefined;
  // An answer on screen that leads to that guide ("Mot de passe oublié" → the password guide) is the way there.
  // So is a prerequisite's own guide, offered at "Vous avez tout ?" (no e-mail address: create one first).
  const state = turn.dc.activeDialog?.state as { guideId?: string; stepId?: string } | undefined;
  const here = kit.deps.catalog.get(current);
  const step = state?.stepId ? here?.stepById.get(state.stepId) : undefined;
  if (step?.check?.choices.some((c) => c.goto === `guide:${r.intent}`) || here?.guide.needs.some((n) => n.guide === r.intent)) return undefined;
  return r.intent;
}
