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
 */
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AnswerStrength } from '../nlu/choices';
import type { TurnContext } from 'botbuilder';
import type { ChoiceOption } from '../conversation/choice';
import { DIALOG } from '../conversation/dialogIds';
import type { HandoffHook } from '../conversation/handoffHook';
import { COMMAND, SWITCH_LOCALE } from '../conversation/keys';
import type { BotMessage } from '../conversation/message';
import { finish, isDirective, outcomeOf } from '../conversation/outcome';
import { missMessage } from '../conversation/reprompt';
import { CULTURE_OF, localeOf, say } from '../conversation/turn';
import type { Locale } from '../i18n/locale';
import type { Strings, StringKey, Vars } from '../i18n/strings';
import { earlierAnswers, recognizeChoiceHow, recognizePartialAnswer, recognizeOwnWords, isDontKnow, withoutStems, type EarlierAnswer } from '../nlu/choices';
import { detectLanguage } from '../nlu/language';
import { maskPersonalData } from '../privacy/mask';
import type { PromptDeps } from '../prompts/choicePrompt';
import { fold } from '../text/fold';
import { defaultNext, stepNumber, type GuideCatalog, type LoadedGuide } from './catalog';
import { span, todayIn } from './when';
import type { Step } from './schema';

export const GUIDE_DIALOG_ID = DIALOG.guide;
/** Unrecognised answers in a row before a human takes over (after two, one is offered). */
export const MAX_FAILURES = 3;
/** More prerequisites than this are checked one at a time when something is missing. */
export const NEEDS_AT_ONCE = 3;
/** Free-text messages kept to answer later questions from ("pour ma fille de 12 ans"). */
const HEARD = 6;

export interface GuideOptions {
  guideId: string;
  /** Resume at this step (skips the start and the needs). */
  stepId?: string;
  /** What the citizen said just before, masked ("moi je dépends de la MSA" at the menu): it may answer questions. */
  heard?: string[];
}

/** A message kept to answer later questions. */
export interface Heard {
  /** The citizen's words as written (masked): what "Vous m'avez dit : « … »" shows. */
  said: string;
  /** What is left of it once answers used their words up: what later questions are matched against. */
  rest: string;
}

/** The messages kept, whatever the age of the saved state. */
function heardOf(st: GuideState): Heard[] {
  return (st.heard ?? []).map((h) => (typeof h === 'string' ? { said: h, rest: h } : h));
}

export interface GuideState {
  guideId: string;
  version: number;
  /** "needs": the prerequisites question; "need": one prerequisite of many; "step": a step's check question. */
  phase: 'needs' | 'need' | 'step';
  stepId?: string;
  /** Steps shown before the current one, for "retour". */
  history: string[];
  failures: number;
  /** One prerequisite at a time: which one, and those the citizen does not have. */
  needIndex?: number;
  missing?: number[];
  /**
   * What the citizen wrote in their own words during this guide (masked), to answer later questions. A
   * plain string is state saved before `Heard` existed: it reads as `{ said: s, rest: s }`.
   */
  heard?: Array<Heard | string>;
  /** Steps answered without asking (from the date or from what was heard): never twice. */
  auto?: string[];
}

export interface GuideProgress {
  guideId: string;
  version: number;
  stepId: string;
  stepNumber: number;
  stepTotal: number;
}

/** A custom answer labelled "Oui…" / "Non…" also takes yes/no words ("ouais", "nan"). */
export function roleOfLabel(label: string): 'yes' | 'no' | undefined {
  const first = fold(label).split(/[\s,]+/)[0];
  if (['oui', 'yes'].includes(first)) return 'yes';
  if (['non', 'no'].includes(first)) return 'no';
  return undefined;
}

