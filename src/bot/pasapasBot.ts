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
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { GuideCatalog } from '../guides/catalog';
import { stepNumber } from '../guides/catalog';
import { GUIDE_DIALOG_ID, GuideDialog, type GuideOptions, type GuideProgress, type GuideResult } from '../guides/guideDialog';
import type { Locale } from '../guides/schema';
import type { Strings, StringKey } from '../i18n/strings';
import type { HandoffHook, HandoffRequest } from '../handoff/hook';
import { HANDOFF_DIALOG_ID, TERRITORY_TURN_KEY, TRANSCRIPT_TURN_KEY } from '../handoff/dialog';
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
import { LeanConversationState, LeanUserState } from '../storage/botState';

/** Longer messages are cut (and the citizen told): nobody types this much on purpose. */
export const MAX_INPUT_CHARS = 1000;
/** Router confidence needed to start a guide without asking. */
export const CONFIDENT = 0.6;

export interface ConversationData {
  welcomed?: boolean;
  lastSeenAt?: number;
  offer?: { kind: 'resume'; guideId: string; stepId: string } | { kind: 'pick'; options: string[] };
  /** The last lines of the conversation, masked: what a mediator sees on a handoff. */
  transcript?: TranscriptLine[];
}

export interface UserProfile {
  locale?: Locale;
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
  defaultTerritory: string;
  router: IntentRouter;
  menu: string[];
  defaultLocale: Locale;
  retentionDays: number;
  resumeAfterMs: number;
  logger: Logger;
  now?: () => number;
}

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
    this.conversationState = new LeanConversationState(deps.storage);
    this.userState = new LeanUserState(deps.storage);
    this.dialogState = this.conversationState.createProperty('dialogState');
    this.convData = this.conversationState.createProperty('data');
    this.profile = this.userState.createProperty('profile');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new GuideDialog(deps.catalog, deps.strings, deps.handoff));
    this.dialogs.add(deps.handoff);

    this.onMessage(async (ctx, next) => {
      await this.boundary(ctx, () => this.handleMessage(ctx));
      await next();
    });
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

  /** The one error boundary of a turn. */
  private async boundary(ctx: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      // Both states are read, and written, at the same time: two Redis round trips per turn, not four.
      await Promise.all([this.conversationState.load(ctx), this.userState.load(ctx)]);
      await work();
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
    const dc = await this.dialogs.createContext(ctx);
    const channelTerritory = (ctx.activity.channelData as { territory?: unknown } | undefined)?.territory;
    ctx.turnState.set(TERRITORY_TURN_KEY, typeof channelTerritory === 'string' ? channelTerritory : this.deps.defaultTerritory);
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

    // With a mediator (or waiting for one), everything goes to the handoff: never both answering.
    if (dc.activeDialog?.id === HANDOFF_DIALOG_ID && command === 'menu' && (await this.deps.handoff.leave(dc))) {
      await this.rememberProgress(dc, profile);
      await dc.cancelAllDialogs();
      await say(ctx, this.menuMessage(localeOf(ctx)));
      return;
    }
    if (dc.activeDialog?.id === HANDOFF_DIALOG_ID && command !== 'stop' && command !== 'lang-fr' && command !== 'lang-en') {
      await dc.continueDialog();
      if (!dc.activeDialog) await say(ctx, this.menuMessage(localeOf(ctx)));
      await this.rememberProgress(dc, profile);
      return;
    }
    if (masked !== text) await say(ctx, { text: t('handoff.dataWarning') });

    if (command === 'stop') {
      await this.rememberProgress(dc, profile);
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
        s.t(locale, 'welcome.privacy', { days: this.deps.retentionDays }),
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
    const options = this.pickChoices(offer.options, locale);
    const pick = recognizeChoice(text, options, locale);
    if (!pick) return false;
    await this.startIntent(dc, pick.value, profile);
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
      label: this.deps.catalog.get(intent)?.guide.title[locale] ?? this.deps.strings.t(locale, 'menu.mediator'),
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
    const answers: Record<string, StringKey> = {
      'pass-numerique': 'intent.passNumerique',
      apprendre: 'intent.apprendre',
      'aide-proximite': 'intent.aideProximite',
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
    const result = await dc.beginDialog(GUIDE_DIALOG_ID, { guideId: intent } satisfies GuideOptions);
    await this.afterGuide(dc, result.status === DialogTurnStatus.complete ? result.result : undefined, profile);
  }

  /** After a guide turn: menu when it ended, progress saved for "on reprend ?". */
  private async afterGuide(dc: DialogContext, result: GuideResult | undefined, profile: UserProfile): Promise<void> {
    if (result) {
      if (profile.progress?.guideId === result.guideId) profile.progress = undefined;
      await say(dc.context, this.menuMessage(localeOf(dc.context)));
      return;
    }
    await this.rememberProgress(dc, profile);
  }

  private async rememberProgress(dc: DialogContext, profile: UserProfile): Promise<void> {
    const p = GuideDialog.progress(dc, this.deps.catalog);
    if (p) profile.progress = { ...p, at: this.now() };
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
