/**
 * Nobody can answer now (outside hours, nobody on duty, a request that waited too long): a callback
 * (phone number, then a time resolved in Europe/Paris within opening hours), a place to go, or back —
 * understood in the citizen's words ("rappelez-moi demain à 14h", a postal code, "oui", "non merci").
 */
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { channelDataOf } from '../conversation/channelData';
import type { ChoiceOption } from '../conversation/choice';
import { DIALOG } from '../conversation/dialogIds';
import { isDirective, outcomeOf, type DialogOutcome } from '../conversation/outcome';
import type { HandoffRequest } from '../conversation/handoffHook';
import { missMessage } from '../conversation/reprompt';
import { localeOf, say } from '../conversation/turn';
import type { StringKey, Vars } from '../i18n/strings';
import { isDontKnow, recognizeChoiceHow, type AnswerStrength } from '../nlu/choices';
import { isUnsure } from '../nlu/unsure';
import { fold } from '../text/fold';
import { formatWhen, nationalFormat, parsePhone, resolveTimes } from './callbackTime';
import { maskedPhone, saysThisNumber } from './ownNumber';
import { alternativeChoices, justYes, NO_PHONE, ownChoices, PHONE_LIKE, POSTAL_CODE, saysWhere, WHENEVER, yesNo } from './callbackChoices';
import type { HandoffRecord } from './queue';
import { hoursOf, newHandoff, type HandoffDeps } from './requests';
import { declined, namesTopic, noteTopic } from './topic';
import { soonestCallback, whenBackLine } from './whenBack';

export interface CallbackOptions {
  territory: string;
  request: HandoffRequest;
  /** A waiting request that expired: the callback takes its place. */
  handoffId?: string;
  /** Why: nobody on duty, a request that waited too long, or (a phone call) the mediator line did not answer. */
  reason: 'handoff.unavailableNow' | 'handoff.expired' | 'call.lineNoAnswer';
}

interface CallbackState {
  phase: 'alternatives' | 'callback-own' | 'callback-phone' | 'callback-confirm' | 'callback-time';
  territory: string;
  request: HandoffRequest;
  handoffId?: string;
  phone?: string;
  tries: number;
  /** "Rappelez-moi demain à 14h": a time said before the phone number was asked. */
  time?: string;
}

const CANCEL_WORDS = ['annuler', 'annule', 'annulez', 'cancel', 'menu', 'retour', 'laisse tomber', 'non merci', 'no thanks'];
export { POSTAL_CODE };

export class CallbackDialog extends Dialog<CallbackOptions> {
  constructor(private readonly deps: HandoffDeps) {
    super(DIALOG.callback);
  }

  private t(ctx: TurnContext, key: StringKey, vars?: Vars) {
    return this.deps.strings.t(localeOf(ctx), key, vars);
  }

  private state(dc: DialogContext): CallbackState {
    return dc.activeDialog!.state as CallbackState;
  }

