/**
 * "Faire le point" (intent `apprendre`, and offered after a completed handoff): five short yes/no
 * questions, then a plain orientation with what to do next: the guide for the first missing skill,
 * places nearby (workshops, a computer, people who help), a mediator, or the menu. Answers only
 * feed the territory's anonymous counters. Never branches on the channel.
 */
import { Dialog, DialogReason, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { GuideCatalog } from '../guides/catalog';
import type { Locale } from '../i18n/locale';
import type { Strings, StringKey } from '../i18n/strings';
import { recognizeChoice } from '../nlu/choices';
import type { ChoiceOption } from '../conversation/choice';
import { localeOf, say } from '../conversation/turn';
import { TERRITORY } from '../conversation/keys';
import { DIALOG } from '../conversation/dialogIds';
import { finish, isDirective, outcomeOf } from '../conversation/outcome';
import { orient, SELF_CHECK_QUESTIONS, type SelfCheckAnswers, type OrientationResult } from './orientation';
import type { SelfCheckStats } from './stats';

export const SELF_CHECK_DIALOG_ID = DIALOG.selfCheck;

interface SelfCheckState {
  index: number;
  answers: Partial<SelfCheckAnswers>;
  misses: number;
  orientation?: OrientationResult;
}

const QUESTION_KEYS: Record<(typeof SELF_CHECK_QUESTIONS)[number], StringKey> = {
  email: 'selfcheck.qEmail',
  smartphone: 'selfcheck.qSmartphone',
  computer: 'selfcheck.qComputer',
  attach: 'selfcheck.qAttach',
  franceconnect: 'selfcheck.qFranceconnect',
};

const LEVEL_KEYS: Record<OrientationResult['level'], StringKey> = {
  equipement: 'selfcheck.resultEquipment',
  accompagnement: 'selfcheck.resultBeginner',
  ateliers: 'selfcheck.resultIntermediate',
  autonome: 'selfcheck.resultAutonomous',
};

export class SelfCheckDialog extends Dialog<Record<string, never>> {
  constructor(
    private readonly strings: Strings,
    private readonly catalog: GuideCatalog,
    private readonly stats: SelfCheckStats,
    private readonly now: () => number,
  ) {
    super(SELF_CHECK_DIALOG_ID);
  }

  private state(dc: DialogContext): SelfCheckState {
    return dc.activeDialog!.state as SelfCheckState;
  }

  private answerChoices(locale: Locale): ChoiceOption[] {
    return [
      { key: '1', label: this.strings.t(locale, 'choice.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.strings.t(locale, 'choice.no'), value: 'no', role: 'no' },
      { key: '3', label: this.strings.t(locale, 'selfcheck.unsure'), value: 'no', synonyms: ['je sais pas', 'sais pas', 'ne sais pas', "don't know", 'not sure'] },
    ];
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    Object.assign(dc.activeDialog!.state, { index: 0, answers: {}, misses: 0 } satisfies SelfCheckState);
    const locale = localeOf(dc.context);
    await say(dc.context, { text: this.strings.t(locale, 'selfcheck.intro') });
    await this.ask(dc);
    return Dialog.EndOfTurn;
  }

  private async ask(dc: DialogContext): Promise<void> {
    await this.askWith(dc.context, this.state(dc));
  }

  private async askWith(ctx: DialogContext['context'], st: SelfCheckState): Promise<void> {
    const locale = localeOf(ctx);
    if (st.orientation) {
      await this.showOrientationWith(ctx, st.orientation);
      return;
    }
    const q = SELF_CHECK_QUESTIONS[st.index];
    await say(ctx, {
      text: this.strings.t(locale, 'selfcheck.counter', { n: st.index + 1, total: SELF_CHECK_QUESTIONS.length }),
      question: this.strings.t(locale, QUESTION_KEYS[q]),
      choices: this.answerChoices(locale),
    });
  }

  /** Back from a dialog on top of it (a confirmation, an offer): ask again where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (!isDirective(outcomeOf(result))) await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** "répète", or back from a help message: ask the current question again. */
  override async repromptDialog(ctx: DialogContext['context'], instance: NonNullable<DialogContext['activeDialog']>): Promise<void> {
    await this.askWith(ctx, instance.state as SelfCheckState);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const st = this.state(dc);
    const locale = localeOf(dc.context);
    const text = dc.context.activity.text ?? '';
    if (st.orientation) return this.afterOrientation(dc, st.orientation, text);

    const pick = recognizeChoice(text, this.answerChoices(locale), locale);
    if (!pick) {
      st.misses += 1;
      if (st.misses >= 3) return finish(dc, { next: 'menu' });
      await say(dc.context, { text: this.strings.t(locale, 'understand.choice') });
      await this.ask(dc);
      return Dialog.EndOfTurn;
    }
    st.misses = 0;
    st.answers[SELF_CHECK_QUESTIONS[st.index]] = pick.value === 'yes';
    st.index += 1;
    if (st.index < SELF_CHECK_QUESTIONS.length) {
      await this.ask(dc);
      return Dialog.EndOfTurn;
    }
    const answers = st.answers as SelfCheckAnswers;
    st.orientation = orient(answers);
    const territory = TERRITORY.get(dc.context) ?? 'demo';
    await this.stats.record(territory, this.now(), answers, st.orientation.level);
    await this.showOrientation(dc, st.orientation);
    return Dialog.EndOfTurn;
  }

  private nextChoices(locale: Locale, o: OrientationResult): ChoiceOption[] {
    const out: ChoiceOption[] = [];
    const guide = o.guideId ? this.catalog.get(o.guideId) : undefined;
    if (guide) out.push({ key: '', label: this.strings.t(locale, 'selfcheck.startGuide', { title: guide.guide.title[locale] }), value: guide.guide.id, role: 'yes' });
    if (o.places) out.push({ key: '', label: this.strings.t(locale, 'selfcheck.places'), value: 'aide-proximite' });
    if (o.level !== 'autonome') out.push({ key: '', label: this.strings.t(locale, 'menu.mediator'), value: 'mediateur' });
    out.push({ key: '', label: this.strings.t(locale, 'selfcheck.menu'), value: 'menu', role: 'no' });
    return out.map((c, i) => ({ ...c, key: String(i + 1) }));
  }

  private async showOrientation(dc: DialogContext, o: OrientationResult): Promise<void> {
    const locale = localeOf(dc.context);
    const parts = [this.strings.t(locale, LEVEL_KEYS[o.level])];
    if (o.passNumerique) parts.push(this.strings.t(locale, 'intent.passNumerique'));
    await say(dc.context, { text: parts.join('\n') });
    await this.showOrientationWith(dc.context, o);
  }

  private async showOrientationWith(ctx: DialogContext['context'], o: OrientationResult): Promise<void> {
    const locale = localeOf(ctx);
    await say(ctx, { text: '', question: this.strings.t(locale, 'selfcheck.next'), choices: this.nextChoices(locale, o) });
  }

  private async afterOrientation(dc: DialogContext, o: OrientationResult, text: string): Promise<DialogTurnResult> {
    const locale = localeOf(dc.context);
    const pick = recognizeChoice(text, this.nextChoices(locale, o), locale);
    // Anything else: the orientation is done; back to the menu.
    return finish(dc, { next: pick ? pick.value : 'menu' });
  }
}
