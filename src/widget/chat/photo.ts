/// <reference lib="dom" />
/**
 * Sending a photo from the chat frame: a JPEG or PNG of at most 5 MB chosen with the camera button, uploaded to
 * the conversation, and said plainly when it is refused (too big, wrong type, too many, paused, too fast).
 */
import { client } from './conversation';
import { HttpError } from './directlineApi';
import { notify, t, ui } from './frame';
import { reader } from './reading';
import { settle } from './settle';
import type { WidgetStringKey } from './strings';
import { working } from './typing';

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** What to tell the citizen when a photo was refused. */
function photoProblem(err: unknown): WidgetStringKey {
  const status = err instanceof HttpError ? err.status : 0;
  const code = err instanceof HttpError ? err.code : '';
  if (status === 413) return 'photoTooBig';
  if (status === 415) return 'photoBadType';
  if (code === 'PhotoQuotaExceeded') return 'photoLimit';
  if (status === 429) return 'tooFast';
  if (code === 'PhotosPaused') return 'photoLater';
  return 'photoFailed';
}

ui.photo.addEventListener('click', () => ui.file.click());
ui.file.addEventListener('change', () => {
  const f = ui.file.files?.[0];
  ui.file.value = '';
  if (!f) return;
  if (!PHOTO_TYPES.includes(f.type)) return notify(t('photoBadType'));
  if (f.size > MAX_PHOTO_BYTES) return notify(t('photoTooBig'));
  reader.stop();
  notify(t('photoSending'));
  const done = working();
  settle(
    client
      .upload(f, f.name)
      .then(
        () => notify(''),
        (err: unknown) => notify(t(photoProblem(err))),
      )
      .finally(done),
  );
});
