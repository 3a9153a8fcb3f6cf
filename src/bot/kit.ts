/** What the steps of a turn are given: the bot's dependencies, the landing (menu, intents), and a few helpers. */
import type { BotDeps } from './deps';
import type { Home } from './home';
import type { Turn } from './context';
import type { LeanConversationState } from '../storage/botState';

export interface Kit {
  deps: BotDeps;
  home: Home;
  now(): number;
  /** The welcome message (with the privacy line) of a new conversation. */
  welcome(turn: Turn): Promise<void>;
  citizenKey(turn: Turn): string;
  /** The conversation state's log: the masked transcript (src/bot/steps/input.ts). */
  log: Pick<LeanConversationState, 'appendLog' | 'readLog'>;
}
