/**
 * What the bot says, independent of any channel. Dialogs produce BotMessages; they travel as Bot
 * Framework activities (so any Bot Framework channel shows something sensible), and each channel's
 * renderer turns them into buttons, numbered text, or several SMS (see render.ts).
 */
import { ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import type { ChoiceOption } from './choice';

export interface BotMessage {
  /** The full text (web, Telegram, WhatsApp). */
  text: string;
  /** A shorter text for SMS and small screens, if the author wrote one. */
  short?: string;
  /**
   * The text for SMS only, where every character costs and nothing is read aloud: abbreviations a voice could not say
   * ("Lun-Ven 9h-12h", a place's week of hours).
   */
  smsText?: string;
  /** A question asked after the text, with its answers. */
  question?: string;
  choices?: Array<Pick<ChoiceOption, 'key' | 'label'>>;
  /** Numbered text shows the choices on one short line ("1 Oui · 2 Non"): a question asked again. */
  compact?: boolean;
  /** Who speaks, when it is not the bot: a mediator's words relayed to the citizen (the text says so too). */
  speaker?: 'mediator';
}

const CHANNEL_DATA_KEY = 'pasapas';

export function toActivity(msg: BotMessage): Partial<Activity> {
  const fullText = [msg.text, msg.question].filter((part) => part).join('\n\n');
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: fullText,
    textFormat: 'plain',
    channelData: { [CHANNEL_DATA_KEY]: msg },
  };
  if (msg.choices && msg.choices.length > 0) {
    // The label is what a tap sends (standard `imBack`, as Web Chat expects); the key — what the citizen may type or
    // say instead ("0" for a person in the menu, not the button's position) — rides in the action's own channelData,
    // which Web Chat ignores and our widget reads aloud.
    const actions: CardAction[] = msg.choices.map((c) => ({ type: 'imBack', title: c.label, value: c.label, channelData: { key: c.key } }));
    activity.suggestedActions = { actions, to: [] };
  }
  return activity;
}

/** Back from an activity (ours, or any plain text activity). */
export function fromActivity(activity: Partial<Activity>): BotMessage {
  const ours = (activity.channelData as Record<string, unknown> | undefined)?.[CHANNEL_DATA_KEY];
  if (ours && typeof ours === 'object') return ours as BotMessage;
  const actions = activity.suggestedActions?.actions ?? [];
  return {
    text: activity.text ?? '',
    choices: actions.length
      ? actions.map((a, i) => ({ key: actionKey(a) ?? String(i + 1), label: String(a.title ?? a.value ?? '') }))
      : undefined,
  };
}

/** The key an action carries (toActivity's `channelData.key`), if any. */
function actionKey(a: CardAction): string | undefined {
  const key = (a.channelData as { key?: unknown } | undefined)?.key;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}
