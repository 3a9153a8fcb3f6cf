/**
 * Where a turn lands when no dialog takes it, and what happens when a dialog ends: the menu, the
 * free-text router, starting an intent by its id, following a dialog's outcome (src/conversation/outcome.ts),
 * and the progress kept for "on reprend ?".
 */
import { DialogTurnStatus, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ChoiceOption } from '../conversation/choice';
import { DIALOG } from '../conversation/dialogIds';
import type { HandoffReason, HandoffRequest } from '../conversation/handoffHook';
import { citizenKeyOf, territoryOf } from '../conversation/identity';
import { INTENT } from '../conversation/intents';
import { OUTCOME } from '../conversation/keys';
import type { BotMessage } from '../conversation/message';
import { outcomeOf, type DialogOutcome } from '../conversation/outcome';
import { CULTURE_OF, say } from '../conversation/turn';
import { TRANSCRIPT_LINES } from '../conversation/transcript';
import { GuideDialog, type GuideOptions } from '../guides/guideDialog';
import { guideContextOf } from '../guides/dialogs/handoffContext';
import type { Locale } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { isDontKnow, recognizeChoice, recognizeChoiceHow } from '../nlu/choices';
import { detectLanguage, wordsOf } from '../nlu/language';
import { saysNoneOfThese } from '../nlu/noneOfThese';
import { REMINDER_AFTER_GUIDE } from '../reminders/schedule';
import { capabilitiesOf } from '../channels/capabilities';
import type { Turn } from './context';
import type { BotDeps } from './deps';
import { ShortTextMemo } from './shortTextMemo';
import { severalNeeds, startSeveral, withoutNeed } from './severalNeeds';

/** Router confidence needed to start a guide without asking. */
export const CONFIDENT = 0.6;
/** How far back what the citizen said before a guide starts may answer its questions. */
const SAID_JUST_BEFORE_MS = 10 * 60_000;
/**
 * The progress's `at` is refreshed at most this often while the citizen stays at one step (nothing reads it but its
 * presence: a turn that changes nothing a citizen would notice writes no user state; its retention then runs from
 * at most an hour before the last turn, never longer than the citizen is told).
 */
const PROGRESS_STAMP_MS = 60 * 60_000;

export class Home {
  private readonly now: () => number;
  /** `menuPick`'s memo: locale and text → the menu's answer (undefined: none). */
  private readonly menuPicks = new ShortTextMemo<ReturnType<typeof recognizeChoiceHow>>();

  constructor(
    private readonly deps: BotDeps,
    /** "Effacer mes données" was confirmed: the bot forgets the conversation. */
    private readonly onErased: (turn: Turn) => Promise<void>,
    /** Words to serve as if just written (a problem told during a handoff the citizen declined). */
    private readonly onRetell: (turn: Turn, text: string) => Promise<void> = async () => undefined,
  ) {
    this.now = deps.now ?? Date.now;
  }

  // ---- the menu -------------------------------------------------------------------------------------

  menuChoices(locale: Locale): ChoiceOption[] {
    const guides = this.deps.menu.map((id) => this.deps.catalog.get(id)).filter((g) => g !== undefined);
    const choices: ChoiceOption[] = guides.map((g, i) => ({ key: String(i + 1), label: g.guide.title[locale], value: g.guide.id }));
    choices.push({ key: '0', label: this.deps.strings.t(locale, 'menu.mediator'), value: INTENT.mediator });
    return choices;
  }

  menuMessage(locale: Locale): BotMessage {
    return { text: '', question: this.deps.strings.t(locale, 'menu.question'), choices: this.menuChoices(locale) };
  }

  async menu(turn: Turn): Promise<void> {
    await say(turn.ctx, this.menuMessage(turn.locale()));
  }

  /** The menu, or the offer to resume an unfinished guide. */
  async showHome(turn: Turn): Promise<void> {
    const p = turn.profile.progress;
    if (p && this.deps.catalog.get(p.guideId) && !turn.dc.activeDialog) {
      await this.act(turn, () => turn.dc.beginDialog(DIALOG.resume, { guideId: p.guideId, stepId: p.stepId }));
      return;
    }
    await this.menu(turn);
  }

  // ---- running dialogs ----------------------------------------------------------------------------

  /** Run a dialog call, then do what the dialog that ended asked (also when a dialog below resumed). */
  async act(turn: Turn, run: () => Promise<DialogTurnResult>): Promise<void> {
    const outcome = await this.run(turn, run);
    if (outcome) await this.follow(turn, outcome);
  }

  /** Run a dialog call; the outcome of the dialog that ended, if one did (an empty stack ends with {}). */
  async run(turn: Turn, run: () => Promise<DialogTurnResult>): Promise<DialogOutcome | undefined> {
    OUTCOME.take(turn.ctx);
    const result = await run();
    return OUTCOME.take(turn.ctx) ?? (result.status === DialogTurnStatus.complete ? outcomeOf(result.result) : undefined);
  }

