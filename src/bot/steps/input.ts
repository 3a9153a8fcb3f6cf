/**
 * What arrived, before anyone interprets it: a photo without words, nothing, only emoji, a very long
 * text (cut, and the citizen told); then the masked line is kept for a mediator.
 */
import { channelDataOf } from '../../conversation/channelData';
import { TRANSCRIPT } from '../../conversation/keys';
import type { TranscriptLine } from '../../conversation/transcript';
import { say } from '../../conversation/turn';
import { maskPersonalData } from '../../privacy/mask';
import { hasNoWords } from '../../text/fold';
import { emojiAnswer } from '../../text/emojiAnswer';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { expectation } from './understand';

/** Longer messages are cut (and the citizen told): nobody types this much on purpose. */
export const MAX_INPUT_CHARS = 1000;
/** Lines of the conversation kept for a mediator. */
const TRANSCRIPT_LINES = 12;

export const input = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { ctx } = turn;
  if (turn.text === '' && (ctx.activity.attachments ?? []).length > 0) {
    // A photo for the mediator (the handoff relay forwards it; with a mediator the bot says nothing).
    if (channelDataOf(ctx).photos?.length && kit.deps.handoff.takesPhotos(turn.dc)) {
      turn.masked = '';
      return next();
    }
    return say(ctx, { text: turn.t('input.photo') });
  }
  if (turn.text === '') return say(ctx, { text: turn.t('input.empty') });
  // "👍" is a yes, "👎" a no: read as the words, so the question on screen takes them.
  const emoji = emojiAnswer(turn.text);
  if (emoji) {
    turn.text = turn.t(emoji === 'yes' ? 'choice.yes' : 'choice.no');
    ctx.activity.text = turn.text;
  }
  // "?" alone is the help command (src/conversation/commands.ts).
  if (hasNoWords(turn.text) && turn.command !== 'help') return say(ctx, { text: turn.t('input.noWords') });
  if (turn.text.length > MAX_INPUT_CHARS) {
    turn.text = turn.text.slice(0, MAX_INPUT_CHARS);
    ctx.activity.text = turn.text;
    await say(ctx, { text: turn.t('input.tooLong') });
  }
  turn.masked = maskPersonalData(turn.text);
  record(turn, kit.now());
  await next();
};

/** Keep the last lines of the conversation (masked) for a mediator; hand them to the handoff dialog. */
function record(turn: Turn, at: number): void {
  const lines: TranscriptLine[] = turn.conv.transcript ?? [];
  lines.push({ from: 'citizen', text: turn.masked.slice(0, 300), at });
  turn.ctx.onSendActivities(async (_c, activities, next) => {
    for (const a of activities) if (a.type === 'message' && a.text) lines.push({ from: 'bot', text: a.text.slice(0, 300), at });
    turn.conv.transcript = lines.slice(-TRANSCRIPT_LINES);
    return next();
  });
  turn.conv.transcript = lines.slice(-TRANSCRIPT_LINES);
  TRANSCRIPT.set(turn.ctx, turn.conv.transcript);
}

/**
 * Personal data in the message (a NIR, a password…): the citizen is kindly warned — unless the question on
 * screen asked for it (a phone number for a callback).
 */
export const dataWarning = (): Step<Turn> => async (turn, next) => {
  if (turn.masked !== turn.text && expectation(turn.dc, turn.text) !== 'exact') await say(turn.ctx, { text: turn.t('handoff.dataWarning') });
  await next();
};
