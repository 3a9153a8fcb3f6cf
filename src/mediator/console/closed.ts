/// <reference lib="dom" />
/**
 * The territory's closed conversations in the console (issue 19): a search form (words, outcome) under the queue,
 * results from GET /api/mediator/closed (newest first), each with its date, formality, outcome and note, and the
 * conversation itself (masked, read only) unfolded on demand from GET /handoffs/:id. DOM only, no markup.
 */
import type { MediatorApi } from './api';
import { ApiError } from './api';
import type { ConsoleStringKey, ConsoleStrings } from './config';
import { h } from './dom';
import { formatParis, handoffTitle, outcomeLabel, type HandoffView, type MessageView, type Outcome } from './format';

type T = (key: ConsoleStringKey, vars?: Record<string, string | number>) => string;
type Closed = HandoffView & { closedAt?: number; outcome?: Outcome; note?: string };

const OUTCOMES: Outcome[] = ['fait-pour', 'fait-avec', 'autonome', 'non-resolu'];

export class ClosedConversations {
  private readonly list: HTMLOListElement;
  private readonly status: HTMLParagraphElement;
  private readonly words: HTMLInputElement;
  private readonly outcome: HTMLSelectElement;
  /** Each search is numbered: an older, slower answer never replaces the results of the last one. */
  private searches = 0;

  constructor(
    private readonly api: MediatorApi,
    private readonly t: T,
    private readonly s: ConsoleStrings,
    private readonly locale: 'fr' | 'en',
    panel: HTMLElement,
  ) {
    this.words = h('input', { id: 'pc-closed-q', type: 'search', maxlength: 100 });
    this.outcome = h('select', { id: 'pc-closed-outcome' }, h('option', { value: '' }, t('closedAnyOutcome')), ...OUTCOMES.map((o) => h('option', { value: o }, outcomeLabel(o, s))));
    this.list = h('ol', { id: 'pc-closed', class: 'pc-list' });
    this.status = h('p', { id: 'pc-closed-status', class: 'pc-status', role: 'status' });
    const form = h(
      'form',
      { id: 'pc-closed-form', class: 'pc-note-form', action: '#', novalidate: true, role: 'search' },
      h('label', { for: 'pc-closed-q' }, t('closedWords')),
      this.words,
      h('label', { for: 'pc-closed-outcome' }, t('closedOutcome')),
      this.outcome,
      h('button', { type: 'submit', id: 'pc-closed-search', class: 'pc-secondary' }, t('closedSearch')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.search().catch((err: unknown) => console.error('pasapas console:', err));
    });
    panel.append(h('details', { id: 'pc-closed-section', class: 'pc-tools' }, h('summary', {}, t('closedTitle')), form, this.status, this.list));
  }

  private async search(): Promise<void> {
    const search = ++this.searches;
    const q = new URLSearchParams();
    const words = this.words.value.trim();
    if (words) q.set('q', words);
    if (this.outcome.value) q.set('outcome', this.outcome.value);
    this.status.textContent = '';
    let found: Closed[];
    try {
      found = (await this.api.call<{ handoffs: Closed[] }>('GET', `/closed${q.toString() ? `?${q}` : ''}`)).handoffs ?? [];
    } catch (err) {
      if (search !== this.searches) return;
      this.status.textContent = err instanceof ApiError && err.status === 400 ? this.t('closedBadSearch') : this.t('error');
      return;
    }
    if (search !== this.searches) return;
    this.status.textContent = this.t('closedCount', { n: found.length });
    this.list.replaceChildren(...found.map((c) => this.item(c)));
  }

  private item(c: Closed): HTMLElement {
    const body = h('div', { class: 'pc-closed-body' });
    const more = h('details', {}, h('summary', {}, this.t('closedShow')), body);
    more.addEventListener('toggle', () => {
      if (more.open && !body.hasChildNodes()) this.load(c.id, body).catch((err: unknown) => console.error('pasapas console:', err));
    });
    const when = c.closedAt ? formatParis(c.closedAt, this.locale) : '';
    return h(
      'li',
      { class: 'pc-closed-item' },
      h('p', { class: 'pc-who' }, `${when} — ${handoffTitle(c, this.s)}`),
      h('p', {}, `${c.outcome ? outcomeLabel(c.outcome, this.s) : ''}${c.note ? ` : ${c.note}` : ''}`),
      more,
    );
  }

  /** The conversation, read only: the masked transcript, then the messages. */
  private async load(id: string, into: HTMLElement): Promise<void> {
    const d = await this.api.handoff(id);
    const line = (from: string, text: string) => h('p', {}, h('span', { class: 'pc-who' }, `${from === 'citizen' ? this.s.citizen : from === 'mediator' ? this.s.you : this.s.bot} `), text);
    into.replaceChildren(
      ...(d.transcript ?? []).map((l) => line(l.from, l.text)),
      ...((d.messages ?? []) as MessageView[]).map((m) => line(m.from, m.photo ? `[${this.s.photoAlt}] ${m.text}` : m.text)),
    );
  }
}