export class GuideDialog extends Dialog<GuideOptions> {
  constructor(
    private readonly catalog: GuideCatalog,
    private readonly strings: Strings,
    private readonly handoff: HandoffHook,
    private readonly prompt: PromptDeps = { strings },
    private readonly now: () => number = Date.now,
  ) {
    super(GUIDE_DIALOG_ID);
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

  private t(ctx: TurnContext, key: StringKey, vars?: Vars): string {
    return this.strings.t(localeOf(ctx), key, vars);
  }

  override async beginDialog(dc: DialogContext, options?: GuideOptions): Promise<DialogTurnResult> {
    const g = options && this.catalog.get(options.guideId);
    if (!g) return finish(dc, { guide: { id: options?.guideId ?? '', completed: false } });
    const state: GuideState = { guideId: g.guide.id, version: g.guide.version, phase: 'step', history: [], failures: 0, heard: [], auto: [] };
    Object.assign(dc.activeDialog!.state, state);
    const st = dc.activeDialog!.state as GuideState;
    if (options?.stepId && g.stepById.has(options.stepId)) {
      st.stepId = options.stepId;
      return this.showStep(dc, g, st);
    }
    // What the citizen said to get here ("on m'a volé ma carte") may answer a question later on
    // (not the guide's own title, typed or picked from the menu: it says nothing more).
    st.heard = (options.heard ?? [])
      .filter((t) => t.trim().split(/\s+/).length >= 2)
      .slice(-HEARD)
      .map((t) => ({ said: t, rest: t }));
    if (!g.titles.has(fold(dc.context.activity.text ?? ''))) this.hear(dc.context, st);
    const locale = localeOf(dc.context);
    const start = this.strings.t(locale, 'guide.start', { title: g.guide.title[locale] });
    // What the date says before anything else ("la déclaration en ligne ouvre en avril" in November).
    const today = todayIn(this.now());
    const notices = g.guide.notices.filter((n) => today.isIn(n.when)).map((n) => n.text[locale]);
    await say(dc.context, { text: [g.guide.intro?.[locale], start, ...notices].filter(Boolean).join('\n') });
    return this.startFromTheTop(dc, g, st);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const st = dc.activeDialog!.state as GuideState;
    const ctx = dc.context;
    const g = this.catalog.get(st.guideId);
    if (!g) {
      await say(ctx, { text: this.t(ctx, 'guide.unknown') });
      return finish(dc, { guide: { id: st.guideId, completed: false } });
    }
    if (st.version !== g.guide.version) return this.migrate(dc, g, st);

    const command = COMMAND.get(ctx);
    if (command === 'repeat') return this.reshow(dc, g, st);
    if (command === 'restart') {
      st.history = [];
      return this.startFromTheTop(dc, g, st);
    }
    if (command === 'back') return this.back(dc, g, st);

    const text = ctx.activity.text ?? '';
    const options = this.optionsOf(g, st, localeOf(ctx));
    let answer = recognizeChoiceHow(text, options, localeOf(ctx), this.catalog.answerWords);
    if (!answer) answer = await this.inTheOtherLanguage(dc, g, st, text);
    if (!answer) {
      if (isDontKnow(text)) return this.dontKnow(dc, g, st);
      const before = this.answerToThePreviousQuestion(g, st, text, localeOf(ctx));
      if (before) return before(dc);
      answer = recognizePartialAnswer(text, options, localeOf(ctx), this.catalog.answerWords);
    }
    if (!answer) {
      this.hear(ctx, st);
      return this.notUnderstood(dc, g, st, options);
    }
    st.failures = 0;
    const picked = answer.option;
    if (picked.role === 'stuck') {
      await this.handoff.start(dc, this.handoffRequest(g, st, 'stuck'));
      return Dialog.EndOfTurn;
    }
    if (st.phase === 'needs') {
      if (picked.role === 'yes') return this.goTo(dc, g, st, g.mainSteps[0].id, false);
      if (st.missing) return finish(dc, { guide: { id: g.guide.id, completed: false }, next: 'menu' });
      return this.somethingMissing(dc, g, st);
    }
    if (st.phase === 'need') return this.nextNeed(dc, g, st, picked.role === 'yes');
    const step = this.currentStep(g, st);
    if (picked.value === 'no') {
      await say(ctx, { text: step.help?.[localeOf(ctx)] ?? this.t(ctx, 'step.noDefault') });
      await say(ctx, this.questionOf(step, localeOf(ctx)));
      return Dialog.EndOfTurn;
    }
    const choice = step.check?.choices.find((c) => c.goto === picked.value && c.label[localeOf(ctx)] === picked.label);
    if (choice?.reply) await say(ctx, { text: choice.reply[localeOf(ctx)] });
    return this.goTo(dc, g, st, picked.value === 'next' ? defaultNext(g, step) : picked.value, true);
  }

  /**
   * "J'ai appuyé sur valider et je me suis trompé" at the step after "J'ai validé": the message does not answer
   * this question but clearly gives another answer to the one before (its own words, not a yes or a no). Go back
   * and take it, saying so ("Vous m'avez dit : … Je continue avec : J'ai validé une erreur.").
   */
  private answerToThePreviousQuestion(g: LoadedGuide, st: GuideState, text: string, locale: Locale) {
    const previousId = st.phase === 'step' ? st.history[st.history.length - 1] : undefined;
    const previous = previousId ? g.stepById.get(previousId) : undefined;
    if (!previous?.check || text.trim().split(/\s+/).length < 3) return undefined;
    const found = recognizeChoiceHow(text, this.stepChoices(previous, locale), locale, this.catalog.answerWords);
    if (!found || found.how === 'vague' || found.option.role) return undefined;
    const target = found.option.value === 'next' ? defaultNext(g, previous) : found.option.value;
    if (target === st.stepId) return undefined;
    const choice = previous.check.choices.find((c) => c.goto === found.option.value && c.label[locale] === found.option.label);
    return async (dc: DialogContext): Promise<DialogTurnResult> => {
      st.history.pop();
      st.stepId = previous.id;
      st.failures = 0;
      const why = [this.strings.t(locale, 'guide.youSaid', { said: text.trim().slice(0, 80), answer: found.option.label }), choice?.reply?.[locale]];
      await say(dc.context, { text: why.filter(Boolean).join('\n') });
      return this.goTo(dc, g, st, target, true);
    };
  }

  /**
   * "I bought a car last week" at a French question: the answer in the citizen's own words in the other
   * language picks its option, and the conversation goes on in that language.
   */
  private async inTheOtherLanguage(dc: DialogContext, g: LoadedGuide, st: GuideState, text: string) {
    const other: Locale = localeOf(dc.context) === 'fr' ? 'en' : 'fr';
    if (text.trim().split(/\s+/).length < 2 || detectLanguage(text) === localeOf(dc.context) || /[<>{}=\[\]]/.test(text)) return undefined;
    const option = recognizeOwnWords(text, this.optionsOf(g, st, other), other, this.catalog.answerWords);
    if (!option) return undefined;
    const found = { option, how: 'loose' as const };
    SWITCH_LOCALE.set(dc.context, other);
    dc.context.activity.locale = CULTURE_OF[other];
    await say(dc.context, { text: this.strings.t(other, 'language.switchedAuto') });
    return found;
  }

  /** Back from a dialog on top of it (a handoff, the places): show where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (isDirective(outcomeOf(result))) return Dialog.EndOfTurn;
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** `reprompt` (e.g. after the citizen came back): show the current question again. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as GuideState;
    const g = this.catalog.get(st.guideId);
    if (!g) return;
    const locale = localeOf(context);
    if (st.phase === 'need') await say(context, this.needMessage(g, st.needIndex ?? 0, locale));
    else if (st.phase === 'needs' || !st.stepId) await say(context, this.needsQuestion(locale, st.missing !== undefined));
    else await say(context, this.stepMessage(g, this.currentStep(g, st), locale));
  }

  /** Does this message answer the question on screen? (for the bot's understanding step) */
  answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    const st = dc.activeDialog?.state as GuideState | undefined;
    const g = st && this.catalog.get(st.guideId);
    if (!g || st.version !== g.guide.version) return undefined;
    const options = this.optionsOf(g, st, localeOf(dc.context));
    const here = (recognizeChoiceHow(text, options, localeOf(dc.context), this.catalog.answerWords) ?? recognizePartialAnswer(text, options, localeOf(dc.context), this.catalog.answerWords))?.how;
    if (here) return here;
    // An answer in the other language's own words is an answer too (inTheOtherLanguage takes it).
    const other: Locale = localeOf(dc.context) === 'fr' ? 'en' : 'fr';
    if (text.trim().split(/\s+/).length < 2 || detectLanguage(text) === localeOf(dc.context)) return undefined;
    return recognizeOwnWords(text, this.optionsOf(g, st, other), other, this.catalog.answerWords) ? 'loose' : undefined;
  }