  override async beginDialog(dc: DialogContext, options?: CallbackOptions): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const o = options ?? { territory: '', request: { reason: 'command' }, reason: 'handoff.unavailableNow' as const };
    Object.assign(dc.activeDialog!.state, { phase: 'alternatives', territory: o.territory, request: o.request, handoffId: o.handoffId, tries: 0 } satisfies CallbackState);
    const lines = [this.t(ctx, o.reason)];
    if (o.reason === 'handoff.unavailableNow') lines.push(whenBackLine(this.deps, o.territory, localeOf(ctx)));
    await say(ctx, { text: lines.join('\n'), question: this.t(ctx, 'handoff.alternatives'), choices: alternativeChoices(this.deps, ctx, o.territory) });
    return Dialog.EndOfTurn;
  }

  /** Back from a dialog on top of it (a confirmation, an offer): ask again where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (!isDirective(outcomeOf(result))) await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as CallbackState;
    if (st.phase === 'alternatives') await say(context, { text: '', question: this.t(context, 'handoff.alternatives'), choices: alternativeChoices(this.deps, context, st.territory) });
    else if (st.phase === 'callback-own') await say(context, this.ownOffer(context));
    else if (st.phase === 'callback-phone') await say(context, { text: this.t(context, 'callback.askPhone') });
    else if (st.phase === 'callback-confirm') await say(context, { text: '', question: this.t(context, 'callback.confirmPhone', { phone: nationalFormat(st.phone) }), choices: yesNo(this.deps, context) });
    else await say(context, { text: this.t(context, 'callback.askTime') });
  }

  /** Does this message answer the question on screen? (the bot's understanding step asks) */
  answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    const st = dc.activeDialog?.state as CallbackState | undefined;
    const ctx = dc.context;
    const locale = localeOf(ctx);
    switch (st?.phase) {
      case 'alternatives':
        if (POSTAL_CODE.test(text) || parsePhone(text) || saysWhere(text) || isUnsure(text) || justYes(this.deps, ctx, text)) return 'exact';
        return recognizeChoiceHow(text, alternativeChoices(this.deps, ctx, st.territory), locale)?.how ?? (namesTopic(this.deps, ctx, text) ? 'loose' : undefined);
      case 'callback-own':
        return parsePhone(text) || saysThisNumber(text) || isDontKnow(text) || this.saysWhen(text, locale) ? 'exact' : recognizeChoiceHow(text, ownChoices(this.deps, ctx), locale)?.how;
      case 'callback-phone':
        return parsePhone(text) || (this.ownPhone(ctx) && (saysThisNumber(text) || isDontKnow(text) || NO_PHONE.test(fold(text)))) ? 'exact' : undefined;
      case 'callback-confirm':
        return recognizeChoiceHow(text, yesNo(this.deps, ctx), locale)?.how ?? (this.saysWhen(text, locale) ? 'loose' : undefined);
      case 'callback-time':
        return WHENEVER.test(fold(text)) || resolveTimes(text, locale, new Date(this.deps.now())).length > 0 ? 'exact' : undefined;
      default:
        return undefined;
    }
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = (dc.context.activity.text ?? '').trim();
    const st = this.state(dc);
    if (CANCEL_WORDS.includes(fold(text))) return this.decline(dc);
    if (st.phase === 'alternatives') return this.onAlternative(dc, text);
    if (st.phase === 'callback-own') return this.onOwnPhone(dc, text);
    if (st.phase === 'callback-phone') return this.onPhone(dc, text);
    if (st.phase === 'callback-confirm') return this.onPhoneConfirm(dc, text);
    return this.onCallbackTime(dc, text);
  }

  private async decline(dc: DialogContext): Promise<DialogTurnResult> {
    return declined(dc, this.deps, this.state(dc).request);
  }

  /** Not understood: asked again differently; the second time with a phone line when the territory has one. */
  private async miss(dc: DialogContext, question: string, choices: ChoiceOption[]): Promise<DialogTurnResult> {
    const st = this.state(dc);
    st.tries += 1;
    await say(dc.context, missMessage({ strings: this.deps.strings, locale: localeOf(dc.context), misses: st.tries, question, choices, helpPhone: this.deps.helpPhone?.(st.territory), said: dc.context.activity.text ?? '' }));
    return Dialog.EndOfTurn;
  }

  private async onAlternative(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    // A postal code or where they live ("j'habite à Guéret", "je suis sur Limoges": not the "sûr" of a yes).
    if (POSTAL_CODE.test(text) || (saysWhere(text) && parsePhone(text) === undefined)) return dc.replaceDialog(DIALOG.places);
    // "bof", "mouais", "bah je sais pas": unsure, not "Continuer avec moi" — a kind word, then the list again.
    if (isUnsure(text)) {
      await say(ctx, { text: this.t(ctx, 'handoff.unsure'), question: this.t(ctx, 'handoff.alternatives'), choices: alternativeChoices(this.deps, ctx, st.territory) });
      return Dialog.EndOfTurn;
    }
    const pick = recognizeChoiceHow(text, alternativeChoices(this.deps, ctx, st.territory), localeOf(ctx))?.option;
    // "ok", "oui", "d'accord": not one of three answers — which one, kindly (not "pas compris").
    if (!pick && justYes(this.deps, ctx, text)) {
      await say(ctx, { text: '', question: this.t(ctx, 'handoff.whichOne'), choices: alternativeChoices(this.deps, ctx, st.territory) });
      return Dialog.EndOfTurn;
    }
    if (pick?.value === 'booking') return this.booking(dc);
    if (pick?.value === 'place') return dc.replaceDialog(DIALOG.places);
    if (pick?.value === 'back') return this.decline(dc);
    // "appelez-moi au 06…", "demain vers 14h": a callback, with what was already said.
    const callback = pick?.value === 'callback' || parsePhone(text) !== undefined || resolveTimes(text.replace(PHONE_LIKE, ' '), localeOf(ctx), new Date(this.deps.now())).length > 0;
    if (!callback) {
      // "c'est pour la CAF, ils m'ont coupé les APL": noted for the person, then the same choice (no miss).
      const noted = noteTopic(this.deps, ctx, st.request, text);
      if (noted) return say(ctx, { text: noted, question: this.t(ctx, 'handoff.alternatives'), choices: alternativeChoices(this.deps, ctx, st.territory) }).then(() => Dialog.EndOfTurn);
      return this.miss(dc, this.t(ctx, 'handoff.alternatives'), alternativeChoices(this.deps, ctx, st.territory));
    }
    st.phase = 'callback-phone';
    st.tries = 0;
    // The digits of a phone number are not a date ("06 12 34…" is not the 6th of December).
    const withoutPhone = text.replace(PHONE_LIKE, ' ');
    if (resolveTimes(withoutPhone, localeOf(ctx), new Date(this.deps.now())).length > 0) st.time = withoutPhone;
    if (parsePhone(text)) return this.onPhone(dc, text);
    // A phone call: the number they call from is known, only confirmed ("Je vous rappelle au 06…, c'est bien ça ?").
    const known = channelDataOf(ctx).callerPhone;
    if (known) return this.onPhone(dc, known);
    // SMS, WhatsApp: the number writing is offered ("On vous rappelle au numéro qui m'écrit ?").
    if (this.ownPhone(ctx)) return this.offerOwn(dc);
    await say(ctx, { text: this.t(ctx, 'callback.askPhone') });
    return Dialog.EndOfTurn;
  }

  /** The number the citizen writes from, as the channel knows it (never kept in the dialog's state unless chosen). */
  private ownPhone = (ctx: TurnContext) => channelDataOf(ctx).citizenPhone;

  private ownOffer(ctx: TurnContext) {
    return { text: '', question: this.t(ctx, 'callback.ownPhone', { phone: maskedPhone(this.ownPhone(ctx)) }), choices: ownChoices(this.deps, ctx) };
  }

  private async offerOwn(dc: DialogContext): Promise<DialogTurnResult> {
    this.state(dc).phase = 'callback-own';
    await say(dc.context, this.ownOffer(dc.context));
    return Dialog.EndOfTurn;
  }

  /** "ce numéro", "oui", "celui-ci", "demain matin": that number; "un autre": asked; another number: confirmed. */
  private async onOwnPhone(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const own = this.ownPhone(ctx);
    if (!own) {
      st.phase = 'callback-phone';
      return this.onPhone(dc, text);
    }
    if (parsePhone(text)) return this.onPhone(dc, text);
    const pick = recognizeChoiceHow(text, ownChoices(this.deps, ctx), localeOf(ctx))?.option;
    if (pick?.value === 'other') {
      st.phase = 'callback-phone';
      await say(ctx, { text: this.t(ctx, 'callback.askPhone') });
      return Dialog.EndOfTurn;
    }
    const when = this.saysWhen(text, localeOf(ctx));
    if (pick?.value === 'own' || saysThisNumber(text) || when) {
      st.phone = own;
      if (when) st.time = text;
      if (st.time) return this.onCallbackTime(dc, st.time);
      st.phase = 'callback-time';
      await say(ctx, { text: this.t(ctx, 'callback.askTime') });
      return Dialog.EndOfTurn;
    }
    const offer = this.ownOffer(ctx);
    // "je sais pas": no harm, take your time — the same two answers.
    if (isDontKnow(text) || isUnsure(text)) {
      await say(ctx, { ...offer, text: this.t(ctx, 'understand.dontKnow') });
      return Dialog.EndOfTurn;
    }
    return this.miss(dc, offer.question, offer.choices);
  }

  private async onPhone(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const phone = parsePhone(text);
    // "celui-ci", "ce numéro", or no other number to give: the one they write from, when the channel knows it.
    if (!phone && this.ownPhone(ctx) && (saysThisNumber(text) || isDontKnow(text) || NO_PHONE.test(fold(text)))) {
      return saysThisNumber(text) ? this.onOwnPhone(dc, text) : this.offerOwn(dc);
    }
    if (!phone && (isDontKnow(text) || NO_PHONE.test(fold(text)))) {
      // No number to give: no dead end, a place or back.
      st.phase = 'alternatives';
      await say(ctx, { text: this.t(ctx, 'callback.noPhone'), question: this.t(ctx, 'handoff.alternatives'), choices: alternativeChoices(this.deps, ctx, st.territory) });
      return Dialog.EndOfTurn;
    }
    if (!phone) {
      st.tries += 1;
      await say(ctx, { text: this.t(ctx, st.tries > 1 ? 'callback.badPhoneAgain' : 'callback.badPhone') });
      return Dialog.EndOfTurn;
    }
    st.phone = phone.e164;
    st.phase = 'callback-confirm';
    // "06 12 34 56 78, plutôt le matin": the time comes with the number.
    const rest = text.replace(PHONE_LIKE, ' ');
    if (this.saysWhen(rest, localeOf(ctx))) st.time = rest;
    await say(ctx, { text: '', question: this.t(ctx, 'callback.confirmPhone', { phone: phone.national }), choices: yesNo(this.deps, ctx) });
    return Dialog.EndOfTurn;
  }

  private async onPhoneConfirm(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    // "non c'est le 07 88 99 00 12": another number in the answer is the right one, confirmed in turn.
    const other = parsePhone(text);
    if (other && other.e164 !== st.phone) return this.onPhone(dc, text);
    const pick = recognizeChoiceHow(text, yesNo(this.deps, ctx), localeOf(ctx))?.option;
    // "demain matin si possible": a time answers the next question, so the number is right.
    const when = pick?.value !== 'no' && this.saysWhen(text, localeOf(ctx));
    if (when) st.time = text;
    if (pick?.value === 'yes' || when) {
      // "Rappelez-moi demain à 14h" said earlier: no need to ask the time again.
      if (st.time) return this.onCallbackTime(dc, st.time);
      st.phase = 'callback-time';
      await say(ctx, { text: this.t(ctx, 'callback.askTime') });
      return Dialog.EndOfTurn;
    }
    if (pick?.value === 'no') {
      st.phase = 'callback-phone';
      await say(ctx, { text: this.t(ctx, 'callback.askPhone') });
      return Dialog.EndOfTurn;
    }
    if (parsePhone(text)) return this.onPhone(dc, text);
    return this.miss(dc, this.t(ctx, 'callback.confirmPhone', { phone: nationalFormat(st.phone) }), yesNo(this.deps, ctx));
  }

  /** A time to call, in words ("demain matin", "lundi vers 14h", "quand vous voulez"), not the digits of a number. */
  private saysWhen(text: string, locale: ReturnType<typeof localeOf>): boolean {
    const words = text.replace(PHONE_LIKE, ' ');
    return WHENEVER.test(fold(words)) || resolveTimes(words, locale, new Date(this.deps.now())).length > 0;
  }

  private async onCallbackTime(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const locale = localeOf(ctx);
    st.phase = 'callback-time';
    st.time = undefined;
    const now = new Date(this.deps.now());
    // "quand vous voulez": the next time someone answers.
    const candidates = WHENEVER.test(fold(text).replace(/['’]/g, ' ')) ? [soonestCallback(this.deps, st.territory)] : resolveTimes(text, locale, now);
    if (candidates.length === 0) {
      await say(ctx, { text: this.t(ctx, 'callback.badTime') });
      return Dialog.EndOfTurn;
    }
    const future = candidates.filter((c) => c.getTime() > now.getTime());
    if (future.length === 0) {
      await say(ctx, { text: this.t(ctx, 'callback.pastTime') });
      return Dialog.EndOfTurn;
    }
    const hours = hoursOf(this.deps, st.territory);
    const callAt = future.find((c) => hours.isOpen(c));
    if (!callAt) {
      const next = hours.nextOpening(future[0]);
      await say(ctx, { text: this.t(ctx, 'callback.closedThen', { when: next ? formatWhen(next, locale) : '—' }) });
      return Dialog.EndOfTurn;
    }
    const record = await this.deps.queue.requestCallback(
      { ...(await newHandoff(this.deps, ctx, st.territory, st.request)), existingId: st.handoffId, phone: st.phone ?? '', callAt: callAt.getTime() },
      this.deps.now(),
    );
    await say(ctx, { text: callbackDoneText(this.deps, ctx, record) });
    return dc.endDialog({ handedOver: true } satisfies DialogOutcome);
  }

  /** The territory's booking page: the link (our short one on SMS), then the dialog ends. */
  private async booking(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const url = this.deps.territories.get(this.state(dc).territory)?.bookingUrl;
    if (!url) return this.decline(dc);
    const short = await this.deps.shortLink?.(ctx, url).catch(() => undefined);
    await say(ctx, {
      text: this.t(ctx, 'handoff.booking', { url }),
      ...(short && short.length < url.length ? { short: this.t(ctx, 'handoff.booking', { url: short }) } : {}),
    });
    return dc.endDialog({ handedOver: true } satisfies DialogOutcome);
  }

}

/**
 * "Un conseiller vous appellera mardi 3 décembre à 14:00 au 06 12 34 56 78." — a time promised only where the
 * territory's hours say someone works then; without hours ("24/7") nobody may be there at night: the request is kept,
 * the time tried, and the call comes as soon as someone is free.
 */
export function callbackDoneText(deps: HandoffDeps, ctx: TurnContext, record: HandoffRecord, again = false): string {
  // Said in full, whoever gave it: the citizen checks the number they will be called on (a caller hears it, too).
  const phone = nationalFormat(record.callbackPhone);
  const noHours = hoursOf(deps, record.territory).alwaysOpen();
  // Asked about again ("vous m'appelez quand ?", "personne m'a appelé"): booked, not "noted" again; the time gone by,
  // an apology and the request still in the mediators' list.
  const late = again && (record.callbackAt ?? 0) < deps.now();
  const key = late ? 'callback.pendingLate' : again ? (noHours ? 'callback.pendingNoHours' : 'callback.pending') : noHours ? 'callback.doneNoHours' : 'callback.done';
  return deps.strings.t(localeOf(ctx), key, { when: formatWhen(new Date(record.callbackAt ?? 0), localeOf(ctx)), phone });
}
