/**
 * What arrived, before anyone interprets it: a photo without words, nothing, only emoji, a very long
 * text (cut, and the citizen told); then the masked line is kept for a mediator.
 */
import { channelDataOf } from '../../conversation/channelData';
import { TRANSCRIPT } from '../../conversation/keys';
import { TRANSCRIPT_LINES, type TranscriptLine } from '../../conversation/transcript';
import { say } from '../../conversation/turn';
import { maskPersonalData } from '../../privacy/mask';
import { hasNoWords } from '../../text/fold';
import { emojiAnswer, puzzledSign } from '../../text/emojiAnswer';
import { DIALOG } from '../../conversation/dialogIds';
import { signalsOf } from '../turnSignals';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { expectation } from './understand';

/** Longer messages are cut (and the citizen told): nobody types this much on purpose. */
export const MAX_INPUT_CHARS = 1000;
/** The citizen's last lines kept in the state for "said just before" (src/bot/home.ts: the two before this one). */
const SAID_LINES = 3;

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
  // "?", "🤔" at a guide's question: "je n'ai pas compris" (the step said more simply); "🤷": "je ne sais pas" (its
  // hint). Elsewhere "?" alone stays the help command (src/conversation/commands.ts).
  const puzzled = turn.dc.activeDialog?.id === DIALOG.guide ? puzzledSign(turn.text) : undefined;
  if (puzzled) {
    turn.text = ctx.activity.text = turn.t(puzzled === 'shrug' ? 'input.shrug' : 'input.puzzled');
    turn.command = undefined;
    turn.signals = signalsOf(turn.text);
  }
  // "?" alone is the help command (src/conversation/commands.ts).
  if (hasNoWords(turn.text) && turn.command !== 'help') return say(ctx, { text: turn.t('input.noWords') });
  if (turn.text.length > MAX_INPUT_CHARS) {
    turn.text = turn.text.slice(0, MAX_INPUT_CHARS);
    ctx.activity.text = turn.text;
    await say(ctx, { text: turn.t('input.tooLong') });
  }
  turn.masked = maskPersonalData(turn.text);
  record(turn, kit, kit.now());
  await next();
};

/**
 * Keep the last lines of the conversation (masked) for a mediator: appended to the conversation state's log,
 * written with the state at the end of the turn and read only at a handoff (the state does not carry them). The
 * citizen's last lines also stay in the state, numbered, for what they said just before a guide.
 */
function record(turn: Turn, kit: Kit, at: number): void {
  const { ctx, conv } = turn;
  const thisTurn: TranscriptLine[] = [];
  const add = (line: TranscriptLine) => {
    kit.log.appendLog(ctx, JSON.stringify(line), TRANSCRIPT_LINES);
    thisTurn.push(line);
    conv.lines = (conv.lines ?? 0) + 1;
    if (line.from === 'citizen') conv.said = [...(conv.said ?? []), { text: line.text, at: line.at, n: conv.lines }].slice(-SAID_LINES);
  };
  // A conversation saved before the log had its lines in the state: they move to the log.
  const before = conv.transcript;
  if (before) {
    delete conv.transcript;
    for (const line of before.slice(-TRANSCRIPT_LINES)) add(line);
  }
  add({ from: 'citizen', text: turn.masked.slice(0, 300), at });
  ctx.onSendActivities(async (_c, activities, next) => {
    for (const a of activities) if (a.type === 'message' && a.text) add({ from: 'bot', text: a.text.slice(0, 300), at });
    return next();
  });
  // What a handoff of this turn sends: the stored lines and this turn's up to the citizen's message.
  const upToMessage = [...thisTurn];
  TRANSCRIPT.set(ctx, async () => [...parsedLines(await kit.log.readLog(ctx)), ...upToMessage].slice(-TRANSCRIPT_LINES));
}

function parsedLines(stored: string[]): TranscriptLine[] {
  const out: TranscriptLine[] = [];
  for (const text of stored) {
    try {
      out.push(JSON.parse(text) as TranscriptLine);
    } catch {
      // A line that is not ours is left out.
    }
  }
  return out;
}

/**
 * Personal data in the message (a NIR, a password…): the citizen is kindly warned — unless the question on
 * screen asked for it (a phone number for a callback).
 */
export const dataWarning = (): Step<Turn> => async (turn, next) => {
  if (turn.masked !== turn.text && expectation(turn.dc, turn.text) !== 'exact') await say(turn.ctx, { text: turn.t('handoff.dataWarning') });
  await next();
};
