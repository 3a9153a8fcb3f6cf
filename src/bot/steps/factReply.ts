/**
 * Plain facts asked on the way (dialogs/_facts.yaml): "c'est quoi l'ANTS", "un passeport c'est payant ?" — the
 * fact said, then the question on screen again or "On commence ?". Split out of src/bot/steps/understand.ts.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { detectSignals, plainText } from '../../nlu/signals';
import { bareSubject } from '../../nlu/whatisAnywhere';
import { ELIGIBLE } from '../../nlu/whatisPatterns';
import { amountIn, isRealPrice, type Fact } from '../../guides/facts';
import { asksBenefitAmount } from '../../nlu/priceAsk';
import { GuideDialog } from '../../guides/guideDialog';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { guideOnScreen } from './pauseReplies';

/** The guide a "c'est quoi X" names, when a guide is underway (its own summary is handled with the menu's). */
export function guideAsked(kit: Kit, turn: Turn, subject: string): ReturnType<Kit['deps']['catalog']['get']> {
  const r = kit.deps.router.route(subject, turn.locale());
  return r.intent !== 'none' && r.score >= 0.3 ? kit.deps.catalog.get(r.intent) : undefined;
}

/**
 * The word asked about ("l'ANTS", "le 33700", "une simulation"), when it is the whole subject or no guide is
 * named: "la déclaration trimestrielle de la CAF" is the guide's summary, not what the CAF is.
 */
export function termFact(kit: Kit, turn: Turn, subject: string): Fact | undefined {
  // "le brut sur ma fiche de paie", "le numéro en haut de mon avis": the word asked comes before where it is written.
  const head = subject.split(/ (?:sur|dans|en haut (?:de|du)|en bas (?:de|du)|haut|bas|on|in|at the top of) /)[0];
  // "ce numéro 3949", "le site ameli": a plain noun before the word asked about.
  const named = subject.replace(/^(?:(?:ce|cet|cette|le|la|l|un|une) )?(?:numero|site|appli|application|organisme|sigle|truc|machin) (?!(?:de|d|du|des|a|au|aux|pour|sur) )(?=[a-z0-9])/, '');
  if (named !== subject) {
    const fact = factFor(kit, turn, named);
    if (fact && kit.deps.catalog.facts.covers(fact, bareSubject(named), turn.locale())) return fact;
  }
  const whole = factFor(kit, turn, subject);
  // Unless the whole subject is one word of its own ("une attestation sur l'honneur").
  if (whole && kit.deps.catalog.facts.covers(whole, bareSubject(subject), turn.locale())) return whole;
  return (head !== subject ? factFor(kit, turn, head) : undefined) ?? whole;
}

/**
 * "amende", "pv", "contester une amende": a few words at the menu that name no formality but a word we can explain
 * (no question mark needed there): its explanation is said (true), rather than the bare menu. Not inside a dialog (a word there may
 * be an answer), not when the router reads a formality.
 */
const ACTION_FIRST = /^(?:(?:je (?:veux|voudrais|dois) |j aimerais |comment |i (?:want|need) to |how (?:do i |to ))?(?:contester|payer|regler|contest|pay) )/;

export async function sayWordAtHome(kit: Kit, turn: Turn): Promise<boolean> {
  if (turn.dc.activeDialog || turn.command) return false;
  // The word itself, after what is to be done with it ("je veux contester une amende" → "une amende").
  const subject = plainText(turn.text).replace(ACTION_FIRST, '');
  // Most messages here are a menu number or a greeting: a quick look first (the full reading costs ~1 ms).
  if (subject === '' || subject.split(' ').length > 3 || !kit.deps.catalog.facts.mayName(subject, turn.locale())) return false;
  const r = kit.deps.router.route(turn.text, turn.locale());
  if (r.intent !== 'none' && r.score >= 0.5) return false;
  const facts = kit.deps.catalog.facts;
  const fact = facts.find({ text: subject, locale: turn.locale(), kind: 'term' });
  // The word is the whole of it ("la caf et ameli" names two things: not the CAF's explanation).
  if (!fact || !facts.covers(fact, bareSubject(subject), turn.locale())) return false;
  await sayFact(kit, turn, fact);
  return true;
}

