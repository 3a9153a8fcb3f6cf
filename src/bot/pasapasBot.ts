/**
 * The bot: one turn = a pipeline of small steps (src/bot/steps/), each one concern, in this order:
 *   prepare (dedup, territory, language, silence) → STOP silence → input (empty, photo, too long,
 *   transcript) → the handoff relay (a mediator or the queue has the conversation) → data warning →
 *   STOP and language → welcome → commands → language by itself → a scam link already clicked → "vous êtes là ?" →
 *   just after a guide ended ("c'est fini ?") → understanding (safety, a person, feelings, needs, "c'est quoi") → another guide asked for mid-guide → "on reprend ?" after a break → the active dialog, else the menu and
 *   the free-text router.
 * Dialogs (guides, handoff, places, self-check, offers) reach each other by dialog id and tell the bot
 * what to do next through their outcome (src/conversation/outcome.ts). One error boundary per turn:
 * the citizen gets a kind message, the log gets the ids, the conversation restarts from the menu.
 */
import { ActivityHandler, ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogContext, DialogSet, type DialogState } from 'botbuilder-dialogs';
import { commandOf } from '../conversation/commands';
import { DIALOG } from '../conversation/dialogIds';
import { citizenKeyOf, territoryOf } from '../conversation/identity';
import { ERASED, SWITCH_LOCALE, TERRITORY_ROUTED } from '../conversation/keys';
import { CULTURE_OF, localeOf, say } from '../conversation/turn';
import { GuideDialog } from '../guides/guideDialog';
import { PickDialog } from '../guides/pickDialog';
import { ResumeDialog } from '../guides/resumeDialog';
import { WhatIsDialog } from '../guides/whatIsDialog';
import { hashId } from '../logger';
import { signalsOf } from './turnSignals';
import { EraseDialog } from '../privacy/eraseDialog';
import { HelpOfferDialog } from '../prompts/helpOfferDialog';
import { AccountTroubleDialog } from '../prompts/accountTroubleDialog';
import { AccountSiteDialog } from '../prompts/accountSiteDialog';
import { troubleOptions } from './steps/accountTrouble';
import { linkClicked } from './steps/scamReply';
import { helpedAgain } from './steps/helpedAgain';
import type { PromptDeps } from '../prompts/choicePrompt';
import { RemindersDialog } from '../reminders/listDialog';
import { ReminderOfferDialog } from '../reminders/offerDialog';
import { LeanConversationState, LeanUserState } from '../storage/botState';
import type { ConversationData, Turn, UserProfile } from './context';
import type { BotDeps } from './deps';
import type { Locale } from '../i18n/locale';
import { CONFIDENT, Home } from './home';
import type { Kit } from './kit';
import { Pipeline } from './pipeline';
import { commands, stopAndLanguage, welcome } from './steps/commands';
import { botLinesToMediator, handoffRelay } from './steps/handoffRelay';
import { dataWarning, input } from './steps/input';
import { optedOut, prepare } from './steps/prepare';
import { dispatch, resumeAfterBreak } from './steps/resume';
import { language, understand } from './steps/understand';
import { backToKept, otherGuide } from './steps/otherGuide';
import { voiceNote } from './steps/voiceNote';
import { afterGuide } from './steps/afterGuide';
import { stillThere } from './steps/stillThere';

export type { BotDeps } from './deps';
export type { ConversationData, UserProfile } from './context';

/** The states' properties: the dialog stack and the conversation's data (conversation state), the profile (user state). */
const DIALOG_STATE = 'dialogState';
const DATA = 'data';
const PROFILE = 'profile';

