/**
 * "Où trouver de l'aide ?": ask for a postal code or a commune, then the 3 nearest places, one
 * short message each. Started by the `aide-proximite` intent, by the handoff when nobody can answer,
 * and by guide steps (`goto: places`). Two misunderstood answers → a kind word and back (the menu, or
 * the guide underneath).
 * Never looks at the channel: the renderer decides buttons vs numbered text vs SMS length.
 */
import { Dialog, DialogReason, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { localeOf, say } from '../conversation/turn';
import { COMMAND } from '../conversation/keys';
import { DIALOG } from '../conversation/dialogIds';
import { finish, isDirective, outcomeOf } from '../conversation/outcome';
import type { Strings, StringKey } from '../i18n/strings';
import { GO_ON_SYNONYMS, recognizeChoice, type AnswerStrength } from '../nlu/choices';
import type { ChoiceOption } from '../conversation/choice';
import { fold } from '../text/fold';
import { departmentOf, type Locality } from './locate';
import type { NearPlace, PlaceDirectory } from './index';
import type { Place } from './schema';
import { formatDate, placeBlock } from './render';
import { asksOpeningHours } from './asks';
import { weekHours, weekHoursShort } from './week';
import { daysAsked, hoursNow, hoursOnDays, onlyADay } from './hoursForEach';
import { asksWhere, placeAnswers, placeByRank, placeQuestion } from './placeQuestions';

export const PLACES_DIALOG_ID = DIALOG.places;
/** How many places are shown. */
export const NEAREST = 3;
const MAX_TRIES = 2;
const MAX_OPTIONS = 4;
const CANCEL_WORDS = ['annuler', 'annule', 'cancel', 'laisse tomber', 'non merci', 'rien'];

interface PlacesState {
  /** ask: where?; pick: which of these towns?; shown: the places are on screen, what next? */
  phase: 'ask' | 'pick' | 'shown';
  tries: number;
  options?: Locality[];
  /** The town the places were found near (to show one of them again: "2", "le deuxième"). */
  near?: Locality;
  /** The citizen asked for a France Services office ("france services le plus proche"). */
  franceServices?: boolean;
  /** Opened from another dialog (a guide, the self-check): "back" returns to its question, not the menu. */
  within?: boolean;
  /** The place shown again on its own ("2"): what follows without a number is about it ("c'est ouvert quand ?"). */
  focus?: number;
  /** The hours of a day were just given for every place: "et demain ?" asks the same of another day. */
  byDay?: boolean;
}

/** "france services", "maison france service", "MSAP" (its former name) in what started the dialog. */
const FRANCE_SERVICES = /\bfrance\s*services?\b|\bmsap\b|\bmaisons? de services\b/;

/** What the dialog returns when it is done: the bot then shows the menu, as after a guide. */
export interface PlacesResult {
  guideId: 'aide-proximite';
  completed: boolean;
}

export interface PlacesDeps {
  /** The directory, loaded on first use (the index takes ~0.2 s to read). */
  directory: () => PlaceDirectory;
  strings: Strings;
  now: () => number;
  /** Told when the index cannot be loaded (the citizen then gets the general advice). */
  onError?: (err: unknown) => void;
  /** Told of each lookup (reports and metrics): the territory of the turn, and whether places were found. */
  onLookup?: (ctx: TurnContext, found: boolean) => void;
  /**
   * A booking link in the short form of our own domain (`{PUBLIC_BASE_URL}/r/<id>`), for the texts of small
   * screens and SMS (BotMessage.short: the renderer picks it where the channel prefers it). Absent or failing:
   * the link is written in full.
   */
  shortLink?: (ctx: TurnContext, url: string) => Promise<string>;
}

export class PlacesDialog extends Dialog {
  constructor(private readonly deps: PlacesDeps) {
    super(PLACES_DIALOG_ID);
  }

  private t(ctx: TurnContext, key: StringKey, vars?: Record<string, string | number>): string {
    return this.deps.strings.t(localeOf(ctx), key, vars);
  }

  private state(dc: DialogContext): PlacesState {
    return dc.activeDialog!.state as PlacesState;
  }

  /**
   * A short question about the places on screen ("c'est gratuit ?", "il faut un rdv ?") is theirs, before the global
   * understanding reads it as a formality's price. Not with an amount: "on me demande 50 euros" is checked as a scam.
   */
  answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    const folded = fold(text);
    return this.state(dc)?.phase === 'shown' && !/\d/.test(folded) && placeQuestion(folded) ? 'exact' : undefined;
  }

  /** The directory, or undefined (and the general advice said) when the index cannot be read. */
  private async directory(dc: DialogContext): Promise<PlaceDirectory | undefined> {
    try {
      return this.deps.directory();
    } catch (err) {
      this.deps.onError?.(err);
      await say(dc.context, { text: this.t(dc.context, 'intent.aideProximite') });
      return undefined;
    }
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    const st: PlacesState = { phase: 'ask', tries: 0, franceServices: FRANCE_SERVICES.test(fold(text)) || undefined };
    Object.assign(dc.activeDialog!.state, st);
    const directory = await this.directory(dc);
    if (!directory) return dc.endDialog({ guideId: 'aide-proximite', completed: false } satisfies PlacesResult);
    // "france services 26000", "j'habite à Dijon, où on peut m'aider ?": the place is already there.
    const found = /(?:^|\D)\d{2}\s?\d{3}(?:\D|$)/.test(text) ? directory.gazetteer.locate(text) : directory.gazetteer.inSentence(text);
    if (found.kind === 'found') return this.answer(dc, directory, found.locality);
    if (found.kind === 'ambiguous') return this.offerPick(dc, found.options);
    await say(dc.context, { text: this.t(dc.context, 'places.ask') });
    return Dialog.EndOfTurn;
  }

  /** Back from a dialog on top of it (a confirmation, an offer): ask again where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (!isDirective(outcomeOf(result))) await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: { state: unknown }): Promise<void> {
    const st = instance.state as PlacesState;
    if (st.phase === 'pick' && st.options) await say(context, this.pickMessage(context, st.options));
    else if (st.phase === 'shown') await say(context, this.nextMessage(context, NEAREST, st.within === true));
    else await say(context, { text: this.t(context, 'places.ask') });
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const command = COMMAND.get(ctx);
    if (command === 'back') return dc.endDialog({ guideId: 'aide-proximite', completed: false } satisfies PlacesResult);
    if (command === 'repeat' || command === 'restart') {
      await this.repromptDialog(ctx, dc.activeDialog!);
      return Dialog.EndOfTurn;
    }
    const text = (ctx.activity.text ?? '').trim();
    if (CANCEL_WORDS.includes(fold(text))) return dc.endDialog({ guideId: 'aide-proximite', completed: false } satisfies PlacesResult);

    const directory = await this.directory(dc);
    if (!directory) return dc.endDialog({ guideId: 'aide-proximite', completed: false } satisfies PlacesResult);
    if (st.phase === 'shown') return this.afterList(dc, directory, text);
    if (st.phase === 'pick' && st.options) {
      const pick = recognizeChoice(text, this.pickChoices(st.options), localeOf(ctx));
      if (pick) return this.answer(dc, directory, st.options[Number(pick.value)]);
    }
    const found = directory.gazetteer.locate(text);
    if (found.kind === 'found') return this.answer(dc, directory, found.locality);
    if (found.kind === 'ambiguous') return this.offerPick(dc, found.options);
    st.tries += 1;
    if (st.tries >= MAX_TRIES) {
      await say(ctx, { text: `${this.t(ctx, 'places.notFound')}\n${this.t(ctx, 'places.person')}` });
      return dc.endDialog({ guideId: 'aide-proximite', completed: false } satisfies PlacesResult);
    }
    await say(ctx, { text: this.t(ctx, 'places.retry') });
    return Dialog.EndOfTurn;
  }

  private async offerPick(dc: DialogContext, options: Locality[]): Promise<DialogTurnResult> {
    const st = this.state(dc);
    st.phase = 'pick';
    st.options = options.slice(0, MAX_OPTIONS);
    await say(dc.context, this.pickMessage(dc.context, st.options));
    return Dialog.EndOfTurn;
  }

  /** One place; with a booking link, its short text carries our short link when that is shorter. */
  private async placeMessage(ctx: TurnContext, n: number, near: NearPlace, now: Date): Promise<{ text: string; short?: string }> {
    const locale = localeOf(ctx);
    const text = placeBlock(n, near, now, locale, this.deps.strings);
    const url = near.place.prise_rdv;
    if (!url || !this.deps.shortLink) return { text };
    const short = await this.deps.shortLink(ctx, url).catch(() => undefined);
    return short && short.length < url.length ? { text, short: placeBlock(n, near, now, locale, this.deps.strings, short) } : { text };
  }

  /** "Liste des lieux mise à jour le …" (the newest source's date) before "Appelez avant de vous déplacer". */
  private footer(ctx: TurnContext, directory: PlaceDirectory): string {
    const date = formatDate(directory.updatedAt, localeOf(ctx));
    const footer = this.t(ctx, 'places.footer');
    return date ? `${this.t(ctx, 'places.updated', { date })} ${footer}` : footer;
  }

  private pickChoices(options: Locality[]): ChoiceOption[] {
    return options.map((o, i) => ({
      key: String(i + 1),
      label: `${o.name} (${departmentOf(o.postalCode, o.insee)})`,
      value: String(i),
      synonyms: [o.postalCode],
    }));
  }

  private pickMessage(ctx: TurnContext, options: Locality[]) {
    return { text: '', question: this.t(ctx, 'places.pick'), choices: this.pickChoices(options) };
  }

  private async answer(dc: DialogContext, directory: PlaceDirectory, where: Locality): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const locale = localeOf(ctx);
    const onlyFs = this.state(dc).franceServices === true;
    const near = this.nearest(directory, where, onlyFs);
    const place = `${where.name} (${where.postalCode})`;
    this.deps.onLookup?.(ctx, near.length > 0);
    if (near.length === 0) {
      await say(ctx, { text: this.t(ctx, 'places.none', { place }) });
      return dc.endDialog({ guideId: 'aide-proximite', completed: false } satisfies PlacesResult);
    }
    const now = new Date(this.deps.now());
    await say(
      ctx,
      { text: this.t(ctx, onlyFs ? 'places.introFranceServices' : 'places.intro', { n: near.length, place }) },
      ...(await Promise.all(near.map((n, i) => this.placeMessage(ctx, i + 1, n, now)))),
      { text: this.footer(ctx, directory) },
    );
    // The places stay on screen and what follows is about them: "2" is place 2, never the menu's second guide
    // nor the second answer of the question we came from (a guide's "goto: places", the self-check): that
    // question comes back with "Reprendre où j'en étais".
    const st = this.state(dc);
    st.within = dc.stack.length > 1;
    st.phase = 'shown';
    st.near = where;
    st.tries = 0;
    // A new list: no place of the one before is "the one shown" any more.
    st.focus = undefined;
    await say(ctx, this.nextMessage(ctx, near.length, st.within === true));
    return Dialog.EndOfTurn;
  }

  /** After the list: one of them again, somewhere else, back (to the menu, or where we came from). */
  private nextChoices(ctx: TurnContext, shown: number, within: boolean): ChoiceOption[] {
    return [
      { key: String(shown + 1), label: this.t(ctx, 'places.elsewhere'), value: 'elsewhere' },
      { key: String(shown + 2), label: this.t(ctx, within ? 'help.goOn' : 'places.toMenu'), value: 'menu', role: 'no', ...(within ? { synonyms: GO_ON_SYNONYMS } : {}) },
    ];
  }

  private nextMessage(ctx: TurnContext, shown: number, within: boolean) {
    return { text: '', question: this.t(ctx, 'places.next', { n: shown }), choices: this.nextChoices(ctx, shown, within) };
  }

  /**
   * "2", "le 2", "le deuxième", "the second", and a number in a sentence about a place ("le 3, il est ouvert
   * quand ?", "je vais appeler le 2"): one of the places on screen.
   */
  private placeNumber(text: string, shown: number, locale: string): number | undefined {
    const numbers = fold(text).match(/\d+/g) ?? [];
    if (numbers.length === 1 && /^\d$/.test(numbers[0]) && !/\d\s*(?:h|heures?|euros?|€|km|kilom|mois|ans?|jours?)\b/.test(fold(text))) {
      const n = Number(numbers[0]);
      if (n >= 1 && n <= shown) return n - 1;
    }
    const ranked = placeByRank(fold(text), shown);
    if (ranked !== undefined) return ranked;
    const options = Array.from({ length: shown }, (_, i) => ({ key: String(i + 1), label: `${this.t0(locale, 'places.placeWord')} ${i + 1}`, value: String(i) }));
    const pick = recognizeChoice(text.replace(/^\s*(?:le|la|l'|lieu|n°|numero|numéro|place|the)\s*/i, ''), options, locale === 'en' ? 'en' : 'fr');
    return pick ? Number(pick.value) : undefined;
  }

  private t0(locale: string, key: StringKey): string {
    return this.deps.strings.t(locale === 'en' ? 'en' : 'fr', key);
  }

  private async afterList(dc: DialogContext, directory: PlaceDirectory, text: string): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const st = this.state(dc);
    const locale = localeOf(ctx);
    const near = st.near ? this.nearest(directory, st.near, st.franceServices === true) : [];
    // "et demain ?", "et lundi ?" just after a day's hours: the same question, another day.
    const now = new Date(this.deps.now());
    const hours = asksOpeningHours(fold(text)) || ((st.byDay === true || onlyADay(fold(text), now)) && text.trim().split(/\s+/).length <= 4 && daysAsked(fold(text), now).length > 0);
    st.byDay = false;
    // "il faut prendre rdv ?", "c'est gratuit ?": for the place it names or shown alone, else for each place on screen.
    const question = placeQuestion(fold(text));
    if (question) {
      const one = this.placeNumber(text, near.length, locale) ?? st.focus ?? (near.length === 1 ? 0 : undefined);
      const which = (one !== undefined && near[one] ? [one] : near.map((_, k) => k)).map((k) => ({ n: k + 1, place: near[k].place }));
      const lines = placeAnswers(question, which, (key, vars) => this.t(ctx, key, vars));
      await say(ctx, { text: [...lines, this.t(ctx, 'places.footer')].join('\n') }, this.nextMessage(ctx, near.length, st.within === true));
      return Dialog.EndOfTurn;
    }
    // "le 2", or "c'est ouvert quand ?" about the place shown on its own (or the only one).
    const i = this.placeNumber(text, near.length, locale) ?? (hours || asksWhere(fold(text)) ? (st.focus ?? (near.length === 1 ? 0 : undefined)) : undefined);
    if (i !== undefined && near[i]) {
      st.focus = i;
      const t = (key: StringKey, vars?: Record<string, string | number>) => this.t(ctx, key, vars);
      const week = weekHours(near[i].place, now, locale, t);
      const weekMessage = week ? [{ text: week, smsText: weekHoursShort(near[i].place, now, locale, t) }] : [];
      await say(ctx, await this.placeMessage(ctx, i + 1, near[i], now), ...weekMessage, this.nextMessage(ctx, near.length, st.within === true));
      return Dialog.EndOfTurn;
    }
    // "c'est ouvert le samedi ?", "et le samedi ?", "le week-end ?" with several shown: those days, for each of them;
    // "c'est ouvert quand ?": each one now and when it opens next (its number shows its week).
    if (hours && near.length > 1) {
      const days = daysAsked(fold(text), now);
      const t = (key: StringKey, vars?: Record<string, string | number>) => this.t(ctx, key, vars);
      st.byDay = days.length > 0;
      const places = near.map((n) => n.place);
      await say(ctx, { text: days.length > 0 ? hoursOnDays(places, now, days, locale, t) : hoursNow(places, now, locale, t) }, this.nextMessage(ctx, near.length, st.within === true));
      return Dialog.EndOfTurn;
    }
    const next = recognizeChoice(text, this.nextChoices(ctx, near.length, st.within === true), locale);
    if (next?.value === 'menu') return dc.endDialog({ guideId: 'aide-proximite', completed: true } satisfies PlacesResult);
    if (next?.value === 'elsewhere') {
      st.phase = 'ask';
      await say(ctx, { text: this.t(ctx, 'places.ask') });
      return Dialog.EndOfTurn;
    }
    // Another town or postal code: the places near it.
    const found = directory.gazetteer.locate(text);
    if (found.kind === 'found') return this.answer(dc, directory, found.locality);
    if (found.kind === 'ambiguous') return this.offerPick(dc, found.options);
    // Anything else is not about the places any more: the bot handles it as usual.
    return finish(dc, { pass: true });
  }

  private nearest(directory: PlaceDirectory, where: Locality, onlyFs: boolean) {
    return directory.nearest(where.latitude, where.longitude, NEAREST, onlyFs ? (p) => p.dispositif_programmes_nationaux.includes('France Services') : undefined);
  }
}
