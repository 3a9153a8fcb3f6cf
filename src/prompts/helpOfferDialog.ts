/**
 * The concrete way forward after a kind word (PRODUCT.md rule 4, "kindness before procedure"): the
 * citizen is lost, fed up, reads with difficulty, has no computer, sees badly, or just asks for help.
 * A person, a place nearby, or back to where they were (or the menu). Any other message is handled as usual.
 */
import type { DialogContext, DialogReason, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../i18n/locale';
import { localeOf, say } from '../conversation/turn';
import type { StringKey } from '../i18n/strings';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { actAbove, finish, outcomeOf } from '../conversation/outcome';
import { INTENT } from '../conversation/intents';
import { PERSON_DECLINED } from '../conversation/keys';
import { GO_ON_SYNONYMS } from '../nlu/choices';
import { ChoicePrompt, type PromptDeps, type PromptState } from './choicePrompt';

export interface HelpOfferOptions {
  /** Something is underway (a guide): the third answer goes back to it, else to the menu. */
  underway: boolean;
  /** Start with the place (no computer, cannot read) rather than the person. */
  placeFirst?: boolean;
  /** The formality the citizen named with the need ("mes impôts, mais j'ai pas d'ordinateur"): the third answer
   *  starts it (a phone will often do) rather than showing the menu. */
  guide?: { id: string; title: Record<Locale, string>; onPhone?: boolean };
  /** Why it is offered (the kind sentence's key) and what about ('taxes', 'caf'…): the next message is read with it
   *  ("ils me demandent 300 euros" after a letter, "il est parti" after the usual helper). */
  reason?: string;
  topic?: string;
  /** Someone usually helps the citizen: doing it together here comes first, and a professional acting for them
   *  (the Aidants Connect guide) last. */
  helper?: boolean;
  /** The guide under way, named (a life event told inside it): continuing it comes first, then the guide that helps
   *  with the event (`guide`), then a person. */
  current?: Record<Locale, string>;
  /** The citizen just declined a person (a handoff left with "Continuer avec moi"): the person comes last. */
  personLast?: boolean;
}

/** A problem told, by the offer's reason: its next step once a person is declined. */
const NEXT_STEP: Record<string, StringKey> = {
  'kind.unpaid': 'help.nextUnpaid',
  'kind.paidTrouble': 'help.nextUnpaid',
  'kind.letter': 'help.nextLetter',
  'kind.letterReceived': 'help.nextLetter',
  'kind.letterMessage': 'help.nextLetter',
};

/** The guide of a professional acting for the citizen under a mandate. */
export const AIDANTS_CONNECT = 'aidants-connect';

interface HelpState extends PromptState, HelpOfferOptions {}

export class HelpOfferDialog extends ChoicePrompt<HelpOfferOptions, HelpState> {
  protected override passOnMiss = true;

  constructor(deps: PromptDeps) {
    super(DIALOG.helpOffer, deps);
  }

  protected init(dc: DialogContext, options: HelpOfferOptions | undefined): boolean {
    const { reason, topic, helper, current } = options ?? {};
    const personLast = options?.personLast ?? PERSON_DECLINED.get(dc.context) === true;
    Object.assign(this.state(dc), { underway: options?.underway ?? false, placeFirst: options?.placeFirst ?? false, guide: options?.guide, reason, topic, helper, current, personLast });
    return true;
  }

  /** The offer on screen (why it was made, what about), if the active dialog is one. */
  static onScreen(dc: DialogContext): HelpOfferOptions | undefined {
    const active = dc.activeDialog;
    return active?.id === DIALOG.helpOffer ? (active.state as HelpState) : undefined;
  }

  protected prompt(ctx: TurnContext, st: HelpState) {
    const person = { label: this.t(ctx, 'help.person'), value: INTENT.mediator };
    if (st.current) return { text: '', question: this.t(ctx, 'help.question'), choices: this.goOnFirst(ctx, st, st.current, person) };
    const place = { label: this.t(ctx, 'help.place'), value: INTENT.places };
    const rest = st.underway
      ? { label: this.t(ctx, 'help.goOn'), value: 'go-on', synonyms: GO_ON_SYNONYMS }
      : st.guide
        ? { label: this.t(ctx, st.guide.onPhone ? 'help.startGuide' : 'help.startTogether', { title: st.guide.title[localeOf(ctx)] }), value: st.guide.id, synonyms: GO_ON_SYNONYMS }
        : { label: this.t(ctx, 'help.menu'), value: 'menu' };
    const pro = { label: this.t(ctx, 'help.aidants'), value: AIDANTS_CONNECT };
    const together = !st.underway && !st.guide ? { ...rest, label: this.t(ctx, 'help.together'), value: 'menu' } : rest;
    // "je comprends rien à internet": learning the basics comes first, then a place, a person (formalities later).
    const learn = { label: this.t(ctx, 'help.learn'), value: INTENT.learn };
    const basics = st.reason === 'kind.unskilled' && !st.underway && !st.guide;
    const usual = st.helper ? [together, person, place, pro] : basics ? [learn, place, person, rest] : st.placeFirst ? [place, person, rest] : [person, place, rest];
    // A person just declined: the guide they came for first, the other ways, the person still there, last ("oui"
    // takes the first).
    const others = usual.filter((c) => c !== person);
    const ordered = st.personLast ? [...(st.guide && !st.underway ? [rest, ...others.filter((c) => c !== rest)] : others), person] : usual;
    // The kind sentence before names the first way forward ("Une personne peut vous aider…"): "oui" takes it,
    // "non" the last one (back, or the menu) — with a helper, "non" takes none (the last is Aidants Connect).
    const roles = st.helper || st.personLast ? (['yes'] as const) : basics ? (['yes', undefined, undefined, 'no'] as const) : (['yes', undefined, 'no'] as const);
    const choices: ChoiceOption[] = ordered.map((c, i) => ({ ...c, key: String(i + 1), ...(roles[i] ? { role: roles[i] } : {}) }));
    return { text: '', question: this.t(ctx, 'help.question'), choices };
  }

  /** Continue the guide named (yes), the guide that helps with what was told, or a person. */
  private goOnFirst(ctx: TurnContext, st: HelpState, current: Record<Locale, string>, person: Omit<ChoiceOption, 'key'>): ChoiceOption[] {
    const locale = localeOf(ctx);
    const goOn = { label: this.t(ctx, 'help.goOnGuide', { title: current[locale] }), value: 'go-on', synonyms: GO_ON_SYNONYMS, role: 'yes' as const };
    const helps = st.guide ? [{ label: this.t(ctx, 'help.startTogether', { title: st.guide.title[locale] }), value: st.guide.id }] : [];
    return [goOn, ...helps, person].map((c, i) => ({ ...c, key: String(i + 1) }));
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    if (option.value === 'go-on') return finish(dc, {});
    // A person asked for before the guide named has started: the offer stays below the handoff, so the mediator sees
    // the guide asked for (offered), and the citizen can still start it once the handoff is declined or cancelled.
    const st = this.state(dc);
    if (option.value === INTENT.mediator && st.guide && !st.underway) return actAbove(dc, { next: option.value });
    return finish(dc, { next: option.value });
  }

  /** Back from the handoff: the offer again (the guide still one answer away), or nothing once a callback is booked. */
  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (outcomeOf(result).handedOver) return finish(dc, { quiet: true });
    const st = this.state(dc);
    if (PERSON_DECLINED.get(dc.context)) {
      // What the citizen came for goes on: the next step of the problem told, then the ways, the person last.
      st.personLast = true;
      const next = st.reason && NEXT_STEP[st.reason];
      if (next) await say(dc.context, { text: this.t(dc.context, next) });
    }
    return super.resumeDialog(dc, reason, result);
  }
}
