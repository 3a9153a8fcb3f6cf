/** What both sides of a handoff need: the queue, the territories, and a request built from the turn. */
import { TurnContext } from 'botbuilder';
import type { HandoffRequest } from '../conversation/handoffHook';
import { channelDataOf } from '../conversation/channelData';
import { citizenKeyOf } from '../conversation/identity';
import { TRANSCRIPT } from '../conversation/keys';
import { TRANSCRIPT_LINES } from '../conversation/transcript';
import { localeOf } from '../conversation/turn';
import type { Locale } from '../i18n/locale';
import type { Strings } from '../i18n/strings';
import { Hours } from '../territories/hours';
import type { TerritoryRegistry } from '../territories/registry';
import { detectSignals, hasSignal } from '../nlu/signals';
import { plainText } from '../nlu/plainText';
import type { HandoffQueue, NewHandoff, TranscriptLine } from './queue';

export interface HandoffDeps {
  queue: HandoffQueue;
  territories: TerritoryRegistry;
  strings: Strings;
  defaultTerritory: string;
  now: () => number;
  guideTitle: (guideId: string, locale: Locale) => string | undefined;
  /**
   * What a message tells of the citizen's problem (./topic.ts): the guide it names with confidence ("c'est pour mes
   * impôts"), none for a problem told without one ("ils m'ont coupé les APL"); undefined when it tells nothing.
   */
  topicOf?: (text: string, locale: Locale) => { guideId?: string } | undefined;
  stepTitle: (guideId: string, stepId: string, locale: Locale) => string | undefined;
  /** The territory's help phone line, offered after a second misunderstood answer. */
  helpPhone?: (territory: string) => string | undefined;
  /** Counts the answers to the satisfaction question (the territory's report). */
  stats?: { satisfactionAnswered(territory: string, answer: string, at: number): Promise<void> };
  /** A link in the short form of our own domain (/r/<id>) for SMS; absent or failing: the link in full. */
  shortLink?: (ctx: TurnContext, url: string) => Promise<string>;
}

/** The request as the queue stores it: the guide and step, the masked transcript, the way back to the citizen. */
export async function newHandoff(deps: HandoffDeps, ctx: TurnContext, territory: string, r: HandoffRequest): Promise<NewHandoff> {
  const transcript = await (TRANSCRIPT.get(ctx)?.() ?? Promise.resolve([]));
  return {
    territory,
    citizenKey: citizenKeyOf(ctx),
    personKey: channelDataOf(ctx).person,
    reference: TurnContext.getConversationReference(ctx.activity),
    channel: ctx.activity.channelId,
    locale: localeOf(ctx),
    reason: r.reason,
    guideId: r.guideId,
    guideTitle: r.guideId ? deps.guideTitle(r.guideId, 'fr') : undefined,
    stepId: r.stepId,
    stepTitle: r.guideId && r.stepId ? deps.stepTitle(r.guideId, r.stepId, 'fr') : undefined,
    stepNumber: r.stepNumber,
    stepTotal: r.stepTotal,
    stage: r.guideId ? r.stage : undefined,
    said: saidStuckOn(transcript.slice(-TRANSCRIPT_LINES)),
    transcript: transcript.slice(-TRANSCRIPT_LINES),
  };
}

/**
 * What the citizen said they were stuck on, for the mediator's card: their last own words (two lines at most), not
 * a bare answer ("1", "oui", a guide's name) nor the request for a person itself. The transcript is already masked.
 */
export function saidStuckOn(transcript: TranscriptLine[]): string | undefined {
  const words = transcript
    .filter((l) => l.from === 'citizen')
    .map((l) => l.text.replace(/\s+/g, ' ').trim())
    .filter((t) => plainText(t).split(' ').length >= 3 && !hasSignal(detectSignals(t), 'person'))
    .slice(-2);
  if (words.length === 0) return undefined;
  const said = words.join(' / ');
  return said.length > SAID_MAX ? `${said.slice(0, SAID_MAX - 1).trimEnd()}…` : said;
}

const SAID_MAX = 160;

export function hoursOf(deps: HandoffDeps, territory: string): Hours {
  return new Hours(deps.territories.get(territory)?.hours ?? '24/7');
}

/** Someone can answer now: within the territory's opening hours and a mediator on duty. */
export async function available(deps: HandoffDeps, territory: string): Promise<boolean> {
  if (!hoursOf(deps, territory).isOpen(new Date(deps.now()))) return false;
  return (await deps.queue.onDutyCount(territory, deps.now())) > 0;
}

/** Position × average recent wait, in whole minutes; undefined without history. */
export async function estimateMinutes(deps: HandoffDeps, territory: string, position: number): Promise<number | undefined> {
  const avg = await deps.queue.averageWaitMs(territory);
  if (avg === undefined) return undefined;
  const onDuty = Math.max(1, await deps.queue.onDutyCount(territory, deps.now()));
  return Math.max(1, Math.round((avg * position) / onDuty / 60_000));
}