export class PasapasBot extends ActivityHandler {
  readonly conversationState: LeanConversationState;
  readonly userState: LeanUserState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly convData: StatePropertyAccessor<ConversationData>;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly dialogs: DialogSet;
  private readonly now: () => number;
  readonly home: Home;
  private readonly kit: Kit;
  private readonly pipeline: Pipeline<Turn>;
  /** The understanding and the landing only: words told earlier, served now (`retell`). */
  private readonly retold: Pipeline<Turn>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.now = deps.now ?? Date.now;
    // Both states are kept as long as the territory of the turn keeps data
    // (the territory chosen from the citizen's postal code in this very turn, if that happened).
    const ttlOf = (ctx: TurnContext) => deps.retention(TERRITORY_ROUTED.get(ctx) ?? territoryOf(ctx, deps.defaultTerritory));
    this.conversationState = new LeanConversationState(deps.storage, ttlOf);
    this.userState = new LeanUserState(deps.storage, ttlOf);
    this.dialogState = this.conversationState.createProperty(DIALOG_STATE);
    this.convData = this.conversationState.createProperty(DATA);
    this.profile = this.userState.createProperty(PROFILE);
    this.home = new Home(deps, (turn) => this.erased(turn), (turn, text) => this.retell(turn, text));
    this.kit = {
      deps,
      home: this.home,
      now: this.now,
      welcome: (turn) => this.welcome(turn),
      citizenKey: (turn) => citizenKeyOf(turn.ctx),
      log: this.conversationState,
    };
    const prompt: PromptDeps = { strings: deps.strings, helpPhone: (ctx) => deps.helpPhone?.(territoryOf(ctx, deps.defaultTerritory)) };
    const reminderDeps = { ...prompt, reminders: deps.reminders!, now: this.now, defaultTerritory: deps.defaultTerritory };
    this.dialogs = new DialogSet(this.dialogState)
      .add(new GuideDialog(deps.catalog, deps.strings, deps.handoff, prompt, this.now))
      .add(deps.handoff)
      .add(deps.places)
      .add(new ResumeDialog(prompt, deps.catalog))
      .add(new PickDialog(prompt, (intent, locale) => this.home.titleOf(intent, locale)))
      .add(new WhatIsDialog(prompt, deps.catalog))
      .add(new HelpOfferDialog(prompt))
      .add(new AccountTroubleDialog(prompt, (text, locale) => confidentGuide(deps, text, locale)))
      .add(new AccountSiteDialog(prompt, (site) => troubleOptions(deps.catalog, site), (text, locale) => confidentGuide(deps, text, locale)))
      .add(new EraseDialog({ ...prompt, erase: deps.erase ?? (async () => undefined) }));
    if (deps.callback) this.dialogs.add(deps.callback);
    if (deps.selfCheck) this.dialogs.add(deps.selfCheck);
    if (deps.reminders) this.dialogs.add(new ReminderOfferDialog(reminderDeps)).add(new RemindersDialog(reminderDeps));

    const k = this.kit;
    this.pipeline = new Pipeline<Turn>().use(
      prepare(k), optedOut(k), botLinesToMediator(k), voiceNote(k), input(k), handoffRelay(k), dataWarning(), stopAndLanguage(k), welcome(k),
      commands(k), language(k), backToKept(k), linkClicked(k), helpedAgain(k), stillThere(k), afterGuide(k), understand(k), otherGuide(k), resumeAfterBreak(k), dispatch(k),
    );
    this.retold = new Pipeline<Turn>().use(understand(k), dispatch(k));

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

