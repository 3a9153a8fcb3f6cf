/// <reference lib="dom" />
/**
 * A file download through fetch (the console's monthly report, the coordinators' Coop report): the session's cookie
 * goes with it, and a refusal (session ended, dates refused, server down) comes back as a status for the page to
 * say in its own words — the browser never lands on the API's raw JSON. The file keeps the server's name.
 */

/** Download `url`; the HTTP status (200 when saved), 0 when the server could not be reached. */
export async function downloadFile(url: string, fallbackName: string): Promise<number> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/csv' } });
  } catch {
    return 0;
  }
  if (!res.ok) return res.status;
  const blob = await res.blob().catch(() => null);
  if (!blob) return 0;
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return res.status;
}
