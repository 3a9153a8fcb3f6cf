/**
 * The citizen's words said back to them ("Vous m'avez dit : « … »"): whole words, at most `max` characters, with "…"
 * where they were cut — never a word cut in half or a dangling space.
 */
export function quoted(text: string, max = 80): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  // A word ends where the cut falls when a space follows it.
  const space = t[cut.length] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/, '')}…`;
}
