/**
 * ONE dialog that runs any guide of dialogs/. Its saved state carries the guide id and version, the
 * step reached and the path taken (for "retour"). After a redeploy that changed the guide, the
 * citizen is told and resumes at the same step if it still exists, else at the start — no crash.
 *
 * How it converses (PRODUCT.md): "what you need" first (then, when something is missing and there are more
 * than three, checked one at a time),
 * then one step per message with its check question; an answer in the citizen's own words picks its
 * option (`alsoMeans`); "je ne sais pas" gets a hint, never "non"; a question the date already answers
 * (`when`) or that the citizen already answered in an earlier message is not asked; a miss is asked
 * again differently, the second one with a person or a place offered, the third hands over to a person.
 *
 * This file takes each message to the right place; the parts live in src/guides/dialogs/: the saved state
 * (guideState.ts), what is shown (guideMessages.ts), which answer a message gives (guideAnswers.ts) and where
 * the dialog goes next (guideNavigation.ts).
 */
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import type { HandoffHook } from '../conversation/handoffHook';
import { COMMAND, REPROMPT_LEAD, SWITCH_LOCALE } from '../conversation/keys';
import { finish, isDirective, outcomeOf } from '../conversation/outcome';
import { CULTURE_OF, localeOf, say } from '../conversation/turn';
import type { Strings } from '../i18n/strings';
import { isDontKnow, saysFailed, stemsOf, type AnswerStrength } from '../nlu/choices';
import type { PromptDeps } from '../prompts/choicePrompt';
import { asksWhereToStart } from '../nlu/whereToStart';
import { asksPrice } from '../nlu/priceAsk';
import { saysDontKnowHow, saysStuckHow } from '../nlu/dontKnowHow';
import { fold } from '../text/fold';
import { defaultNext, stepNumber, type GuideCatalog, type LoadedGuide } from './catalog';
import { todayIn } from './when';
import { situationSaid } from './dialogs/situations';
import { allButNotNeeded } from './dialogs/notNeeded';
import { goAhead } from './dialogs/goAhead';
import { aboutTheFormality } from './dialogs/aboutTheFormality';
import { asideOnce, buttonNotFound, codeHelp, codeNotReceived, passwordHelp } from './dialogs/stepAsides';
import { agreesOnly, shortWordOnly } from './dialogs/shortWord';
import { GuideAnswers } from './dialogs/guideAnswers';
import { GuideMessages } from './dialogs/guideMessages';
import { GuideNavigation } from './dialogs/guideNavigation';
import { HEARD, hear, heardOf, type GuideOptions, type GuideProgress, type GuideState } from './dialogs/guideState';

export { MAX_FAILURES, NEEDS_AT_ONCE, type GuideOptions, type GuideProgress, type GuideState, type Heard } from './dialogs/guideState';
export { roleOfLabel } from './dialogs/guideMessages';

export const GUIDE_DIALOG_ID = DIALOG.guide;

export class GuideDialog extends Dialog<GuideOptions> {
  private readonly messages: GuideMessages;
  private readonly answers_: GuideAnswers;
  private readonly nav: GuideNavigation;

  constructor(
    private readonly catalog: GuideCatalog,
    private readonly strings: Strings,
    handoff: HandoffHook,
    prompt: PromptDeps = { strings },
    private readonly now: () => number = Date.now,
  ) {
    super(GUIDE_DIALOG_ID);
    this.messages = new GuideMessages(strings, (id, locale) => catalog.get(id)?.guide.title[locale]);
    this.answers_ = new GuideAnswers(catalog, strings, this.messages, now);
    this.nav = new GuideNavigation(catalog, strings, handoff, prompt, this.messages, this.answers_);
  }

  /** Where a citizen is in the active guide, if any (for "on reprend à l'étape 4 ?"). */
  static progress(dc: DialogContext, catalog: GuideCatalog): GuideProgress | undefined {
    const active = dc.activeDialog;
    if (active?.id !== GUIDE_DIALOG_ID) return undefined;
    const state = active.state as GuideState;
    const g = catalog.get(state.guideId);
    if (!g || !state.stepId) return undefined;
    return { guideId: state.guideId, version: state.version, stepId: state.stepId, stepNumber: stepNumber(g, state.stepId), stepTotal: g.mainSteps.length };
  }

