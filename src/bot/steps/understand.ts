/**
 * Understanding before any prompt (issue #12; PRODUCT.md, "How the bot converses"): what the message
 * says whatever the question on screen. Safety first (a scam, money already gone), then a person asked
 * for in any words, then erasure; these win unless the prompt on screen takes the message as an exact
 * answer. Otherwise the prompt keeps its turn when it understands the message; only when it does not,
 * feelings and needs get a human sentence first and a concrete way forward, "c'est quoi X" gets an
 * explanation, "près de chez moi" the places. A message clearly in the other language switches it.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import { recognizeChoiceHow, type AnswerStrength } from '../../nlu/choices';
import { leadingYes } from '../../nlu/roleWords';
import type { StringKey } from '../../i18n/strings';
import { DIALOG } from '../../conversation/dialogIds';
import { COMMAND, LOCALE_SWITCHED } from '../../conversation/keys';
import { saysNotUnderstood } from '../../nlu/notUnderstood';
import { INTENT } from '../../conversation/intents';
import { say } from '../../conversation/turn';
import { isAnswerAware } from '../../prompts/choicePrompt';
import { detectLanguage } from '../../nlu/language';
import { THIS_STEP, detectSignals, plainText, viaMessage, type Signal, type SignalKind } from '../../nlu/signals';
import { amountIn, isRealPrice } from '../../guides/facts';
import { GuideDialog } from '../../guides/guideDialog';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { answerHealth, condolencesDue, feelingFirst, feelingKey, lossTold, sayFeeling, welcomeCompanion } from './kindWords';
import { givenSecret } from '../../nlu/givenSecret';
import { amountAsked, askedTermOnly, bareTerm, factText, guideAsked, guidePrices, priceFact, sayDifference, sayFact, termFact, sayWordAtHome, withoutYes } from './factReply';
import { backToWhereWeWere, guideNamed, offerHelp, placesAsked, routesConfidently, routesToAGuide, sayToday, saysStuck, todayNote, unsureFirst } from './helpWays';
import { guideOnScreen, offerGuesses, remindAsked, remindFromHome, sayWait } from './pauseReplies';
import { everydayHelp, letterReason } from './everydayHelp';
import { situationReply } from './situationReplies';
import { infoReply } from './infoReply';
import { correctGuide } from './correctGuide';
import { sayWhatNext } from './whatNext';
import { SCAM_GUIDE, SITE_ASKS_STEP, byCall, scamAsked, scamStartStep } from './scamReply';

/** A feeling said after a "mais" that follows something else ("oui j'ai tout mais je stress"). */
function hasFeelingAfterBut(turn: Turn): boolean {
  const m = / (?:mais|but) (.*)$/.exec(plainText(turn.text));
  return Boolean(m && m.index > 0 && has(turn.signals, 'distress', false) && detectSignals(m[1]).some((s) => s.kind === 'distress'));
}

/**
 * At the callback dialog's "Que préférez-vous ?" list, a person asked for without its callback words (nobody is free
 * now); at its phone number question, a person asked for again (the call is the person: the number is needed).
 */
function asksPersonAgain(turn: Turn): StringKey | undefined {
  const active = turn.dc.activeDialog;
  const phase = active?.id === DIALOG.callback ? (active.state as { phase?: string }).phase : undefined;
  if (!has(turn.signals, 'person') || (phase !== 'alternatives' && phase !== 'callback-phone')) return undefined;
  if (phase === 'callback-phone') return /\d{2}/.test(turn.text) ? undefined : 'callback.personCalls';
  const words = (key: StringKey) => turn.t(key).split('|').map((w) => w.trim()).filter(Boolean);
  const t = ` ${plainText(turn.text)} `;
  if (!words('handoff.optCallbackWords').some((w) => t.includes(` ${plainText(w)} `))) return 'handoff.stillNobody';
  // Callback words read as "Continuer avec moi" ("ring me back later": its "back", its "later"): a person is wanted,
  // never the bot alone. (Read as the callback, the list keeps its turn.)
  const options = [
    { key: '1', label: turn.t('handoff.optCallback'), value: 'callback', synonyms: words('handoff.optCallbackWords') },
    { key: '2', label: turn.t('handoff.optBack'), value: 'back', synonyms: words('handoff.optBackWords') },
  ];
  return recognizeChoiceHow(turn.text, options, turn.locale())?.option.value === 'back' ? 'handoff.stillNobody' : undefined;
}

