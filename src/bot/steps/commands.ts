/**
 * The first message of a conversation gets the welcome; the global commands ("menu", "retour",
 * "répète", "conseiller", "stop", "english"…) work at any moment, whatever dialog is active.
 */
import { COMMAND } from '../../conversation/keys';
import { DIALOG } from '../../conversation/dialogIds';
import { INTENT } from '../../conversation/intents';
import type { Command } from '../../conversation/commands';
import { say } from '../../conversation/turn';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { expectation } from './understand';

/** STOP and a change of language come before everything else, welcome included. */
export const stopAndLanguage = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc, command } = turn;
  if (command === 'stop') {
    await kit.home.rememberProgress(turn);
    await kit.deps.reminders?.cancelAll(kit.citizenKey(turn));
    // Recorded by the channel, before the turn (the only record of STOP: src/channels/webhook/contacts.ts).
    await dc.cancelAllDialogs();
    return say(turn.ctx, { text: turn.t('command.stop') });
  }
  if (command === 'lang-fr' || command === 'lang-en') {
    kit.home.switchLanguage(turn, command === 'lang-en' ? 'en' : 'fr');
    await say(turn.ctx, { text: turn.t('language.switched') });
    if (!turn.conv.welcomed) await kit.welcome(turn);
    if (dc.activeDialog) return dc.repromptDialog();
    return kit.home.showHome(turn);
  }
  await next();
};

/** The welcome (with the privacy line) before anything else the first time. */
export const welcome = (kit: Kit): Step<Turn> => async (turn, next) => {
  if (turn.conv.welcomed) return next();
  await kit.welcome(turn);
  turn.first = true;
  if (turn.command === 'hello') return kit.home.showHome(turn);
  await next();
};

export const commands = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { command } = turn;
  // "bonjour" in the middle of things is answered last (after the "on reprend ?" check).
  if (!command || command === 'hello') return next();
  // "lieu" where the question on screen offers a place itself (nobody on duty: its own place option).
  if (command === 'places' && expectation(turn.dc, turn.text) === 'exact') return next();
  // "laisse tomber" where the question on screen has it as an answer (a callback: no callback).
  if (command === 'quit' && expectation(turn.dc, turn.text) !== undefined) return next();
  return runCommand(kit, turn, command);
};

async function runCommand(kit: Kit, turn: Turn, command: Command): Promise<void> {
  const { dc, ctx } = turn;
  switch (command) {
    case 'menu':
      return kit.home.startIntent(turn, 'menu');
    case 'help':
      // "aide", "aidez-moi": a human sentence and a way forward, not a bare list of commands.
      await say(ctx, { text: `${turn.t('kind.helpMe')}\n${turn.t('command.help')}` });
      if (dc.activeDialog) return dc.repromptDialog();
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.helpOffer, { underway: false }));
    case 'mediator':
      return kit.home.startIntent(turn, INTENT.mediator, 'command');
    case 'places':
      return kit.home.startIntent(turn, INTENT.places);
    case 'back':
    case 'repeat':
    case 'restart':
      if (!dc.activeDialog) return kit.home.menu(turn);
      COMMAND.set(ctx, command);
      return kit.home.act(turn, () => dc.continueDialog());
    case 'start':
      await say(ctx, { text: turn.t('command.start') });
      return kit.home.showHome(turn);
    case 'reminders':
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.reminders));
    case 'self-check':
      return kit.home.startIntent(turn, INTENT.learn);
    case 'erase':
      return kit.home.startIntent(turn, INTENT.erase);
    case 'quit':
      return kit.home.quit(turn);
    default:
      return undefined;
  }
}