  override async beginDialog(dc: DialogContext, options?: GuideOptions): Promise<DialogTurnResult> {
    const g = options && this.catalog.get(options.guideId);
    if (!g) return finish(dc, { guide: { id: options?.guideId ?? '', completed: false } });
    const state: GuideState = { guideId: g.guide.id, version: g.guide.version, phase: 'step', history: [], failures: 0, heard: [], auto: [] };
    Object.assign(dc.activeDialog!.state, state);
    const st = dc.activeDialog!.state as GuideState;
    if (options?.stepId && g.stepById.has(options.stepId)) {
      st.stepId = options.stepId;
      return this.nav.showStep(dc, g, st);
    }
    // What the citizen said to get here ("on m'a volé ma carte") may answer a question later on
    // (not the guide's own title, typed or picked from the menu: it says nothing more).
    st.heard = (options.heard ?? [])
      .filter((t) => t.trim().split(/\s+/).length >= 2)
      .slice(-HEARD)
      .map((t) => ({ said: t, rest: t }));
    if (!g.titles.has(fold(dc.context.activity.text ?? ''))) hear(dc.context, st, true);
    const locale = localeOf(dc.context);
    // "je suis à la retraite, je dois encore m'actualiser ?": what is true for them, not the guide. "je suis
    // agriculteur, j'ai perdu ma carte vitale" (or the MSA said just before): their own step at once.
    const instead = situationSaid(g, dc.context.activity.text ?? '', locale, true, [], heardOf(st));
    if (instead?.text && !instead.goto) {
      await say(dc.context, { text: instead.text[locale] });
      return finish(dc, { guide: { id: g.guide.id, completed: false } });
    }
    const start = this.strings.t(locale, 'guide.start', { title: g.guide.title[locale] });
    // What the date says before anything else ("la déclaration en ligne ouvre en avril" in November).
    const today = todayIn(this.now());
    const notices = g.guide.notices.filter((n) => today.isIn(n.when)).map((n) => n.text[locale]);
    await say(dc.context, { text: [g.guide.intro?.[locale], start, instead?.text?.[locale], ...notices].filter(Boolean).join('\n') });
    if (instead?.goto) return this.nav.goTo(dc, g, st, instead.goto, false);
    return this.nav.startFromTheTop(dc, g, st);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const st = dc.activeDialog!.state as GuideState;
    const ctx = dc.context;
    const g = this.catalog.get(st.guideId);
    if (!g) {
      await say(ctx, { text: this.strings.t(localeOf(ctx), 'guide.unknown') });
      return finish(dc, { guide: { id: st.guideId, completed: false } });
    }
    if (st.version !== g.guide.version) return this.nav.migrate(dc, g, st);

    const command = COMMAND.get(ctx);
    if (command === 'repeat') return this.nav.reshow(dc, g, st);
    if (command === 'restart') {
      st.history = [];
      return this.nav.startFromTheTop(dc, g, st);
    }
    if (command === 'back') return this.nav.back(dc, g, st);

    const text = ctx.activity.text ?? '';
    const options = this.messages.optionsOf(g, st, localeOf(ctx));
    // "vous avez tout ?", "j'ai tout ?": the question said back is a question — said again more simply, never an answer.
    if (this.answers_.echoes(g, st, text, localeOf(ctx))) return this.nav.saidSimply(dc, g, st, options);
    // "il me manque la photo", "i dont have the ants account": straight to that prerequisite, then the rest.
    const named = this.answers_.namedAtNeeds(g, st, text, localeOf(ctx));
    if (named && named.missing.length > 0) {
      st.failures = 0;
      return this.nav.somethingMissing(dc, g, st, false, named);
    }
    let answer = this.answers_.at(g, st, text, options, localeOf(ctx));
    if (answer && shortWordOnly(g, text, answer, localeOf(ctx))) return this.asideOrMiss(dc, g, st, options, text, 'guide.shortWord');
    // "je sais pas par où commencer" at "On commence ?": not knowing how is why we are here — the start, reassured.
    const start = !answer && (asksWhereToStart(text) || saysDontKnowHow(text)) ? goAhead(options) : undefined;
    if (start) {
      await say(ctx, { text: this.strings.t(localeOf(ctx), 'kind.whereToStart') });
      answer = { option: start, how: 'exact' };
    }
    // "je sais pas comment on fait", "j'y arrive pas" at a step that offers "Je bloque": that answer (a bare "je sais pas"
    // stays unsure: `dontKnow` below), never another guide through an answer's words ("je sais pas comment faire pour le
    // mot de passe" is no "Mot de passe oublié"): stuck here, with this step's help — another guide only when asked plainly.
    const leaves = answer !== undefined && answer.how !== 'exact' && answer.option.value.startsWith('guide:');
    const stuck = (!answer || leaves) && st.phase === 'step' && saysStuckHow(text) ? options.find((o) => o.role === 'stuck') : undefined;
    if (stuck) answer = { option: stuck, how: 'exact' };
    // "j'ai pas reçu le code" at a step whose answers do not take it: what to do about the code, then the same
    // question (never its "Non", nor an answer in other words: "je sais plus mon code" at a login); again: a person.
    const question = this.messages.questionOnScreen(g, st, localeOf(ctx)).question ?? '';
    const code = answer?.how === 'exact' ? undefined : codeNotReceived(st, text, question, options, answer !== undefined);
    // "je trouve pa le bouton": where it is on this step (its help, else where such a button usually is), a person offered.
    const button = code ? undefined : buttonNotFound(this.strings, st, st.phase === 'step' ? this.messages.currentStep(g, st) : undefined, text, localeOf(ctx), answer);
    if (code === 'person' || button === 'person') return this.nav.toAPerson(dc, g, st, 'stuck');
    if (code || button) {
      st.failures = 0;
      await say(ctx, { ...this.messages.questionOnScreen(g, st, localeOf(ctx)), text: button ?? codeHelp(this.strings, st.guideId, localeOf(ctx)), choices: options, compact: true });
      return Dialog.EndOfTurn;
    }
    // "c'est payant ?" taken for an answer about paying: a question — the price, then the same question (only the number or the label pick it).
    const payAnswer = answer !== undefined && /\b(?:pay\w*|paie\w*|argent|money|paid)\b/.test(fold(answer.option.label));
    if (answer && payAnswer && asksPrice(text) && text.trim() !== answer.option.key && fold(text) !== fold(answer.option.label)) return this.nav.notUnderstood(dc, g, st, options);
    // "et pour ma femme ?", "mais je suis à la retraite": what is true for them, then the same question.
    // Not when it answers a question of the guide ("c pour ma fille" at "Vous avez tout ?" is "Pour mon enfant" later).
    // "je suis pas français", "j'ai pas d'ordi juste mon portable" at "Vous avez tout ?": the "pas" tells who they are,
    // not a missing prerequisite (the ones named are taken above) — the situation, when the guide has one for it.
    const plainNo = st.phase === 'needs' && answer?.option.role === 'no';
    const situation = answer && answer.how !== 'vague' && !plainNo ? undefined : situationSaid(g, text, localeOf(ctx), false, heardOf(st));
    if (situation?.goto && situation.goto !== st.stepId) {
      st.failures = 0;
      if (situation.text) await say(ctx, { text: situation.text[localeOf(ctx)] });
      return this.nav.goTo(dc, g, st, situation.goto, true);
    }
    if (situation?.text && !situation.goto && !this.answers_.answersLater(g, st, text, localeOf(ctx))) {
      st.failures = 0;
      await say(ctx, { ...this.messages.questionOnScreen(g, st, localeOf(ctx)), text: situation.text[localeOf(ctx)], choices: options, compact: true });
      return Dialog.EndOfTurn;
    }
    if (!answer) answer = await this.inTheOtherLanguage(dc, g, st, text);
    // "je trouve pas mon numéro fiscal" read as a bare "Non" at a question about something else: where to find it.
    if (answer && (await this.missingHelp(dc, g, st, options, answer.option))) return Dialog.EndOfTurn;
    if (!answer) {
      // "je sais pas si je dois payer" asks the price: answered below, not "pas de souci, prenez votre temps".
      if (isDontKnow(text) && !asksPrice(text)) return this.nav.dontKnow(dc, g, st);
      const before = this.answers_.toThePreviousQuestion(g, st, text, localeOf(ctx));
      if (before) {
        // Go back and take it, saying so ("Vous m'avez dit : … Je continue avec : J'ai validé une erreur.").
        st.history.pop();
        st.stepId = before.previous.id;
        st.failures = 0;
        await say(ctx, { text: before.why });
        return this.nav.goTo(dc, g, st, before.target, true);
      }
      answer = this.answers_.partial(text, options, localeOf(ctx));
      // "carte" in the identity card guide, "site", "code": one or two words found only partly in an answer that leaves
      // the guide, or naming its own subject, are no answer — the question again, kindly (once a step; again: a miss).
      if (answer && shortWordOnly(g, text, answer, localeOf(ctx))) return this.asideOrMiss(dc, g, st, options, text, 'guide.shortWord');
      // "j'ai perdu mon identifiant" is not "Mot de passe oublié" through "perdu": a prerequisite said missing by its
      // own first word, which the answer's label does not use, gets its own help first.
      if (answer && (await this.missingHelp(dc, g, st, options, answer.option, true))) return Dialog.EndOfTurn;
    }
    if (!answer) {
      if (await this.missingHelp(dc, g, st, options)) return Dialog.EndOfTurn;
      // "c'est payant ?" is a question to answer now (its price, then the question again), never an answer kept for a
      // later question that offers "Un site me demande de payer".
      if (asksPrice(text)) return this.nav.notUnderstood(dc, g, st, options);
      // "ok", "d'accord" where no answer is a yes ("Où en êtes-vous ?") or among real answers: which one, kindly (once a step; again a miss).
      if (agreesOnly(text, options, localeOf(ctx))) return this.asideOrMiss(dc, g, st, options, text, 'guide.whichAnswer');
      hear(ctx, st);
      // "j'ai tout sauf le rib" where no RIB is needed: everything needed is there — on to the first step.
      const notNeeded = st.phase === 'needs' ? allButNotNeeded(text, g, localeOf(ctx)) : undefined;
      if (notNeeded) {
        st.failures = 0;
        await say(ctx, { text: this.strings.t(localeOf(ctx), 'guide.notNeeded', { thing: notNeeded }) });
        return this.nav.goTo(dc, g, st, g.mainSteps[0].id, false);
      }
      if (!this.answers_.answersLater(g, st, text, localeOf(ctx))) return this.asideOrMiss(dc, g, st, options, text);
      // "je voudrais toucher la retraite de mon mari" at "On commence ?": telling one's case is going ahead (the
      // later question takes it); elsewhere it is kept for later and the question asked again.
      const go = goAhead(options);
      if (!go) return this.nav.keptForLater(dc, g, st, options, text);
      answer = { option: go, how: 'loose' };
    }
    st.failures = 0;
    const picked = answer.option;
    if (picked.role === 'stuck') {
      // "ça marche pas" where the "Non" answers something else ("Le test dit que vous avez droit ?"), "je sais pas
      // comment faire": the step's own help first, when it has one and was not given yet; then the question again (a
      // person stays one "Je bloque" away, and the same words again reach one).
      const step = st.phase === 'step' ? this.messages.currentStep(g, st) : undefined;
      const help = step && (step.help?.[localeOf(ctx)] ?? passwordHelp(this.strings, st.guideId, step, text, localeOf(ctx)));
      const asksHow = saysFailed(text) || saysStuckHow(text);
      if (!step || !help || !asksHow || st.helped === st.stepId) return this.nav.toAPerson(dc, g, st, 'stuck');
      st.helped = st.stepId;
      await say(ctx, { text: help });
      await say(ctx, this.messages.questionOf(step, localeOf(ctx)));
      return Dialog.EndOfTurn;
    }
    // "Oui j'ai tout, mais moi je suis déjà inscrit": a bare yes or no with more to say; the rest may answer a
    // later question (a yes or no word has no content of its own to answer one with). Not an answer that says
    // something itself ("Non, pas de bouton"): its words would answer the next question again.
    if ((picked.role === 'yes' || picked.role === 'no') && text.trim().split(/\s+/).length >= 4 && stemsOf(picked.label, localeOf(ctx)).length === 0) {
      hear(ctx, st);
    }
    // "on le fait ensemble": the missing prerequisite's own guide first (then back to this one by its name).
    if (st.phase !== 'step' && st.offer && picked.value === `guide:${st.offer}`) {
      await say(ctx, { text: this.strings.t(localeOf(ctx), 'needs.doFirstThenBack', { title: g.guide.title[localeOf(ctx)] }) });
      return this.nav.goTo(dc, g, st, picked.value, false);
    }
    if (st.phase === 'needs') {
      if (picked.role === 'yes') return this.nav.goTo(dc, g, st, g.mainSteps[0].id, false);
      if (st.missing) return finish(dc, { guide: { id: g.guide.id, completed: false }, next: 'menu' });
      if (this.answers_.noThatIsAProblem(g, st, text, picked, localeOf(ctx))) return this.nav.keptForLater(dc, g, st, options, text);
      return this.nav.somethingMissing(dc, g, st, false, named);
    }
    if (st.phase === 'need') return this.nav.nextNeed(dc, g, st, picked.role === 'yes');
    const step = this.messages.currentStep(g, st);
    if (picked.value === 'no') {
      await say(ctx, { text: step.help?.[localeOf(ctx)] ?? this.strings.t(localeOf(ctx), 'step.noDefault') });
      await say(ctx, this.messages.questionOf(step, localeOf(ctx)));
      return Dialog.EndOfTurn;
    }
    const choice = step.check?.choices.find((c) => c.goto === picked.value && c.label[localeOf(ctx)] === picked.label);
    if (choice?.reply) await say(ctx, { text: choice.reply[localeOf(ctx)] });
    return this.nav.goTo(dc, g, st, picked.value === 'next' ? defaultNext(g, step) : picked.value, true);
  }