/** "iban ?", "timbre fiscal ?": a known word alone with a question mark (not a formality named at the menu). */
export function bareTerm(kit: Kit, turn: Turn, subject: string): Fact | undefined {
  const r = kit.deps.router.route(turn.text, turn.locale());
  // "et l'AAH ?" right after an explanation: the next word asked about, even when it names a formality.
  // "j'ai droit à l'AAH ?": who a benefit with no guide of its own is for.
  const plain = plainText(turn.text);
  const followUp = /^(?:et|and|what about) /.test(plain);
  const eligible = ELIGIBLE.test(plain);
  if (!turn.dc.activeDialog && !followUp && !eligible && r.intent !== 'none' && r.score >= 0.5) return undefined;
  const fact = kit.deps.catalog.facts.find({ text: subject, locale: turn.locale(), kind: 'term' });
  if (eligible && (fact?.guide || fact?.guides || fact?.offers)) return undefined;
  return fact && kit.deps.catalog.facts.covers(fact, subject, turn.locale()) ? fact : undefined;
}

function factFor(kit: Kit, turn: Turn, asked: string): Fact | undefined {
  const find = (text: string) => kit.deps.catalog.facts.find({ text, locale: turn.locale(), kind: 'term' });
  // "c quoi laah", "lurssaf": the article glued to the word.
  const unglued = /^[ld][aeiouy][a-z]+$/.test(asked) && !find(asked) ? asked.slice(1) : asked;
  const subject = find(unglued) ? unglued : asked;
  const fact = find(subject);
  if (!fact) return undefined;
  const r = kit.deps.router.route(subject, turn.locale());
  const guide = r.intent !== 'none' && r.score >= 0.3 && kit.deps.catalog.get(r.intent);
  // Inside that very guide, its name adds nothing: "c quoi la pré-demande dont vous parlez" asks about the word.
  const inIt = guide && GuideDialog.progress(turn.dc, kit.deps.catalog)?.guideId === r.intent;
  const covers = (text: string) => kit.deps.catalog.facts.covers(fact, text, turn.locale());
  return !guide || inIt || covers(subject) || covers(bareSubject(subject)) ? fact : undefined;
}

/**
 * A term asked about ("sa veut dire quoi spam", "c'est quoi le 33700") when the message would warn of a scam only
 * because of the term's own words: without them, nothing in it is about money, codes or a scam.
 */
export function askedTermOnly(kit: Kit, turn: Turn): Fact | undefined {
  const asked = turn.signals.find((s) => s.kind === 'whatis')?.subject;
  if (!asked || !turn.signals.some((s) => s.kind.startsWith('scam') || s.kind === 'pay-doubt' || s.kind === 'price')) return undefined;
  const fact = termFact(kit, turn, asked);
  if (!fact) return undefined;
  const rest = ` ${plainText(turn.text)} `.replace(` ${asked} `, ' ');
  return detectSignals(rest).some((s) => s.kind.startsWith('scam') || s.kind === 'pay-doubt' || s.kind === 'price') ? undefined : fact;
}

/** The price fact the message asks about: its own words, else the guide it names or the one underway. */
export function priceFact(kit: Kit, turn: Turn): Fact | undefined {
  const facts = kit.deps.catalog.facts;
  // The guide on screen, from its first question ("Vous avez tout ?") on.
  const underway = guideOnScreen(turn);
  const r = kit.deps.router.route(turn.text, turn.locale());
  const named = r.intent !== 'none' && r.score >= 0.5 && kit.deps.catalog.get(r.intent) ? r.intent : undefined;
  // Inside a guide, a price asked is about that formality unless the message names another one.
  const fact = facts.find({ text: turn.text, locale: turn.locale(), kind: 'price', guideId: underway ?? named });
  // "il faut payer 86 euros de timbre c normal ?" in the passport guide: the guide's price that says this amount.
  const amount = amountIn(turn.text);
  if (!underway || amount === undefined || (named && named !== underway)) return fact;
  const ofGuide = (f: Fact) => f.kind === 'price' && (f.guide === underway || Boolean(f.guides?.includes(underway)));
  // A real price of the guide's own said as is; a general one ("le timbre") gives way to the guide's for this amount.
  if (fact && isRealPrice(fact, amount) && ofGuide(fact)) return fact;
  return facts.all().find((f) => ofGuide(f) && isRealPrice(f, amount)) ?? fact;
}

/**
 * The real prices of the guide underway, when a wrong amount names none of them ("on me demande 120 euros pour le
 * timbre" in the identity guide): the citizen compares with each one.
 */
export function guidePrices(kit: Kit, turn: Turn): Fact[] {
  const underway = guideOnScreen(turn);
  return underway ? kit.deps.catalog.facts.all().filter((f) => f.kind === 'price' && !f.free && f.guide === underway) : [];
}

