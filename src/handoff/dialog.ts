/**
 * The citizen's side of a handoff, as one dialog on top of the guide: consent, the queue (position,
 * wait, "annuler"), the time with a mediator (everything the citizen writes goes to the mediator,
 * never to the bot). When nobody can answer, the callback dialog takes its place (src/handoff/callbackDialog.ts).
 * When it ends, the guide below resumes.
 */
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { ChoiceOption } from '../conversation/choice';
import { DIALOG } from '../conversation/dialogIds';
import type { HandoffHook, HandoffRequest } from '../conversation/handoffHook';
import { citizenKeyOf, territoryOf } from '../conversation/identity';
import { channelDataOf } from '../conversation/channelData';
import { TERRITORY_ROUTED, TERRITORY_UNKNOWN } from '../conversation/keys';
import { finish, isDirective, outcomeOf, type DialogOutcome } from '../conversation/outcome';
import { missMessage } from '../conversation/reprompt';
import { localeOf, say } from '../conversation/turn';
import type { StringKey, Vars } from '../i18n/strings';
import { recognizeChoiceHow, type AnswerStrength } from '../nlu/choices';
import { maskPersonalData } from '../privacy/mask';
import { fold } from '../text/fold';
import { callbackDoneText, POSTAL_CODE, type CallbackOptions } from './callbackDialog';
import { HandoffNotFound, type HandoffRecord } from './queue';
import { IllegalTransition } from './states';
import { available, estimateMinutes, newHandoff, type HandoffDeps } from './requests';
import { startExternal } from './external';
import { answerSatisfaction } from './satisfactionAnswer';
import { asksPersonAgain, waitingKind, waitingReply } from './waiting';
import { declined, namesTopic, noteTopic, topicOfRequest } from './topic';

export const HANDOFF_DIALOG_ID = DIALOG.handoff;
export type { HandoffDeps } from './requests';

type Phase = 'postcode' | 'consent' | 'queued' | 'external';
/** Phases of a handoff saved before the callback became a dialog of its own: moved to it. */
const CALLBACK_PHASES = ['alternatives', 'callback-phone', 'callback-confirm', 'callback-time'];

interface HandoffDialogState {
  phase: Phase;
  territory: string;
  request: HandoffRequest;
  handoffId?: string;
  /** Misunderstood answers in a row (postal code, consent). */
  tries?: number;
  answered?: number; // messages answered while waiting (./waiting.ts)
}

const CANCEL_WORDS = ['annuler', 'annule', 'annulez', 'cancel', 'menu', 'retour', 'laisse tomber', 'non merci', 'no thanks'];

export class HandoffDialog extends Dialog<HandoffRequest> implements HandoffHook {
  constructor(private readonly deps: HandoffDeps) {
    super(HANDOFF_DIALOG_ID);
  }

  /** HandoffHook: what the guide and the bot call. */
  async start(dc: DialogContext, request: HandoffRequest): Promise<void> {
    if (dc.activeDialog?.id === HANDOFF_DIALOG_ID) {
      await dc.continueDialog();
      return;
    }
    await dc.beginDialog(HANDOFF_DIALOG_ID, request);
  }

  /**
   * The citizen wrote "menu": leave the handoff unless a mediator is talking with them (then the
   * word goes to the mediator). A waiting handoff is cancelled. Returns true when left.
   */
  async leave(dc: DialogContext): Promise<boolean> {
    if (dc.activeDialog?.id !== HANDOFF_DIALOG_ID) return true;
    const st = this.state(dc);
    if (st.phase === 'external') return false;
    const record = st.handoffId ? await this.deps.queue.get(st.territory, st.handoffId) : undefined;
    if (record?.state === 'with_mediator') return false;
    if (record?.state === 'waiting') await this.deps.queue.cancel(st.territory, record.id, this.deps.now());
    return true;
  }