/** How the dialog on screen takes the message: an exact answer, its own words, or not at all. */
export function expectation(dc: DialogContext, text: string): AnswerStrength | undefined {
  const active = dc.activeDialog;
  if (!active) return undefined;
  const dialog = dc.findDialog(active.id);
  return isAnswerAware(dialog) ? dialog.answers(dc, text) : undefined;
}

const has = (signals: Signal[], kind: SignalKind, strong = true) => signals.some((s) => s.kind === kind && (!strong || s.strength === 'strong'));

export const language = (kit: Kit): Step<Turn> => async (turn, next) => {
  const detected = detectLanguage(turn.text);
  if (detected && detected !== turn.locale() && !expectation(turn.dc, turn.text)) {
    kit.home.switchLanguage(turn, detected);
    LOCALE_SWITCHED.set(turn.ctx, true);
    await say(turn.ctx, { text: turn.t('language.switchedAuto') });
  }
  await next();
};

export const understand = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc, signals } = turn;
  if ((await amountAsked(kit, turn)) || (await everydayHelp(kit, turn))) return;
  if (signals.length === 0) return (await sayWordAtHome(kit, turn)) || (await infoReply(kit, turn, () => expectation(dc, turn.text))) ? undefined : unsureFirst(kit, turn).then(next);
  // A yes or no word lost in a long message ('vague') does not keep the prompt's turn from what the message says.
  const how = expectation(dc, turn.text);
  // "jveu 1 conseiller": an SMS "1" for "un" is not option 1 (plainText wrote it out as a word).
  const digitWasWord = /\d/.test(turn.text) && !/\d/.test(plainText(turn.text));
  // "oui j'ai tout mais je stress un peu": the answer before the feeling's "mais" is the answer (the feeling is said too).
  const feelingAfter = how === 'vague' && hasFeelingAfterBut(turn) ? expectation(dc, plainText(turn.text).replace(/ (?:mais|but) .*$/, '')) : undefined;
  const expects = feelingAfter === 'exact' ? 'loose' : how === 'vague' || (how === 'exact' && digitWasWord) ? undefined : how;
  const underway = Boolean(dc.activeDialog);
  // A wait ("attendez je reviens", "2 min", "hold on"): a kind word, and the question on screen keeps its turn.
  // Only wait words win even over an answer ("2 min" is not option 2); "je cherche mes papiers" only where the
  // question does not take it.
  // (Not while a callback is arranged: its questions, a number and a time, handle their own misses.)
  const arrangingPerson = dc.activeDialog?.id === DIALOG.callback || dc.activeDialog?.id === DIALOG.handoff;
  const wait = arrangingPerson ? undefined : signals.find((s) => s.kind === 'wait');
  if (wait && (wait.strength === 'strong' ? !/^\s*\d+\s*$/.test(turn.text) : underway && !expects)) return sayWait(turn, wait.subject);
  // Back after a wait ("me revoilà", "c'est bon je suis là"): the question again, not a yes.
  if (has(signals, 'back') && underway && !arrangingPerson && expects !== 'exact') {
    await say(turn.ctx, { text: turn.t('kind.back') });
    return dc.repromptDialog();
  }
  // "c'était quoi déjà l'étape d'avant": the guide goes back one step, as RETOUR does.
  if (has(signals, 'previous-step') && underway && !arrangingPerson && expects !== 'exact' && guideOnScreen(turn)) {
    COMMAND.set(turn.ctx, 'back');
    return kit.home.act(turn, () => dc.continueDialog());
  }
  // Back at the menu ("me revoilà" after "attendez je reviens"): as a hello — the guide left unfinished, or the menu.
  if (has(signals, 'back') && !underway) return kit.home.showHome(turn);
  // A reminder asked for inside a guide ("rappelle-moi le 28"): not a callback, nor a miss; the guide goes on.
  if (has(signals, 'remind') && !arrangingPerson && expects !== 'exact' && guideOnScreen(turn)) return remindAsked(kit, turn);
  // "je peux faire ça demain ?", "ma fille va m'aider ce soir": the place is kept (no miss, no question again).
  if (has(signals, 'later') && !arrangingPerson && expects !== 'exact' && guideOnScreen(turn)) return say(turn.ctx, { text: turn.t('kind.later') });
  // The same as a first message or at the menu: a reminder of the formality named, never a callback.
  if (has(signals, 'remind') && !has(signals, 'person', false) && !underway && expects !== 'exact') return remindFromHome(kit, turn);

  // "je parle pas bien français": English is offered (the first message's welcome already says how), then the rest.
  if (has(signals, 'little-french') && turn.locale() === 'fr' && !turn.first) await say(turn.ctx, { text: turn.t('welcome.language') });
  // "C'est quoi un spam ?": a question about a word whose only scary part is the word itself is a question.
  const termAsked = askedTermOnly(kit, turn);
  if (expects !== 'exact' && termAsked) return sayFact(kit, turn, termAsked);
  // "un monsieur veut m'aider pour mes papiers contre 50 euros": help is free where it is given — a place or a person.
  if (expects !== 'exact' && has(signals, 'paid-helper')) return offerHelp(kit, turn, 'scam.paidHelper', true);
  // 0. What it really costs ("un passeport c'est payant ?", "on me demande 86 euros, c'est normal ?"): a real fee
  // is answered calmly (with where to pay it); a wrong amount or a fee for a free formality is checked below.
  if (expects !== 'exact' && !has(signals, 'scam-paid') && (has(signals, 'price') || has(signals, 'pay-doubt') || has(signals, 'scam'))) {
    const fact = priceFact(kit, turn);
    const amount = amountIn(turn.text);
    const real = fact && amount !== undefined && isRealPrice(fact, amount);
    const plain = fact && amount === undefined && !has(signals, 'scam') && !has(signals, 'pay-doubt');
    const variable = fact && !fact.free && !fact.amounts && !fact.range;
    if (fact && !viaMessage(turn.text) && (real || plain || variable)) return sayFact(kit, turn, fact);
    // Not the official price, on a site: most often a look-alike site — checked calmly with the scam guide.
    const scamGuide = kit.deps.catalog.get(SCAM_GUIDE);
    // No price named, in a guide with real prices: all of them ("120 euros pour le timbre" in the identity guide).
    const prices = !fact && amount !== undefined ? guidePrices(kit, turn) : [];
    if ((fact || prices.length > 0) && amount !== undefined && !viaMessage(turn.text) && scamGuide?.stepById.has(SITE_ASKS_STEP)) {
      await kit.home.rememberProgress(turn);
      // The warning, then the real price and where to pay it (or that it is free), so the citizen can compare.
      const free = fact?.free === true;
      // A free formality's price is said only when the message names one of its guides (else: it is free).
      const shown = !fact ? prices : free && !fact.guides?.includes(kit.deps.router.route(turn.text, turn.locale()).intent) ? [] : [fact];
      const real = shown.map((f) => `\n${withoutYes(factText(kit, turn, f))}`).join('');
      // Several prices shown (the identity guide's stamps): 'Les prix officiels :', in the plural.
      const heading = free ? 'scam.checkPay' : shown.length > 1 ? 'scam.notThePrices' : 'scam.notThePrice';
      await say(turn.ctx, { text: `${turn.t(heading, { amount: String(amount) })}${real}` });
      await dc.cancelAllDialogs();
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE, stepId: SITE_ASKS_STEP }));
    }
  }
  // 1. Safety first: warn before anything else, then the guide that says what to do — unless the scam guide is
  // already on screen and the message answers its question in the citizen's words ("j'ai donné mon code secret").
  const scamAnswered = expects === 'loose' && GuideDialog.progress(dc, kit.deps.catalog)?.guideId === SCAM_GUIDE;
  if (expects !== 'exact' && !scamAnswered && (await scamAsked(kit, turn))) return;
  if (expects !== 'exact' && !scamAnswered && (has(signals, 'scam-paid') || has(signals, 'scam'))) {
    const paid = has(signals, 'scam-paid');
    // The advice fits what was given: a card is blocked, an account's code or password is changed.
    const code = paid && givenSecret(plainText(turn.text)) === 'account';
    await kit.home.rememberProgress(turn);
    const warning = turn.t(byCall(turn.text) ? 'scam.warningCall' : 'scam.warning');
    await say(turn.ctx, { text: paid ? `${turn.t(code ? 'scam.codeGiven' : 'scam.paid')}\n${warning}` : warning });
    const guide = kit.deps.catalog.get(SCAM_GUIDE);
    if (guide) {
      await dc.cancelAllDialogs();
      const step = scamStartStep(turn.text, paid, code);
      const stepId = step && guide.stepById.has(step) ? step : undefined;
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE, stepId }));
    }
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.helpOffer, { underway }));
  }
  // A payment asked for, and doubted ("on me demande 25 euros, c'est normal ?"): check it together, with the
  // scam guide's page on sites that ask for money (a real stamp is explained there too).
  if (expects !== 'exact' && has(signals, 'pay-doubt') && kit.deps.catalog.get(SCAM_GUIDE)?.stepById.has(SITE_ASKS_STEP)) {
    await kit.home.rememberProgress(turn);
    await say(turn.ctx, { text: turn.t('scam.checkPay') });
    await dc.cancelAllDialogs();
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE, stepId: SITE_ASKS_STEP }));
  }
  // Asked again for a person at the "nobody on duty" list ("non, je veux quelqu'un tout de suite"), in words that name
  // none of its options: nobody is free now, the callback is the way to one — not "Continuer avec moi" for its "non".
  const again = expects !== 'exact' ? asksPersonAgain(turn) : undefined;
  if (again) return say(turn.ctx, { text: turn.t(again) }).then(() => dc.repromptDialog());
  // 2. A person, in any words, at any moment (not while already arranging one: "rappelez-moi" is an answer there).
  // Nor over the scam guide's own question answered in words ("un monsieur au téléphone m'a demandé mon code").
  if (expects !== 'exact' && !arrangingPerson && !scamAnswered && has(signals, 'person') && !has(signals, 'places')) {
    await sayFeeling(kit, turn);
    return kit.home.startIntent(turn, INTENT.mediator, 'intent');
  }
  // "non en fait c'est pour le passeport", "non c'était pas ça": a correction of what they came for, not an answer.
  if (underway && (await correctGuide(kit, turn, expects))) return;
  // 3. Erasure, from any dialog.
  if (!expects && has(signals, 'erase')) return kit.home.startIntent(turn, INTENT.erase);
  // "ok bye", "bon ben à la prochaine": leaving, even when a word of it ("ok") could answer the question
  // (not while a callback is being arranged: "à demain" may be its answer).
  if (!arrangingPerson && signals.some((s) => s.kind === 'bye' && s.subject === 'only')) return say(turn.ctx, { text: turn.t('kind.bye') });
  if (expects === 'exact') {
    // "j'y arrive pas" is the question's "Je bloque" and a feeling: the kind word first, then the way forward.
    if (has(signals, 'distress', false) && saysStuck(turn.text)) await say(turn.ctx, { text: turn.t(feelingKey(signals)) });
    return next();
  }
  // A health question: a doctor, a pharmacist, or the 15 / 112 (we help with formalities).
  const health = signals.find((s) => s.kind === 'health');
  if (health) return answerHealth(turn, health.subject === 'urgent');
  // "ma retraite a pas été versée": the caisse that pays it; "mon mari est décédé" inside a guide: a kind word and the
  // guide kept; "j'ai un problème avec mon compte ameli": what the problem is (src/bot/steps/situationReplies.ts).
  if (await situationReply(kit, turn, signals, expects)) return;
  // "je dois changer mon adresse partout, j'ai déménagé": no guide for a move — whom to tell, then a person or a
  // place (unless the message names a formality with it: "j'ai déménagé, je refais ma carte d'identité").
  // No home ('homeless'): the free domiciliation comes first, whatever the router says (an e-mail "adresse" is not it).
  const moved = signals.find((s) => s.kind === 'moved');
  if (moved && !underway && (moved.subject === 'homeless' || !routesConfidently(kit, turn))) return offerHelp(kit, turn, moved.subject === 'homeless' ? 'kind.homeless' : 'kind.moved', true);
  // "un truc pour la CAF mais je sais pas quoi": not what the CAF is — its guides, as guesses.
  const vague = expects === 'loose' || has(signals, 'letter') ? undefined : signals.find((s) => s.kind === 'vague')?.subject;
  if (vague && (await offerGuesses(kit, turn, vague))) return undefined;

  // 4. Reading and seeing come before the words of an answer ("c'est écrit trop petit sur le chèque" is not
  // "j'ai le chèque"): a kind word, then a person or a place.
  // Seeing badly is the cause when both are said ("je vois très mal, je peux pas lire l'écran").
  const readingNeed = (['sight', 'cannot-read'] as const).find((k) => has(signals, k));
  // Deaf or hard of hearing: everything here is written; a place nearby first (not a phone call).
  if (has(signals, 'hearing') && !readingNeed) {
    return feelingFirst(turn).then(() => offerHelp(kit, turn, 'kind.hearing', true, undefined, guideNamed(kit, turn)));
  }
  if (readingNeed) {
    // "j'ai honte mais je sais pas bien lire": the feeling is answered first, as with the other needs.
    return feelingFirst(turn).then(() => offerHelp(kit, turn, readingNeed === 'sight' ? 'kind.sight' : 'kind.cannotRead', false, undefined, guideNamed(kit, turn)));
  }
  // "c quoi la différence entre le RSA et la prime d'activité": each one said.
  if (await sayDifference(kit, turn)) return;
  // "C'est quoi l'ANTS ?" asked at a question is a question, not an answer.
  const found = signals.find((s) => s.kind === 'whatis');
  // "iban ?" (a weak one): only a word we can explain is a question; "passeport ?" at the menu still starts its guide.
  const asked = found?.strength === 'strong' ? found : undefined;
  // "c quoi ça", "kesako" at a question: how to answer it, and that a hard word can be asked about.
  if (asked?.subject === THIS_STEP && underway && !expects) return say(turn.ctx, { text: turn.t('understand.stepAgain') }).then(() => dc.repromptDialog());
  const term = asked?.subject ? termFact(kit, turn, asked.subject) : found?.subject ? bareTerm(kit, turn, found.subject) : undefined;
  if (term) return sayFact(kit, turn, term);
  // "FranceConnect c'est quoi ?" asked inside another guide: what it is, then the question on screen again
  // (a question about a word is not an answer, even when an answer names the same word).
  const other = asked?.subject && underway ? guideAsked(kit, turn, asked.subject) : undefined;
  if (other) {
    const locale = turn.locale();
    await say(turn.ctx, { text: `${other.guide.title[locale]} : ${other.guide.summary?.[locale] ?? ''}`.replace(/ : $/, '') });
    return dc.repromptDialog();
  }
  // "c'est la période de l'actualisation ?": today's date says it (the guide on screen, or the one named, then starts).
  const dated = !expects && has(signals, 'when') ? await sayToday(kit, turn) : false;
  if (dated === 'started') return undefined;
  if (dated) return dated === 'guide' ? dc.repromptDialog() : next();
  if (expects === 'loose') {
    // The citizen's own words answer the question; a feeling said with them gets its human sentence first.
    await sayFeeling(kit, turn);
    return next();
  }

  // The prompt on screen does not take the message. Someone sits with them to help; a letter not understood.
  if (has(signals, 'companion')) return welcomeCompanion(kit, turn, next);
  // A letter that frightens ("j'ai reçu une lettre des impôts, j'ai peur, je comprends rien"), or said alone: the feeling first.
  if (has(signals, 'letter')) return feelingFirst(turn).then(() => offerHelp(kit, turn, letterReason(signals), false));
  // A death or marriage certificate is not a birth certificate: where to ask for it (condolences first).
  const act = signals.find((s) => s.kind === 'document')?.subject;
  const actFact = act ? kit.deps.catalog.facts.find({ text: act, locale: turn.locale(), kind: 'term' }) : undefined;
  if (actFact && lossTold(turn)) await say(turn.ctx, { text: turn.t('kind.bereavement') });
  if (actFact) return sayFact(kit, turn, actFact);
  if (condolencesDue(kit, turn)) {
    // Condolences first; a guide that opens with its own (a survivor's pension) says them itself.
    const r = underway ? undefined : kit.deps.router.route(turn.text, turn.locale());
    const opensKindly = r && r.score >= 0.6 && kit.deps.catalog.get(r.intent)?.guide.intro;
    if (opensKindly) return next();
    // The formality they came for, named with the loss ("ma mère est décédée, je dois faire sa déclaration").
    if (!underway && routesToAGuide(kit, turn)) {
      await say(turn.ctx, { text: turn.t('kind.bereavement') });
      return next();
    }
    // Otherwise a loss is not a procedure to pick from a menu: condolences, then a person or a place.
    return offerHelp(kit, turn, 'kind.bereavement', false);
  }
  // "on en était où ?", "je reprends le truc de tout à l'heure": where we are, or the guide left (not a miss).
  const back = has(signals, 'resume') && !(underway && has(signals, 'what-next')) ? await backToWhereWeWere(kit, turn) : false;
  if (back) return back === 'guide' ? dc.repromptDialog() : undefined;
  // "c'est quoi la suite ?", "et maintenant ?" inside a guide: the next step comes after this one's answer.
  // ("j'ai terminé, et après ?" says it is done: the guide takes the yes and gives the next step.)
  if (underway && has(signals, 'what-next') && !leadingYes(plainText(turn.text))) return sayWhatNext(kit, turn);
  if ((has(signals, 'thanks') && !(underway && leadingYes(plainText(turn.text)))) || has(signals, 'bye')) {
    await say(turn.ctx, { text: turn.t(has(signals, 'bye') ? 'kind.bye' : 'kind.thanks') });
    if (has(signals, 'bye')) return undefined;
    if (underway) return dc.repromptDialog();
    return say(turn.ctx, { text: turn.t('kind.thanksMore') });
  }
  const whatIs = signals.find((s) => s.kind === 'whatis' && s.strength === 'strong');
  if (whatIs?.subject) {
    const r = kit.deps.router.route(whatIs.subject, turn.locale());
    const g = r.intent !== 'none' && r.score >= 0.3 ? kit.deps.catalog.get(r.intent) : undefined;
    if (g && GuideDialog.progress(dc, kit.deps.catalog)?.guideId === r.intent) {
      // Asked about the guide we are in: what it is, then the same question again (not "On commence ?").
      const locale = turn.locale();
      await say(turn.ctx, { text: `${g.guide.title[locale]} : ${g.guide.summary?.[locale] ?? ''}`.replace(/ : $/, '') });
      return dc.repromptDialog();
    }
    if (g) {
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.whatIs, { guideId: r.intent }));
    }
    // A word with no explanation here ("c koi l'ars"): said kindly, a person offered, then the question or the menu.
    const known = kit.deps.router.route(turn.text, turn.locale());
    if (whatIs.subject !== THIS_STEP && (known.intent === 'none' || known.score < 0.5)) {
      await say(turn.ctx, { text: turn.t('understand.cannotExplain', { word: whatIs.subject }) });
      return underway ? dc.repromptDialog() : kit.home.showHome(turn);
    }
  }
  // "mon ordi est mort, je fais tout sur mon téléphone": the phone will do (no computer to lend).
  if (has(signals, 'own-phone') && !has(signals, 'distress', false)) {
    await say(turn.ctx, { text: turn.t('kind.ownPhone') });
    return underway ? dc.repromptDialog() : kit.home.showHome(turn);
  }
  if (has(signals, 'no-computer')) {
    // "j'ai honte, je sais même pas me servir de mon téléphone": the feeling is answered first.
    if (has(signals, 'distress', false)) await say(turn.ctx, { text: turn.t(feelingKey(signals)) });
    return offerHelp(kit, turn, 'kind.noComputer', true, undefined, guideNamed(kit, turn));
  }
  // "ma mère est en maison de retraite, je fais ses papiers": helping a relative, no formality named — which one, or a
  // person or a place to help with it.
  if (has(signals, 'for-relative') && !underway && !routesToAGuide(kit, turn)) return offerHelp(kit, turn, 'kind.forRelative', false);
  if (has(signals, 'places')) return placesAsked(kit, turn);
  // "jai pas compris" at a guide's question: the guide says its step again more simply (then offers a person);
  // a feeling said with it ("je suis perdu") gets its kind sentence and the ways forward below.
  const plainNotUnderstood = saysNotUnderstood(turn.text) && !signals.some((s) => s.kind === 'distress' && s.subject);
  if (plainNotUnderstood && guideOnScreen(turn)) return next();
  // Lost, afraid, ashamed, fed up, in tears: a sentence that fits, then a person, a place or back to where
  // they were — unless they named what they came for ("c'est trop compliqué, ma déclaration d'impôts").
  if (has(signals, 'help-me') || (has(signals, 'distress', false) && (underway || !routesToAGuide(kit, turn)))) {
    const afraid = underway && signals.some((s) => s.kind === 'distress' && s.subject === 'fear');
    return offerHelp(kit, turn, has(signals, 'distress', false) ? feelingKey(signals) : 'kind.helpMe', false, afraid ? todayNote(kit, turn) : undefined);
  }
  // "excusez-moi de vous déranger si tard": reassure, then whatever else the message says (or the menu).
  if (has(signals, 'sorry')) await say(turn.ctx, { text: turn.t('kind.sorry') });
  await sayFeeling(kit, turn);
  await unsureFirst(kit, turn);
  await next();
};