  /**
   * "je n'ai pas de chéquier" at "Le site accepte votre RIB ?": a negated sentence about what the step does not ask,
   * that nothing else took (not a question about the formality) — what the question is about, once; else a miss.
   */
  private async asideOrMiss(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[], text: string, short?: 'guide.shortWord' | 'guide.whichAnswer'): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    const step = st.phase === 'step' ? this.messages.currentStep(g, st) : undefined;
    const about = step && !short && aboutTheFormality(this.catalog, this.strings, { g, st, step, text, locale });
    // "je travaille pas" at a question with "Je travaille à la ferme": not that answer — which one, then (once a step).
    const denied = step && !about && !short ? this.answers_.deniedAnswer(g, st, text, locale) : undefined;
    if (!step || about || (!short && !denied && !this.answers_.asideAt(g, st, text, locale)) || !asideOnce(st)) return this.nav.notUnderstood(dc, g, st, options);
    st.failures = 0;
    const said = short
      ? this.strings.t(locale, short, { said: text.trim().slice(0, 40) })
      : denied
        ? this.strings.t(locale, 'guide.notThatAnswer', { answer: denied.label })
        : this.strings.t(locale, 'guide.notThisQuestion');
    await say(dc.context, { ...this.messages.questionOnScreen(g, st, locale), text: said, choices: options, compact: true });
    return Dialog.EndOfTurn;
  }

  /** A prerequisite said missing or not found, at a question about something else: its help, then the same question. */
  private async missingHelp(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[], picked?: ChoiceOption, partly = false): Promise<boolean> {
    const locale = localeOf(dc.context);
    const help = this.answers_.missingHelp(g, st, dc.context.activity.text ?? '', locale, picked, partly);
    if (!help) return false;
    st.failures = 0;
    await say(dc.context, { ...this.messages.questionOnScreen(g, st, locale), text: help, choices: options, compact: true });
    return true;
  }

  /**
   * "I bought a car last week" at a French question: the answer in the citizen's own words in the other
   * language picks its option, and the conversation goes on in that language.
   */
  private async inTheOtherLanguage(dc: DialogContext, g: LoadedGuide, st: GuideState, text: string) {
    const found = this.answers_.inTheOtherLanguage(g, st, text, localeOf(dc.context), true);
    if (!found) return undefined;
    SWITCH_LOCALE.set(dc.context, found.other);
    dc.context.activity.locale = CULTURE_OF[found.other];
    await say(dc.context, { text: this.strings.t(found.other, 'language.switchedAuto') });
    return { option: found.option, how: 'loose' as const };
  }

  /** Back from a dialog on top of it (a handoff, the places): show where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const outcome = outcomeOf(result);
    if (isDirective(outcome)) return Dialog.EndOfTurn;
    // Back from another guide started on top of this one (src/bot/steps/otherGuide.ts): said, then the question.
    const st = dc.activeDialog!.state as GuideState;
    const title = outcome.guide && outcome.guide.id !== st.guideId ? this.catalog.get(st.guideId)?.guide.title[localeOf(dc.context)] : undefined;
    if (title) await say(dc.context, { text: this.strings.t(localeOf(dc.context), 'guide.backTo', { title }) });
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** `reprompt` (e.g. after the citizen came back): show the current question again. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as GuideState;
    const g = this.catalog.get(st.guideId);
    if (!g) return;
    const locale = localeOf(context);
    const lead = REPROMPT_LEAD.get(context);
    if (lead) return void (await say(context, this.messages.questionAfter(lead, g, st, locale)));
    if (st.phase === 'need') await say(context, this.messages.needMessage(g, st.needIndex ?? 0, locale, st.offer));
    else if (st.phase === 'needs' || !st.stepId) await say(context, this.messages.needsQuestion(locale, st.missing !== undefined, st.offer));
    else await say(context, this.messages.stepMessage(g, this.messages.currentStep(g, st), locale));
  }

  /** Does this message answer the question on screen? (for the bot's understanding step) */
  answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    const st = dc.activeDialog?.state as GuideState | undefined;
    const g = st && this.catalog.get(st.guideId);
    if (!g || st.version !== g.guide.version) return undefined;
    return this.answers_.strength(g, st, text, localeOf(dc.context));
  }
}
