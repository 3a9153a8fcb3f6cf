/**
 * The markdown the server sends to web chats (src/channels/render.ts `toMarkdown`) → text and links,
 * never HTML: a backslash escape is the character itself, a backslash at the end of a line a line
 * break, `<https://…>` a link. Anything else stays as it is (the server escaped the rest).
 */
import { safeHref, type Piece } from './linkify';

const ESCAPABLE = /[!-/:-@[-`{-~]/;

export function markdownPieces(markdown: string): Piece[] {
  const out: Piece[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ text });
    text = '';
  };
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    const next = markdown[i + 1] ?? '';
    if (c === '\\' && (next === '\n' || ESCAPABLE.test(next))) {
      text += next;
      i += 1;
      continue;
    }
    if (c === '<') {
      const end = markdown.indexOf('>', i + 1);
      const inside = end < 0 ? '' : markdown.slice(i + 1, end);
      const href = /^https?:\/\/[^\s<>]+$/i.test(inside) ? safeHref(inside) : null;
      if (href) {
        flush();
        out.push({ text: inside, href });
        i = end;
        continue;
      }
    }
    text += c;
  }
  flush();
  return out;
}
