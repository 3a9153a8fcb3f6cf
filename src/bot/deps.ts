/** What the bot is built from (injected by the composition root, src/app.ts). */
import type { Storage } from 'botbuilder';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { HandoffHook } from '../conversation/handoffHook';
import type { CitizenIdentity } from '../conversation/identity';
import type { GuideCatalog } from '../guides/catalog';
import type { Locale } from '../i18n/locale';
import type { Strings } from '../i18n/strings';
import type { IntentRouter } from '../nlu/router';
import type { ReminderStore } from '../reminders/store';
import type { StatsEvents } from '../stats/recorder';
import type { RetentionOf } from '../territories/retention';

export interface BotDeps {
  storage: Storage;
  catalog: GuideCatalog;
  strings: Strings;
  /** Human help: a dialog of this bot (consent, queue, callback) that is also the handoff hook. */
  handoff: HandoffHook & Dialog & { leave(dc: DialogContext): Promise<boolean>; showBotLinesToMediator(dc: DialogContext): Promise<void>; takesPhotos(dc: DialogContext): boolean };
  /** Nobody can answer: a callback or a place (src/handoff/callbackDialog.ts). */
  callback?: Dialog;
  /** "Où trouver de l'aide ?": postal code or commune → the nearest places (src/places/dialog.ts). */
  places: Dialog;
  defaultTerritory: string;
  router: IntentRouter;
  menu: string[];
  defaultLocale: Locale;
  /** How long a territory keeps what its turns write, in seconds (also said, in days, in the first message). */
  retention: RetentionOf;
  resumeAfterMs: number;
  logger: Logger;
  now?: () => number;
  /** Deadline reminders (offered after some guides on channels that reach the phone). */
  reminders?: ReminderStore;
  /** "Faire le point" (intent apprendre): src/selfcheck/dialog.ts. */
  selfCheck?: Dialog;
  /** "Effacer mes données": erases what the other stores keep (src/privacy/erase.ts). */
  erase?: (who: CitizenIdentity) => Promise<unknown>;
  /** The privacy page shown in the first message (the territory's own, or ours). */
  privacyUrl?: (territory: string) => string;
  /** A territory's phone line for help, offered when the bot does not understand ("05 55 …"). */
  helpPhone?: (territory: string) => string | undefined;
  /** Guides started, completed and the steps reached, for reports and metrics. */
  stats?: StatsEvents;
}
