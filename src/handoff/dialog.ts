/**
 * The citizen's side of a handoff, as one dialog on top of the guide: consent, the queue (position,
 * wait, "annuler"), the time with a mediator (everything the citizen writes goes to the mediator,
 * never to the bot), and when nobody can answer, a callback (phone number, then a time resolved in
 * Europe/Paris within opening hours) or a place to go. When it ends, the guide below resumes.
 */
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { EventFactory, TurnContext, type Transcript } from 'botbuilder';
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import { recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import type { Strings } from '../i18n/strings';
import type { TerritoryRegistry } from '../territories/registry';
import { Hours, fromParisWall, parisWall } from '../territories/hours';
import { recognizeChoice, type ChoiceOption } from '../nlu/choices';
import { fold } from '../text/fold';
import { localeOf, say } from '../bot/turn';
import { containsPersonalData, maskPersonalData } from '../privacy/mask';
import { citizenKeyFor } from '../privacy/contactIds';
import type { Locale } from '../guides/schema';
import type { HandoffQueue, HandoffRecord, NewHandoff, TranscriptLine } from './queue';
import type { HandoffHook, HandoffRequest } from './hook';
import { PLACES_DIALOG_ID } from '../places/dialog';

export const HANDOFF_DIALOG_ID = 'handoff';
export const TRANSCRIPT_TURN_KEY = Symbol('pasapas.transcript');
export const TERRITORY_TURN_KEY = Symbol('pasapas.territory');
/** Set by the bot when the channel could not tell the territory (a national number): ask a postal code. */
export const TERRITORY_UNKNOWN_TURN_KEY = Symbol('pasapas.territoryUnknown');
/** Set by the handoff when a postal code chose the territory; the bot remembers it for the citizen. */
export const TERRITORY_ROUTED_TURN_KEY = Symbol('pasapas.territoryRouted');

type Phase = 'postcode' | 'consent' | 'queued' | 'alternatives' | 'callback-phone' | 'callback-confirm' | 'callback-time' | 'external';

interface HandoffDialogState {
  phase: Phase;
  territory: string;
  request: HandoffRequest;
  handoffId?: string;
  phone?: string;
  /** Misunderstood postal codes so far. */
  tries?: number;
}

const CANCEL_WORDS = ['annuler', 'annule', 'annulez', 'cancel', 'menu', 'retour', 'laisse tomber', 'non merci'];

export interface HandoffDeps {
  queue: HandoffQueue;
  territories: TerritoryRegistry;
  strings: Strings;
  defaultTerritory: string;
  now: () => number;
  guideTitle: (guideId: string, locale: Locale) => string | undefined;
  stepTitle: (guideId: string, stepId: string, locale: Locale) => string | undefined;
}

/** A stable key for a citizen that is not their phone number or user id. */
export function citizenKeyOf(ctx: TurnContext): string {
  return citizenKeyFor(ctx.activity.channelId, ctx.activity.from?.id ?? '');
}

export function territoryOf(ctx: TurnContext, fallback: string): string {
  const fromTurn = ctx.turnState.get(TERRITORY_TURN_KEY) as string | undefined;
  const fromChannel = (ctx.activity.channelData as { territory?: unknown } | undefined)?.territory;
  return fromTurn ?? (typeof fromChannel === 'string' ? fromChannel : fallback);
}

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

  private t(ctx: TurnContext, key: Parameters<Strings['t']>[1], vars?: Record<string, string | number>) {
    return this.deps.strings.t(localeOf(ctx), key, vars);
  }

  private state(dc: DialogContext): HandoffDialogState {
    return dc.activeDialog!.state as HandoffDialogState;
  }

  override async beginDialog(dc: DialogContext, request?: HandoffRequest): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const territory = territoryOf(ctx, this.deps.defaultTerritory);
    const st: HandoffDialogState = { phase: 'consent', territory, request: request ?? { reason: 'command' } };
    Object.assign(dc.activeDialog!.state, st);
    // A national number: the mediators are local, so ask where the citizen lives first. Not in the
    // demonstration territory of the embedded default, where the demo mediator answers everyone.
    const someoneCovers = this.deps.territories.list().some((t) => t.coverage.departements.length + t.coverage.communes.length + t.coverage.postalCodes.length > 0);
    const demo = this.deps.territories.get(territory)?.kind === 'démonstration';
    if (ctx.turnState.get(TERRITORY_UNKNOWN_TURN_KEY) === true && someoneCovers && !demo) {
      this.state(dc).phase = 'postcode';
      this.state(dc).tries = 0;
      await say(ctx, { text: '', question: this.t(ctx, 'handoff.askPostalCode') });
      return Dialog.EndOfTurn;
    }
    return this.proceed(dc);
  }

  /** With the territory known: an active handoff, the external hub, the consent, or the alternatives. */
  private async proceed(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const territory = this.state(dc).territory;
    this.state(dc).phase = 'consent';
    const t = this.deps.territories.get(territory);

    const active = await this.deps.queue.activeFor(territory, citizenKeyOf(ctx));
    if (active) {
      this.state(dc).handoffId = active.id;
      this.state(dc).phase = 'queued';
      return this.onQueued(dc, '');
    }
    if (t?.handoff.mode === 'botframework') return this.external(dc);
    if (await this.available(territory)) {
      await say(ctx, { text: '', question: this.t(ctx, 'handoff.consent'), choices: this.consentChoices(ctx) });
      return Dialog.EndOfTurn;
    }
    return this.offerAlternatives(dc, 'handoff.unavailableNow');
  }

  /** Back in the queue after something else was asked (the citizen kept their data): their position. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as HandoffDialogState;
    if (st.phase !== 'queued' || !st.handoffId) return;
    const record = await this.deps.queue.get(st.territory, st.handoffId);
    if (record?.state !== 'waiting') return;
    const position = (await this.deps.queue.position(record.territory, record.id)) ?? 1;
    await say(context, { text: this.deps.strings.t(localeOf(context), 'handoff.position', { position }) });
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const text = (ctx.activity.text ?? '').trim();
    const st = this.state(dc);
    const locale = localeOf(ctx);
    switch (st.phase) {
      case 'external':
        return Dialog.EndOfTurn; // the external hub answers; the bot stays quiet
      case 'postcode': {
        const code = /\b(\d{5})\b/.exec(text)?.[1] ?? /\b(2[AaBb]\d{3})\b/.exec(text)?.[1];
        if (this.isCancel(text)) {
          await say(ctx, { text: this.t(ctx, 'handoff.declined') });
          return dc.endDialog();
        }
        if (!code) {
          st.tries = (st.tries ?? 0) + 1;
          if (st.tries < 2) {
            await say(ctx, { text: '', question: this.t(ctx, 'handoff.badPostalCode') });
            return Dialog.EndOfTurn;
          }
          return this.proceed(dc); // the default territory's mediators, rather than no help at all
        }
        const routed = this.deps.territories.routePostalCode(code.replace(/^2[AaBb]/, '20'));
        st.territory = routed.territory.id;
        ctx.turnState.set(TERRITORY_ROUTED_TURN_KEY, routed.territory.id);
        return this.proceed(dc);
      }
      case 'consent': {
        const pick = recognizeChoice(text, this.consentChoices(ctx), locale);
        if (pick?.value === 'yes') return this.enqueue(dc);
        if (pick?.value === 'no' || this.isCancel(text)) {
          await say(ctx, { text: this.t(ctx, 'handoff.declined') });
          return dc.endDialog();
        }
        await say(ctx, { text: this.t(ctx, 'understand.choice'), question: this.t(ctx, 'handoff.consent'), choices: this.consentChoices(ctx) });
        return Dialog.EndOfTurn;
      }
      case 'queued':
        return this.onQueued(dc, text);
      case 'alternatives': {
        const pick = recognizeChoice(text, this.alternativeChoices(ctx), locale);
        if (pick?.value === 'callback') {
          st.phase = 'callback-phone';
          await say(ctx, { text: this.t(ctx, 'callback.askPhone') });
          return Dialog.EndOfTurn;
        }
        if (pick?.value === 'place') return dc.replaceDialog(PLACES_DIALOG_ID);
        if (pick?.value === 'back' || this.isCancel(text)) {
          await say(ctx, { text: this.t(ctx, 'handoff.declined') });
          return dc.endDialog();
        }
        await say(ctx, { text: this.t(ctx, 'understand.choice'), question: this.t(ctx, 'handoff.alternatives'), choices: this.alternativeChoices(ctx) });
        return Dialog.EndOfTurn;
      }
      case 'callback-phone': {
        if (this.isCancel(text)) {
          await say(ctx, { text: this.t(ctx, 'handoff.declined') });
          return dc.endDialog();
        }
        const phone = parsePhone(text);
        if (!phone) {
          await say(ctx, { text: this.t(ctx, 'callback.badPhone') });
          return Dialog.EndOfTurn;
        }
        st.phone = phone.e164;
        st.phase = 'callback-confirm';
        await say(ctx, { text: '', question: this.t(ctx, 'callback.confirmPhone', { phone: phone.national }), choices: this.yesNo(ctx) });
        return Dialog.EndOfTurn;
      }
      case 'callback-confirm': {
        const pick = recognizeChoice(text, this.yesNo(ctx), locale);
        if (pick?.value === 'yes') {
          st.phase = 'callback-time';
          await say(ctx, { text: this.t(ctx, 'callback.askTime') });
        } else if (pick?.value === 'no') {
          st.phase = 'callback-phone';
          await say(ctx, { text: this.t(ctx, 'callback.askPhone') });
        } else {
          const phone = parsePhoneNumberFromString(st.phone ?? '', 'FR');
          await say(ctx, { text: this.t(ctx, 'understand.choice'), question: this.t(ctx, 'callback.confirmPhone', { phone: phone?.formatNational() ?? '' }), choices: this.yesNo(ctx) });
        }
        return Dialog.EndOfTurn;
      }
      case 'callback-time':
        if (this.isCancel(text)) {
          await say(ctx, { text: this.t(ctx, 'handoff.declined') });
          return dc.endDialog();
        }
        return this.onCallbackTime(dc, text);
      default:
        return dc.endDialog();
    }
  }

  // ---- the queue ---------------------------------------------------------------------------------

  private async enqueue(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const { record } = await this.deps.queue.request(this.newHandoff(ctx, st), this.deps.now());
    st.handoffId = record.id;
    st.phase = 'queued';
    const position = (await this.deps.queue.position(st.territory, record.id)) ?? 1;
    await this.deps.queue.setNotifiedPosition(st.territory, record.id, position);
    const minutes = await this.estimateMinutes(st.territory, position);
    await say(ctx, {
      text: minutes === undefined
        ? this.t(ctx, 'handoff.queuedNoEstimate', { position })
        : this.t(ctx, 'handoff.queued', { position, minutes }),
    });
    return Dialog.EndOfTurn;
  }

  private async onQueued(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const record = st.handoffId ? await this.deps.queue.get(st.territory, st.handoffId) : undefined;
    // Already over (the mediator closed it): this message is not for the handoff; the bot handles it.
    if (!record || record.state === 'closed' || record.state === 'cancelled') return dc.endDialog({ handoffOver: true });
    if (record.state === 'expired') return this.offerAlternatives(dc, 'handoff.expired', record);
    if (record.state === 'callback_requested') {
      await say(ctx, { text: this.callbackDoneText(ctx, record) });
      return dc.endDialog();
    }
    if (text === '') {
      await this.sayPosition(dc, record);
      return Dialog.EndOfTurn;
    }
    if (record.state === 'waiting' && this.isCancel(text)) {
      await this.deps.queue.cancel(st.territory, record.id, this.deps.now());
      await say(ctx, { text: this.t(ctx, 'handoff.cancelled') });
      return dc.endDialog();
    }
    const masked = maskPersonalData(text);
    await this.deps.queue.addMessage(st.territory, record.id, { at: this.deps.now(), from: 'citizen', text: masked });
    if (masked !== text) await say(ctx, { text: this.t(ctx, 'handoff.dataWarning') });
    if (record.state === 'waiting') await this.sayPosition(dc, record, true);
    return Dialog.EndOfTurn;
  }

  private async sayPosition(dc: DialogContext, record: HandoffRecord, forwarded = false): Promise<void> {
    const ctx = dc.context;
    if (record.state !== 'waiting') return;
    const position = (await this.deps.queue.position(record.territory, record.id)) ?? 1;
    await say(ctx, { text: this.t(ctx, forwarded ? 'handoff.forwarded' : 'handoff.position', { position }) });
  }

  private newHandoff(ctx: TurnContext, st: HandoffDialogState): NewHandoff {
    const locale = localeOf(ctx);
    const r = st.request;
    const transcript = ((ctx.turnState.get(TRANSCRIPT_TURN_KEY) as TranscriptLine[] | undefined) ?? []).slice(-12);
    return {
      territory: st.territory,
      citizenKey: citizenKeyOf(ctx),
      reference: TurnContext.getConversationReference(ctx.activity),
      channel: ctx.activity.channelId,
      locale,
      reason: r.reason,
      guideId: r.guideId,
      guideTitle: r.guideId ? this.deps.guideTitle(r.guideId, 'fr') : undefined,
      stepId: r.stepId,
      stepTitle: r.guideId && r.stepId ? this.deps.stepTitle(r.guideId, r.stepId, 'fr') : undefined,
      stepNumber: r.stepNumber,
      stepTotal: r.stepTotal,
      transcript,
    };
  }

  private async available(territory: string): Promise<boolean> {
    const t = this.deps.territories.get(territory);
    const hours = new Hours(t?.hours ?? '24/7');
    if (!hours.isOpen(new Date(this.deps.now()))) return false;
    return (await this.deps.queue.onDutyCount(territory, this.deps.now())) > 0;
  }

  /** Position × average recent wait, in whole minutes; undefined without history. */
  private async estimateMinutes(territory: string, position: number): Promise<number | undefined> {
    const avg = await this.deps.queue.averageWaitMs(territory);
    if (avg === undefined) return undefined;
    const onDuty = Math.max(1, await this.deps.queue.onDutyCount(territory, this.deps.now()));
    return Math.max(1, Math.round((avg * position) / onDuty / 60_000));
  }

  // ---- nobody can answer: callback or a place ----------------------------------------------------

  private async offerAlternatives(
    dc: DialogContext,
    reason: 'handoff.unavailableNow' | 'handoff.expired',
    record?: HandoffRecord,
  ): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    st.phase = 'alternatives';
    if (record) st.handoffId = record.id;
    const lines = [this.t(ctx, reason)];
    const next = this.nextOpening(st.territory);
    if (next && reason === 'handoff.unavailableNow') lines.push(this.t(ctx, 'handoff.nextOpening', { when: formatWhen(next, localeOf(ctx)) }));
    await say(ctx, { text: lines.join('\n'), question: this.t(ctx, 'handoff.alternatives'), choices: this.alternativeChoices(ctx) });
    return Dialog.EndOfTurn;
  }

  private nextOpening(territory: string, after = new Date(this.deps.now())): Date | undefined {
    const hours = new Hours(this.deps.territories.get(territory)?.hours ?? '24/7');
    if (hours.alwaysOpen()) return undefined;
    const next = hours.nextOpening(after);
    return next && next.getTime() > after.getTime() ? next : hours.nextOpening(new Date(after.getTime() + 60_000));
  }

  private async onCallbackTime(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const locale = localeOf(ctx);
    const now = new Date(this.deps.now());
    const candidates = resolveTimes(text, locale, now);
    if (candidates.length === 0) {
      await say(ctx, { text: this.t(ctx, 'callback.badTime') });
      return Dialog.EndOfTurn;
    }
    const future = candidates.filter((c) => c.getTime() > now.getTime());
    if (future.length === 0) {
      await say(ctx, { text: this.t(ctx, 'callback.pastTime') });
      return Dialog.EndOfTurn;
    }
    const hours = new Hours(this.deps.territories.get(st.territory)?.hours ?? '24/7');
    const callAt = future.find((c) => hours.isOpen(c));
    if (!callAt) {
      const next = hours.nextOpening(future[0]);
      await say(ctx, { text: this.t(ctx, 'callback.closedThen', { when: next ? formatWhen(next, locale) : '—' }) });
      return Dialog.EndOfTurn;
    }
    const record = await this.deps.queue.requestCallback(
      { ...this.newHandoff(ctx, st), existingId: st.handoffId, phone: st.phone ?? '', callAt: callAt.getTime() },
      this.deps.now(),
    );
    await say(ctx, { text: this.callbackDoneText(ctx, record) });
    return dc.endDialog();
  }

  private callbackDoneText(ctx: TurnContext, record: HandoffRecord): string {
    const phone = parsePhoneNumberFromString(record.callbackPhone ?? '', 'FR')?.formatNational() ?? '';
    return this.t(ctx, 'callback.done', { when: formatWhen(new Date(record.callbackAt ?? 0), localeOf(ctx)), phone });
  }

  // ---- Bot Framework handoff protocol (an external agent hub) ---------------------------------

  private async external(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    st.phase = 'external';
    const h = this.newHandoff(ctx, st);
    const transcript: Transcript = {
      activities: h.transcript.map((l) => ({
        type: 'message',
        text: l.text,
        from: l.from === 'citizen' ? ctx.activity.from : ctx.activity.recipient,
        timestamp: new Date(l.at),
      })) as Transcript['activities'],
    };
    const context = { territory: st.territory, guideId: h.guideId, stepId: h.stepId, stepNumber: h.stepNumber, reason: h.reason };
    await say(ctx, { text: this.t(ctx, 'handoff.external') });
    await ctx.sendActivity(EventFactory.createHandoffInitiation(ctx, context, transcript));
    return Dialog.EndOfTurn;
  }

  // ---- choices -----------------------------------------------------------------------------------

  private consentChoices(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'handoff.consentYes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.t(ctx, 'handoff.consentNo'), value: 'no', role: 'no' },
    ];
  }

  private alternativeChoices(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'handoff.optCallback'), value: 'callback', synonyms: ['rappel', 'rappelez moi', 'appel', 'call me'] },
      { key: '2', label: this.t(ctx, 'handoff.optPlace'), value: 'place', synonyms: ['lieu', 'adresse', 'place'] },
      { key: '3', label: this.t(ctx, 'handoff.optBack'), value: 'back' },
    ];
  }

  private yesNo(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'choice.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.t(ctx, 'choice.no'), value: 'no', role: 'no' },
    ];
  }

  private isCancel(text: string): boolean {
    return CANCEL_WORDS.includes(fold(text));
  }
}