  /** The message goes to the active dialog, else to the menu and the router. */
  async dispatch(turn: Turn): Promise<void> {
    if (turn.dc.activeDialog) return this.act(turn, () => turn.dc.continueDialog());
    return this.landing(turn);
  }

  async follow(turn: Turn, o: DialogOutcome): Promise<void> {
    const { dc } = turn;
    if (o.erased) return this.onErased(turn);
    if (o.dropProgress) turn.profile.progress = undefined;
    if (o.guide) this.guideEnded(turn, o.guide.id, o.guide.completed);
    if (o.resume) {
      const active = GuideDialog.progress(dc, this.deps.catalog);
      if (active?.guideId === o.resume.guideId) await dc.repromptDialog();
      else {
        await dc.cancelAllDialogs();
        await this.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: o.resume!.guideId, stepId: o.resume!.stepId } satisfies GuideOptions));
      }
      return;
    }
    if (o.retell) return this.onRetell(turn, o.retell);
    if (o.pass || o.handoffOver) return this.dispatch(turn);
    if (o.next === 'menu') {
      if (!o.dropProgress) await this.rememberProgress(turn);
      await dc.cancelAllDialogs();
      return this.menu(turn);
    }
    if (o.next) return this.startIntent(turn, o.next);
    if (o.guide?.completed && (await this.offerReminder(turn, o.guide.id))) return;
    if (!dc.activeDialog && !o.quiet) await (turn.conv.nextNeeds?.length ? this.offerNextNeed(turn) : this.menu(turn));
  }

  /** "Laisse tomber": what is under way stops, kindly; a guide keeps its step for "on reprend ?" next time. */
  async quit(turn: Turn): Promise<void> {
    const p = GuideDialog.progress(turn.dc, this.deps.catalog);
    await this.rememberProgress(turn);
    await turn.dc.cancelAllDialogs();
    await say(turn.ctx, { text: p ? turn.t('command.quitGuide', { n: p.stepNumber }) : turn.t('command.quit') });
    if (turn.conv.nextNeeds?.length) await this.offerNextNeed(turn);
  }

  /** The other formalities named with the one that ended: which one now ("oui" takes the only one). */
  async offerNextNeed(turn: Turn): Promise<void> {
    await this.act(turn, () => turn.dc.beginDialog(DIALOG.pick, { candidates: turn.conv.nextNeeds ?? [], question: turn.conv.nextNeeds?.length === 1 ? 'several.nextOne' : 'several.next' }));
  }

  // ---- intents --------------------------------------------------------------------------------------

  /** The guide under way or offered, and where in it (src/guides/dialogs/handoffContext.ts): the mediator sees it. */
  handoffRequest(turn: Turn, reason: HandoffReason): HandoffRequest {
    return { reason, ...guideContextOf(turn.dc, this.deps.catalog) };
  }

  async startIntent(turn: Turn, intent: string, reason: HandoffReason = 'intent'): Promise<void> {
    const { dc, ctx } = turn;
    switch (intent) {
      case 'menu':
        await this.rememberProgress(turn);
        await dc.cancelAllDialogs();
        return this.menu(turn);
      case INTENT.mediator:
        return this.deps.handoff.start(dc, this.handoffRequest(turn, reason));
      case INTENT.erase:
        return this.act(turn, () => dc.beginDialog(DIALOG.erase));
      case INTENT.places:
        return this.act(turn, () => dc.beginDialog(DIALOG.places));
      case INTENT.learn:
        if (this.deps.selfCheck) {
          await dc.cancelAllDialogs();
          return this.act(turn, () => dc.beginDialog(DIALOG.selfCheck));
        }
        return this.answerThenMenu(turn, 'intent.apprendre');
      case INTENT.passNumerique:
        return this.answerThenMenu(turn, 'intent.passNumerique');
      default:
    }
    if (!this.deps.catalog.get(intent)) {
      await say(ctx, { text: turn.t('understand.free') });
      return this.menu(turn);
    }
    turn.conv.nextNeeds = withoutNeed(turn.conv.nextNeeds, intent);
    await dc.cancelAllDialogs();
    this.deps.stats?.guideStarted(this.territory(turn), intent, this.now()).catch((err: unknown) => this.deps.logger.warn({ err }, 'statistics not recorded'));
    await this.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: intent, heard: this.saidJustBefore(turn, intent) } satisfies GuideOptions));
  }

  /** The citizen's last messages (masked transcript), within a few minutes ("moi je dépends de la MSA", then "la prime
   *  d'activité"): a guide may find its answers there. */
  private saidJustBefore(turn: Turn, intent: string): string[] {
    // The citizen's lines still among the transcript's last ones, within the time.
    const total = turn.conv.lines ?? 0;
    const lines = (turn.conv.said ?? []).filter((l) => l.n > total - TRANSCRIPT_LINES && turn.now - l.at <= SAID_JUST_BEFORE_MS);
    // A short line was an answer to an offer ("pas maintenant", "oui"), not something about the citizen; a line
    // that asked for another guide ("mot de passe oublié" before the scam guide) says nothing about this one.
    const otherGuide = (text: string) => {
      const r = this.deps.router.route(text, turn.locale());
      return r.intent !== intent && r.score >= CONFIDENT && Boolean(this.deps.catalog.get(r.intent));
    };
    return lines.slice(0, -1).slice(-2).map((l) => l.text).filter((t) => t.trim().split(/\s+/).length >= 4 && !otherGuide(t));
  }

  private async answerThenMenu(turn: Turn, key: StringKey): Promise<void> {
    await say(turn.ctx, { text: turn.t(key) });
    await this.menu(turn);
  }

  // ---- the landing: menu numbers, free text -----------------------------------------------------

  /** No dialog is waiting for an answer: a menu number, or free text for the router, or the menu. */
  async landing(turn: Turn, opts: { quietOnNone?: boolean } = {}): Promise<void> {
    const locale = turn.locale();
    // A bare number as the very first message: the citizen has not seen the menu yet, so it means nothing.
    const found = turn.first && /^\s*\d+\s*$/.test(turn.text) ? undefined : this.menuPick(turn.text, locale);
    // A sentence that only looks like a menu title ("mon fils m'a créé un compte ameli mais j'ai oublié le mot de
    // passe" is not "Créer mon compte Ameli"): the router's confident reading, or several formalities named, win.
    const menuPick = found && (found.how === 'exact' || !(this.routesElsewhere(turn, found.option.value) || severalNeeds(this.deps, turn.text, locale))) ? found.option : undefined;
    if (menuPick) return this.startIntent(turn, menuPick.value);
    // "aucun", "rien de tout ça", "nan c pa sa": none of the menu's guides — ask in a few words, not "pas compris"
    // (a bare "non" says nothing about the guides).
    // "je sais pas", "aucune idée", "je sais pas quoi choisir": no miss — what to write instead, with examples.
    const unsure = !opts.quietOnNone && isDontKnow(turn.text);
    if (unsure || (!turn.first && !opts.quietOnNone && saysNoneOfThese(turn.text, { bareNo: false }))) {
      await say(turn.ctx, { text: turn.t(unsure ? 'understand.dontKnowWhat' : 'understand.pickNone') });
      return this.menu(turn);
    }
    // A list of guesses ("Je ne comprends pas bien. Vous voulez :") is a miss: the next one offers a person or a place,
    // in another sentence than the guesses' own (2: `understand.miss3`).
    if (await this.route(turn, opts.quietOnNone === true)) return void (turn.conv.misses = this.guessing(turn) ? 2 : 0);
    if (opts.quietOnNone) return this.showHome(turn);
    await this.menu(turn);
  }

  /**
   * The menu's answer a message gives (`recognizeChoiceHow` over `menuChoices`), remembered for short messages: the
   * menu depends on the locale alone, most landings are the same few words ("menu", "impots", "1"), and reading the
   * eight titles costs ~30 µs. Each caller gets its own copy.
   */
  private menuPick(text: string, locale: Locale): ReturnType<typeof recognizeChoiceHow> {
    const found = this.menuPicks.get(text, locale, () => recognizeChoiceHow(text, this.menuChoices(locale), locale));
    return found && { option: { ...found.option }, how: found.how };
  }

  /** The guesses are on screen ("Je ne comprends pas bien. Vous voulez :"), not a list asked for. */
  private guessing = (turn: Turn) => turn.dc.activeDialog?.id === DIALOG.pick && !(turn.dc.activeDialog.state as { question?: string }).question;

  /** The router reads the message, confidently, as another guide than `intent`. */
  private routesElsewhere(turn: Turn, intent: string): boolean {
    const r = this.deps.router.route(turn.routeText ?? turn.text, turn.locale());
    return r.intent !== intent && r.score >= CONFIDENT && Boolean(this.deps.catalog.get(r.intent));
  }

  /** Free text → a guide or system intent. False when nothing fitted (after saying so unless quiet). */
  async route(turn: Turn, quiet: boolean): Promise<boolean> {
    let locale = turn.locale();
    const text = turn.routeText ?? turn.text;
    let r = this.deps.router.route(text, locale);
    // A message in the other language that only that language's router understands ("renew passport"); never one
    // with words of the conversation's own ("les impots me demandent 400 euros par sms" is French).
    if ((r.intent === 'none' || r.score < CONFIDENT) && detectLanguage(text) === undefined && wordsOf(text, locale) === 0) {
      const other: Locale = locale === 'fr' ? 'en' : 'fr';
      const r2 = this.deps.router.route(text, other);
      if (r2.intent !== 'none' && r2.score >= 0.8 && other === 'en') {
        this.switchLanguage(turn, other);
        locale = other;
        r = r2;
      }
    }
    if (r.intent === 'none' || r.score < 0.2) {
      if (!quiet) {
        // Never the same sentence twice; from the second miss on, a person or a place (and a phone line).
        const misses = (turn.conv.misses ?? 0) + 1;
        turn.conv.misses = misses;
        const phone = this.deps.helpPhone?.(this.territory(turn));
        // A real sentence about something we have no guide for ("je veux faire une procuration pour voter") is
        // not "pas compris": the bot says it cannot help with that yet, and who can.
        const sentence = text.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w)).length >= 3;
        const first = sentence ? [turn.t('understand.unknownTopic'), turn.t('understand.personForThis')] : [turn.t('understand.free')];
        const lines = misses <= 1 ? first : [turn.t(misses % 2 === 0 ? 'understand.miss2' : 'understand.miss3'), turn.t('understand.offerHelp')];
        if (misses > 1 && phone) lines.push(turn.t('understand.offerPhone', { phone }));
        await say(turn.ctx, { text: lines.join('\n') });
      }
      return false;
    }
    // "ma carte grise et aussi les impôts": every one said back, the first started, the others kept for after.
    // "la caf et mes impôts": an organisation named alone is asked about (which formality), never guessed.
    if (await startSeveral(this, this.deps, turn, text)) return true;
    if (r.score >= CONFIDENT) {
      await this.startIntent(turn, r.intent);
      return true;
    }
    const candidates = [r, ...r.alternatives].filter((c) => c.intent !== 'none').slice(0, 3).map((c) => c.intent);
    await this.act(turn, () => turn.dc.beginDialog(DIALOG.pick, { candidates }));
    return true;
  }

  /** The conversation goes on in another language (the citizen can switch back at any time). */
  switchLanguage(turn: Turn, locale: Locale): void {
    turn.profile.locale = locale;
    turn.ctx.activity.locale = CULTURE_OF[locale];
  }

  titleOf(intent: string, locale: Locale): string | undefined {
    return this.deps.catalog.get(intent)?.guide.title[locale] ?? this.deps.router.title?.(intent, locale);
  }

  // ---- progress, statistics, reminders ----------------------------------------------------------------

  territory(turn: Turn): string {
    return territoryOf(turn.ctx, this.deps.defaultTerritory);
  }

  private count(work: Promise<unknown> | undefined): void {
    work?.catch((err: unknown) => this.deps.logger.warn({ err }, 'statistics not recorded'));
  }

  private guideEnded(turn: Turn, guideId: string, completed: boolean): void {
    const t = this.territory(turn);
    const p = turn.profile.progress;
    turn.conv.finished = completed ? { guideId, at: this.now() } : undefined;
    if (completed) {
      this.count(this.deps.stats?.guideCompleted(t, guideId, this.now()));
      if (p?.guideId === guideId) this.count(this.deps.stats?.guideStepLeft(t, guideId, p.stepId, this.now()));
    }
    if (p?.guideId === guideId) turn.profile.progress = undefined;
  }

  async rememberProgress(turn: Turn): Promise<void> {
    const p = GuideDialog.progress(turn.dc, this.deps.catalog);
    if (!p) return;
    const before = turn.profile.progress;
    const now = this.now();
    if (before?.guideId !== p.guideId || before.stepId !== p.stepId) {
      const t = this.territory(turn);
      if (before?.guideId === p.guideId) this.count(this.deps.stats?.guideStepLeft(t, p.guideId, before.stepId, now));
      this.count(this.deps.stats?.guideStepReached(t, p.guideId, p.stepId, now));
    } else if (before.version === p.version && before.stepNumber === p.stepNumber && before.stepTotal === p.stepTotal && now >= before.at && now - before.at < PROGRESS_STAMP_MS) {
      // The same step, stamped less than an hour ago: the profile stays as it is, so the turn does not write it.
      return;
    }
    turn.profile.progress = { ...p, at: now };
  }

  /** After a guide with a deadline, on a channel that reaches the phone: "Voulez-vous un rappel ?" */
  private async offerReminder(turn: Turn, guideId: string): Promise<boolean> {
    const kind = REMINDER_AFTER_GUIDE[guideId];
    if (!kind || !this.deps.reminders || !capabilitiesOf(turn.ctx.activity.channelId).push) return false;
    const existing = await this.deps.reminders.list(citizenKeyOf(turn.ctx));
    if (existing.some((r) => r.kind === kind)) return false;
    await this.act(turn, () => turn.dc.beginDialog(DIALOG.reminderOffer, { kind }));
    return true;
  }
}
