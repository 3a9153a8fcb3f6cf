/// <reference lib="dom" />
/**
 * How the chat frame looks: its words in the conversation's language, the territory's colour, the text size
 * (A−/A+, kept across visits; the whole page scrolls when too little height is left), one header row whatever
 * the width, and the settings menu under it.
 */
import { safeColor, textColorOn } from './contrast';
import { cfg, locale, root, store, t, ui, useLocale } from './frame';
import { voices } from './reading';
import type { WidgetLocale, WidgetStringKey } from './strings';

const TEXT_SIZES = [100, 115, 130, 150, 175, 200];
const FLOW_BELOW_EM = 34;

/** (Re)apply the UI strings: data-t → text, data-t-label → aria-label. */
export function applyStrings(): void {
  root.lang = locale;
  document.title = t('pageTitle', { name: cfg.territory.name });
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-t]'))) e.textContent = t(e.dataset.t as WidgetStringKey);
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-t-label]'))) {
    e.setAttribute('aria-label', t(e.dataset.tLabel as WidgetStringKey));
  }
  ui.lang.lang = locale === 'fr' ? 'en' : 'fr';
  voices();
}

export function setLocale(next: WidgetLocale): void {
  if (next === locale) return;
  useLocale(next);
  applyStrings();
  fitHeader();
}

// Territory colour, and black or white text on it (contrast ≥ 4.5:1).
const colour = safeColor(cfg.territory.primaryColor);
root.style.setProperty('--pp-c', colour);
root.style.setProperty('--pp-t', textColorOn(colour));

// Text size (A-/A+), kept across visits.
let size = Math.min(TEXT_SIZES.length - 1, Math.max(0, store.textSize()));
/** Too little height for the text size: let the whole page scroll (see .pp-flow in chat.css). */
export function reflow(): void {
  root.classList.toggle('pp-flow', window.innerHeight / (parseFloat(getComputedStyle(root).fontSize) || 16) < FLOW_BELOW_EM);
}
/**
 * One header row whatever the screen and the text size: when the buttons' words do not fit, or leave the
 * territory's name too little room, only their icons show (their words stay their accessible names), "Conseiller" last.
 */
export function fitHeader(): void {
  const title = ui.bar.querySelector('.pp-title') as HTMLElement;
  const name = title.querySelector('h1') as HTMLElement;
  const em = parseFloat(getComputedStyle(ui.bar).fontSize) || 16;
  // Too narrow: the buttons overflow the row, or leave the territory's name less than 5 characters or so, or
  // too little room for it on two lines (a word wider than its place, or a third line).
  const cut = () => name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 1;
  const tight = () => ui.bar.scrollWidth > ui.bar.clientWidth + 1 || title.getBoundingClientRect().width < 3 * em || cut();
  root.classList.remove('pp-compact', 'pp-tiny', 'pp-long');
  // First "Réglages" and "Fermer" show only their icons, then "Conseiller" too.
  if (tight()) root.classList.add('pp-compact');
  if (tight()) root.classList.add('pp-tiny');
  // A name on two lines leaves no room for "Pas à pas : aide aux démarches en ligne" under it.
  if (name.clientHeight > 1.5 * (parseFloat(getComputedStyle(name).lineHeight) || em)) root.classList.add('pp-long');
}
export function applySize(): void {
  root.style.fontSize = `${TEXT_SIZES[size]}%`;
  reflow();
  fitHeader();
  ui.smaller.setAttribute('aria-disabled', String(size === 0));
  ui.bigger.setAttribute('aria-disabled', String(size === TEXT_SIZES.length - 1));
}
export function resize(delta: number): void {
  size = Math.min(TEXT_SIZES.length - 1, Math.max(0, size + delta));
  store.saveTextSize(size);
  applySize();
}

// The menu (language, text size, "Terminer et effacer"): a disclosure button under the header's row.
export function showMenu(on: boolean, focusButton = false): void {
  ui.menuPanel.hidden = !on;
  ui.menu.setAttribute('aria-expanded', String(on));
  if (focusButton) ui.menu.focus();
}
ui.menu.addEventListener('click', () => showMenu(ui.menuPanel.hidden !== false));
