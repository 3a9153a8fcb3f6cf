/// <reference lib="dom" />
/**
 * Call-back requests (src/mediator/console/main.ts): whom to call and when (Paris time), the number as a tel: link,
 * and "Rappel fait" with an outcome.
 */
import { ApiError, type CallbackView } from './api';
import { h, show } from './dom';
import { OUTCOMES, formatParis, localeLabel, outcomeLabel, stepLabel, telHref } from './format';
import { api, background, cfg, chosenOutcome, failed, notice, s, session, t, ui } from './shell';

let callbacks: CallbackView[] = [];
/** Each load of the list is numbered: an older answer never replaces a newer one. */
let loads = 0;

/** Signed out: nothing kept. */
export function clearCallbacks(): void {
  callbacks = [];
}

export function renderCallbacks(): void {
  ui.callbacks.replaceChildren(
    ...callbacks.map((cb) => {
      const href = telHref(cb.phone ?? '');
      const phone = href ? h('a', { href }, cb.phone) : h('span', {}, cb.phone ?? '');
      const done = h('button', { type: 'button', class: 'pc-secondary', 'aria-label': t('callbackDoneLabel', { phone: cb.phone ?? '' }), 'aria-expanded': 'false' }, t('callbackDone'));
      const item = h(
        'li',
        { class: 'pc-item', 'data-id': cb.id },
        h('p', { class: 'pc-item-title' }, t('callAt', { when: formatParis(cb.callAt, cfg.locale) })),
        h('p', {}, h('span', { class: 'pc-who' }, t('phone')), phone),
        h('p', { class: 'pc-meta' }, [cb.guideTitle ?? '', stepLabel(cb, s), localeLabel(cb.locale ?? 'fr', s)].filter(Boolean).join(' · ')),
        h('p', {}, cb.summary ?? ''),
        done,
      );
      done.addEventListener('click', () => {
        const existing = item.querySelector('form');
        if (existing) {
          existing.remove();
          done.setAttribute('aria-expanded', 'false');
          return;
        }
        done.setAttribute('aria-expanded', 'true');
        item.append(callbackForm(cb));
        item.querySelector<HTMLInputElement>('input')?.focus();
      });
      return item;
    }),
  );
  show(ui.callbacksEmpty, callbacks.length === 0);
}

function callbackForm(cb: CallbackView): HTMLFormElement {
  const name = `cb-${cb.id}`;
  const error = h('p', { class: 'pc-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'pc-done-form', action: '#', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, t('outcomeLegend')),
      ...OUTCOMES.map((o) => {
        const id = `${name}-${o}`;
        return h('div', { class: 'pc-radio' }, h('input', { type: 'radio', name, id, value: o }), h('label', { for: id }, outcomeLabel(o, s)));
      }),
    ),
    error,
    h('div', { class: 'pc-actions' }, h('button', { type: 'submit' }, t('confirmClose'))),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const outcome = chosenOutcome(form);
    if (!outcome) {
      error.textContent = t('chooseOutcome');
      return;
    }
    try {
      await api.callbackDone(cb.id, outcome);
      callbacks = callbacks.filter((x) => x.id !== cb.id);
      renderCallbacks();
      // A load under way may predate this: asked again, it is the one that counts (and brings anything new).
      background(refreshCallbacks());
      notice(t('callbackSaved'));
      ui.queueTitle.focus();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) {
        error.textContent = t('gone');
        background(refreshCallbacks());
      } else failed(err);
    }
  });
  return form;
}

export function refreshCallbacks(): Promise<void> {
  const load = ++loads;
  return api.callbacks().then((list) => {
    if (!session.me || load !== loads) return;
    // Keep an open "Rappel fait" form when nothing changed.
    const same = list.length === callbacks.length && list.every((cb, i) => cb.id === callbacks[i].id);
    callbacks = list;
    if (!same) renderCallbacks();
  }, failed);
}
