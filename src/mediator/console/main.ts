/// <reference lib="dom" />
/**
 * The mediator console (GET /mediator/): wires the page rendered by src/mediator/pages.ts to the
 * mediator API (docs/mediator-api.md). Login; presence; the live queue (Server-Sent Events, a
 * visible and audible notice for each new person waiting); claim, chat, release, close with an
 * outcome; callbacks; a heartbeat every 20 s for each open conversation; logout after inactivity
 * (shared office computers). Everything a citizen wrote is shown as text (see dom.ts).
 */
import { api } from './shell';
import { enter, showLogin } from './session';
// The parts that only listen (their buttons, forms and checkboxes) are wired when imported.
import './actions';

if (api.hasSession) {
  api.me().then(enter, () => showLogin());
} else {
  showLogin();
}
