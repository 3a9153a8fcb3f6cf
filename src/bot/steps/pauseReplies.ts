/**
 * Replies to what a citizen says about time (task nlu12a; the signals are read by src/nlu/pause.ts):
 * - a wait ("attendez je reviens", "2 min", "hold on"): a kind word; the question on screen keeps its turn (not
 *   asked again, not a miss), so the next answer goes to it; at the menu, no menu again.
 * - a reminder asked for inside a guide ("rappelle-moi le 28"): the guide's own deadline reminder when it has one
 *   and the channel can write later (the same reminder as the one offered at the end of the guide), else a kind
 *   sentence saying to note the date; then the guide's question again — its place is kept.
 * - "un truc pour la CAF mais je sais pas quoi": a kind word, then that organisation's guides as guesses.
 */
import { TurnContext } from 'botbuilder';
import { DIALOG } from '../../conversation/dialogIds';
import { citizenKeyOf, territoryOf } from '../../conversation/identity';
import { localeOf, say } from '../../conversation/turn';
import { capabilitiesOf } from '../../channels/capabilities';
import { formatDay } from '../../reminders/format';
import { nextDue, REMINDER_AFTER_GUIDE } from '../../reminders/schedule';
import type { GuideState } from '../../guides/dialogs/guideState';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/** "Prenez votre temps": the prompt on screen is left as it is, waiting for its answer. */
export async function sayWait(turn: Turn, subject?: string): Promise<void> {
  // A phone to charge: the place is kept for a longer while (the citizen may come back later, from elsewhere).
  if (subject === 'battery') return say(turn.ctx, { text: turn.t(turn.dc.activeDialog ? 'kind.battery' : 'kind.batteryMenu') });
  // "attendez" alone asks for time but answers nothing: the guide's question counts it as not answered (a next miss
  // offers a person, as after two misses); a wait with a reason ("je cherche mes papiers") counts nothing.
  const active = turn.dc.activeDialog;
  if (subject === 'bare' && active?.id === DIALOG.guide) (active.state as GuideState).failures += 1;
  await say(turn.ctx, { text: turn.t(active ? 'kind.wait' : 'kind.waitMenu') });
}

/** The guide on screen, at any of its phases (what to have ready, a step). */
export function guideOnScreen(turn: Turn): string | undefined {
  const active = turn.dc.activeDialog;
  return active?.id === DIALOG.guide ? (active.state as { guideId?: string }).guideId : undefined;
}

/** A reminder asked for inside a guide: set when the guide has one and we can write later; the guide goes on. */
export async function remindAsked(kit: Kit, turn: Turn): Promise<void> {
  await setReminder(kit, turn, guideOnScreen(turn), false);
  await turn.dc.repromptDialog();
}

/**
 * A reminder asked for as a first message or at the menu ("rappelez-moi de faire mon actualisation le 28", "vous
 * pouvez me rappeler de déclarer mes impôts en avril"): the deadline reminder of the guide it names when it has
 * one, else a sentence saying to note the date; never a phone callback. Then the menu.
 */
export async function remindFromHome(kit: Kit, turn: Turn): Promise<void> {
  const r = kit.deps.router.route(turn.text, turn.locale());
  const guideId = r.intent !== 'none' && r.score >= 0.5 ? r.intent : undefined;
  await setReminder(kit, turn, guideId, true);
  await kit.home.menu(turn);
}

async function setReminder(kit: Kit, turn: Turn, guideId: string | undefined, home: boolean): Promise<void> {
  const { ctx } = turn;
  const kind = guideId ? REMINDER_AFTER_GUIDE[guideId] : undefined;
  const store = kit.deps.reminders;
  await kit.home.rememberProgress(turn);
  if (!store || !capabilitiesOf(ctx.activity.channelId).push) {
    await say(ctx, { text: turn.t(home ? 'kind.remindNoPushHome' : 'kind.remindNoPush') });
  } else if (!kind) {
    await say(ctx, { text: turn.t(home ? 'kind.remindOtherHome' : 'kind.remindOther') });
  } else {
    const now = kit.now();
    const due = nextDue(kind, now, now);
    const date = formatDay(due, localeOf(ctx));
    const citizenKey = citizenKeyOf(ctx);
    const existing = (await store.list(citizenKey)).find((r) => r.kind === kind);
    if (existing) {
      await say(ctx, { text: turn.t('kind.remindHave', { date: formatDay(existing.due, localeOf(ctx)) }) });
    } else {
      await store.add({
        citizenKey,
        kind,
        locale: localeOf(ctx),
        territory: territoryOf(ctx, kit.deps.defaultTerritory),
        reference: TurnContext.getConversationReference(ctx.activity),
        anchor: now,
        due,
      });
      await say(ctx, { text: turn.t('reminder.saved', { date }) });
    }
  }
}

/** Scores below this are no guess ("la caf": the aide au logement .41, the prime .19, the quarterly .16). */
const GUESS_MIN = 0.1;

/**
 * The guides a vague formality's subject names ("caf" → the CAF guides), best first: a kind word, then the guesses
 * to pick from (or the one guide when only one fits). False when the subject names no guide.
 */
export async function offerGuesses(kit: Kit, turn: Turn, subject: string): Promise<boolean> {
  const r = kit.deps.router.route(subject, turn.locale());
  const candidates = [r, ...r.alternatives]
    .filter((c) => c.intent !== 'none' && c.score >= GUESS_MIN && kit.deps.catalog.get(c.intent))
    .slice(0, 3)
    .map((c) => c.intent);
  if (candidates.length === 0) return false;
  await say(turn.ctx, { text: turn.t('kind.unsureWhat') });
  if (candidates.length === 1) {
    await turn.dc.cancelAllDialogs();
    await kit.home.startIntent(turn, candidates[0]);
    return true;
  }
  await kit.home.rememberProgress(turn);
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.pick, { candidates }));
  return true;
}
