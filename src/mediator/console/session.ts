/// <reference lib="dom" />
/**
 * Signing in and out (src/mediator/console/main.ts): the login form (a second factor when asked, ProConnect for a
 * territory that offers it), entering the console (timers, event stream, presence), logout — open conversations
 * go back to the queue — and logout after inactivity on a shared office computer, with a warning first.
 * Signing out forgets everything shown.
 */
import { ApiError, type Me } from './api';
import type { ConsoleStringKey } from './config';
import { byId, show } from './dom';
import { downloadFile } from './download';
import { retryMinutes } from './format';
import { showFigures } from './figures';
import { IdleWatch } from './idle';
import { clearCallbacks, refreshCallbacks, renderCallbacks } from './callbacks';
import { editor, picker } from './composer';
import { closePane } from './conversation';
import { connectEvents, disconnect, heartbeats, renewPresence } from './live';
import { checkSound } from './notifications';
import { clearQueue, refreshQueue, renderQueue, tickWaiting } from './queue';
import { TERRITORY_KEY, alertText, api, background, beeper, cfg, local, mine, notice, s, session, t, ui } from './shell';

const HEARTBEAT_MS = 20_000;
const MINUTE_MS = 60_000;
const POLL_MS = 30_000;

let timers: number[] = [];

const idle = new IdleWatch(cfg.idleTimeoutSeconds * 1000, {
  warn(seconds) {
    ui.idleText.textContent = t('idleWarning', { seconds });
    show(ui.idle, true);
    ui.stay.focus();
  },
  expire() {
    show(ui.idle, false);
    background(logout('idleLoggedOut'));
  },
});
let beforeIdle: HTMLElement | null = null;
ui.stay.addEventListener('click', () => {
  idle.stay();
  show(ui.idle, false);
  (beforeIdle ?? ui.queueTitle).focus();
});
// Any click starts the alert sound the browser kept off after a reload (the "Activer le son" offer then goes).
document.addEventListener('pointerdown', () => {
  if (session.me && beeper.blocked()) beeper.unlock();
}, { passive: true, capture: true });
for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'mousemove', 'input']) {
  document.addEventListener(type, () => {
    if (session.me) idle.activity();
  }, { passive: true, capture: true });
}
document.addEventListener('focusin', (e) => {
  const target = e.target as HTMLElement;
  if (ui.idle.hidden) beforeIdle = target;
  else if (!ui.idle.contains(target)) ui.stay.focus(); // the focus stays in the warning while it shows
});

// ---------------------------------------------------------------- login, logout

function stopAll(): void {
  for (const id of timers) window.clearInterval(id);
  timers = [];
  disconnect();
}

/** Forget everything shown (a shared computer: the next person sees nothing). */
function clearData(): void {
  session.me = null;
  clearQueue();
  mine.clear();
  clearCallbacks();
  closePane();
  ui.waiting.replaceChildren();
  ui.mine.replaceChildren();
  ui.callbacks.replaceChildren();
  ui.figuresList.replaceChildren();
  picker.clear();
  editor.enable(false);
  show(ui.figures, false);
  ui.identity.textContent = '';
  show(ui.soundOff, false);
  notice('');
  ui.alert.textContent = '';
  document.title = s.pageTitle;
}

export function showLogin(message?: ConsoleStringKey): void {
  stopAll();
  clearData();
  show(ui.idle, false);
  show(ui.bar, false);
  show(ui.work, false);
  show(ui.login, true);
  ui.password.value = '';
  ui.loginError.textContent = '';
  ui.loginStatus.textContent = message ? t(message) : '';
  ui.loginSubmit.disabled = false;
  ui.loginSubmit.textContent = t('login');
  const saved = local()?.getItem(TERRITORY_KEY);
  if (saved && !ui.territory.value) ui.territory.value = saved;
  offerProConnect();
  (ui.territory.value ? (ui.username.value ? ui.password : ui.username) : ui.territory).focus();
}