  /** A message goes straight to the pipeline; other activity types keep botbuilder's dispatch. */
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
      if (ERASED.get(ctx) === true) return;
      const routed = TERRITORY_ROUTED.get(ctx);
      if (routed) (await this.profile.get(ctx, {})).territory = routed;
      await Promise.all([this.conversationState.saveChanges(ctx), this.userState.saveChanges(ctx)]);
    } catch (err) {
      this.deps.logger.error({ err, conversation: hashId(ctx.activity.conversation?.id ?? ''), channel: ctx.activity.channelId }, 'turn failed');
      try {
        await say(ctx, { text: this.deps.strings.t(localeOf(ctx), 'error.generic') });
        await this.conversationState.delete(ctx);
        await this.convData.set(ctx, { welcomed: true, lastSeenAt: this.now() });
        await this.conversationState.saveChanges(ctx, true);
        await say(ctx, this.home.menuMessage(localeOf(ctx)));
      } catch (again) {
        this.deps.logger.error({ err: again }, 'could not recover the conversation');
        throw again;
      }
    }
  }

  private async turnOf(ctx: TurnContext): Promise<Turn> {
    // The boundary loaded both states: their properties are read at once (the accessors only when not loaded).
    const profile = this.userState.loadedProperty<UserProfile>(ctx, PROFILE, {}) ?? (await this.profile.get(ctx, {}));
    const conv = this.conversationState.loadedProperty<ConversationData>(ctx, DATA, {}) ?? (await this.convData.get(ctx, {}));
    const dialogState = this.conversationState.loadedProperty<DialogState>(ctx, DIALOG_STATE, { dialogStack: [] });
    const text = (ctx.activity.text ?? '').trim();
    const strings = this.deps.strings;
    return {
      ctx,
      dc: dialogState ? new DialogContext(this.dialogs, ctx, dialogState) : await this.dialogs.createContext(ctx),
      profile,
      conv,
      text,
      masked: text,
      command: commandOf(ctx),
      signals: signalsOf(text),
      now: this.now(),
      idleFor: 0,
      locale: () => localeOf(ctx),
      t: (key, vars) => strings.t(localeOf(ctx), key, vars),
    };
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const turn = await this.turnOf(ctx);
    await this.pipeline.run(turn);
    if (ERASED.get(ctx) === true) return;
    const switched = SWITCH_LOCALE.get(ctx);
    if (switched) turn.profile.locale = switched;
    await this.home.rememberProgress(turn);
  }

  /** A problem told during a handoff the citizen declined: served as if just written (the person request aside). */
  private async retell(turn: Turn, text: string): Promise<void> {
    turn.ctx.activity.text = text;
    Object.assign(turn, { text, masked: text, routeText: undefined, command: undefined, first: false });
    turn.signals = signalsOf(text).filter((s) => s.kind !== 'person');
    await this.retold.run(turn);
  }

  /** The web chat opened: the welcome before the citizen writes. */
  private async greet(ctx: TurnContext): Promise<void> {
    const turn = await this.turnOf(ctx);
    if (turn.conv.welcomed) return;
    ctx.activity.locale = CULTURE_OF[turn.profile.locale ?? this.deps.defaultLocale];
    turn.conv.lastSeenAt = this.now();
    await this.welcome(turn);
    await this.home.showHome(turn);
  }

  private async welcome(turn: Turn): Promise<void> {
    const territory = territoryOf(turn.ctx, this.deps.defaultTerritory);
    turn.conv.welcomed = true;
    const privacy = { days: Math.round(this.deps.retention(territory) / 86_400), url: this.deps.privacyUrl?.(territory) ?? '' };
    await say(turn.ctx, {
      text: [turn.t('welcome.greeting'), turn.t('welcome.privacy', privacy), turn.t('welcome.language')].join('\n'),
      // Where the channel prefers short texts (SMS): the privacy line and the warning, so the answer fits after it.
      short: turn.t('welcome.short', privacy),
    });
  }

  /** "Effacer mes données" confirmed: the other stores are erased; the conversation is forgotten here. */
  private async erased(turn: Turn): Promise<void> {
    const { ctx } = turn;
    await turn.dc.cancelAllDialogs();
    await this.conversationState.delete(ctx);
    await this.userState.delete(ctx);
    ERASED.set(ctx, true);
    // The channel may count or remember things after the turn: tell it the citizen is erased.
    ctx.activity.channelData = { ...((ctx.activity.channelData as object | undefined) ?? {}), erased: true };
    this.deps.logger.info({ channel: ctx.activity.channelId, citizen: hashId(citizenKeyOf(ctx)) }, 'citizen data erased on request');
  }

  private async handoffStatus(ctx: TurnContext): Promise<void> {
    const state = (ctx.activity.value as { state?: string } | undefined)?.state;
    const turn = await this.turnOf(ctx);
    ctx.activity.locale = CULTURE_OF[turn.profile.locale ?? this.deps.defaultLocale];
    if (turn.dc.activeDialog?.id !== DIALOG.handoff || (state !== 'failed' && state !== 'completed')) return;
    await say(ctx, { text: turn.t(state === 'failed' ? 'handoff.externalFailed' : 'handoff.closed') });
    await turn.dc.endDialog();
    if (!turn.dc.activeDialog) await this.home.menu(turn);
  }

  menuMessage(locale: Parameters<Home['menuMessage']>[0]) {
    return this.home.menuMessage(locale);
  }
}

export { ActivityTypes };

/** The guide a message asks for confidently, if any (a formality named at a question that does not take it). */
function confidentGuide(deps: BotDeps, text: string, locale: Locale): string | undefined {
  const r = deps.router.route(text, locale);
  return r.intent !== 'none' && r.score >= CONFIDENT && deps.catalog.get(r.intent) ? r.intent : undefined;
}