  /**
   * While a mediator is talking with the citizen, what the bot itself tells the citizen in this turn (the privacy
   * warning, the answer to a photo, "message too long"…) is also added to the handoff as a `bot` message, so the
   * mediator sees everything the citizen was told. Called at the start of a turn; only the sends of this turn.
   */
  async showBotLinesToMediator(dc: DialogContext): Promise<void> {
    if (dc.activeDialog?.id !== HANDOFF_DIALOG_ID) return;
    const st = this.state(dc);
    if (!st.handoffId || st.phase === 'external') return;
    const record = await this.deps.queue.get(st.territory, st.handoffId);
    if (record?.state !== 'with_mediator') return;
    const { territory } = st;
    const id = record.id;
    let over = false;
    dc.context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) {
        if (over || a.type !== 'message' || !a.text) continue;
        try {
          await this.deps.queue.addMessage(territory, id, { at: this.deps.now(), from: 'bot', text: maskPersonalData(a.text).slice(0, 2000) });
        } catch (err) {
          // Closed or erased during this turn ("effacer mes données"): nothing more goes to it. Anything else
          // (storage away) fails the turn like any other write, and the turn's error boundary logs it.
          if (!(err instanceof HandoffNotFound || err instanceof IllegalTransition)) throw err;
          over = true;
        }
      }
      return next();
    });
  }

  /**
   * Does a photo sent now go to the handoff (queued: waiting or with a mediator) rather than get the bot's own
   * answer? The relay then forwards it (onQueued).
   */
  takesPhotos(dc: DialogContext): boolean {
    return dc.activeDialog?.id === HANDOFF_DIALOG_ID && this.state(dc).phase === 'queued' && Boolean(this.state(dc).handoffId);
  }

  private t(ctx: TurnContext, key: StringKey, vars?: Vars) {
    return this.deps.strings.t(localeOf(ctx), key, vars);
  }

  private state(dc: DialogContext): HandoffDialogState {
    return dc.activeDialog!.state as HandoffDialogState;
  }

  override async beginDialog(dc: DialogContext, request?: HandoffRequest): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const territory = territoryOf(ctx, this.deps.defaultTerritory);
    Object.assign(dc.activeDialog!.state, { phase: 'consent', territory, request: topicOfRequest(this.deps, ctx, request ?? { reason: 'command' }), tries: 0 } satisfies HandoffDialogState);
    // A national number: the mediators are local, so ask where the citizen lives first. Not in the
    // demonstration territory of the embedded default, where the demo mediator answers everyone.
    const someoneCovers = this.deps.territories.list().some((t) => t.coverage.departements.length + t.coverage.communes.length + t.coverage.postalCodes.length > 0);
    const demo = this.deps.territories.get(territory)?.kind === 'démonstration';
    if (TERRITORY_UNKNOWN.get(ctx) === true && someoneCovers && !demo) {
      this.state(dc).phase = 'postcode';
      await say(ctx, { text: '', question: this.t(ctx, 'handoff.askPostalCode') });
      return Dialog.EndOfTurn;
    }
    return this.proceed(dc);
  }

  /** With the territory known: an active handoff, the external hub, the consent, or nobody to answer. */
  private async proceed(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    st.phase = 'consent';
    st.tries = 0;
    const active = await this.deps.queue.activeFor(st.territory, citizenKeyOf(ctx));
    if (active) {
      st.handoffId = active.id;
      st.phase = 'queued';
      return this.onQueued(dc, '');
    }
    if (this.deps.territories.get(st.territory)?.handoff.mode === 'botframework') return this.external(dc);
    if (await available(this.deps, st.territory)) {
      await say(ctx, { text: '', question: this.consentQuestion(ctx, st), choices: this.consentChoices(ctx) });
      return Dialog.EndOfTurn;
    }
    return this.nobodyToAnswer(dc, 'handoff.unavailableNow');
  }

  private nobodyToAnswer(dc: DialogContext, reason: CallbackOptions['reason'], record?: HandoffRecord): Promise<DialogTurnResult> {
    const st = this.state(dc);
    return dc.replaceDialog(DIALOG.callback, { territory: st.territory, request: st.request, handoffId: record?.id, reason } satisfies CallbackOptions);
  }

  /** Back from a dialog on top of it (a confirmation, an offer): ask again where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (!isDirective(outcomeOf(result))) await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** Back from a reprompt (the citizen kept their data, said "répète"…): the question, or the place in the queue. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as HandoffDialogState;
    if (st.phase === 'consent') return say(context, { text: '', question: this.consentQuestion(context, st), choices: this.consentChoices(context) });
    if (st.phase === 'postcode') return say(context, { text: '', question: this.t(context, 'handoff.askPostalCode') });
    if (st.phase !== 'queued' || !st.handoffId) return;
    const record = await this.deps.queue.get(st.territory, st.handoffId);
    if (record?.state !== 'waiting') return;
    const position = (await this.deps.queue.position(record.territory, record.id)) ?? 1;
    await say(context, { text: this.t(context, 'handoff.position', { position }) });
  }

  /** Does this message answer the question on screen? (the bot's understanding step asks) */
  answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    const st = dc.activeDialog?.state as HandoffDialogState | undefined;
    if (st?.phase === 'queued' || st?.phase === 'external') return 'exact'; // the mediator's conversation
    if (st?.phase === 'postcode') return POSTAL_CODE.test(text) ? 'exact' : undefined;
    if (st?.phase === 'consent') return recognizeChoiceHow(text, this.consentChoices(dc.context), localeOf(dc.context))?.how ?? (namesTopic(this.deps, dc.context, text) ? 'loose' : undefined);
    return undefined;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const text = (ctx.activity.text ?? '').trim();
    const st = this.state(dc);
    if ((CALLBACK_PHASES as string[]).includes(st.phase)) {
      return dc.replaceDialog(DIALOG.callback, { territory: st.territory, request: st.request, handoffId: st.handoffId, reason: 'handoff.unavailableNow' } satisfies CallbackOptions);
    }
    if (st.phase === 'external') return Dialog.EndOfTurn; // the external hub answers; the bot stays quiet
    if (st.phase === 'queued') return this.onQueued(dc, text);
    if (CANCEL_WORDS.includes(fold(text))) {
      return declined(dc, this.deps, this.state(dc).request);
    }
    if (st.phase === 'postcode') return this.onPostcode(dc, text);
    return this.onConsent(dc, text);
  }

  private async onPostcode(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const st = this.state(dc);
    const code = POSTAL_CODE.exec(text)?.[1];
    if (!code) {
      st.tries = (st.tries ?? 0) + 1;
      if (st.tries < 2) {
        await say(dc.context, { text: '', question: this.t(dc.context, 'handoff.badPostalCode') });
        return Dialog.EndOfTurn;
      }
      return this.proceed(dc); // the default territory's mediators, rather than no help at all
    }
    const routed = this.deps.territories.routePostalCode(code.replace(/^2[AaBb]/, '20'));
    st.territory = routed.territory.id;
    TERRITORY_ROUTED.set(dc.context, routed.territory.id);
    return this.proceed(dc);
  }

  private async onConsent(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const pick = recognizeChoiceHow(text, this.consentChoices(ctx), localeOf(ctx))?.option;
    if (pick?.value === 'yes' || (!pick && asksPersonAgain(text))) return this.enqueue(dc);
    if (pick?.value === 'no') {
      return declined(dc, this.deps, this.state(dc).request);
    }
    // "c'est pour mes impôts": the formality is noted for the person; consent is still asked (what they will see).
    const noted = noteTopic(this.deps, ctx, st.request, text);
    if (noted) return say(ctx, { text: noted, question: this.consentQuestion(ctx, st), choices: this.consentChoices(ctx) }).then(() => Dialog.EndOfTurn);
    st.tries = (st.tries ?? 0) + 1;
    const question = this.consentQuestion(ctx, st);
    await say(ctx, missMessage({ strings: this.deps.strings, locale: localeOf(ctx), misses: st.tries, question, choices: this.consentChoices(ctx), helpPhone: this.deps.helpPhone?.(st.territory), said: ctx.activity.text ?? '' }));
    return Dialog.EndOfTurn;
  }

  // ---- the queue ---------------------------------------------------------------------------------

  private async enqueue(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const { record } = await this.deps.queue.request(await newHandoff(this.deps, ctx, st.territory, st.request), this.deps.now());
    st.handoffId = record.id;
    st.phase = 'queued';
    const position = (await this.deps.queue.position(st.territory, record.id)) ?? 1;
    await this.deps.queue.setNotifiedPosition(st.territory, record.id, position);
    // A phone call, someone on duty (checked before the consent) and a mediator line: put the caller through.
    const line = channelDataOf(ctx).callerPhone ? this.deps.territories.get(st.territory)?.voice?.mediatorLine : undefined;
    if (line) {
      ctx.activity.channelData = { ...((ctx.activity.channelData as object | undefined) ?? {}), dialMediator: line };
      await say(ctx, { text: this.t(ctx, 'call.dialing') });
      return Dialog.EndOfTurn;
    }
    const minutes = await estimateMinutes(this.deps, st.territory, position);
    await say(ctx, {
      text: minutes === undefined ? this.t(ctx, 'handoff.queuedNoEstimate', { position }) : this.t(ctx, 'handoff.queued', { position, minutes }),
    });
    return Dialog.EndOfTurn;
  }

  private async onQueued(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const record = st.handoffId ? await this.deps.queue.get(st.territory, st.handoffId) : undefined;
    // Transferred to another territory's queue: the conversation goes on with the handoff that took its place.
    if (record?.state === 'transferred' && record.movedTo) {
      st.territory = record.movedTo.territory;
      st.handoffId = record.movedTo.id;
      return this.onQueued(dc, text);
    }
    // Already over (the mediator closed it): this message is not for the handoff; the bot handles it. A mediator's
    // close is remembered (when, and its guide): "le même problème" later gets a person again (src/bot/steps/helpedAgain.ts).
    if (!record || record.state === 'closed' || record.state === 'cancelled') {
      const helped = record?.state === 'closed' && record.mediatorId ? { at: record.closedAt ?? this.deps.now(), ...(record.guideId ? { guideId: record.guideId } : {}) } : undefined;
      // The answer to "le conseiller vous a-t-il aidé ?" (asked at the close): thanks, then the guide or the menu.
      if (record && (await answerSatisfaction(this.deps, ctx, record, text))) return finish(dc, { helped });
      return finish(dc, { handoffOver: true, helped });
    }
    if (record.state === 'expired') return this.nobodyToAnswer(dc, 'handoff.expired', record);
    if (record.state === 'callback_requested') {
      await say(ctx, { text: callbackDoneText(this.deps, ctx, record, true) });
      return dc.endDialog({ handedOver: true } satisfies DialogOutcome);
    }
    const data = channelDataOf(ctx);
    // The mediator line did not answer (busy, no answer): the callback, the caller's number known, in place of this request.
    if (data.lineUnanswered && record.state === 'waiting') return this.nobodyToAnswer(dc, 'call.lineNoAnswer', record);
    const photos = data.photos ?? [];
    if (text === '' && photos.length === 0) {
      await this.sayPosition(dc, record);
      return Dialog.EndOfTurn;
    }
    if (record.state === 'waiting' && (CANCEL_WORDS.includes(fold(text)) || waitingKind(text) === 'quit')) {
      await this.deps.queue.cancel(st.territory, record.id, this.deps.now());
      await say(ctx, { text: this.t(ctx, 'handoff.cancelled') });
      return dc.endDialog();
    }
    const masked = maskPersonalData(text);
    // A voice note comes with its audio (the mediator plays it in the console), transcribed or not.
    const audio = data.voiceNote ? data.voiceAudio : undefined;
    if (photos.length === 0) await this.deps.queue.addMessage(st.territory, record.id, { at: this.deps.now(), from: 'citizen', text: masked, ...(audio ? { audio } : {}) });
    // One message a photo, the caption with the first: the mediator sees each as a thumbnail (never the bot: it stays quiet).
    for (const [i, photo] of photos.entries()) {
      await this.deps.queue.addMessage(st.territory, record.id, { at: this.deps.now(), from: 'citizen', text: i === 0 ? masked : '', photo });
    }
    if (masked !== text) await say(ctx, { text: this.t(ctx, 'handoff.dataWarning') });
    if (record.state === 'waiting') await say(ctx, { text: await waitingReply(this.deps, ctx, record, text, st) });
    return Dialog.EndOfTurn;
  }

  private async sayPosition(dc: DialogContext, record: HandoffRecord): Promise<void> {
    if (record.state !== 'waiting') return;
    const position = (await this.deps.queue.position(record.territory, record.id)) ?? 1;
    await say(dc.context, { text: this.t(dc.context, 'handoff.position', { position }) });
  }

  /** The Bot Framework handoff protocol (an external agent hub, ./external.ts): the hub answers from now on. */
  private async external(dc: DialogContext): Promise<DialogTurnResult> {
    const st = this.state(dc);
    st.phase = 'external';
    await startExternal(this.deps, dc.context, st.territory, st.request);
    return Dialog.EndOfTurn;
  }

  /** "Il verra le guide, l'étape…" only when there is a guide to see. */
  private consentQuestion(ctx: TurnContext, st: HandoffDialogState): string {
    return this.t(ctx, st.request.guideId ? 'handoff.consent' : 'handoff.consentNoGuide');
  }

  private consentChoices(ctx: TurnContext): ChoiceOption[] {
    const option = (key: string, value: 'yes' | 'no', label: StringKey): ChoiceOption => ({ key, label: this.t(ctx, label), value, role: value });
    return [option('1', 'yes', 'handoff.consentYes'), option('2', 'no', 'handoff.consentNo')];
  }
}

export { parsePhone, resolveTimes, formatWhen } from './callbackTime';
