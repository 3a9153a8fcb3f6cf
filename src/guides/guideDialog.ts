/**
 * ONE dialog that runs any guide of dialogs/. Its saved state carries the guide id and version, the
 * step reached and the path taken (for "retour"). After a redeploy that changed the guide, the
 * citizen is told and resumes at the same step if it still exists, else at the start — no crash.
 */
import {
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { GuideCatalog, LoadedGuide } from './catalog';
import { defaultNext, stepNumber } from './catalog';
import { GUIDE_GOTO_PREFIX, type Locale, type Step } from './schema';
import type { Strings } from '../i18n/strings';
import type { HandoffHook } from '../handoff/hook';
import { PLACES_DIALOG_ID } from '../places/dialog';
import { recognizeChoice, type ChoiceOption } from '../nlu/choices';
import { fold } from '../text/fold';
import type { BotMessage } from '../channels/message';
import { COMMAND_TURN_KEY, localeOf, say } from '../bot/turn';
import type { Command } from '../bot/commands';

export const GUIDE_DIALOG_ID = 'guide';
/** Unrecognised answers in a row before a human is offered. */
export const MAX_FAILURES = 3;

export interface GuideOptions {
  guideId: string;
  /** Resume at this step (skips the start and the needs). */
  stepId?: string;
}

export interface GuideState {
  guideId: string;
  version: number;
  /** "needs": the prerequisites question; "step": a step's check question. */
  phase: 'needs' | 'step';
  stepId?: string;
  /** Steps shown before the current one, for "retour". */
  history: string[];
  failures: number;
}

export interface GuideResult {
  guideId: string;
  completed: boolean;
  /** `goto: guide:<id>`: the guide to start now (e.g. arnaque from a "a site asks me to pay" answer). */
  next?: string;
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
    _prompt?: unknown,
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
    return {
      guideId: state.guideId,
      version: state.version,
      stepId: state.stepId,
      stepNumber: stepNumber(g, state.stepId),
      stepTotal: g.mainSteps.length,
    };
  }

  override async beginDialog(dc: DialogContext, options?: GuideOptions): Promise<DialogTurnResult> {
    const g = options && this.catalog.get(options.guideId);
    if (!g) return dc.endDialog({ guideId: options?.guideId ?? '', completed: false } satisfies GuideResult);
    const state: GuideState = {
      guideId: g.guide.id,
      version: g.guide.version,
      phase: 'step',
      history: [],
      failures: 0,
    };
    Object.assign(dc.activeDialog!.state, state);
    const st = dc.activeDialog!.state as GuideState;
    if (options?.stepId && g.stepById.has(options.stepId)) {
      st.stepId = options.stepId;
      await this.showStep(dc, g, st);
      return Dialog.EndOfTurn;
    }
    const locale = localeOf(dc.context);
    await say(dc.context, { text: this.strings.t(locale, 'guide.start', { title: g.guide.title[locale] }) });
    return this.startFromTheTop(dc, g, st);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const st = dc.activeDialog!.state as GuideState;
    const locale = localeOf(dc.context);
    const g = this.catalog.get(st.guideId);
    if (!g) {
      await say(dc.context, { text: this.strings.t(locale, 'guide.unknown') });
      return dc.endDialog({ guideId: st.guideId, completed: false } satisfies GuideResult);
    }
    if (st.version !== g.guide.version) return this.migrate(dc, g, st);

    const command = dc.context.turnState.get(COMMAND_TURN_KEY) as Command | undefined;
    if (command === 'repeat') return this.reshow(dc, g, st);
    if (command === 'restart') {
      st.history = [];
      return this.startFromTheTop(dc, g, st);
    }
    if (command === 'back') {
      const previous = st.history.pop();
      if (!previous) {
        await say(dc.context, { text: this.strings.t(locale, 'command.backAtStart') });
        return this.startFromTheTop(dc, g, st);
      }
      st.phase = 'step';
      st.stepId = previous;
      st.failures = 0;
      await this.showStep(dc, g, st);
      return Dialog.EndOfTurn;
    }

    const options = st.phase === 'needs' ? this.needsChoices(locale) : this.stepChoices(g, this.currentStep(g, st), locale);
    const picked = recognizeChoice(dc.context.activity.text ?? '', options, locale);
    if (!picked) return this.notUnderstood(dc, g, st, options);
    st.failures = 0;
    if (picked.role === 'stuck') {
      await this.handoff.start(dc, this.handoffRequest(g, st, 'stuck'));
      return Dialog.EndOfTurn;
    }
    if (st.phase === 'needs') {
      if (picked.role === 'yes') return this.goTo(dc, g, st, g.mainSteps[0].id, false);
      await this.sayMissing(dc, g, locale);
      await say(dc.context, this.needsQuestion(locale));
      return Dialog.EndOfTurn;
    }
    const step = this.currentStep(g, st);
    if (picked.value === 'no') {
      await say(dc.context, { text: step.help?.[locale] ?? this.strings.t(locale, 'step.noDefault') });
      await say(dc.context, this.questionOf(g, step, locale));
      return Dialog.EndOfTurn;
    }
    const choice = step.check?.choices.find((c) => c.goto === picked.value && c.label[locale] === picked.label);
    if (choice?.reply) await say(dc.context, { text: choice.reply[locale] });
    return this.goTo(dc, g, st, picked.value === 'next' ? defaultNext(g, step) : picked.value, true);
  }

  /** Back from a dialog on top of it (a handoff): show where we were. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** `reprompt` (e.g. after the citizen came back): show the current question again. */
  override async repromptDialog(context: DialogContext['context'], instance: DialogInstance): Promise<void> {
    const st = instance.state as GuideState;
    const g = this.catalog.get(st.guideId);
    if (!g) return;
    const locale = localeOf(context);
    if (st.phase === 'needs' || !st.stepId) await say(context, this.needsQuestion(locale));
    else await say(context, ...this.stepMessages(g, this.currentStep(g, st), locale));
  }

  // ---- navigation -------------------------------------------------------------------------------

  private async startFromTheTop(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    st.failures = 0;
    if (g.guide.needs.length === 0) {
      st.phase = 'step';
      st.stepId = g.mainSteps[0].id;
      await this.showStep(dc, g, st);
      return Dialog.EndOfTurn;
    }
    const locale = localeOf(dc.context);
    st.phase = 'needs';
    st.stepId = undefined;
    const list = g.guide.needs.map((n) => `- ${n.text[locale]}`).join('\n');
    await say(dc.context, { ...this.needsQuestion(locale), text: `${this.strings.t(locale, 'needs.intro')}\n${list}` });
    return Dialog.EndOfTurn;
  }

  private async goTo(
    dc: DialogContext,
    g: LoadedGuide,
    st: GuideState,
    target: string,
    remember: boolean,
  ): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    if (target === 'end') {
      const done = g.guide.done ? `${g.guide.done[locale]}\n` : '';
      await say(dc.context, { text: `${done}${this.strings.t(locale, 'guide.done')}` });
      return dc.endDialog({ guideId: g.guide.id, completed: true } satisfies GuideResult);
    }
    if (target === 'menu') return dc.endDialog({ guideId: g.guide.id, completed: false } satisfies GuideResult);
    if (target.startsWith(GUIDE_GOTO_PREFIX)) {
      return dc.endDialog({ guideId: g.guide.id, completed: false, next: target.slice(GUIDE_GOTO_PREFIX.length) } satisfies GuideResult);
    }
    if (target === 'handoff') {
      await this.handoff.start(dc, this.handoffRequest(g, st, 'stuck'));
      return Dialog.EndOfTurn;
    }
    // The nearest help places on top of the guide; when they are shown, this step is asked again.
    if (target === 'places') return dc.beginDialog(PLACES_DIALOG_ID);
    if (remember && st.stepId && st.phase === 'step') st.history.push(st.stepId);
    st.phase = 'step';
    st.stepId = target;
    await this.showStep(dc, g, st);
    return Dialog.EndOfTurn;
  }

  private async migrate(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    st.version = g.guide.version;
    st.history = st.history.filter((id) => g.stepById.has(id));
    st.failures = 0;
    if (st.phase === 'step' && st.stepId && g.stepById.has(st.stepId)) {
      await say(dc.context, { text: this.strings.t(locale, 'guide.updated', { n: stepNumber(g, st.stepId) }) });
      await this.showStep(dc, g, st);
      return Dialog.EndOfTurn;
    }
    await say(dc.context, { text: this.strings.t(locale, 'guide.updatedRestart') });
    st.history = [];
    return this.startFromTheTop(dc, g, st);
  }

  private async reshow(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<DialogTurnResult> {
    if (st.phase === 'needs' || !st.stepId) return this.startFromTheTop(dc, g, st);
    await this.showStep(dc, g, st);
    return Dialog.EndOfTurn;
  }

  private async notUnderstood(
    dc: DialogContext,
    g: LoadedGuide,
    st: GuideState,
    options: ChoiceOption[],
  ): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    st.failures += 1;
    if (st.failures >= MAX_FAILURES) {
      st.failures = 0;
      await say(dc.context, { text: this.strings.t(locale, 'understand.difficult') });
      await this.handoff.start(dc, this.handoffRequest(g, st, 'failures'));
      return Dialog.EndOfTurn;
    }
    const question =
      st.phase === 'needs' ? this.needsQuestion(locale) : this.questionOf(g, this.currentStep(g, st), locale);
    await say(dc.context, { ...question, text: this.strings.t(locale, 'understand.choice'), choices: options });
    return Dialog.EndOfTurn;
  }

  // ---- messages ---------------------------------------------------------------------------------

  private currentStep(g: LoadedGuide, st: GuideState): Step {
    return g.stepById.get(st.stepId ?? '') ?? g.mainSteps[0];
  }

  private async showStep(dc: DialogContext, g: LoadedGuide, st: GuideState): Promise<void> {
    st.failures = 0;
    await say(dc.context, ...this.stepMessages(g, this.currentStep(g, st), localeOf(dc.context)));
  }

  private stepMessages(g: LoadedGuide, step: Step, locale: Locale): BotMessage[] {
    const head = step.branch
      ? ''
      : `${this.strings.t(locale, 'step.counter', { n: stepNumber(g, step.id), total: g.mainSteps.length })}\n`;
    const links = step.links.map((l) => (l.label ? `${l.label[locale]} : ${l.url}` : l.url)).join('\n');
    const shortLinks = step.links.map((l) => l.url).join('\n');
    const tail = (s: string) => (s ? `\n${s}` : '');
    const q = this.questionOf(g, step, locale);
    return [
      {
        text: `${head}${step.text[locale]}${tail(links)}`,
        short: `${head}${(step.sms ?? step.text)[locale]}${tail(shortLinks)}`,
        question: q.question,
        choices: q.choices,
      },
    ];
  }

  private questionOf(g: LoadedGuide, step: Step, locale: Locale): BotMessage {
    return {
      text: '',
      question: step.check?.question?.[locale] ?? this.strings.t(locale, 'step.check'),
      choices: this.stepChoices(g, step, locale),
    };
  }

  private stepChoices(_g: LoadedGuide, step: Step, locale: Locale): ChoiceOption[] {
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
    options.push({
      key: String(options.length + 1),
      label: this.strings.t(locale, 'choice.stuck'),
      value: 'handoff',
      role: 'stuck',
    });
    return options;
  }

  private needsChoices(locale: Locale): ChoiceOption[] {
    return [
      { key: '1', label: this.strings.t(locale, 'needs.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.strings.t(locale, 'needs.no'), value: 'no', role: 'no' },
      { key: '3', label: this.strings.t(locale, 'choice.stuck'), value: 'handoff', role: 'stuck' },
    ];
  }

  private needsQuestion(locale: Locale): BotMessage {
    return { text: '', question: this.strings.t(locale, 'needs.question'), choices: this.needsChoices(locale) };
  }

  private async sayMissing(dc: DialogContext, g: LoadedGuide, locale: Locale): Promise<void> {
    const lines = g.guide.needs.filter((n) => n.ifMissing).map((n) => `- ${n.ifMissing![locale]}`);
    const hasGuide = g.guide.needs.some((n) => n.guide && this.catalog.get(n.guide));
    const text = [this.strings.t(locale, 'needs.missing'), ...lines].join('\n');
    await say(dc.context, { text: hasGuide ? `${text}\n${this.strings.t(locale, 'needs.missingGuide')}` : text });
  }

  private handoffRequest(g: LoadedGuide, st: GuideState, reason: 'stuck' | 'failures') {
    return {
      reason,
      guideId: g.guide.id,
      stepId: st.stepId,
      stepNumber: st.stepId ? stepNumber(g, st.stepId) : 0,
      stepTotal: g.mainSteps.length,
    };
  }
}
