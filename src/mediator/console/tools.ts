/// <reference lib="dom" />
/**
 * The open conversation's tools beside the chat (issue 19): the team's internal notes (never sent to the person),
 * read from GET /handoffs/:id and added with POST /handoffs/:id/notes; the transfer to a colleague on duty
 * (POST /handoffs/:id/transfer). Built here as DOM (no markup from strings) under the conversation's actions,
 * folded by default so the message box stays in view.
 * main.ts calls `open(id)` when a conversation is shown and `close()` when the pane empties.
 */
import type { MediatorApi } from './api';
import { ApiError } from './api';
import type { ConsoleStringKey } from './config';
import { h } from './dom';
import { channelLabel, formatParis, outcomeLabel, type Outcome } from './format';
import type { ConsoleStrings } from './config';

type T = (key: ConsoleStringKey, vars?: Record<string, string | number>) => string;

export interface NoteView {
  index: number;
  at: number;
  mediatorId: string;
  author: string;
  text: string;
  transferTo?: string;
}

export interface PreviousVisit {
  id: string;
  at: number;
  state: string;
  channel: string;
  guideTitle?: string;
  stepNumber?: number;
  stepTotal?: number;
  stepTitle?: string;
  outcome?: Outcome;
  note?: string;
}

export class ConversationTools {
  private readonly previousRoot: HTMLDetailsElement;
  private readonly previousSummary: HTMLElement;
  private readonly previousList: HTMLOListElement;
  private current: string | null = null;
  private readonly root: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly input: HTMLTextAreaElement;
  private readonly error: HTMLParagraphElement;
  private readonly status: HTMLParagraphElement;
  private readonly transferRoot: HTMLDetailsElement;
  private readonly transferTo: HTMLInputElement;
  private readonly transferTeam: HTMLInputElement;
  private readonly transferNote: HTMLTextAreaElement;
  private readonly transferError: HTMLParagraphElement;

  constructor(
    private readonly api: MediatorApi,
    private readonly t: T,
    private readonly locale: 'fr' | 'en',
    /** Where the tools go: after this element. */
    anchor: HTMLElement,
    /** The conversation went to a colleague: out of this console. */
    private readonly onTransferred: (id: string) => void = () => undefined,
    private readonly strings?: ConsoleStrings,
  ) {
    this.previousSummary = h('summary', { id: 'pc-previous-summary' }, t('previousTitle'));
    this.previousList = h('ol', { id: 'pc-previous', class: 'pc-notes' });
    this.previousRoot = h('details', { id: 'pc-previous-visits', class: 'pc-tools', hidden: true }, this.previousSummary, this.previousList);
    this.summary = h('summary', { id: 'pc-notes-summary' }, t('notesTitle'));
    this.list = h('ol', { id: 'pc-notes', class: 'pc-notes' });
    this.empty = h('p', { id: 'pc-notes-empty', class: 'pc-empty' }, t('notesEmpty'));
    this.input = h('textarea', { id: 'pc-note-text', rows: 2, maxlength: 2000, 'aria-describedby': 'pc-note-text-hint pc-note-error' });
    this.error = h('p', { id: 'pc-note-error', class: 'pc-error', role: 'alert' });
    this.status = h('p', { id: 'pc-note-status', class: 'pc-status', role: 'status' });
    const form = h(
      'form',
      { id: 'pc-note-form', class: 'pc-note-form', action: '#', novalidate: true },
      h('label', { for: 'pc-note-text' }, t('noteLabel')),
      h('p', { id: 'pc-note-text-hint', class: 'pc-hint' }, t('noteHint2')),
      h('div', { class: 'pc-row' }, this.input, h('button', { type: 'submit', id: 'pc-note-add', class: 'pc-secondary' }, t('noteAdd'))),
      this.error,
      this.status,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.add().catch((err: unknown) => console.error('pasapas console:', err));
    });
    this.root = h('details', { id: 'pc-tools', class: 'pc-tools' }, this.summary, this.list, this.empty, form);

