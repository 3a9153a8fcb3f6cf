/**
 * A voice note (WhatsApp, Telegram; docs/voice.md). The channel transcribed it (or could not) and says so
 * on the activity; nothing is done with the words before the citizen confirms them: "J'ai compris : « … ».
 * C'est bien ça ?" (masked like any text). Oui → the words go on as if typed (the normal understanding);
 * Non → the citizen is asked to write; anything else is a new message, handled as usual. Words that are STOP
 * ("stop", "arrêt", "désabonner": what the text path takes as STOP) are asked back too, even with a mediator, and
 * "oui" is then the typed STOP. With a mediator,
 * the words go to the mediator at once, marked as a voice note's transcript, with the audio (played in the console);
 * without words the audio alone goes to the mediator. Without words (no service,
 * too long, failed): a kind sentence, the territory's phone, and the offer of a person or a place.
 */
import { channelDataOf } from '../../conversation/channelData';
import type { ChoiceOption } from '../../conversation/choice';
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { recognizeCommand } from '../../conversation/commands';
import { recognizeChoiceHow } from '../../nlu/choices';
import { detectSignals } from '../../nlu/signals';
import { maskPersonalData } from '../../privacy/mask';
import { territoryOf } from '../../conversation/identity';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/** The words kept for the confirmation are cut there (a voice note of 2 minutes is about 300 words). */
const MAX_TRANSCRIPT_CHARS = 1000;

export const voiceNote = (kit: Kit): Step<Turn> => async (turn, next) => {
  const note = channelDataOf(turn.ctx).voiceNote;
  const pending = turn.conv.voicePending;
  if (pending !== undefined) delete turn.conv.voicePending;
  if (note && 'problem' in note) {
    // With a mediator, the audio still reaches them (no service, too long for it, or it failed): they can listen.
    if (turn.dc.activeDialog?.id === DIALOG.handoff && channelDataOf(turn.ctx).voiceAudio) {
      await say(turn.ctx, { text: turn.t('voice.notHeardForMediator') });
      return asTyped(turn, turn.t('voice.audioForMediator'), next);
    }
    return cannotHear(kit, turn, note.problem);
  }
  if (note) {
    const words = note.transcript.slice(0, MAX_TRANSCRIPT_CHARS);
    const shown = maskPersonalData(words);
    // STOP is asked back even with a mediator: it ends every message, so a misheard word must not decide it.
    if (turn.dc.activeDialog?.id === DIALOG.handoff && recognizeCommand(words) !== 'stop') {
      // A person reads it: it goes on at once, marked, and the citizen sees what was understood.
      await say(turn.ctx, { text: turn.t('voice.heardForMediator', { text: shown }) });
      return asTyped(turn, turn.t('voice.transcriptForMediator', { text: words }), next);
    }
    turn.conv.voicePending = words;
    return say(turn.ctx, { text: turn.t('voice.heard', { text: shown }), choices: confirmOptions(turn) });
  }
  if (pending === undefined) return next();
  const answer = recognizeChoiceHow(turn.text, confirmOptions(turn), turn.locale());
  if (answer && answer.how !== 'vague' && answer.option.value === 'yes') return asTyped(turn, pending, next);
  if (answer && answer.how !== 'vague' && answer.option.value === 'no') return say(turn.ctx, { text: turn.t('voice.writeInstead') });
  return next(); // something else: a new message
};

function confirmOptions(turn: Turn): ChoiceOption[] {
  return [
    { key: '1', label: turn.t('voice.yes'), value: 'yes', role: 'yes' },
    { key: '2', label: turn.t('voice.no'), value: 'no', role: 'no' },
  ];
}

/**
 * The words go down the pipeline as if the citizen had typed them: read again for commands and signals (a person
 * asked for, a scam). STOP, once confirmed, is the typed STOP: the bot's answer (stopAndLanguage), and the channel
 * records it (`stopConfirmed`; a typed one it records before the turn). Not START: a citizen who said STOP is not
 * heard by voice (the channel drops their voice notes), and START is typed.
 */
function asTyped(turn: Turn, words: string, next: () => Promise<void>): Promise<void> {
  turn.text = words;
  turn.ctx.activity.text = words;
  const command = recognizeCommand(words);
  if (command === 'stop') turn.ctx.activity.channelData = { ...((turn.ctx.activity.channelData as object | undefined) ?? {}), stopConfirmed: true };
  turn.command = command === 'start' ? undefined : command;
  turn.signals = detectSignals(words);
  return next();
}

async function cannotHear(kit: Kit, turn: Turn, problem: 'off' | 'too-long' | 'failed'): Promise<void> {
  const phone = kit.deps.helpPhone?.(territoryOf(turn.ctx, kit.deps.defaultTerritory));
  const key = problem === 'off' ? 'voice.off' : problem === 'too-long' ? 'voice.tooLong' : 'voice.failed';
  const lines = [turn.t(key)];
  lines.push(phone ? turn.t('voice.writeOrCall', { phone }) : turn.t('voice.write'));
  await say(turn.ctx, { text: lines.join(' ') });
  // With a mediator, the mediator is there: no offer of another person.
  if (turn.dc.activeDialog?.id === DIALOG.handoff) return;
  const underway = Boolean(turn.dc.activeDialog);
  return kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.helpOffer, { underway, placeFirst: false }));
}
