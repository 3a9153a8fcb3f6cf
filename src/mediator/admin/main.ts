/// <reference lib="dom" />
/**
 * The coordinators' page script (/mediator/admin/): the territory's accounts (list, add, role, capacity,
 * disable/enable, new password, removal) and the audit log with its filters, through the coordinators' API
 * (docs/mediator-api.md). The session is the console's (HttpOnly cookie, X-CSRF-Token from this tab's
 * sessionStorage); without one, a login form. Text only ever goes in as text nodes. Its API client is client.ts,
 * the dashboard dashboard.ts.
 */
import { byId, h, show } from '../console/dom';
import { ApiError, CSRF_KEY, api, cfg, t } from './client';
import { dashboard } from './dashboard';
import { smsBudgetPanel, type SmsBudgetView } from './smsBudget';
import { wireCoopDownload } from './coop';

interface Account {
  id: string;
  username: string;
  name: string;
  role: 'mediateur' | 'coordinateur';
  capacity: number | null;
  email?: string;
  disabled: boolean;
  held: number;
  twoFactorEnabled?: boolean;
}
interface AuditEntry {
  at: number;
  mediatorId: string;
  action: string;
  handoffId?: string;
  target?: string;
  detail?: string;
  outcome?: string;
}

const status = byId('pa-status');
const alertBox = byId('pa-alert');
const once = byId('pa-password-once');
const say = (text: string) => {
  alertBox.textContent = '';
  status.textContent = text;
};
const fail = (err: unknown) => {
  if (err instanceof ApiError && err.status === 401) return start();
  alertBox.textContent = t('error', { message: err instanceof Error ? err.message : String(err) });
};

let accounts: Account[] = [];

function roleSelect(a: Account): HTMLSelectElement {
  const id = `pa-role-${a.username}`;
  const select = h('select', { id, 'aria-label': `${t('colRole')} — ${a.name}` },
    h('option', { value: 'mediateur', selected: a.role === 'mediateur' }, t('roleMediateur')),
    h('option', { value: 'coordinateur', selected: a.role === 'coordinateur' }, t('roleCoordinateur')));
  return select;
}

function row(a: Account): HTMLTableRowElement {
  const role = roleSelect(a);
  const capacity = h('input', { type: 'number', min: 1, max: 50, inputmode: 'numeric', id: `pa-capacity-${a.username}`, 'aria-label': `${t('colCapacity')} — ${a.name}`, placeholder: t('noLimit'), value: a.capacity ?? '' });
  const email = h('input', { type: 'email', maxlength: 254, autocapitalize: 'none', spellcheck: 'false', id: `pa-email-${a.username}`, 'aria-label': `${t('colEmail')} — ${a.name}`, value: a.email ?? '' });
  const save = h('button', { type: 'button', class: 'pc-secondary' }, t('save'));
  save.addEventListener('click', () => {
    const value = capacity.value.trim();
    const mail = email.value.trim();
    api<{ account: Account }>('PATCH', `/accounts/${encodeURIComponent(a.username)}`, { role: role.value, capacity: value === '' ? null : Number(value), email: mail === '' ? null : mail })
      .then(() => refresh())
      .then(() => say(t('saved', { name: a.name })))
      .catch(fail);
  });
  const toggle = h('button', { type: 'button', class: 'pc-secondary' }, a.disabled ? t('enable') : t('disable'));
  toggle.addEventListener('click', () => {
    api('PATCH', `/accounts/${encodeURIComponent(a.username)}`, { disabled: !a.disabled }).then(() => refresh()).then(() => say(t('saved', { name: a.name }))).catch(fail);
  });
  const reset = h('button', { type: 'button', class: 'pc-secondary' }, t('resetPassword'));
  reset.addEventListener('click', () => {
    if (!window.confirm(t('confirmReset', { name: a.name }))) return;
    api<{ password: string }>('POST', `/accounts/${encodeURIComponent(a.username)}/password`)
      .then((r) => showOnce(a.name, r.password))
      .catch(fail);
  });
  const remove = h('button', { type: 'button', class: 'pc-secondary' }, t('remove'));
  remove.addEventListener('click', () => {
    if (!window.confirm(t('confirmRemove', { name: a.name }))) return;
    api('DELETE', `/accounts/${encodeURIComponent(a.username)}`).then(() => refresh()).then(() => say(t('removed', { name: a.name }))).catch(fail);
  });
  const buttons = [save, toggle, reset, remove];
  if (a.twoFactorEnabled) {
    const reset2fa = h('button', { type: 'button', class: 'pc-secondary' }, t('reset2fa'));
    reset2fa.addEventListener('click', () => {
      if (!window.confirm(t('confirmReset2fa', { name: a.name }))) return;
      api('DELETE', `/accounts/${encodeURIComponent(a.username)}/2fa`).then(() => refresh()).then(() => say(t('reset2faDone', { name: a.name }))).catch(fail);
    });
    buttons.push(reset2fa);
  }
  for (const b of buttons) b.setAttribute('aria-label', `${b.textContent ?? ''} — ${a.name}`);
  return h('tr', {},
    h('th', { scope: 'row' }, a.name),
    h('td', {}, a.username),
    h('td', {}, role),
    h('td', {}, capacity),
    h('td', {}, email),
    h('td', {}, String(a.held)),
    h('td', {}, a.disabled ? t('disabled') : t('active'), a.twoFactorEnabled ? ` · ${t('twoFactorCol')}` : ''),
    h('td', { class: 'pa-buttons' }, ...buttons.flatMap((b) => [b, ' '])));
}

