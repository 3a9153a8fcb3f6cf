/**
 * The kind sentence a message calls for (PRODUCT rule 4): condolences for a death, the sentence that fits a
 * feeling. Inside a guide that opened with its own condolences (a survivor's pension), a death named again is
 * the guide's subject ("l'acte de décès", "la retraite de mon mari"), not news: no second condolences.
 */
import { say } from '../../conversation/turn';
import { GuideDialog } from '../../guides/guideDialog';
import { tellsBereavement } from '../../nlu/bereavement';
import { withoutCompanion } from '../../nlu/companion';
import { plainText, type Feeling, type Signal } from '../../nlu/signals';
import type { StringKey } from '../../i18n/strings';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/**
 * A death told in this message. Inside a guide whose subject is that death, only a death told again as news
 * ("my husband only died last week", "ma femme vient de mourir") or with a feeling — not a word of the
 * formality ("l'acte de décès", "la déclaration de décès").
 */
export function condolencesDue(kit: Kit, turn: Turn): boolean {
  if (!turn.signals.some((s) => s.kind === 'bereavement')) return false;
  const guideId = GuideDialog.progress(turn.dc, kit.deps.catalog)?.guideId;
  const itsSubject = turn.dc.activeDialog && guideId && kit.deps.catalog.get(guideId)?.guide.intro;
  return !itsSubject || tellsBereavement(plainText(turn.text)) || turn.signals.some((s) => s.kind === 'distress');
}

/** A relative's death told in the message ("l'acte de décès de ma mère"), not only a death word ("un acte de décès"). */
export const lossTold = (turn: Turn): boolean => tellsBereavement(plainText(turn.text));

/** The kind sentence that fits the feeling ("j'ai honte" is not "j'en ai marre"). */
export function feelingKey(signals: Signal[]): StringKey {
  const feeling = signals.find((s) => s.kind === 'distress')?.subject as Feeling | undefined;
  const byFeeling: Record<Feeling, StringKey> = {
    fear: 'kind.fear', shame: 'kind.shame', sad: 'kind.sad', anger: 'kind.anger', lonely: 'kind.lonely', ill: 'kind.ill', unskilled: 'kind.unskilled', lost: 'kind.distress',
  };
  return feeling ? byFeeling[feeling] : 'kind.distress';
}

export async function sayFeeling(kit: Kit, turn: Turn): Promise<void> {
  if (condolencesDue(kit, turn)) await say(turn.ctx, { text: turn.t('kind.bereavement') });
  else if (turn.signals.some((s) => s.kind === 'distress')) await say(turn.ctx, { text: turn.t(feelingKey(turn.signals)) });
}


/**
 * A health question (src/nlu/health.ts): we help with formalities; a doctor or a pharmacist, or the 15 / 112 when
 * it sounds urgent. Then the question on screen again, or the word that shows the menu.
 */
export async function answerHealth(turn: Turn, urgent: boolean): Promise<void> {
  await say(turn.ctx, { text: turn.t(urgent ? 'kind.urgent' : 'kind.health') });
  if (turn.dc.activeDialog) {
    await turn.dc.repromptDialog();
    return;
  }
  // An emergency: the 15 / 112 and nothing else on screen; otherwise what we can do, in one line.
  if (!urgent) await say(turn.ctx, { text: turn.t('kind.thanksMore') });
}

/**
 * Someone sits with the citizen to help (src/nlu/companion.ts): a good idea. Then the question on screen again,
 * the formality they named with it ("ma fille est là, on veut faire ma carte grise"), or the menu.
 */
export async function welcomeCompanion(kit: Kit, turn: Turn, next: () => Promise<void>): Promise<void> {
  await say(turn.ctx, { text: turn.t('kind.companion') });
  if (turn.dc.activeDialog) {
    await turn.dc.repromptDialog();
    return;
  }
  const plain = plainText(turn.text);
  const rest = withoutCompanion(plain);
  const r = rest === plain ? undefined : kit.deps.router.route(rest, turn.locale());
  if (r && r.intent !== 'none' && r.score >= 0.5) return next();
  await kit.home.menu(turn);
}

/** A feeling said with a need or a situation ("j'ai honte, je sais pas lire") gets its own sentence first. */
export async function feelingFirst(turn: Turn): Promise<void> {
  if (turn.signals.some((s) => s.kind === 'distress')) await say(turn.ctx, { text: turn.t(feelingKey(turn.signals)) });
}