  // ---- navigation ----------------------------------------------------------------------------------

  private async startFromTheTop(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    st.failures = 0;
    st.missing = undefined;
    st.needIndex = undefined;
    if (g.guide.needs.length === 0) {
      st.phase = 'step';
      st.stepId = g.mainSteps[0].id;
      return this.showStep(dc, g, st);
    }
    const locale = localeOf(dc.context);
    st.phase = 'needs';
    st.stepId = undefined;
    const list = g.guide.needs.map((n) => `- ${n.text[locale]}`).join('\n');
    await say(dc.context, { ...this.needsQuestion(locale), text: `${this.strings.t(locale, 'needs.intro')}\n${list}` });
    return Dialog.EndOfTurn;
  }

  /**
   * Something is missing. With many prerequisites, they are checked one at a time, each with how to get it
   * (its line reads on its own); with a few, how to get each is said at once.
   */
  private async somethingMissing(dc: DialogContext, g: LoadedGuide, st: GuideState, unsure = false): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    // Not sure what they have ("je sais pas"): go through the list together, one thing at a time.
    if (g.guide.needs.length > NEEDS_AT_ONCE || (unsure && g.guide.needs.length > 1)) {
      st.phase = 'need';
      st.needIndex = 0;
      st.missing = [];
      await say(dc.context, { text: this.strings.t(locale, 'needs.oneByOne', { n: g.guide.needs.length }) });
      await say(dc.context, this.needMessage(g, 0, locale));
      return Dialog.EndOfTurn;
    }
    await this.sayMissing(dc, g, g.guide.needs.map((_, i) => i));
    await say(dc.context, this.needsQuestion(locale));
    return Dialog.EndOfTurn;
  }

  private async nextNeed(dc: DialogContext, g: LoadedGuide, st: GuideState, has: boolean): Promise<DialogTurnResult> {
    const i = st.needIndex ?? 0;
    if (!has) {
      st.missing = [...(st.missing ?? []), i];
      await this.sayMissing(dc, g, [i], true);
    }
    const locale = localeOf(dc.context);
    if (i + 1 < g.guide.needs.length) {
      st.needIndex = i + 1;
      await say(dc.context, this.needMessage(g, i + 1, locale));
      return Dialog.EndOfTurn;
    }
    if ((st.missing ?? []).length === 0) {
      await say(dc.context, { text: this.strings.t(locale, 'needs.allThere') });
      return this.goTo(dc, g, st, g.mainSteps[0].id, false);
    }
    st.phase = 'needs';
    await say(dc.context, this.needsQuestion(locale, true));
    return Dialog.EndOfTurn;
  }

  private async back(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    const previous = st.history.pop();
    if (!previous) {
      await say(dc.context, { text: this.t(dc.context, 'command.backAtStart') });
      return this.startFromTheTop(dc, g, st);
    }
    st.phase = 'step';
    st.stepId = previous;
    st.failures = 0;
    // Going back means the citizen wants to answer this one themselves.
    st.auto = [...(st.auto ?? []), previous];
    return this.showStep(dc, g, st, false);
  }

  private async goTo(dc: DialogContext, g: LoadedGuide, st: GuideState, target: string, remember: boolean): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    if (target === 'end') {
      const done = g.guide.done ? `${g.guide.done[locale]}\n` : '';
      await say(dc.context, { text: `${done}${this.strings.t(locale, 'guide.done')}` });
      return finish(dc, { guide: { id: g.guide.id, completed: true } });
    }
    if (target === 'menu') return finish(dc, { guide: { id: g.guide.id, completed: false }, next: 'menu' });
    if (target.startsWith('guide:')) return finish(dc, { guide: { id: g.guide.id, completed: false }, next: target.slice('guide:'.length) });
    if (target === 'handoff') {
      await this.handoff.start(dc, this.handoffRequest(g, st, 'stuck'));
      return Dialog.EndOfTurn;
    }
    // The nearest help places on top of the guide; when they are shown, this step is asked again.
    if (target === 'places') return dc.beginDialog(DIALOG.places);
    if (remember && st.stepId && st.phase === 'step') st.history.push(st.stepId);
    st.phase = 'step';
    st.stepId = target;
    return this.showStep(dc, g, st);
  }

  private async migrate(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    st.version = g.guide.version;
    st.history = st.history.filter((id) => g.stepById.has(id));
    st.failures = 0;
    if (st.phase === 'step' && st.stepId && g.stepById.has(st.stepId)) {
      await say(dc.context, { text: this.t(dc.context, 'guide.updated', { n: stepNumber(g, st.stepId) }) });
      return this.showStep(dc, g, st, false);
    }
    await say(dc.context, { text: this.t(dc.context, 'guide.updatedRestart') });
    st.history = [];
    return this.startFromTheTop(dc, g, st);
  }

  private async reshow(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    if (st.phase === 'need') {
      await say(dc.context, this.needMessage(g, st.needIndex ?? 0, localeOf(dc.context)));
      return Dialog.EndOfTurn;
    }
    if (st.phase === 'needs' || !st.stepId) return this.startFromTheTop(dc, g, st);
    return this.showStep(dc, g, st, false);
  }

  private async dontKnow(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    // "Je ne sais pas" whether I have a prerequisite: how to find it, then on to the next one.
    if (st.phase === 'need') return this.nextNeed(dc, g, st, false);
    if (st.phase === 'needs' && st.missing === undefined) return this.somethingMissing(dc, g, st, true);
    if (st.phase === 'needs') {
      await say(ctx, this.needsQuestion(locale, true));
      return Dialog.EndOfTurn;
    }
    const step = this.currentStep(g, st);
    const hint = step.help?.[locale] ?? this.strings.t(locale, 'understand.dontKnow');
    await say(ctx, { ...this.questionOf(step, locale), text: `${hint}\n${this.strings.t(locale, 'step.dontKnowStuck')}`, compact: true });
    return Dialog.EndOfTurn;
  }

  private async notUnderstood(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[]): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    st.failures += 1;
    if (st.failures >= MAX_FAILURES) {
      st.failures = 0;
      await say(dc.context, { text: this.strings.t(locale, 'understand.difficult') });
      await this.handoff.start(dc, this.handoffRequest(g, st, 'failures'));
      return Dialog.EndOfTurn;
    }
    const q =
      st.phase === 'need'
        ? this.needMessage(g, st.needIndex ?? 0, locale)
        : st.phase === 'needs'
          ? this.needsQuestion(locale, st.missing !== undefined)
          : this.questionOf(this.currentStep(g, st), locale);
    await say(
      dc.context,
      missMessage({ strings: this.strings, locale, misses: st.failures, question: q.question ?? '', choices: options, helpPhone: this.prompt.helpPhone?.(dc.context) }),
    );
    return Dialog.EndOfTurn;
  }

  // ---- steps answered without asking -------------------------------------------------------------

  private hear(ctx: TurnContext, st: GuideState): void {
    const text = (ctx.activity.text ?? '').trim();
    // A number or a single word is an answer to something else, not a fact about the citizen.
    if (text.split(/\s+/).length < 2) return;
    const said = maskPersonalData(text).slice(0, 300);
    st.heard = [...heardOf(st), { said, rest: said }].slice(-HEARD);
  }

  /**
   * Show a step; if its question is already answered — by today's date (`when`), or by something the
   * citizen said earlier in their own words — say so and go on instead of asking.
   */
  private async showStep(dc: DialogContext, g: LoadedGuide, st: GuideState, mayAnswer = true): Promise<DialogTurnResult> {
    st.failures = 0;
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const step = this.currentStep(g, st);
    const known = mayAnswer && !(st.auto ?? []).includes(step.id) ? this.alreadyAnswered(g, step, st, locale) : undefined;
    if (!known) {
      await say(ctx, this.stepMessage(g, step, locale));
      return Dialog.EndOfTurn;
    }
    st.auto = [...(st.auto ?? []), step.id];
    const message = this.stepMessage(g, step, locale);
    await say(ctx, { text: message.text, short: message.short });
    await say(ctx, { text: known.why });
    return this.goTo(dc, g, st, known.target === 'next' ? defaultNext(g, step) : known.target, true);
  }

  private alreadyAnswered(g: LoadedGuide, step: Step, st: GuideState, locale: Locale): { target: string; why: string } | undefined {
    const choices = step.check?.choices ?? [];
    const today = todayIn(this.now());
    // The narrowest range that holds today wins ("15-15", the last day, over "28-15").
    const dated = choices.filter((c) => c.when && today.isIn(c.when)).sort((a, b) => span(a.when!) - span(b.when!));
    if (dated.length > 0 && (dated.length === 1 || span(dated[0].when!) < span(dated[1].when!))) {
      const why = [this.strings.t(locale, 'guide.today', { date: today.format(locale) }), dated[0].reply?.[locale]].filter(Boolean).join(' ');
      return { target: dated[0].goto, why };
    }
    // What the citizen said before, in their own words (a yes/no question too, through its answers' phrasings).
    const options = this.heardChoices(step, locale);
    const heard = heardOf(st);
    for (let i = heard.length - 1; i >= 0; i -= 1) {
      const { said, rest: left } = heard[i];
      const found = this.earlierAnswer(g, left, options, locale);
      if (found) {
        // The words that answered are used up; the rest of the message may answer the next question
        // ("passeport pour mon bébé": the child, then the passport). The echo still shows the
        // citizen's own words, never what is left of them.
        const rest = withoutStems(left, found.used, locale);
        st.heard = heard.map((h, k) => (k === i ? { said, rest } : h)).filter((h) => h.rest.trim().length > 0);
        const choice = choices.find((c) => c.goto === found.option.value && c.label[locale] === found.option.label);
        const why = [this.strings.t(locale, 'guide.youSaid', { said: said.slice(0, 80), answer: found.option.label }), choice?.reply?.[locale]]
          .filter(Boolean)
          .join('\n');
        return { target: found.option.value, why };
      }
    }
    return undefined;
  }

  /** A question's own answers (not the "Je suis bloqué" every step has), for answering it from earlier words. */
  private heardChoices(step: Step, locale: Locale): ChoiceOption[] {
    return step.check ? this.stepChoices(step, locale).filter((o) => o.role !== 'stuck') : [];
  }

  /**
   * The answer a message gives to this question: the one that uses the most of what was said, counting what
   * the rest of the message then answers at the next question ("carte d'identité pour mon fils de 8 ans" is
   * "Pour mon enfant", then "Sa carte d'identité" — not "Carte d'identité" for an adult). A tie: none (the
   * question is asked).
   */
  private earlierAnswer(g: LoadedGuide, said: string, options: ChoiceOption[], locale: Locale): EarlierAnswer | undefined {
    // The guide's name says nothing about the answers ("inscription pôle emploi" is not "déjà inscrit"),
    // unless the title names several of them ("Carte Vitale perdue ou volée").
    const topic = g.guide.title[locale];
    const found = earlierAnswers(said, options, locale, topic, this.catalog.answerWords, g.guide.title[locale]);
    if (found.length === 0) return undefined;
    const scored = found.map((f) => {
      const next = g.stepById.get(f.option.value);
      const then = next ? earlierAnswers(withoutStems(said, f.used, locale), this.heardChoices(next, locale), locale, topic, this.catalog.answerWords, g.guide.title[locale]) : [];
      // On a tie, the answer whose next question the rest of the message also answers ("ma fille de 9 ans").
      return { f, total: f.weight + (then[0]?.weight ?? 0) + (then[0] ? 1e-3 : 0) };
    });
    scored.sort((a, b) => b.total - a.total);
    const [best, second] = scored;
    return !second || second.total < best.total - 1e-9 ? best.f : undefined;
  }

  // ---- messages ------------------------------------------------------------------------------------

  private currentStep(g: LoadedGuide, st: GuideState): Step {
    return g.stepById.get(st.stepId ?? '') ?? g.mainSteps[0];
  }

  private optionsOf(g: LoadedGuide, st: GuideState, locale: Locale): ChoiceOption[] {
    if (st.phase === 'step') return this.stepChoices(this.currentStep(g, st), locale);
    if (st.phase === 'need') return this.oneNeedChoices(locale);
    return this.needsChoices(locale, st.missing !== undefined);
  }

  private stepMessage(g: LoadedGuide, step: Step, locale: Locale): BotMessage {
    const head = step.branch ? '' : `${this.strings.t(locale, 'step.counter', { n: stepNumber(g, step.id), total: g.mainSteps.length })}\n`;
    const links = step.links.map((l) => (l.label ? `${l.label[locale]} : ${l.url}` : l.url)).join('\n');
    const shortLinks = step.links.map((l) => l.url).join('\n');
    const tail = (s: string) => (s ? `\n${s}` : '');
    const q = this.questionOf(step, locale);
    return {
      text: `${head}${step.text[locale]}${tail(links)}`,
      short: `${head}${(step.sms ?? step.text)[locale]}${tail(shortLinks)}`,
      question: q.question,
      choices: q.choices,
    };
  }

  private questionOf(step: Step, locale: Locale): BotMessage {
    return { text: '', question: step.check?.question?.[locale] ?? this.strings.t(locale, 'step.check'), choices: this.stepChoices(step, locale) };
  }

  private stepChoices(step: Step, locale: Locale): ChoiceOption[] {
    const options: ChoiceOption[] = step.check
      ? step.check.choices.map((c, i) => ({
          key: String(i + 1),
          label: c.label[locale],
          value: c.goto,
          synonyms: c.alsoMeans?.[locale],
          role: roleOfLabel(c.label[locale]),
        }))
      : [
          { key: '1', label: this.strings.t(locale, 'choice.yes'), value: 'next', role: 'yes' },
          { key: '2', label: this.strings.t(locale, 'choice.no'), value: 'no', role: 'no' },
        ];
    options.push({ key: String(options.length + 1), label: this.strings.t(locale, 'choice.stuck'), value: 'handoff', role: 'stuck' });
    return options;
  }

  private needsChoices(locale: Locale, afterOneByOne = false): ChoiceOption[] {
    return [
      { key: '1', label: this.strings.t(locale, afterOneByOne ? 'needs.startAnyway' : 'needs.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.strings.t(locale, afterOneByOne ? 'needs.later' : 'needs.no'), value: 'no', role: 'no' },
      { key: '3', label: this.strings.t(locale, 'choice.stuck'), value: 'handoff', role: 'stuck' },
    ];
  }

  private needsQuestion(locale: Locale, afterOneByOne = false): BotMessage {
    return {
      text: '',
      question: this.strings.t(locale, afterOneByOne ? 'needs.someMissing' : 'needs.question'),
      choices: this.needsChoices(locale, afterOneByOne),
    };
  }

  private needMessage(g: LoadedGuide, i: number, locale: Locale): BotMessage {
    const need = g.guide.needs[i];
    return {
      text: `${this.strings.t(locale, 'needs.counter', { n: i + 1, total: g.guide.needs.length })}\n${need.text[locale]}`,
      question: this.strings.t(locale, 'needs.have'),
      choices: this.oneNeedChoices(locale),
    };
  }

  private oneNeedChoices(locale: Locale): ChoiceOption[] {
    return [
      { key: '1', label: this.strings.t(locale, 'choice.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.strings.t(locale, 'choice.no'), value: 'no', role: 'no' },
      { key: '3', label: this.strings.t(locale, 'choice.stuck'), value: 'handoff', role: 'stuck' },
    ];
  }

  /** How to get what is missing: the whole list (with its heading), or one prerequisite's line. */
  private async sayMissing(dc: DialogContext, g: LoadedGuide, which: number[], oneOfMany = false): Promise<void> {
    const locale = localeOf(dc.context);
    const needs = which.map((i) => g.guide.needs[i]);
    const lines = needs.filter((n) => n.ifMissing).map((n) => (oneOfMany ? n.ifMissing![locale] : `- ${n.ifMissing![locale]}`));
    const hasGuide = needs.some((n) => n.guide && this.catalog.get(n.guide));
    if (lines.length === 0 && !hasGuide) return;
    const text = oneOfMany ? lines.join('\n') : [this.strings.t(locale, 'needs.missing'), ...lines].join('\n');
    await say(dc.context, { text: hasGuide ? `${text}\n${this.strings.t(locale, 'needs.missingGuide')}`.trim() : text });
  }

  private handoffRequest(g: LoadedGuide, st: GuideState, reason: 'stuck' | 'failures') {
    return { reason, guideId: g.guide.id, stepId: st.stepId, stepNumber: st.stepId ? stepNumber(g, st.stepId) : 0, stepTotal: g.mainSteps.length };
  }
}
