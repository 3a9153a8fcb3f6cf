/**
 * Where the guide dialog goes next (src/guides/guideDialog.ts): from the top (the prerequisites), one prerequisite
 * at a time, to a step (or the end, the menu, another guide, a person, the places), back, after a redeploy, and
 * what a "je ne sais pas" or a miss gets. Every move says its message and ends the turn or the dialog.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { DIALOG } from '../../conversation/dialogIds';
import { LOCALE_SWITCHED } from '../../conversation/keys';
import type { HandoffHook } from '../../conversation/handoffHook';
import { finish } from '../../conversation/outcome';
import { missMessage } from '../../conversation/reprompt';
import { localeOf, say } from '../../conversation/turn';
import type { Strings } from '../../i18n/strings';
import type { PromptDeps } from '../../prompts/choicePrompt';
import type { ChoiceOption } from '../../conversation/choice';
import { defaultNext, stepNumber, type GuideCatalog, type LoadedGuide } from '../catalog';
import type { GuideAnswers } from './guideAnswers';
import type { GuideMessages } from './guideMessages';
import { aboutTheFormality } from './aboutTheFormality';
import { otherThanYes } from './plainNo';
import { saysNoneOfThese } from '../../nlu/noneOfThese';
import { saysNotUnderstood } from '../../nlu/notUnderstood';
import { askedNeed, type NamedNeeds } from './namedNeeds';
import { handoffRequest, hear, heardOf, MAX_FAILURES, NEEDS_AT_ONCE, type GuideState } from './guideState';
import { maskPersonalData } from '../../privacy/mask';
import { quoted } from '../../text/quote';

export class GuideNavigation {
  constructor(
    private readonly catalog: GuideCatalog,
    private readonly strings: Strings,
    private readonly handoff: HandoffHook,
    private readonly prompt: PromptDeps,
    private readonly messages: GuideMessages,
    private readonly answers: GuideAnswers,
  ) {}

  async startFromTheTop(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    st.failures = 0;
    st.missing = undefined;
    st.needIndex = undefined;
    st.known = undefined;
    st.offer = undefined;
    st.unsure = undefined;
    if (g.guide.needs.length === 0) {
      st.phase = 'step';
      st.stepId = g.mainSteps[0].id;
      return this.showStep(dc, g, st);
    }
    const locale = localeOf(dc.context);
    st.phase = 'needs';
    st.stepId = undefined;
    const list = g.guide.needs.map((n) => `- ${n.text[locale]}`).join('\n');
    await say(dc.context, { ...this.messages.needsQuestion(locale), text: `${this.strings.t(locale, 'needs.intro')}\n${list}` });
    return Dialog.EndOfTurn;
  }

  /**
   * Something is missing. With many prerequisites, they are checked one at a time, each with how to get it
   * (its line reads on its own); with a few, how to get each is said at once. Those the citizen named
   * (`said`: "il me manque la photo", "j'ai mon numéro fiscal mais…") are not asked: the help for the missing
   * ones at once, then the rest.
   */
  async somethingMissing(dc: DialogContext, g: LoadedGuide, st: GuideState, unsure = false, said?: NamedNeeds): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    // "jai pas eu de cheque cette annee": what is missing, and an answer to a later question, kept for it.
    const text = dc.context.activity.text ?? '';
    if (!unsure && !saysNotUnderstood(text) && this.answers.answersLater(g, st, text, locale)) hear(dc.context, st);
    // "j'ai pas d'adresse mail": what is missing has its own guide — offered from now on, with each question.
    const offer = said && said.missing.length > 0 ? this.offerFor(g, said.missing) : undefined;
    st.offer = offer;
    // Not sure what they have ("je sais pas"): go through the list together, one thing at a time.
    if (g.guide.needs.length > NEEDS_AT_ONCE || unsure) {
      st.phase = 'need';
      st.missing = [...(said?.missing ?? [])];
      st.known = said ? [...said.missing, ...said.present] : undefined;
      if (!said) {
        await say(dc.context, { text: this.strings.t(locale, unsure ? 'needs.unsure' : 'needs.oneByOne', { n: g.guide.needs.length }) });
        return this.askNeedAfter(dc, g, st, -1);
      }
      if (said.missing.length > 0) await this.sayMissing(dc, g, said.missing, true);
      return this.askNeedAfter(dc, g, st, -1, this.strings.t(locale, 'needs.oneByOneRest'));
    }
    const which = said && said.missing.length > 0 ? said.missing : g.guide.needs.map((_, i) => i).filter((i) => !said?.present.includes(i));
    st.offer ??= this.offerFor(g, which);
    await this.sayMissing(dc, g, which);
    await say(dc.context, this.messages.needsQuestion(locale, false, st.offer));
    return Dialog.EndOfTurn;
  }

  async nextNeed(dc: DialogContext, g: LoadedGuide, st: GuideState, has: boolean): Promise<DialogTurnResult> {
    const i = st.needIndex ?? 0;
    if (!has) {
      st.missing = [...(st.missing ?? []), i];
      st.offer ??= this.offerFor(g, [i]);
      await this.sayMissing(dc, g, [i], true);
    }
    return this.askNeedAfter(dc, g, st, i);
  }

  /** The next prerequisite after `i` the citizen has not spoken of yet; when none is left, start or ask. */
  private async askNeedAfter(dc: DialogContext, g: LoadedGuide, st: GuideState, i: number, intro?: string): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    const next = g.guide.needs.findIndex((_, k) => k > i && !(st.known ?? []).includes(k));
    if (next >= 0) {
      st.needIndex = next;
      if (intro) await say(dc.context, { text: intro });
      await say(dc.context, this.messages.needMessage(g, next, locale, st.offer));
      return Dialog.EndOfTurn;
    }
    if ((st.missing ?? []).length === 0) {
      await say(dc.context, { text: this.strings.t(locale, 'needs.allThere') });
      return this.goTo(dc, g, st, g.mainSteps[0].id, false);
    }
    st.phase = 'needs';
    await say(dc.context, this.messages.needsQuestion(locale, true, st.offer));
    return Dialog.EndOfTurn;
  }

  /** The guide of a missing prerequisite that has one (no e-mail address: `email-creer`), to offer it. */
  private offerFor = (g: LoadedGuide, missing: number[]) => missing.map((i) => g.guide.needs[i]?.guide).find((id) => id && this.catalog.get(id));

  async back(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    const previous = st.history.pop();
    if (!previous) {
      await say(dc.context, { text: this.strings.t(localeOf(dc.context), 'command.backAtStart') });
      return this.startFromTheTop(dc, g, st);
    }
    st.phase = 'step';
    st.stepId = previous;
    st.failures = 0;
    // Going back means the citizen wants to answer this one themselves.
    st.auto = [...(st.auto ?? []), previous];
    return this.showStep(dc, g, st, false);
  }

  async goTo(dc: DialogContext, g: LoadedGuide, st: GuideState, target: string, remember: boolean): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    if (target === 'end') {
      const done = g.guide.done ? `${g.guide.done[locale]}\n` : '';
      await say(dc.context, { text: `${done}${this.strings.t(locale, 'guide.done')}` });
      return finish(dc, { guide: { id: g.guide.id, completed: true } });
    }
    if (target === 'menu') return finish(dc, { guide: { id: g.guide.id, completed: false }, next: 'menu' });
    if (target.startsWith('guide:')) return finish(dc, { guide: { id: g.guide.id, completed: false }, next: target.slice('guide:'.length) });
    if (target === 'handoff') return this.toAPerson(dc, g, st, 'stuck');
    // The nearest help places on top of the guide; when they are shown, this step is asked again.
    if (target === 'places') return dc.beginDialog(DIALOG.places);
    if (remember && st.stepId && st.phase === 'step') st.history.push(st.stepId);
    st.phase = 'step';
    st.stepId = target;
    return this.showStep(dc, g, st);
  }

  /** A person takes over ("Je bloque", or too many misses). */
  async toAPerson(dc: DialogContext, g: LoadedGuide, st: GuideState, reason: 'stuck' | 'failures'): Promise<DialogTurnResult> {
    await this.handoff.start(dc, handoffRequest(g, st, reason));
    return Dialog.EndOfTurn;
  }

  /** The guide changed since the state was saved: the same step if it still exists, else from the top. */
  async migrate(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    st.version = g.guide.version;
    st.history = st.history.filter((id) => g.stepById.has(id));
    st.failures = 0;
    if (st.phase === 'step' && st.stepId && g.stepById.has(st.stepId)) {
      await say(dc.context, { text: this.strings.t(locale, 'guide.updated', { n: stepNumber(g, st.stepId) }) });
      return this.showStep(dc, g, st, false);
    }
    await say(dc.context, { text: this.strings.t(locale, 'guide.updatedRestart') });
    st.history = [];
    return this.startFromTheTop(dc, g, st);
  }

  async reshow(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    if (st.phase === 'need') {
      await say(dc.context, this.messages.needMessage(g, st.needIndex ?? 0, localeOf(dc.context), st.offer));
      return Dialog.EndOfTurn;
    }
    if (st.phase === 'needs' || !st.stepId) return this.startFromTheTop(dc, g, st);
    return this.showStep(dc, g, st, false);
  }

  async dontKnow(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    // "Je ne sais pas" whether I have a prerequisite: where to find it, or a person, and the same question; again: how to
    // do without it, then on to the next one.
    if (st.phase === 'need' && st.unsure !== st.needIndex) return say(ctx, this.messages.unsureNeed(g, (st.unsure = st.needIndex ?? 0), locale, st.offer)).then(() => Dialog.EndOfTurn);
    if (st.phase === 'need') return this.nextNeed(dc, g, st, false);
    if (st.phase === 'needs' && st.missing === undefined) return this.somethingMissing(dc, g, st, true);
    if (st.phase === 'needs') {
      await say(ctx, this.messages.needsQuestion(locale, true, st.offer));
      return Dialog.EndOfTurn;
    }
    const step = this.messages.currentStep(g, st);
    const hint = step.help?.[locale] ?? this.strings.t(locale, 'understand.dontKnow');
    await say(ctx, { ...this.messages.questionOf(step, locale), text: `${hint}\n${this.strings.t(locale, 'step.dontKnowStuck')}`, compact: true });
    return Dialog.EndOfTurn;
  }

  /** A message that answers a later question: kept for it (hear), and the question on screen asked again, briefly. */
  async keptForLater(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[], said: string): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    // "c flou" at the scan guide's first question: the citizen is already at that problem — its fix now.
    const problem = this.answers.laterProblem(g, st, said, locale);
    if (problem) {
      await say(dc.context, { text: this.strings.t(locale, 'guide.youSaid', { said: quoted(said), answer: problem.label }) });
      if (st.phase === 'step' && st.stepId) st.history.push(st.stepId);
      st.history.push(problem.question.id);
      // Used up: not kept to answer that question again later.
      st.heard = heardOf(st).filter((h) => h.said !== maskPersonalData(said.trim()).slice(0, 300));
      return this.goTo(dc, g, st, problem.target, false);
    }
    if (await this.askedNeed(dc, g, st, options, said)) return Dialog.EndOfTurn;
    const q = this.messages.questionOnScreen(g, st, locale);
    const text = this.strings.t(locale, 'guide.keptForLater', { said: quoted(said) });
    await say(dc.context, { text, question: q.question, choices: options, compact: true });
    return Dialog.EndOfTurn;
  }

  /** "ça me demande mon numéro fiscal" at a step: where to find what the site asks for, then the same question. */
  private async askedNeed(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[], said: string): Promise<boolean> {
    const locale = localeOf(dc.context);
    const i = st.phase === 'step' ? askedNeed(said, g, locale) : undefined;
    if (i === undefined) return false;
    const q = this.messages.questionOnScreen(g, st, locale);
    await say(dc.context, { text: g.guide.needs[i].text[locale], question: q.question, choices: options, compact: true });
    return true;
  }

  /** A miss: asked again differently, the second time with a person or a place offered, the third to a person. */
  async notUnderstood(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[]): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    // "sorry i dont speak french, what do i need": the language has just changed — the whole screen again, in it.
    if (LOCALE_SWITCHED.get(dc.context)) return say(dc.context, this.messages.wholeScreen(g, st, locale)).then(() => Dialog.EndOfTurn);
    if (saysNotUnderstood(dc.context.activity.text ?? '')) return this.saidSimply(dc, g, st, options);
    if (await this.askedNeed(dc, g, st, options, dc.context.activity.text ?? '')) return Dialog.EndOfTurn;
    // About the formality itself ("c combien ?", "c long ?"), then the same question again.
    const text = dc.context.activity.text ?? '';
    const step = st.phase === 'step' ? this.messages.currentStep(g, st) : undefined;
    const about = aboutTheFormality(this.catalog, this.strings, { g, st, step, text, locale });
    if (about) {
      const q = this.messages.questionOnScreen(g, st, locale);
      await say(dc.context, { text: about, question: q.question, choices: options, compact: true });
      return Dialog.EndOfTurn;
    }
    // "rien de tout ça", "aucune de ces réponses": the citizen's case is not in the list — a person or a place at once.
    if (saysNoneOfThese(dc.context.activity.text ?? '', { bareNo: false, aboutTheList: true })) {
      const q = this.messages.questionOnScreen(g, st, locale);
      const phone = this.prompt.helpPhone?.(dc.context);
      const lines = [this.strings.t(locale, 'understand.noneFits'), this.strings.t(locale, 'understand.offerHelp')];
      if (phone) lines.push(this.strings.t(locale, 'understand.offerPhone', { phone }));
      await say(dc.context, { text: lines.join('\n'), question: q.question, choices: options, compact: true });
      return Dialog.EndOfTurn;
    }
    // A bare "non" where no answer is a no ("La commande est faite ? 1 Oui 2 Ma photo est refusée 3 …"): what is
    // the problem, with the answers other than yes — once per question (then it is a miss like any other).
    const others = st.phase === 'step' && st.blocked !== st.stepId ? otherThanYes(dc.context.activity.text ?? '', options) : undefined;
    if (others) {
      st.blocked = st.stepId;
      await say(dc.context, { text: '', question: this.strings.t(locale, 'step.whatBlocks'), choices: others, compact: true });
      return Dialog.EndOfTurn;
    }
    st.failures += 1;
    if (st.failures >= MAX_FAILURES) {
      st.failures = 0;
      await say(dc.context, { text: this.strings.t(locale, 'understand.difficult') });
      return this.toAPerson(dc, g, st, 'failures');
    }
    const q = this.messages.questionOnScreen(g, st, locale);
    await say(
      dc.context,
      missMessage({
        strings: this.strings,
        locale,
        misses: st.failures,
        question: q.question ?? '',
        choices: options,
        helpPhone: this.prompt.helpPhone?.(dc.context),
        said: dc.context.activity.text ?? '',
      }),
    );
    return Dialog.EndOfTurn;
  }

  /**
   * "jai pas compris": never an answer. The list of what is needed is gone through one thing at a time; one
   * prerequisite gets how to have it; a step is said again in its short words. The second time on the same
   * question, a person or a place is offered with the same question.
   */
  async saidSimply(dc: DialogContext, g: LoadedGuide, st: GuideState, options: ChoiceOption[]): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    const here = `${st.phase}:${st.stepId ?? ''}:${st.needIndex ?? ''}`;
    if (st.phase === 'needs' && st.missing === undefined) return this.somethingMissing(dc, g, st, true);
    const q = this.messages.questionOnScreen(g, st, locale);
    const lines: string[] = [];
    // Not understood again, or after a miss: a person or a place (a miss is counted, as any other).
    if (st.simpler === here || st.failures > 0) {
      st.failures += 1;
      const phone = this.prompt.helpPhone?.(dc.context);
      lines.push(this.strings.t(locale, 'understand.offerHelp'));
      if (phone) lines.push(this.strings.t(locale, 'understand.offerPhone', { phone }));
    } else if (st.phase === 'need') {
      const need = g.guide.needs[st.needIndex ?? 0];
      lines.push(this.strings.t(locale, 'step.simpler'), need.text[locale], ...(need.ifMissing ? [need.ifMissing[locale]] : []));
    } else if (st.phase === 'step') {
      const step = this.messages.currentStep(g, st);
      lines.push(this.strings.t(locale, 'step.simpler'), (step.sms ?? step.text)[locale], this.strings.t(locale, 'step.dontKnowStuck'));
    }
    st.simpler = here;
    await say(dc.context, { text: lines.join('\n'), question: q.question, choices: options, compact: true });
    return Dialog.EndOfTurn;
  }

  /**
   * Show a step; if its question is already answered — by today's date (`when`), or by something the
   * citizen said earlier in their own words — say so and go on instead of asking.
   */
  async showStep(dc: DialogContext, g: LoadedGuide, st: GuideState, mayAnswer = true): Promise<DialogTurnResult> {
    st.failures = 0;
    st.blocked = undefined;
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const step = this.messages.currentStep(g, st);
    const known = mayAnswer && !(st.auto ?? []).includes(step.id) ? this.answers.alreadyAnswered(g, step, st, locale) : undefined;
    if (!known) {
      await say(ctx, this.messages.stepMessage(g, step, locale));
      return Dialog.EndOfTurn;
    }
    st.auto = [...(st.auto ?? []), step.id];
    const message = this.messages.stepMessage(g, step, locale);
    await say(ctx, { text: message.text, short: message.short });
    await say(ctx, { text: known.why });
    return this.goTo(dc, g, st, known.target === 'next' ? defaultNext(g, step) : known.target, true);
  }

  /** How to get what is missing: the whole list (with its heading), or one prerequisite's line. */
  private async sayMissing(dc: DialogContext, g: LoadedGuide, which: number[], oneOfMany = false): Promise<void> {
    const locale = localeOf(dc.context);
    const needs = which.map((i) => g.guide.needs[i]);
    const lines = needs.filter((n) => n.ifMissing).map((n) => (oneOfMany ? n.ifMissing![locale] : `- ${n.ifMissing![locale]}`));
    // A prerequisite's own guide is offered as a choice after the list (`offerFor`): said here only if its line does not.
    const hasGuide = needs.some((n) => n.guide && !n.ifMissing && this.catalog.get(n.guide));
    if (lines.length === 0 && !hasGuide) return;
    const text = oneOfMany ? lines.join('\n') : [this.strings.t(locale, 'needs.missing'), ...lines].join('\n');
    await say(dc.context, { text: hasGuide ? `${text}\n${this.strings.t(locale, 'needs.missingGuide')}`.trim() : text });
  }
}