function showOnce(name: string, password: string) {
  once.textContent = t('passwordOnce', { name, password });
  once.focus();
}

// Each accounts load is numbered too: after two quick changes, the list before the second never comes back.
let accountLoads = 0;

async function refresh(): Promise<void> {
  const load = ++accountLoads;
  const list = (await api<{ accounts: Account[] }>('GET', '/accounts')).accounts;
  if (load !== accountLoads) return; // the newer load shows the accounts, the audit and the SMS budget
  accounts = list;
  byId('pa-accounts-body').replaceChildren(...accounts.map(row));
  const who = byId<HTMLSelectElement>('pa-audit-mediator');
  const chosen = who.value;
  who.replaceChildren(h('option', { value: '' }, t('anyone')), ...accounts.map((a) => h('option', { value: a.username, selected: a.username === chosen }, `${a.name} (${a.username})`)));
  await audit();
  await smsBudgetPanel(() => api<SmsBudgetView>('GET', '/sms-budget'), t);
}

const when = new Intl.DateTimeFormat(cfg.locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });
const short = (id: string | undefined) => (id ? id.slice(id.indexOf(':') + 1) : '');

// Each audit load is numbered: a slower, older load (the one after an account change) never overwrites the list the
// coordinator asked for since with the filter.
let auditLoads = 0;

async function audit(): Promise<void> {
  const load = ++auditLoads;
  const q = new URLSearchParams();
  const fields: Array<[string, string]> = [['mediator', 'pa-audit-mediator'], ['action', 'pa-audit-action'], ['from', 'pa-audit-from'], ['to', 'pa-audit-to']];
  for (const f of fields) {
    const v = byId<HTMLInputElement | HTMLSelectElement>(f[1]).value;
    if (v) q.set(f[0], v);
  }
  const entries = (await api<{ entries: AuditEntry[] }>('GET', `/audit?${q.toString()}`)).entries;
  if (load !== auditLoads) return;
  byId('pa-audit-body').replaceChildren(
    ...entries.map((e) =>
      h('tr', {}, h('td', {}, when.format(new Date(e.at))), h('td', {}, short(e.mediatorId) || e.mediatorId), h('td', {}, e.action), h('td', {}, short(e.target) || e.handoffId || ''), h('td', {}, e.detail ?? e.outcome ?? ''))),
  );
  show(byId('pa-audit-empty'), entries.length === 0);
}

function showWork(on: boolean) {
  show(byId('pa-coop'), on);
  show(byId('pa-accounts'), on);
  show(byId('pa-audit'), on);
  show(byId('pa-dashboard'), on);
  if (!on) show(byId('pa-sms-budget'), false);
}

byId('pa-dash-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  dashboard().catch(fail);
});

async function security(): Promise<{ setupRequired: boolean }> {
  const st = await api<{ enabled: boolean; required: boolean; setupRequired: boolean }>('GET', '/2fa');
  show(byId('pa-security'), true);
  byId('pa-2fa-state').textContent = st.enabled ? t('twoFactorOn') : st.setupRequired ? t('twoFactorRequired') : t('twoFactorOff');
  show(byId('pa-enrol'), !st.enabled);
  return st;
}