    this.transferTo = h('input', { id: 'pc-transfer-to', type: 'text', maxlength: 60, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'pc-transfer-hint pc-transfer-error' });
    this.transferTeam = h('input', { id: 'pc-transfer-team', type: 'text', maxlength: 60, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
    this.transferNote = h('textarea', { id: 'pc-transfer-note', rows: 2, maxlength: 2000 });
    this.transferError = h('p', { id: 'pc-transfer-error', class: 'pc-error', role: 'alert' });
    const transferForm = h(
      'form',
      { id: 'pc-transfer-form', class: 'pc-note-form', action: '#', novalidate: true },
      h('p', { id: 'pc-transfer-hint', class: 'pc-hint' }, t('transferHint')),
      h('label', { for: 'pc-transfer-to' }, t('transferTo')),
      this.transferTo,
      h('label', { for: 'pc-transfer-team' }, t('transferTeam')),
      this.transferTeam,
      h('label', { for: 'pc-transfer-note' }, t('transferNote')),
      this.transferNote,
      this.transferError,
      h('button', { type: 'submit', id: 'pc-transfer-send', class: 'pc-secondary' }, t('transferSend')),
    );
    transferForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this.transfer().catch((err: unknown) => console.error('pasapas console:', err));
    });
    this.transferRoot = h('details', { id: 'pc-transfer', class: 'pc-tools' }, h('summary', {}, t('transferTitle')), transferForm);
    anchor.after(this.previousRoot, this.root, this.transferRoot);
  }

  /** A conversation is shown: its notes. */
  open(id: string): void {
    if (this.current !== id) {
      this.renderPrevious([]);
      this.transferRoot.open = false;
      this.transferTo.value = '';
      this.transferTeam.value = '';
      this.transferNote.value = '';
      this.transferError.textContent = '';
      this.input.value = '';
      this.error.textContent = '';
      this.status.textContent = '';
      this.render([]);
    }
    this.current = id;
    this.refresh().catch((err: unknown) => console.error('pasapas console:', err));
  }

  close(): void {
    this.current = null;
    this.root.open = false;
    this.render([]);
    this.renderPrevious([]);
  }

  /** Each load of the notes is numbered: the one of opening, slower, never hides a note added since. */
  private loads = 0;

  private async refresh(): Promise<void> {
    const id = this.current;
    if (!id) return;
    const load = ++this.loads;
    const detail = await this.api.handoff(id);
    if (this.current !== id || load !== this.loads) return;
    this.render((detail.notes ?? []) as NoteView[]);
    this.renderPrevious((detail.previous ?? []) as PreviousVisit[]);
  }

  /** The person's earlier visits: when, which formality and step, how it ended, the mediator's note. */
  private renderPrevious(visits: PreviousVisit[]): void {
    this.previousRoot.hidden = visits.length === 0;
    this.previousSummary.textContent = `${this.t('previousTitle')} (${visits.length})`;
    this.previousList.replaceChildren(
      ...visits.map((v) => {
        const step = v.stepNumber && v.stepTotal ? this.t('stepOf', { n: v.stepNumber, total: v.stepTotal }) : '';
        const what = [v.guideTitle ?? this.t('previousNoGuide'), step, this.strings ? channelLabel(v.channel, this.strings) : v.channel].filter(Boolean).join(' · ');
        const how = v.outcome && this.strings ? outcomeLabel(v.outcome, this.strings) : this.t('previousNoOutcome');
        return h('li', {}, h('span', { class: 'pc-who' }, `${formatParis(v.at, this.locale)} — ${what}`), h('p', {}, `${how}${v.note ? ` : ${v.note}` : ''}`));
      }),
    );
  }

  private render(notes: NoteView[]): void {
    this.summary.textContent = notes.length ? `${this.t('notesTitle')} (${notes.length})` : this.t('notesTitle');
    this.list.replaceChildren(
      ...notes.map((n) => {
        const by = { author: n.author, time: formatParis(n.at, this.locale), to: n.transferTo ?? '' };
        return h('li', { class: n.transferTo ? 'pc-note-transfer' : undefined }, h('span', { class: 'pc-who' }, this.t(n.transferTo ? 'noteTransfer' : 'noteBy', by)), n.text ? h('p', {}, n.text) : null);
      }),
    );
    this.empty.hidden = notes.length > 0;
  }

  private async transfer(): Promise<void> {
    const id = this.current;
    const colleague = this.transferTo.value.trim();
    const team = this.transferTeam.value.trim();
    const to = colleague || team;
    const note = this.transferNote.value.trim();
    this.transferError.textContent = '';
    if (!id) return;
    if (!to) {
      this.transferError.textContent = this.t('transferMissing');
      this.transferTo.focus();
      return;
    }
    try {
      const target = colleague ? { mediator: colleague } : { territory: team };
      await this.api.call('POST', `/handoffs/${encodeURIComponent(id)}/transfer`, note ? { to: target, note } : { to: target });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      this.transferError.textContent =
        code === 'NotOnDuty'
          ? this.t('transferOffDuty', { name: to })
          : code === 'NobodyOnDuty'
            ? this.t('transferNobody', { name: to })
            : code === 'UnknownColleague' || code === 'UnknownTerritory' || code === 'BadRequest'
              ? this.t('transferUnknown', { name: to })
              : err instanceof ApiError && err.status === 0
                ? this.t('offline')
                : this.t('transferFailed');
      return;
    }
    this.onTransferred(id);
  }

  private async add(): Promise<void> {
    const id = this.current;
    const text = this.input.value.trim();
    this.error.textContent = '';
    this.status.textContent = '';
    if (!id) return;
    if (!text) {
      this.error.textContent = this.t('empty');
      this.input.focus();
      return;
    }
    try {
      await this.api.call('POST', `/handoffs/${encodeURIComponent(id)}/notes`, { text });
    } catch (err) {
      this.error.textContent = err instanceof ApiError && err.status === 0 ? this.t('offline') : this.t('noteFailed');
      return;
    }
    this.input.value = '';
    this.status.textContent = this.t('noteAdded');
    await this.refresh();
  }
}