export function enter(m: Me): void {
  session.me = m;
  idle.setTimeoutMs((m.idleTimeoutSeconds || cfg.idleTimeoutSeconds) * 1000);
  idle.reset();
  ui.identity.textContent = t('identity', { name: m.name, territory: m.territory });
  show(ui.report, m.role === 'coordinateur');
  const figures = () => background(showFigures(ui.figures, ui.figuresList, session.me?.role === 'coordinateur', t));
  ui.figuresRefresh.onclick = figures;
  figures();
  editor.enable(m.role === 'coordinateur');
  ui.on.checked = m.onDuty;
  ui.off.checked = !m.onDuty;
  show(ui.login, false);
  show(ui.bar, true);
  show(ui.work, true);
  ui.loginStatus.textContent = '';
  renderQueue();
  renderCallbacks();
  // After a reload nothing clicked yet: the browser may keep the alert sound off. A click anywhere may start it.
  checkSound();
  beeper.onStateChange(checkSound);
  connectEvents();
  background(refreshQueue());
  background(refreshCallbacks());
  const presenceEvery = Math.max(30_000, Math.min(5 * MINUTE_MS, ((m.idleTimeoutSeconds || cfg.idleTimeoutSeconds) * 1000) / 3));
  timers = [
    window.setInterval(heartbeats, HEARTBEAT_MS),
    window.setInterval(tickWaiting, MINUTE_MS),
    window.setInterval(() => background(refreshQueue()), POLL_MS),
    window.setInterval(renewPresence, presenceEvery),
    window.setInterval(() => idle.tick(), 1000),
  ];
  ui.queueTitle.focus();
}

async function logout(reason: ConsoleStringKey): Promise<void> {
  if (!session.me) return;
  const open = [...mine.keys()];
  stopAll();
  // Open conversations go back to the head of the queue now rather than when their lease runs out.
  await Promise.all(open.map((id) => api.release(id).catch(() => undefined)));
  await api.logout().catch(() => undefined);
  showLogin(reason);
}

ui.logout.addEventListener('click', () => background(logout('loggedOut')));

// The month's report: fetched with the session, so a refusal is said here (never the API's raw JSON on a new page).
ui.report.addEventListener('click', (ev) => {
  ev.preventDefault();
  background(
    downloadFile(ui.report.href, 'rapport.csv').then((status) => {
      if (status === 401) showLogin('sessionExpired');
      else if (status !== 200) alertText(t('reportFailed'));
    }),
  );
});

api.onUnauthorized = () => {
  if (session.me || !ui.work.hidden) showLogin('sessionExpired');
};

function invalid(input: HTMLInputElement, bad: boolean): boolean {
  if (bad) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return bad;
}

/** "S'identifier avec ProConnect", only for a territory that offers it (the server checks again). */
function offerProConnect(): void {
  const box = document.getElementById('pc-proconnect');
  const link = document.getElementById('pc-proconnect-link') as HTMLAnchorElement | null;
  if (!box || !link) return;
  const territory = ui.territory.value.trim().toLowerCase();
  const on = (cfg.proconnect ?? []).includes(territory);
  box.hidden = !on;
  if (on) link.href = `/api/mediator/proconnect/login?territory=${encodeURIComponent(territory)}`;
}
ui.territory.addEventListener('input', offerProConnect);

ui.loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  beeper.unlock();
  const fields = [ui.territory, ui.username, ui.password];
  const empty = fields.filter((f) => invalid(f, !f.value.trim()));
  ui.loginStatus.textContent = '';
  if (empty.length) {
    ui.loginError.textContent = t('loginMissing');
    empty[0].focus();
    return;
  }
  ui.loginError.textContent = '';
  ui.loginSubmit.disabled = true;
  ui.loginSubmit.textContent = t('loggingIn');
  const territory = ui.territory.value.trim();
  try {
    const codeInput = byId<HTMLInputElement>('pc-code');
    await api.login(territory, ui.username.value.trim(), ui.password.value, codeInput.value.trim() || undefined);
    try {
      local()?.setItem(TERRITORY_KEY, territory);
    } catch {
      // not remembered
    }
    ui.password.value = '';
    codeInput.value = '';
    show(byId('pc-code-row'), false);
    const m = await api.me();
    // The territory requires a second factor this account does not have yet: enrolment is on the coordinators' page.
    if (m.twoFactorSetupRequired) return window.location.assign('/mediator/admin/');
    enter(m);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : '';
    if (code === 'TwoFactorRequired' || code === 'TwoFactorWrong') {
      // The password was right: keep it, ask for the code.
      show(byId('pc-code-row'), true);
      ui.loginError.textContent = code === 'TwoFactorRequired' ? t('codeAsked') : t('codeWrong');
      byId('pc-code').focus();
      return;
    }
    const status = err instanceof ApiError ? err.status : 0;
    ui.password.value = '';
    ui.loginError.textContent =
      status === 401
        ? t('loginFailed')
        : status === 429
          ? t('loginTooMany', { minutes: retryMinutes(err instanceof ApiError ? err.retryAfter : null) })
          : status === 400
            ? t('loginMissing')
            : t('loginError');
    if (status === 401) invalid(ui.password, true);
    ui.password.focus();
  } finally {
    ui.loginSubmit.disabled = false;
    ui.loginSubmit.textContent = t('login');
  }
});
for (const f of [ui.territory, ui.username, ui.password]) f.addEventListener('input', () => invalid(f, false));