/** The citizen wrote a French (or international) phone number. */
export function parsePhone(text: string): { e164: string; national: string } | undefined {
  const found = findPhoneNumbersInText(text, 'FR')[0]?.number ?? parsePhoneNumberFromString(text.replace(/[^\d+]/g, ''), 'FR');
  if (!found || !found.isValid()) return undefined;
  return { e164: found.number, national: found.formatNational() };
}

/**
 * "demain à 14h", "lundi matin", "mardi 10h30" → candidate instants, read as Paris wall time
 * (the recognizers resolve relative to a Paris "now"), earliest sensible first.
 */
export function resolveTimes(text: string, locale: Locale, now: Date): Date[] {
  const culture = locale === 'en' ? 'en-us' : 'fr-fr';
  const ref = parisWall(now);
  const out: Date[] = [];
  for (const result of recognizeDateTime(text, culture, 0, ref)) {
    const values = (result.resolution?.values ?? []) as Array<{ type: string; value?: string; start?: string }>;
    for (const v of values) {
      const raw = v.type === 'datetimerange' || v.type === 'daterange' || v.type === 'timerange' ? v.start : v.value;
      if (!raw) continue;
      let wall: Date | undefined;
      if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(raw)) {
        const [d, t] = raw.split(' ');
        const [y, mo, da] = d.split('-').map(Number);
        const [h, mi] = t.split(':').map(Number);
        wall = new Date(y, mo - 1, da, h, mi);
      } else if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
        const [y, mo, da] = raw.split('-').map(Number);
        wall = new Date(y, mo - 1, da, 10, 0); // a day without a time: mid-morning
      } else if (/^\d{2}:\d{2}/.test(raw)) {
        const [h, mi] = raw.split(':').map(Number);
        wall = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate(), h, mi);
        if (wall.getTime() <= ref.getTime()) wall = new Date(wall.getTime() + 86_400_000);
      }
      if (wall) out.push(fromParisWall(wall));
    }
  }
  return out;
}

export function formatWhen(instant: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris',
  }).format(instant);
}

export { containsPersonalData };
