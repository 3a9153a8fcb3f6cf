/// <reference lib="dom" />
/**
 * Bot text → text nodes and links. Only http(s) URLs become links; nothing is ever parsed as HTML,
 * so a "<script>" or a "javascript:" in a message stays plain text.
 */
export interface Piece {
  text: string;
  /** Present only for an http: or https: URL. */
  href?: string;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'«»]+/gi;
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/** The absolute http(s) URL of `raw`, or null (any other scheme, or not a URL). */
export function safeHref(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function splitLinks(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && !prev.href) prev.text += t;
    else out.push({ text: t });
  };
  URL_RE.lastIndex = 0;
  // exec loop rather than matchAll: phones from 2019 (Chrome 70) have no matchAll.
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    const start = m.index;
    const url = m[0].replace(TRAILING, '');
    const href = safeHref(url);
    push(text.slice(last, start));
    if (href) out.push({ text: url, href });
    else push(url);
    last = start + url.length;
  }
  push(text.slice(last));
  return out;
}

/** Append `text` to `parent` as text nodes and safe links opening in a new window. */
export function appendLinkified(parent: Node, text: string, newWindowLabel: string, linkWords?: (href: string) => string | undefined): void {
  appendPieces(parent, splitLinks(text), newWindowLabel, linkWords);
}

/**
 * Append text pieces and links (opening in a new window, said so to screen readers). `linkWords`
 * gives some links words instead of their raw URL (the privacy page: "Vos droits et vos données").
 */
export function appendPieces(parent: Node, pieces: Piece[], newWindowLabel: string, linkWords?: (href: string) => string | undefined): void {
  const doc = parent.ownerDocument ?? document;
  for (const piece of pieces) {
    if (!piece.href) {
      parent.appendChild(doc.createTextNode(piece.text));
      continue;
    }
    const a = doc.createElement('a');
    a.href = piece.href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = linkWords?.(piece.href) ?? piece.text;
    const hint = doc.createElement('span');
    hint.className = 'pp-sr';
    hint.textContent = ` ${newWindowLabel}`;
    a.appendChild(hint);
    parent.appendChild(a);
  }
}