byId('pa-enrol').addEventListener('click', () => {
  api<{ secret: string; qrSvg: string }>('POST', '/2fa/setup')
    .then((r) => {
      byId<HTMLImageElement>('pa-qr').src = `data:image/svg+xml;base64,${window.btoa(r.qrSvg)}`;
      byId('pa-secret').textContent = r.secret;
      show(byId('pa-enrol-box'), true);
      show(byId('pa-enrol'), false);
      byId('pa-confirm-code').focus();
    })
    .catch(fail);
});

byId('pa-confirm-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  api<{ recoveryCodes: string[] }>('POST', '/2fa/confirm', { code: byId<HTMLInputElement>('pa-confirm-code').value.trim() })
    .then((r) => {
      show(byId('pa-enrol-box'), false);
      byId('pa-recovery').replaceChildren(...r.recoveryCodes.map((c) => h('li', {}, h('code', {}, c))));
      show(byId('pa-recovery-box'), true);
      byId('pa-2fa-state').textContent = t('twoFactorOn');
      // The session ended on the server: sign in again, with a code.
      showWork(false);
      show(byId('pa-login'), true);
      say(t('enrolled'));
      byId('pa-recovery-box').focus();
    })
    .catch(fail);
});

async function start(): Promise<void> {
  try {
    const me = await api<{ role: string }>('GET', '/me');
    show(byId('pa-login'), false);
    const st = await security();
    if (st.setupRequired) {
      showWork(false);
      return;
    }
    if (me.role !== 'coordinateur') {
      showWork(false);
      say(t('notCoordinator'));
      return;
    }
    showWork(true);
    await refresh();
    await dashboard();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return loggedOut();
    fail(err);
  }
}

/** No session (never had one, or it ended): the login, and nothing else. */
function loggedOut(): void {
  showWork(false);
  show(byId('pa-security'), false);
  show(byId('pa-login'), true);
}

wireCoopDownload({
  said: say,
  alert: (text) => {
    alertBox.textContent = text;
  },
  loggedOut,
});

byId('pa-login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const v = (id: string) => byId<HTMLInputElement>(id).value.trim();
  const code = v('pa-code');
  api<{ csrfToken: string }>('POST', '/login', { territory: v('pa-territory'), username: v('pa-username'), password: byId<HTMLInputElement>('pa-password').value, ...(code ? { code } : {}) })
    .then((r) => {
      try {
        window.sessionStorage.setItem(CSRF_KEY, r.csrfToken);
      } catch {
        // storage refused: this page works until it is reloaded
      }
      byId<HTMLInputElement>('pa-password').value = '';
      byId<HTMLInputElement>('pa-code').value = '';
      show(byId('pa-code-row'), false);
      show(byId('pa-recovery-box'), false);
      alertBox.textContent = '';
      return start();
    })
    .catch((err: unknown) => {
      const e = err instanceof ApiError ? err : undefined;
      if (e?.code === 'TwoFactorRequired' || e?.code === 'TwoFactorWrong') {
        show(byId('pa-code-row'), true);
        alertBox.textContent = e.code === 'TwoFactorRequired' ? t('codeAsked') : t('codeWrong');
        byId('pa-code').focus();
        return;
      }
      alertBox.textContent = e?.status === 401 ? t('loginFailed') : t('error', { message: String((err as Error).message) });
    });
});

byId('pa-add-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const name = byId<HTMLInputElement>('pa-add-name').value.trim();
  const username = byId<HTMLInputElement>('pa-add-username').value.trim();
  const capacity = byId<HTMLInputElement>('pa-add-capacity').value.trim();
  const body: Record<string, unknown> = { name, role: byId<HTMLSelectElement>('pa-add-role').value };
  if (username) body.username = username;
  if (capacity) body.capacity = Number(capacity);
  const email = byId<HTMLInputElement>('pa-add-email').value.trim();
  if (email) body.email = email;
  api<{ account: Account; password: string }>('POST', '/accounts', body)
    .then(async (r) => {
      (byId('pa-add-form') as HTMLFormElement).reset();
      await refresh();
      say(t('added', { name: r.account.name, username: r.account.username }));
      showOnce(r.account.name, r.password);
    })
    .catch(fail);
});

byId('pa-audit-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  audit().catch(fail);
});

start().catch(fail);
