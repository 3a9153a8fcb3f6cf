/// <reference lib="dom" />
/**
 * The coordinators' page: the Coop activity report's download (GET /api/mediator/report/coop?format=csv), fetched
 * with the session (console/download.ts). A refusal is said in the page: the dates the other way round, a session
 * that ended (the login comes back), a server that does not answer — never the API's raw JSON.
 */
import { byId } from '../console/dom';
import { downloadFile } from '../console/download';
import { t } from './client';

export interface CoopHooks {
  /** A message in the page's status line (role="status"). */
  said(text: string): void;
  /** A message in the page's alert line (role="alert"). */
  alert(text: string): void;
  /** The session ended: show the login again. */
  loggedOut(): void;
}

export function wireCoopDownload(hooks: CoopHooks): void {
  const form = byId<HTMLFormElement>('pa-coop-form');
  const button = byId<HTMLButtonElement>('pa-coop-download');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[name]'))) if (input.value) q.set(input.name, input.value);
    button.disabled = true;
    hooks.alert('');
    void downloadFile(`${form.getAttribute('action') ?? ''}?${q.toString()}`, 'coop.csv')
      .then((status) => {
        if (status === 200) return hooks.said(t('downloaded'));
        if (status === 401) {
          hooks.loggedOut();
          return hooks.alert(t('sessionExpired'));
        }
        hooks.alert(status === 400 ? t('downloadBadDates') : status === 403 ? t('notCoordinator') : t('downloadFailed'));
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}
