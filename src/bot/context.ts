/**
 * What the steps of a turn share: the turn, the dialog context, the citizen's saved state, and what
 * was read from the message once (command, signals). Built by the bot, passed down the pipeline.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Command } from '../conversation/commands';
import type { TranscriptLine } from '../conversation/transcript';
import type { GuideProgress } from '../guides/guideDialog';
import type { Locale } from '../i18n/locale';
import type { StringKey, Vars } from '../i18n/strings';
import type { Signal } from '../nlu/signals';

/** A citizen's line of the transcript, kept in the state (home.ts reads what was said just before a guide). */
export interface SaidLine {
  text: string;
  at: number;
  /** Its number in the transcript (1 = the first line ever). */
  n: number;
}

/** Saved per conversation. */
export interface ConversationData {
  welcomed?: boolean;
  lastSeenAt?: number;
  /**
   * Before the transcript had its own log beside the state (src/bot/steps/input.ts): the last lines, masked.
   * A conversation saved then moves them to the log at its next message.
   */
  transcript?: TranscriptLine[];
  /** How many lines (the citizen's and the bot's) the transcript has had: which `said` lines are still among its last. */
  lines?: number;
  /** The citizen's last lines (masked), with their number in the transcript: what they "said just before". */
  said?: SaidLine[];
  /** Messages in a row the menu and the router did not understand (asked again differently, then a person offered). */
  misses?: number;
  /** The id of the last message handled (a provider's message id on SMS, WhatsApp, Telegram). */
  lastInboundId?: string;
  /** A voice note's words waiting for the citizen's "oui" (kept one message only; src/bot/steps/voiceNote.ts). */
  voicePending?: string;
  /** Guides named with the one under way, in one message, not started yet (src/bot/severalNeeds.ts). */
  nextNeeds?: string[];
  /** Where "et après ?" was last answered (guide and step) and how many times in a row: never the same reply twice. */
  whatNext?: { at: string; times: number };
  /** The guide completed last, and when: what "c'est fini ?", "ça a pas marché" are about (src/bot/steps/afterGuide.ts). */
  finished?: { guideId: string; at: number };
  /** The last handoff a mediator closed: when, and its guide — what "le même problème" is then (src/bot/steps/helpedAgain.ts). */
  helped?: { at: number; guideId?: string };
}

/** Saved per citizen (across conversations of the same channel user). */
export interface UserProfile {
  locale?: Locale;
  /** On a national number: the territory chosen from the citizen's postal code. */
  territory?: string;
  /**
   * The unfinished guide, kept across conversations (a new web session, days later on SMS); `at`: when it was last
   * at this step, to the hour (src/bot/home.ts `rememberProgress`).
   */
  progress?: GuideProgress & { at: number };
}

export interface Turn {
  ctx: TurnContext;
  dc: DialogContext;
  profile: UserProfile;
  conv: ConversationData;
  /** What the citizen wrote (trimmed, cut to the longest input read). */
  text: string;
  /** The same, masked (NIR, IBAN, phone numbers…): what may be stored or shown to a mediator. */
  masked: string;
  command?: Command;
  /** What the router reads when it differs from the text (the feeling set aside). */
  routeText?: string;
  /** What the message says whatever the question (src/nlu/signals.ts). */
  signals: Signal[];
  /** The first message of the conversation (just welcomed). */
  first?: boolean;
  /** The clock of this turn and the silence before it (ms). */
  now: number;
  idleFor: number;
  locale(): Locale;
  t(key: StringKey, vars?: Vars): string;
}
