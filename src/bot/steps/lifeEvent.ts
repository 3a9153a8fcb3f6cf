/**
 * A life event told inside a guide (src/nlu/lifeEvents.ts: a death, a job lost, a separation, a birth): a kind word,
 * one line on what it may change (only what is sure; otherwise that a person can help), then continue the guide, the
 * guide that helps with the event if we have one, or a person — the guide the citizen was in is never dropped.
 * In the guide that is about the event (the survivor's pension, the France Travail registration), the event is its
 * subject: the kind word, then the guide reads the message as usual.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import type { StringKey } from '../../i18n/strings';
import type { AnswerStrength } from '../../nlu/choices';
import { lifeEventOf, type LifeEvent } from '../../nlu/lifeEvents';
import { plainText } from '../../nlu/signals';
import type { HelpOfferOptions } from '../../prompts/helpOfferDialog';
import type { Turn } from '../context';
import type { Kit } from '../kit';

interface EventReply {
  /** The kind word, and what the event may change. */
  kind: StringKey;
  change: StringKey;
  /** The guide that helps with it, offered. */
  guide?: string;
  /** The guides whose subject the event is. */
  own: string[];
}

const EVENTS: Record<LifeEvent, EventReply> = {
  'death-spouse': { kind: 'kind.bereavement', change: 'life.reversion', guide: 'retraite-reversion', own: ['retraite-reversion'] },
  death: { kind: 'kind.bereavement', change: 'life.death', own: ['retraite-reversion'] },
  'job-loss': { kind: 'life.jobLoss', change: 'life.jobLossChange', guide: 'france-travail-inscription', own: ['france-travail-inscription', 'france-travail-actualisation'] },
  separation: { kind: 'life.separation', change: 'life.separationChange', own: ['retraite-reversion'] },
  birth: { kind: 'life.birth', change: 'life.birthChange', own: ['acte-naissance'] },
};

/** Said and offered (true), or not for here (false): no guide on screen, an exact answer, the guide's own subject. */
export async function lifeEventReply(kit: Kit, turn: Turn, expects: AnswerStrength | undefined): Promise<boolean> {
  const active = turn.dc.activeDialog;
  if (expects === 'exact' || active?.id !== DIALOG.guide) return false;
  const guideId = (active.state as { guideId?: string }).guideId ?? '';
  const current = kit.deps.catalog.get(guideId)?.guide;
  const event = current ? lifeEventOf(plainText(turn.text)) : undefined;
  if (!current || !event) return false;
  const reply = EVENTS[event];
  // A guide that opens with its own condolences (a survivor's pension) has the death as its subject. A death told
  // with a feeling ("je suis pas en état"): condolences, then a person or a place come first (understand.ts).
  const distressed = turn.signals.some((s) => s.kind === 'distress');
  if (event.startsWith('death') && (reply.own.includes(guideId) || current.intro || distressed)) return false;
  if (reply.own.includes(guideId)) {
    // The guide about the event ("mon patron m'a viré" at the France Travail registration): the kind word, then the
    // guide reads the message as usual (its answers, words kept for a later question).
    await say(turn.ctx, { text: turn.t(reply.kind) });
    return false;
  }
  await kit.home.rememberProgress(turn);
  await say(turn.ctx, { text: `${turn.t(reply.kind)}\n${turn.t(reply.change)}` });
  const helps = reply.guide ? kit.deps.catalog.get(reply.guide)?.guide : undefined;
  const options: HelpOfferOptions = {
    underway: true,
    current: current.title,
    ...(helps ? { guide: { id: helps.id, title: helps.title } } : {}),
    reason: `life.${event}`,
  };
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.helpOffer, options));
  return true;
}
