/** What a caller (main, the CLI, the tests) may change when building the app (src/app.ts). */
import type { ContactIds } from '../privacy/contactIds';
import type { PlaceDirectory } from '../places/index';

export interface AppOptions {
  dialogsDir?: string;
  /** Guide ids of the numbered menu (default: config/menu.yaml). */
  menu?: string[];
  /** Folder of the built widget (default dist/public). */
  publicDir?: string;
  territoriesDir?: string;
  /** Create the demo mediator in the embedded default (default true). */
  demoMediator?: boolean;
  /** Run the handoff notifier on a timer (default true; tests may tick it by hand). */
  notifier?: boolean;
  now?: () => number;
  /** Help places (default: the committed index data/places/, loaded on first use). */
  places?: () => PlaceDirectory;
  /** Keep-alive (and session check) period of the mediators' event streams (default 15 s; tests shorten it). */
  mediatorEventsKeepAliveMs?: number;
  /** How addresses become ids (default: keyed with CONTACT_HASH_SECRET); the migration's tests write as the old version did. */
  contactIds?: ContactIds;
}
