/**
 * The bot: one turn = interrupts (commands), then the pending offer, then the active guide, then
 * the menu and the free-text router. One error boundary per turn: the citizen gets a kind message,
 * the log gets the ids, the conversation restarts cleanly from the menu.
 */
import {
  ActivityHandler,
  ActivityTypes,
  ConversationState,
  UserState,
  type StatePropertyAccessor,
  type Storage,
  TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { GuideCatalog } from '../guides/catalog';
import { stepNumber } from '../guides/catalog';
import { GUIDE_DIALOG_ID, GuideDialog, type GuideOptions, type GuideProgress, type GuideResult } from '../guides/guideDialog';
import type { Locale } from '../guides/schema';
import type { Strings, StringKey } from '../i18n/strings';
import type { HandoffHook, HandoffRequest } from '../handoff/hook';
import { HANDOFF_DIALOG_ID, TERRITORY_ROUTED_TURN_KEY, TERRITORY_TURN_KEY, TERRITORY_UNKNOWN_TURN_KEY, TRANSCRIPT_TURN_KEY } from '../handoff/dialog';
import type { TranscriptLine } from '../handoff/queue';
import { maskPersonalData } from '../privacy/mask';
import type { Dialog } from 'botbuilder-dialogs';
import type { IntentRouter } from '../nlu/router';
import { recognizeChoice, type ChoiceOption } from '../nlu/choices';
import { hasNoWords } from '../text/fold';
import type { BotMessage } from '../channels/message';
import { capabilitiesOf } from '../channels/capabilities';
import { recognizeCommand, type Command } from './commands';
import { COMMAND_TURN_KEY, CULTURE_OF, localeOf, say } from './turn';
import { hashId } from '../logger';
import { citizenKeyOf, territoryOf } from '../handoff/dialog';
import type { CitizenIdentity } from '../privacy/erase';
import type { StatsEvents } from '../stats/recorder';
import { REMINDER_AFTER_GUIDE, nextDue, type ReminderKind } from '../reminders/schedule';
import type { ReminderStore } from '../reminders/store';
import { formatDay } from '../reminders/format';
import { isSelfCheckResult, SELF_CHECK_DIALOG_ID, type SelfCheckResult } from '../selfcheck/dialog';
import { PLACES_DIALOG_ID } from '../places/dialog';
import { LeanConversationState, LeanUserState } from '../storage/botState';
import type { RetentionOf } from '../territories/retention';

/** Longer messages are cut (and the citizen told): nobody types this much on purpose. */
export const MAX_INPUT_CHARS = 1000;
/** Router confidence needed to start a guide without asking. */
export const CONFIDENT = 0.6;

export interface ConversationData {
  welcomed?: boolean;
  lastSeenAt?: number;
  offer?:
    | { kind: 'resume'; guideId: string; stepId: string }
    | { kind: 'pick'; options: string[] }
    | { kind: 'reminder'; reminder: ReminderKind }
    | { kind: 'reminders'; ids: string[] }
    | { kind: 'erase' };
  /** The last lines of the conversation, masked: what a mediator sees on a handoff. */
  transcript?: TranscriptLine[];
  /** The id of the last message handled (a provider's message id on SMS, WhatsApp, Telegram). */
  lastInboundId?: string;
}

export interface UserProfile {
  locale?: Locale;
  /** On a national number: the territory chosen from the citizen's postal code. */
  territory?: string;
  optedOut?: boolean;
  /** The unfinished guide, kept across conversations (a new web session, days later on SMS). */
  progress?: GuideProgress & { at: number };
}

export interface BotDeps {
  storage: Storage;
  catalog: GuideCatalog;
  strings: Strings;
  /** Human help: a dialog of this bot (consent, queue, callback) that is also the handoff hook. */
  handoff: HandoffHook & Dialog & { leave(dc: DialogContext): Promise<boolean> };
  /** "Où trouver de l'aide ?": postal code or commune → the nearest places (src/places/dialog.ts). */
  places: Dialog;
  defaultTerritory: string;
  router: IntentRouter;
  menu: string[];
  defaultLocale: Locale;
  /** How long a territory keeps what its turns write, in seconds (also said, in days, in the first message). */
  retention: RetentionOf;
  resumeAfterMs: number;
  logger: Logger;
  now?: () => number;
  /** Deadline reminders (offered after some guides on channels that reach the phone). */
  reminders?: ReminderStore;
  /** "Faire le point" (intent apprendre): src/selfcheck/dialog.ts. */
  selfCheck?: Dialog;
  /** "Effacer mes données": erases what the other stores keep (src/privacy/erase.ts). */
  erase?: (who: CitizenIdentity) => Promise<unknown>;
  /** The privacy page shown in the first message (the territory's own, or ours). */
  privacyUrl?: (territory: string) => string;
  /** Guides started, completed and the steps reached, for reports and metrics. */
  stats?: StatsEvents;
}

/** Set when the citizen's data was erased during the turn: nothing is saved back. */
const ERASED_TURN_KEY = Symbol('pasapas.erased');

export class PasapasBot extends ActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly convData: StatePropertyAccessor<ConversationData>;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly dialogs: DialogSet;
  private readonly now: () => number;

  constructor(private readonly deps: BotDeps) {
    super();
    this.now = deps.now ?? Date.now;
    // Both states are kept as long as the territory of the turn keeps data.
    // (the territory chosen from the citizen's postal code in this very turn, if that happened)
    const ttlOf = (ctx: TurnContext) => deps.retention((ctx.turnState.get(TERRITORY_ROUTED_TURN_KEY) as string | undefined) ?? territoryOf(ctx, deps.defaultTerritory));
    this.conversationState = new LeanConversationState(deps.storage, ttlOf);
    this.userState = new LeanUserState(deps.storage, ttlOf);
    this.dialogState = this.conversationState.createProperty('dialogState');
    this.convData = this.conversationState.createProperty('data');
    this.profile = this.userState.createProperty('profile');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new GuideDialog(deps.catalog, deps.strings, deps.handoff));
    this.dialogs.add(deps.handoff);
    if (deps.selfCheck) this.dialogs.add(deps.selfCheck);
    this.dialogs.add(deps.places);

    // Bot Framework handoff protocol: an external agent hub reports on a handoff we initiated.
    this.onEvent(async (ctx, next) => {
      if (ctx.activity.name === 'handoff.status') await this.boundary(ctx, () => this.handoffStatus(ctx));
      await next();
    });
    // A channel that opens a conversation before the citizen writes (the web chat) gets the welcome.
    this.onMembersAdded(async (ctx, next) => {
      const citizenJoined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient?.id);
      if (citizenJoined) await this.boundary(ctx, () => this.greet(ctx));
      await next();
    });
  }

  /**
   * A message goes straight to its handler. ActivityHandler's dispatch of it (run → onTurnActivity →
   * handle('Turn') → onMessageActivity → handle('Message') → defaultNextEvent → handle('Dialog'))
   * is a dozen generator-based async frames per turn, ~4 % of a web chat turn's CPU; other activity
   * types (events, members added) keep botbuilder's dispatch and the handlers registered above.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context?.activity?.type === ActivityTypes.Message) return this.boundary(context, () => this.handleMessage(context));
    return super.run(context);
  }

  /** The one error boundary of a turn. */
  private async boundary(ctx: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      // Both states are read, and written, at the same time: two Redis round trips per turn, not four.
      await Promise.all([this.conversationState.load(ctx), this.userState.load(ctx)]);
      await work();
      if (ctx.turnState.get(ERASED_TURN_KEY) === true) return;
      const routed = ctx.turnState.get(TERRITORY_ROUTED_TURN_KEY) as string | undefined;
      if (routed) (await this.profile.get(ctx, {})).territory = routed;
      await Promise.all([this.conversationState.saveChanges(ctx), this.userState.saveChanges(ctx)]);
    } catch (err) {
      this.deps.logger.error(
        { err, conversation: hashId(ctx.activity.conversation?.id ?? ''), channel: ctx.activity.channelId },
        'turn failed',
      );
      try {
        await say(ctx, { text: this.deps.strings.t(localeOf(ctx), 'error.generic') });
        await this.conversationState.delete(ctx);
        await this.convData.set(ctx, { welcomed: true, lastSeenAt: this.now() });
        await this.conversationState.saveChanges(ctx, true);
        await say(ctx, this.menuMessage(localeOf(ctx)));
      } catch (again) {
        this.deps.logger.error({ err: again }, 'could not recover the conversation');
        throw again;
      }
    }
  }

  private async greet(ctx: TurnContext): Promise<void> {
    const profile = await this.profile.get(ctx, {});
    const conv = await this.convData.get(ctx, {});
    if (conv.welcomed) return;
    ctx.activity.locale = CULTURE_OF[profile.locale ?? this.deps.defaultLocale];
    conv.lastSeenAt = this.now();
    await this.welcome(ctx, conv);
    await this.showHome(await this.dialogs.createContext(ctx), profile, conv);
  }

  private async handoffStatus(ctx: TurnContext): Promise<void> {
    const state = (ctx.activity.value as { state?: string } | undefined)?.state;
    const dc = await this.dialogs.createContext(ctx);
    const profile = await this.profile.get(ctx, {});
    ctx.activity.locale = CULTURE_OF[profile.locale ?? this.deps.defaultLocale];
    if (dc.activeDialog?.id !== HANDOFF_DIALOG_ID || (state !== 'failed' && state !== 'completed')) return;
    await say(ctx, { text: this.deps.strings.t(localeOf(ctx), state === 'failed' ? 'handoff.externalFailed' : 'handoff.closed') });
    await dc.endDialog();
    if (!dc.activeDialog) await say(ctx, this.menuMessage(localeOf(ctx)));
  }

  /** Keep the last lines of the conversation (masked) for a mediator; hand them to the handoff dialog. */
  private recordTranscript(ctx: TurnContext, conv: ConversationData, text: string, masked: string): void {
    const lines = conv.transcript ?? [];
    const at = this.now();
    if (text) lines.push({ from: 'citizen', text: masked.slice(0, 300), at });
    ctx.onSendActivities(async (_c, activities, next) => {
      for (const a of activities) if (a.type === 'message' && a.text) lines.push({ from: 'bot', text: a.text.slice(0, 300), at });
      conv.transcript = lines.slice(-12);
      return next();
    });
    conv.transcript = lines.slice(-12);
    ctx.turnState.set(TRANSCRIPT_TURN_KEY, conv.transcript);
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const profile = await this.profile.get(ctx, {});
    const conv = await this.convData.get(ctx, {});
    // The same message again, its turn already stored: a provider's retry of a message whose instance died
    // before remembering it was handled (docs/reliability.md). Running it twice would skip a step: nothing to do.
    const inboundId = ctx.activity.id;
    if (inboundId && conv.lastInboundId === inboundId) return;
    if (inboundId) conv.lastInboundId = inboundId;
    const dc = await this.dialogs.createContext(ctx);
    const channelData = ctx.activity.channelData as { territory?: unknown; territoryFallback?: unknown } | undefined;
    const channelTerritory = typeof channelData?.territory === 'string' ? channelData.territory : this.deps.defaultTerritory;
    // A national number: the territory the citizen's postal code chose earlier, or ask when it matters.
    if (channelData?.territoryFallback === true && profile.territory) ctx.turnState.set(TERRITORY_TURN_KEY, profile.territory);
    else {
      ctx.turnState.set(TERRITORY_TURN_KEY, channelTerritory);
      if (channelData?.territoryFallback === true) ctx.turnState.set(TERRITORY_UNKNOWN_TURN_KEY, true);
    }
    const locale: Locale = profile.locale ?? this.deps.defaultLocale;
    ctx.activity.locale = CULTURE_OF[locale];
    const t = (key: Parameters<Strings['t']>[1], vars?: Record<string, string | number>) =>
      this.deps.strings.t(localeOf(ctx), key, vars);

    const now = this.now();
    const idleFor = conv.lastSeenAt === undefined ? 0 : now - conv.lastSeenAt;
    conv.lastSeenAt = now;

    let text = (ctx.activity.text ?? '').trim();
    const command = recognizeCommand(text);

    if (profile.optedOut) {
      if (command === 'start') {
        profile.optedOut = false;
        await say(ctx, { text: t('command.start') });
        await this.showHome(dc, profile, conv);
        return;
      }
      // On SMS-like channels, silence after STOP is the law; elsewhere a new message means "I'm back".
      if (capabilitiesOf(ctx.activity.channelId).silentAfterStop) return;
      profile.optedOut = false;
    }

    if (text === '' && (ctx.activity.attachments ?? []).length > 0) {
      await say(ctx, { text: t('input.photo') });
      return;
    }
    if (text === '') {
      await say(ctx, { text: t('input.empty') });
      return;
    }
    if (hasNoWords(text)) {
      await say(ctx, { text: t('input.noWords') });
      return;
    }
    if (text.length > MAX_INPUT_CHARS) {
      text = text.slice(0, MAX_INPUT_CHARS);
      ctx.activity.text = text;
      await say(ctx, { text: t('input.tooLong') });
    }

    const masked = maskPersonalData(text);
    this.recordTranscript(ctx, conv, text, masked);

    // "Effacer mes données" wins over everything once the conversation has begun: the handoff relay (waiting in
    // the queue or with a mediator: neither the request nor its answer is passed on) and any dialog's prompt.
    // An answer that is not one of the confirmation's goes on as usual (to the mediator, to the prompt).
    if (conv.welcomed && command === 'erase') {
      await this.offerErase(dc, conv);
      return;
    }
    if (conv.welcomed && conv.offer?.kind === 'erase' && (await this.answerOffer(dc, text, profile, conv))) return;

    // With a mediator (or waiting for one), everything goes to the handoff: never both answering.
    if (dc.activeDialog?.id === HANDOFF_DIALOG_ID && command === 'menu' && (await this.deps.handoff.leave(dc))) {
      await this.rememberProgress(dc, profile);
      await dc.cancelAllDialogs();
      await say(ctx, this.menuMessage(localeOf(ctx)));
      return;
    }
    if (dc.activeDialog?.id === HANDOFF_DIALOG_ID && command !== 'stop' && command !== 'lang-fr' && command !== 'lang-en') {
      const result = await dc.continueDialog();
      const over = result.status === DialogTurnStatus.complete && (result.result as { handoffOver?: boolean } | undefined)?.handoffOver === true;
      if (!over || dc.activeDialog) {
        if (!dc.activeDialog) await say(ctx, this.menuMessage(localeOf(ctx)));
        await this.rememberProgress(dc, profile);
        return;
      }
      // The handoff had ended before this message (closed by the mediator): handle it as usual.
    }
    if (masked !== text) await say(ctx, { text: t('handoff.dataWarning') });

    if (command === 'stop') {
      await this.rememberProgress(dc, profile);
      await this.deps.reminders?.cancelAll(citizenKeyOf(ctx));
      profile.optedOut = true;
      conv.offer = undefined;
      await dc.cancelAllDialogs();
      await say(ctx, { text: t('command.stop') });
      return;
    }
    if (command === 'lang-fr' || command === 'lang-en') {
      profile.locale = command === 'lang-en' ? 'en' : 'fr';
      ctx.activity.locale = CULTURE_OF[profile.locale];
      await say(ctx, { text: t('language.switched') });
      if (!conv.welcomed) await this.welcome(ctx, conv);
      if (dc.activeDialog) await dc.repromptDialog();
      else await this.showHome(dc, profile, conv);
      return;
    }

    if (!conv.welcomed) {
      await this.welcome(ctx, conv);
      if (!command && !dc.activeDialog) {
        const routed = await this.tryRoute(dc, text, { silentOnNone: true });
        if (!routed) await this.showHome(dc, profile, conv);
      } else if (command) {
        await this.runCommand(dc, command, profile, conv);
      }
      await this.rememberProgress(dc, profile);
      return;
    }

    if (command && command !== 'hello') {
      await this.runCommand(dc, command, profile, conv);
      await this.rememberProgress(dc, profile);
      return;
    }

    // Back after a long break, in the middle of a guide: ask before going on.
    if (dc.activeDialog && idleFor >= this.deps.resumeAfterMs && !conv.offer) {
      const progress = GuideDialog.progress(dc, this.deps.catalog);
      if (progress) {
        await this.offerResume(ctx, conv, progress);
        return;
      }
    }
    if (command === 'hello') {
      await this.runCommand(dc, command, profile, conv);
      return;
    }

    if (conv.offer) {
      const handled = await this.answerOffer(dc, text, profile, conv);
      if (handled) {
        await this.rememberProgress(dc, profile);
        return;
      }
    }

    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      await this.afterGuide(dc, result.status === DialogTurnStatus.complete ? result.result : undefined, profile);
      return;
    }

    const menuPick = recognizeChoice(text, this.menuChoices(localeOf(ctx)), localeOf(ctx));
    if (menuPick) {
      await this.startIntent(dc, menuPick.value, profile);
      return;
    }
    if (!(await this.tryRoute(dc, text, { silentOnNone: false }))) {
      await say(ctx, this.menuMessage(localeOf(ctx)));
    }
    await this.rememberProgress(dc, profile);
  }

  // ---- pieces of a turn -------------------------------------------------------------------------

  private async welcome(ctx: TurnContext, conv: ConversationData): Promise<void> {
    const locale = localeOf(ctx);
    const s = this.deps.strings;
    conv.welcomed = true;
    await say(ctx, {
      text: [
        s.t(locale, 'welcome.greeting'),
        s.t(locale, 'welcome.privacy', { days: this.retentionDaysOf(territoryOf(ctx, this.deps.defaultTerritory)), url: this.deps.privacyUrl?.(territoryOf(ctx, this.deps.defaultTerritory)) ?? '' }),
        s.t(locale, 'welcome.language'),
      ].join('\n'),
    });
  }

  /** The menu, or the offer to resume an unfinished guide. */
  private async showHome(dc: DialogContext, profile: UserProfile, conv: ConversationData): Promise<void> {
    const p = profile.progress;
    const g = p && this.deps.catalog.get(p.guideId);
    if (p && g && !dc.activeDialog) {
      await this.offerResume(dc.context, conv, p);
      return;
    }
    await say(dc.context, this.menuMessage(localeOf(dc.context)));
  }

  private async offerResume(ctx: TurnContext, conv: ConversationData, p: GuideProgress): Promise<void> {
    const g = this.deps.catalog.get(p.guideId);
    if (!g) return;
    const locale = localeOf(ctx);
    const s = this.deps.strings;
    conv.offer = { kind: 'resume', guideId: p.guideId, stepId: p.stepId };
    const n = g.stepById.has(p.stepId) ? stepNumber(g, p.stepId) : 1;
    await say(ctx, {
      text: '',
      question: s.t(locale, 'resume.question', { title: g.guide.title[locale], n }),
      choices: this.resumeChoices(locale),
    });
  }

  private resumeChoices(locale: Locale): ChoiceOption[] {
    const s = this.deps.strings;
    return [
      { key: '1', label: s.t(locale, 'resume.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: s.t(locale, 'resume.no'), value: 'no', role: 'no' },
    ];
  }

  /** Returns false when the text is not an answer to the offer (it is then handled as usual). */
  private async answerOffer(dc: DialogContext, text: string, profile: UserProfile, conv: ConversationData): Promise<boolean> {
    const offer = conv.offer!;
    conv.offer = undefined;
    const locale = localeOf(dc.context);
    if (offer.kind === 'resume') {
      const pick = recognizeChoice(text, this.resumeChoices(locale), locale);
      if (!pick) return false;
      if (pick.value === 'yes') {
        const active = GuideDialog.progress(dc, this.deps.catalog);
        if (active && active.guideId === offer.guideId) await dc.repromptDialog();
        else {
          await dc.cancelAllDialogs();
          await dc.beginDialog(GUIDE_DIALOG_ID, { guideId: offer.guideId, stepId: offer.stepId } satisfies GuideOptions);
        }
      } else {
        await dc.cancelAllDialogs();
        profile.progress = undefined;
        await say(dc.context, this.menuMessage(locale));
      }
      return true;
    }
    if (offer.kind === 'erase') return this.answerErase(dc, text);
    if (offer.kind === 'reminder') return this.answerReminderOffer(dc, text, offer.reminder);
    if (offer.kind === 'reminders') return this.answerRemindersList(dc, text, offer.ids);
    const options = this.pickChoices(offer.options, locale);
    const pick = recognizeChoice(text, options, locale);
    if (!pick) return false;
    await this.startIntent(dc, pick.value, profile);
    return true;
  }

  // ---- "effacer mes données" ----------------------------------------------------------------------

  private eraseChoices(locale: Locale): ChoiceOption[] {
    const s = this.deps.strings;
    return [
      { key: '1', label: s.t(locale, 'privacy.eraseYes'), value: 'yes', role: 'yes' },
      { key: '2', label: s.t(locale, 'privacy.eraseNo'), value: 'no', role: 'no' },
    ];
  }

  private async offerErase(dc: DialogContext, conv: ConversationData): Promise<void> {
    const locale = localeOf(dc.context);
    conv.offer = { kind: 'erase' };
    await say(dc.context, { text: '', question: this.deps.strings.t(locale, 'privacy.eraseConfirm'), choices: this.eraseChoices(locale) });
  }

  private async answerErase(dc: DialogContext, text: string): Promise<boolean> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const pick = recognizeChoice(text, this.eraseChoices(locale), locale);
    if (!pick) return false;
    if (pick.value !== 'yes') {
      await say(ctx, { text: this.deps.strings.t(locale, 'privacy.kept') });
      // Back where the citizen was: the step of a guide, their place in the queue, or the menu.
      if (dc.activeDialog) await dc.repromptDialog();
      else await say(ctx, this.menuMessage(locale));
      return true;
    }
    await this.deps.erase?.({
      channelId: ctx.activity.channelId,
      userId: ctx.activity.from?.id ?? '',
      conversationId: ctx.activity.conversation?.id ?? '',
      citizenKey: citizenKeyOf(ctx),
    });
    await dc.cancelAllDialogs();
    await this.conversationState.delete(ctx);
    await this.userState.delete(ctx);
    ctx.turnState.set(ERASED_TURN_KEY, true);
    // The channel may count or remember things after the turn: tell it the citizen is erased.
    ctx.activity.channelData = { ...((ctx.activity.channelData as object | undefined) ?? {}), erased: true };
    this.deps.logger.info({ channel: ctx.activity.channelId, citizen: hashId(citizenKeyOf(ctx)) }, 'citizen data erased on request');
    await say(ctx, { text: this.deps.strings.t(locale, 'privacy.erased') });
    return true;
  }

  // ---- deadline reminders -------------------------------------------------------------------------

  private reminderChoices(locale: Locale): ChoiceOption[] {
    const s = this.deps.strings;
    return [
      { key: '1', label: s.t(locale, 'reminder.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: s.t(locale, 'reminder.no'), value: 'no', role: 'no' },
    ];
  }

  private reminderLabel(locale: Locale, kind: ReminderKind): string {
    return this.deps.strings.t(locale, kind === 'actualisation' ? 'reminder.labelActualisation' : 'reminder.labelCaf');
  }

  /** After a guide with a deadline, on a channel that reaches the phone: "Voulez-vous un rappel ?" */
  private async offerReminder(dc: DialogContext, guideId: string): Promise<boolean> {
    const kind = REMINDER_AFTER_GUIDE[guideId];
    const ctx = dc.context;
    if (!kind || !this.deps.reminders || !capabilitiesOf(ctx.activity.channelId).push) return false;
    const existing = await this.deps.reminders.list(citizenKeyOf(ctx));
    if (existing.some((r) => r.kind === kind)) return false;
    const locale = localeOf(ctx);
    const conv = await this.convData.get(ctx, {});
    conv.offer = { kind: 'reminder', reminder: kind };
    const date = formatDay(nextDue(kind, this.now(), this.now()), locale);
    await say(ctx, {
      text: '',
      question: this.deps.strings.t(locale, kind === 'actualisation' ? 'reminder.offerActualisation' : 'reminder.offerCaf', { date }),
      choices: this.reminderChoices(locale),
    });
    return true;
  }

  private async answerReminderOffer(dc: DialogContext, text: string, kind: ReminderKind): Promise<boolean> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const pick = recognizeChoice(text, this.reminderChoices(locale), locale);
    if (!pick) return false;
    if (pick.value === 'yes') {
      const now = this.now();
      const due = nextDue(kind, now, now);
      await this.deps.reminders!.add({
        citizenKey: citizenKeyOf(ctx),
        kind,
        locale,
        territory: (ctx.turnState.get(TERRITORY_TURN_KEY) as string | undefined) ?? this.deps.defaultTerritory,
        reference: TurnContext.getConversationReference(ctx.activity),
        anchor: now,
        due,
      });
      await say(ctx, { text: this.deps.strings.t(locale, 'reminder.saved', { date: formatDay(due, locale) }) });
    } else {
      await say(ctx, { text: this.deps.strings.t(locale, 'reminder.declined') });
    }
    await say(ctx, this.menuMessage(locale));
    return true;
  }

  /** "mes rappels": what is planned, and a way to stop each. */
  private async listReminders(dc: DialogContext, conv: ConversationData): Promise<void> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const s = this.deps.strings;
    const list = (await this.deps.reminders?.list(citizenKeyOf(ctx))) ?? [];
    if (list.length === 0) {
      await say(ctx, { text: s.t(locale, 'reminder.none') });
      if (dc.activeDialog) await dc.repromptDialog();
      else await say(ctx, this.menuMessage(locale));
      return;
    }
    const lines = list.map((r) => s.t(locale, 'reminder.item', { label: this.reminderLabel(locale, r.kind), date: formatDay(r.due, locale) }));
    conv.offer = { kind: 'reminders', ids: list.map((r) => r.id) };
    await say(ctx, {
      text: [s.t(locale, 'reminder.list'), ...lines].join('\n'),
      question: s.t(locale, 'reminder.cancelQuestion'),
      choices: this.remindersChoices(locale, list),
    });
  }

  private remindersChoices(locale: Locale, list: Array<{ id: string; kind: ReminderKind }>): ChoiceOption[] {
    const s = this.deps.strings;
    const choices: ChoiceOption[] = list.map((r, i) => ({ key: String(i + 1), label: s.t(locale, 'reminder.cancelOne', { label: this.reminderLabel(locale, r.kind) }), value: r.id }));
    choices.push({ key: String(list.length + 1), label: s.t(locale, 'reminder.keep'), value: 'keep', role: 'no' });
    return choices;
  }

  private async answerRemindersList(dc: DialogContext, text: string, ids: string[]): Promise<boolean> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const list = ((await this.deps.reminders?.list(citizenKeyOf(ctx))) ?? []).filter((r) => ids.includes(r.id));
    const pick = recognizeChoice(text, this.remindersChoices(locale, list), locale);
    if (!pick) return false;
    const chosen = list.find((r) => r.id === pick.value);
    if (chosen && (await this.deps.reminders!.cancel(citizenKeyOf(ctx), chosen.id))) {
      await say(ctx, { text: this.deps.strings.t(locale, 'reminder.cancelled', { label: this.reminderLabel(locale, chosen.kind) }) });
    } else {
      await say(ctx, { text: this.deps.strings.t(locale, 'reminder.kept') });
    }
    if (dc.activeDialog) await dc.repromptDialog();
    else await say(ctx, this.menuMessage(locale));
    return true;
  }

  private async runCommand(dc: DialogContext, command: Command, profile: UserProfile, conv: ConversationData): Promise<void> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    conv.offer = undefined;
    switch (command) {
      case 'menu':
        await this.rememberProgress(dc, profile);
        await dc.cancelAllDialogs();
        await say(ctx, this.menuMessage(locale));
        return;
      case 'help':
        await say(ctx, { text: this.deps.strings.t(locale, 'command.help') });
        if (dc.activeDialog) await dc.repromptDialog();
        else await say(ctx, this.menuMessage(locale));
        return;
      case 'mediator':
        await this.deps.handoff.start(dc, this.handoffRequest(dc, 'command'));
        return;
      case 'back':
      case 'repeat':
      case 'restart':
        if (dc.activeDialog) {
          ctx.turnState.set(COMMAND_TURN_KEY, command);
          const result = await dc.continueDialog();
          await this.afterGuide(dc, result.status === DialogTurnStatus.complete ? result.result : undefined, profile);
        } else {
          await say(ctx, this.menuMessage(locale));
        }
        return;
      case 'start':
        await say(ctx, { text: this.deps.strings.t(locale, 'command.start') });
        await this.showHome(dc, profile, conv);
        return;
      case 'reminders':
        await this.listReminders(dc, conv);
        return;
      case 'self-check':
        await this.startIntent(dc, 'apprendre', profile);
        return;
      case 'erase':
        await this.offerErase(dc, conv);
        return;
      case 'hello':
        // A greeting in the middle of things: show where we are.
        if (dc.activeDialog) await dc.repromptDialog();
        else await this.showHome(dc, profile, conv);
        return;
      default:
        return;
    }
  }

  private handoffRequest(dc: DialogContext, reason: HandoffRequest['reason']): HandoffRequest {
    const p = GuideDialog.progress(dc, this.deps.catalog);
    return p ? { reason, guideId: p.guideId, stepId: p.stepId, stepNumber: p.stepNumber, stepTotal: p.stepTotal } : { reason };
  }

  /** Free text → a guide or system intent. Returns false when nothing fitted. */
  private async tryRoute(dc: DialogContext, text: string, opts: { silentOnNone: boolean }): Promise<boolean> {
    const locale = localeOf(dc.context);
    const r = this.deps.router.route(text, locale);
    if (r.intent === 'none' || r.score < 0.2) {
      if (!opts.silentOnNone) await say(dc.context, { text: this.deps.strings.t(locale, 'understand.free') });
      return false;
    }
    if (r.score >= CONFIDENT) {
      await this.startIntent(dc, r.intent, await this.profile.get(dc.context, {}));
      return true;
    }
    const candidates = [r, ...r.alternatives].filter((c) => c.intent !== 'none').slice(0, 3).map((c) => c.intent);
    const conv = await this.convData.get(dc.context, {});
    conv.offer = { kind: 'pick', options: candidates };
    await say(dc.context, {
      text: '',
      question: this.deps.strings.t(locale, 'menu.question'),
      choices: this.pickChoices(candidates, locale),
    });
    return true;
  }

  private pickChoices(intents: string[], locale: Locale): ChoiceOption[] {
    const out: ChoiceOption[] = intents.map((intent, i) => ({
      key: String(i + 1),
      label: this.deps.catalog.get(intent)?.guide.title[locale] ?? this.deps.router.title?.(intent, locale) ?? this.deps.strings.t(locale, 'menu.mediator'),
      value: intent,
    }));
    out.push({ key: '0', label: this.deps.strings.t(locale, 'menu.mediator'), value: 'mediateur' });
    return out;
  }

  private async startIntent(dc: DialogContext, intent: string, profile: UserProfile): Promise<void> {
    if (intent === 'mediateur') {
      await this.deps.handoff.start(dc, this.handoffRequest(dc, 'intent'));
      return;
    }
    if (intent === 'effacer-donnees') {
      await this.offerErase(dc, await this.convData.get(dc.context, {}));
      return;
    }
    if (intent === 'apprendre' && this.deps.selfCheck) {
      await dc.cancelAllDialogs();
      await dc.beginDialog(SELF_CHECK_DIALOG_ID);
      return;
    }
    if (intent === 'aide-proximite') {
      const result = await dc.beginDialog(PLACES_DIALOG_ID);
      await this.afterGuide(dc, result.status === DialogTurnStatus.complete ? result.result : undefined, profile);
      return;
    }
    const answers: Record<string, StringKey> = {
      'pass-numerique': 'intent.passNumerique',
      apprendre: 'intent.apprendre',
    };
    if (answers[intent]) {
      await say(dc.context, { text: this.deps.strings.t(localeOf(dc.context), answers[intent]) });
      await say(dc.context, this.menuMessage(localeOf(dc.context)));
      return;
    }
    if (!this.deps.catalog.get(intent)) {
      await say(dc.context, { text: this.deps.strings.t(localeOf(dc.context), 'understand.free') });
      await say(dc.context, this.menuMessage(localeOf(dc.context)));
      return;
    }
    await dc.cancelAllDialogs();
    this.track(this.deps.stats?.guideStarted(this.territoryOfTurn(dc.context), intent, this.now()));
    const result = await dc.beginDialog(GUIDE_DIALOG_ID, { guideId: intent } satisfies GuideOptions);
    await this.afterGuide(dc, result.status === DialogTurnStatus.complete ? result.result : undefined, profile);
  }

  /** After a guide turn: menu when it ended, progress saved for "on reprend ?". */
  private async afterGuide(dc: DialogContext, ended: GuideResult | SelfCheckResult | undefined, profile: UserProfile): Promise<void> {
    if (isSelfCheckResult(ended)) {
      if (ended.next === 'menu') await say(dc.context, this.menuMessage(localeOf(dc.context)));
      else await this.startIntent(dc, ended.next, profile);
      return;
    }
    const result = ended;
    if (result) {
      if (result.completed) {
        const t = this.territoryOfTurn(dc.context);
        this.track(this.deps.stats?.guideCompleted(t, result.guideId, this.now()));
        if (profile.progress?.guideId === result.guideId) this.track(this.deps.stats?.guideStepLeft(t, result.guideId, profile.progress.stepId, this.now()));
      }
      if (profile.progress?.guideId === result.guideId) profile.progress = undefined;
      if (result.next && this.deps.catalog.get(result.next)) {
        await this.startIntent(dc, result.next, profile);
        return;
      }
      if (result.completed && (await this.offerReminder(dc, result.guideId))) return;
      await say(dc.context, this.menuMessage(localeOf(dc.context)));
      return;
    }
    await this.rememberProgress(dc, profile);
  }

  private async rememberProgress(dc: DialogContext, profile: UserProfile): Promise<void> {
    const p = GuideDialog.progress(dc, this.deps.catalog);
    if (!p) return;
    if (profile.progress?.guideId !== p.guideId || profile.progress.stepId !== p.stepId) {
      const t = this.territoryOfTurn(dc.context);
      if (profile.progress?.guideId === p.guideId) this.track(this.deps.stats?.guideStepLeft(t, p.guideId, profile.progress.stepId, this.now()));
      this.track(this.deps.stats?.guideStepReached(t, p.guideId, p.stepId, this.now()));
    }
    profile.progress = { ...p, at: this.now() };
  }

  /** Counters are not part of the turn: not awaited, and a failure is logged, never thrown. */
  private track(counted: Promise<void> | undefined): void {
    counted?.catch((err: unknown) => this.deps.logger.warn({ err }, 'guide statistics not recorded'));
  }

  private retentionDaysOf(territory: string): number {
    return Math.round(this.deps.retention(territory) / 86_400);
  }

  private territoryOfTurn(ctx: TurnContext): string {
    return territoryOf(ctx, this.deps.defaultTerritory);
  }

  // ---- menu -------------------------------------------------------------------------------------

  private menuChoices(locale: Locale): ChoiceOption[] {
    const guides = this.deps.menu.map((id) => this.deps.catalog.get(id)).filter((g) => g !== undefined);
    const choices: ChoiceOption[] = guides.map((g, i) => ({
      key: String(i + 1),
      label: g.guide.title[locale],
      value: g.guide.id,
    }));
    choices.push({ key: '0', label: this.deps.strings.t(locale, 'menu.mediator'), value: 'mediateur' });
    return choices;
  }

  menuMessage(locale: Locale): BotMessage {
    return { text: '', question: this.deps.strings.t(locale, 'menu.question'), choices: this.menuChoices(locale) };
  }
}

export { ActivityTypes };