/** "Oui, le passeport est payant : …" answers "is it paid?"; after a wrong amount, only what follows the yes. */
export function withoutYes(text: string): string {
  const rest = text.replace(/^(?:oui|yes)\s*,\s*/i, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** What a fact says, in the conversation's language, naming the guide it is about ("{title}"). */
export function factText(kit: Kit, turn: Turn, fact: Fact, guideId?: string): string {
  const locale = turn.locale();
  const id = guideId ?? fact.guide ?? (fact.guides ? kit.deps.router.route(turn.text, locale).intent : undefined);
  const title = id ? kit.deps.catalog.get(id)?.guide.title[locale] ?? '' : '';
  return fact.says[locale].replace('{title}', title);
}

/**
 * Say a fact; then back to the question on screen, or an organisation's guides, or "On commence ?" for the guide
 * it belongs to, or the usual "anything else?".
 */
export async function sayFact(kit: Kit, turn: Turn, fact: Fact): Promise<void> {
  const locale = turn.locale();
  const r = fact.guides ? kit.deps.router.route(turn.text, locale) : undefined;
  // The guide on screen from its first question ("Vous avez tout ?", before any step) names a shared fact too.
  const guideId = fact.guide ?? (r && fact.guides?.includes(r.intent) ? r.intent : undefined) ?? GuideDialog.progress(turn.dc, kit.deps.catalog)?.guideId ?? guideOnScreen(turn);
  const text = factText(kit, turn, fact, guideId);
  if (turn.dc.activeDialog) {
    await say(turn.ctx, { text });
    return turn.dc.repromptDialog();
  }
  // An organisation ("c'est quoi Ameli ?"): what it is, then its guides to choose from — not one guide's summary.
  const offered = (fact.offers ?? []).filter((id) => kit.deps.catalog.get(id));
  if (offered.length > 1) {
    await say(turn.ctx, { text });
    return kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.pick, { candidates: offered, question: 'whatIs.orgGuides' }));
  }
  if (guideId && kit.deps.catalog.get(guideId)) return kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.whatIs, { guideId, text }));
  await say(turn.ctx, { text: `${text}\n${turn.t('kind.thanksMore')}` });
}

const DIFFERENCE = /\b(?:difference|differance|diference)s? (?:entre|between) (.+?) (?:et|and) (.+?)$|^(?:c est |c |est ce que c est )?(?:pareil|la meme chose|the same(?: thing)?) (.+?) (?:et|ou|and|or) (.+?)$|^(?:(?:le|la|l|un|une) )?(.+?) (?:et|ou|and|or) (?:(?:le|la|l|un|une) )?(.+?) (?:c est|c|is it|are they|it s) (?:pareil|la meme chose|the same(?: thing)?)$/;

/**
 * "c quoi la différence entre le RSA et la prime d'activité ?": what each one is (a fact, else a guide's summary),
 * then the question on screen again or "anything else?". False when one of them is unknown (the usual reading).
 */
export async function sayDifference(kit: Kit, turn: Turn): Promise<boolean> {
  const m = DIFFERENCE.exec(plainText(turn.text).replace(/ (?:svp|stp|please)$/, ''));
  if (!m) return false;
  const locale = turn.locale();
  const whatIs = (x: string): string | undefined => {
    const fact = kit.deps.catalog.facts.find({ text: x, locale, kind: 'term' });
    if (fact) return factText(kit, turn, fact);
    const g = guideAsked(kit, turn, x);
    return g?.guide.summary?.[locale] ? `${g.guide.title[locale]} : ${g.guide.summary[locale]}` : undefined;
  };
  const [a, b] = [whatIs(m[1] ?? m[3] ?? m[5]), whatIs(m[2] ?? m[4] ?? m[6])];
  // "RIB ou IBAN, c'est pareil ?": one explanation says both.
  if (!a || !b || (a === b && m[1])) return false;
  await say(turn.ctx, { text: a === b ? a : `${a}\n\n${b}` });
  if (turn.dc.activeDialog) await turn.dc.repromptDialog();
  else await say(turn.ctx, { text: turn.t('kind.thanksMore') });
  return true;
}

/**
 * "le rsa c'est combien par mois", "je toucherai combien de prime d'activité ?" as a first message: the amount
 * depends on the household and the official site computes it; then "On commence ?" for the guide it names —
 * never the guide started unasked. True when answered.
 */
export async function amountAsked(kit: Kit, turn: Turn): Promise<boolean> {
  if (turn.dc.activeDialog || !asksBenefitAmount(turn.text)) return false;
  const r = kit.deps.router.route(turn.text, turn.locale());
  const g = r.intent !== 'none' && r.score >= 0.5 ? kit.deps.catalog.get(r.intent) : undefined;
  if (!g) return false;
  // The question names the guide ("Je peux vous guider pas à pas pour : … On commence ce guide ensemble ?"): the
  // text does not say it once more.
  const text = turn.t('guide.amountDepends');
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.whatIs, { guideId: r.intent, text }));
  return true;
}
