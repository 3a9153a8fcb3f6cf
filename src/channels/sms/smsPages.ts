/**
 * One reply's messages packed into SMS, as a person with a cheap phone reads them:
 * - texts are cut between whole items (a "- …" line and its continuation lines, a numbered answer, a line),
 *   never after a header ("… :") or a question ("… ?") whose next line went to the next SMS;
 * - short messages travel together (a kind line, "D'accord…", the start of a checklist) as long as the SMS stays
 *   within `maxSegments`, so a reply is a few full SMS instead of many small ones (never more segments);
 * - a reply goes in pages of `maxPerReply` SMS: the first page now, the others held for "SUITE"; the last SMS of
 *   every page but the final one keeps room for the hint, which rides on it (never an SMS of its own);
 * - a message's `firstPart` lines (the menu's "0 Parler à un conseiller") stay where the text has them (the list
 *   reads in order, "0" last) unless that holds them for "SUITE": then they end what this reply shows of the list;
 * - a `whole` message (a question with its answers) is one SMS when it fits in one.
 */
import { LRUCache } from 'lru-cache';
import { toGsm7 } from '../../text/sms';
import type { RenderedMessage } from '../render';
import { fitsSegments, mostCharacters, type SmsSettings } from './smsText';
import { BULLET, linesOf, unitsOf, type TextUnit } from './smsUnits';

export { unitsOf } from './smsUnits';

interface Unit extends TextUnit {
  /** Lines that stay at the end of the SMS where this unit goes (and its message's next units too). */
  tail?: string;
  /** Which message of the reply it comes from. */
  msg?: number;
  /** A `firstPart` line (the menu's "0 Parler à un conseiller"): never held for "SUITE". */
  first?: boolean;
}

/** The units of a reply: each message's, a blank line between messages, its `firstPart` lines marked. */
function unitsOfReply(messages: RenderedMessage[], transliterate: boolean, fits: (t: string) => boolean): Unit[] {
  const out: Unit[] = [];
  for (const [i, m] of messages.entries()) {
    const text = (transliterate ? toGsm7(m.text) : m.text).trim();
    const first = (m.firstPart ?? []).map((l) => (transliterate ? toGsm7(l) : l));
    const units: Unit[] = m.whole && fits(text) ? [{ text, sep: '\n\n' }] : unitsOf(text);
    if (units.length === 0) continue;
    for (const u of units) if (first.length && u.text.split('\n').every((l) => first.includes(l))) u.first = true;
    units[0].sep = '\n\n';
    out.push(...units.map((u) => ({ ...u, msg: i })));
  }
  return out;
}

/**
 * The menu's answers read in order, "0 Parler à un conseiller" last, where the text has it; when the list goes on
 * after "SUITE", the line goes earlier in its message, as late as this reply can show it (before the hint): a way to
 * a person is never held. Should no place do, it rides at the end of the SMS where its message starts.
 */
function keepFirstPart(units: Unit[], pack: (queue: Unit[]) => Pages): Pages {
  const paged = pack(units);
  const at = units.findIndex((u) => u.first);
  if (at < 0 || shows(paged, units[at].text)) return paged;
  const person: Unit = { ...units[at], sep: '\n' };
  const rest = units.filter((_, i) => i !== at);
  const start = rest.findIndex((u) => u.msg === person.msg);
  for (let j = at - 1; j > start; j--) {
    const moved = pack([...rest.slice(0, j), person, ...rest.slice(j)]);
    if (shows(moved, person.text)) return moved;
  }
  if (start < 0) return paged;
  return pack(rest.map((u, i) => (i === start ? { ...u, tail: [u.tail, person.text].filter((t) => t).join('\n') } : u)));
}

/** The SMS that go now hold these lines whole. */
const shows = (paged: Pages, lines: string) => paged.items.some((s) => `\n${s}\n`.includes(`\n${lines}\n`));

interface Sms {
  body: string;
  tail?: string;
}

const textOf = (s: Sms) => (s.tail ? `${s.body}\n${s.tail}` : s.body);

/** Cut a unit too long for one SMS: its lines (a header with the next), then sentences, then words (links whole). */
function cutUnit(text: string, fits: (t: string) => boolean): [string, string] {
  const lines = linesOf(text);
  const [head, n] = longestHead(lines, '\n', fits);
  if (n > 0) return [head, lines.slice(n).join('\n')];
  const rest = lines.slice(1).join('\n');
  // Sentences end on . ! ? (never after a "… :" that announces what follows), then words; a header's line break stays.
  for (const cut of [/((?<=[.!?])\s+)/, /(\s+)/]) {
    const pieces = piecesOf(lines[0], cut);
    const [h, k] = longestHead(pieces, '', fits);
    if (k > 0) return [h, [pieces.slice(k).join(''), rest].filter((t) => t).join('\n')];
  }
  // One word longer than an SMS (a link): it goes alone.
  const words = piecesOf(lines[0], /(\s+)/);
  return [words[0].trimEnd(), [words.slice(1).join(''), rest].filter((t) => t).join('\n')];
}

/** A line cut after each separator that `cut` captures, each piece keeping the separator that follows it. */
function piecesOf(line: string, cut: RegExp): string[] {
  const parts = line.split(cut);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push(parts[i] + (parts[i + 1] ?? ''));
  return out.filter((p) => p);
}

/** The most pieces from the start that fit, joined (without the spaces that end them); and how many. */
function longestHead(pieces: string[], joiner: string, fits: (t: string) => boolean): [string, number] {
  let head = '';
  let n = 0;
  for (const piece of pieces) {
    const candidate = n ? `${head}${joiner}${piece}` : piece;
    if (!fits(candidate.trimEnd())) break;
    head = candidate;
    n++;
  }
  return [head.trimEnd(), n];
}

type Pages = { items: string[]; hold?: string[] };

/**
 * The SMS of one reply: what goes now (the hint on the last one when more is held) and what is held for "SUITE"
 * (pages of `maxPerReply`, each but the last with room for the hint, which is added when the page goes).
 *
 * A reply that ends with a question and its answers ("Vous avez tout ? 1 Oui… 2 Non… 3 Je suis bloqué") and is too
 * long for one reply: the question goes in this reply too, last, after the hint — the citizen always knows what to
 * answer, and that more is there to read — and it ends the held part as well (the reply to "SUITE").
 */
export function pageSms(messages: RenderedMessage[], settings: SmsSettings, maxPerReply: number | undefined, moreHint: string): Pages {
  const key = pagingKey(messages, settings, maxPerReply, moreHint);
  let pages = pagedBefore.get(key);
  if (!pages) {
    pages = pageNow(messages, settings, maxPerReply, moreHint);
    pagedBefore.set(key, pages);
  }
  return pages.hold ? { items: [...pages.items], hold: [...pages.hold] } : { items: [...pages.items] };
}

/**
 * Replies paged lately, by what paging depends on (it is a pure function of these): a guide's step reads the same
 * for every citizen, so most replies were paged before, and paging one costs ~30 µs (units, then packing tried two
 * ways). A reply may quote the citizen or name a place: it is kept one minute at most.
 */
const pagedBefore = new LRUCache<string, Pages>({ max: 256, ttl: 60_000, ttlAutopurge: false });

function pagingKey(messages: RenderedMessage[], settings: SmsSettings, maxPerReply: number | undefined, moreHint: string): string {
  let key = `${settings.maxSegments}\u0001${settings.transliterate ? 1 : 0}\u0001${maxPerReply ?? ''}\u0001${moreHint}`;
  for (const m of messages) key += `\u0002${m.whole ? 1 : 0}\u0001${m.firstPart?.join('\u0003') ?? ''}\u0001${m.text}`;
  return key;
}

/** `pageSms` itself, without the memo. */
function pageNow(messages: RenderedMessage[], settings: SmsSettings, maxPerReply: number | undefined, moreHint: string): Pages {
  const hint = settings.transliterate ? toGsm7(moreHint) : moreHint;
  const fits = (t: string) => fitsSegments(t, settings.maxSegments);
  const units = unitsOfReply(messages, settings.transliterate, fits);
  const plain = keepFirstPart(units, (queue) => packPages([...queue], settings, maxPerReply, hint, hint));
  const last = messages[messages.length - 1];
  if (!plain.hold || !last?.whole || messages.length < 2) return plain;
  const ask = (settings.transliterate ? toGsm7(last.text) : last.text).trim();
  const firstHint = `${hint}\n\n${ask}`;
  if (!fits(firstHint)) return plain;
  const pack = (queue: Unit[]) => keepFirstPart(queue, (q) => askedOnce(packPages([...q], settings, maxPerReply, hint, firstHint), ask, firstHint));
  const paged = pack(units);
  // "Vous avez tout ?" before any item of the list it asks about: the notes before the list wait until after it.
  if (listBeforeQuestion(paged, firstHint)) return paged;
  const listFirst = notesAfterList(units);
  const again = listFirst && pack(listFirst);
  return again && listBeforeQuestion(again, firstHint) ? again : paged;
}

/** Only the question was left for "SUITE": it is already in this reply, so nothing is held and no hint is needed. */
function askedOnce(paged: Pages, ask: string, firstHint: string): Pages {
  if (paged.hold?.join('\n\n').trim() !== ask) return paged;
  const items = [...paged.items];
  const body = items[items.length - 1].slice(0, -(firstHint.length + 1));
  items[items.length - 1] = body ? `${body}\n\n${ask}` : ask;
  return { items };
}

const hasBullet = (text: string) => text.split('\n').some((l) => BULLET.test(l));

/** This reply shows some item of its list ("- …") before the hint and the question, or all of it (nothing held). */
function listBeforeQuestion(paged: Pages, firstHint: string): boolean {
  if (!paged.hold) return true;
  const now = paged.items.join('\n');
  const at = now.lastIndexOf(firstHint);
  return hasBullet(at < 0 ? now : now.slice(0, at)) || !hasBullet(paged.hold.join('\n'));
}

/**
 * The units with what comes before the list and is not the first line of its message (a note "À savoir : …" after
 * "D'accord. Je vous aide pour : …") moved after the list's message, before the question; undefined when none is.
 */
function notesAfterList(units: Unit[]): Unit[] | undefined {
  const listAt = units.findIndex((u) => hasBullet(u.text));
  if (listAt < 0) return undefined;
  const before = units.slice(0, listAt);
  const notes = before.filter((u, i) => i > 0 && u.msg === before[i - 1].msg);
  if (notes.length === 0) return undefined;
  let end = listAt;
  while (end < units.length && units[end].msg === units[listAt].msg) end++;
  const moved = notes.map((u, i) => (i === 0 || u.msg !== notes[i - 1].msg ? { ...u, sep: '\n\n' as const } : u));
  return [...before.filter((u) => !notes.includes(u)), ...units.slice(listAt, end), ...moved, ...units.slice(end)];
}

/** `pageSms` with the hint of the first page (`firstHint`) and of the held pages (`hint`) given. */
function packPages(queue: Unit[], settings: SmsSettings, maxPerReply: number | undefined, hint: string, firstHint: string): Pages {
  const fits = (t: string) => fitsSegments(t, settings.maxSegments);
  const maxChars = mostCharacters(settings.maxSegments);
  if (queue.length === 0) return { items: [] };
  // Most replies fit in one SMS whole (what the loop below would make of them: no text can fit whose start does not).
  const all = joinAll({ body: '' }, queue);
  if (fits(all)) return { items: [all] };
  const sms: string[] = [];
  let current: Sms | undefined;
  // How many SMS go now: `maxPerReply`, or one less when a whole item would have to be cut to leave room for the hint.
  let firstPage = maxPerReply ?? 0;
  // The last SMS of a page keeps room for the hint when something comes after what it takes (held pages start after
  // the first one, and are `maxPerReply` SMS each: "SUITE" hands out that many).
  const reserved = () => Boolean(maxPerReply) && sms.length >= firstPage - 1 && (sms.length - firstPage + 1) % maxPerReply! === 0;
  const hintHere = () => (sms.length < firstPage ? firstHint : hint);
  const withHint = (t: string, more: boolean) => (more && reserved() ? `${t}\n${hintHere()}` : t);
  while (queue.length) {
    const u = queue[0];
    // Nothing after what this SMS can take: no room to keep for the hint.
    const sofar = current ?? { body: '' };
    const more = joinedLengthAtLeast(sofar, queue) > maxChars || !fits(joinAll(sofar, queue));
    if (current) {
      const next = join(current, u);
      if (fits(withHint(textOf(next), more && queue.length > 1))) {
        current = next;
        queue.shift();
        continue;
      }
      // A unit too long for any SMS is cut anyway: its first whole lines fill this one (a place's name and address
      // after "Voici 3 lieux…"), unless this SMS keeps room for the hint.
      const filled = !fits(textOf({ body: u.text, tail: u.tail })) && !reserved() ? fill(current, u, fits) : undefined;
      if (filled) queue[0] = filled.rest;
      sms.push(textOf(filled?.sms ?? current));
      current = undefined;
      continue;
    }
    const alone: Sms = { body: u.text, tail: u.tail };
    if (fits(withHint(textOf(alone), more && queue.length > 1))) {
      current = alone;
      queue.shift();
      continue;
    }
    // The first page's last SMS cannot take this item whole with the hint: the hint goes on the SMS before, and the
    // item waits for "SUITE" whole (rather than cut in the middle).
    const previous = sms[sms.length - 1];
    if (maxPerReply && sms.length === firstPage - 1 && firstPage === maxPerReply && previous !== undefined && fits(textOf(alone)) && fits(`${previous}\n${firstHint}`)) {
      firstPage = sms.length;
      continue;
    }
    // With the question to close the first page, the item waits for "SUITE" whole (never its first lines before the hint):
    // that SMS is the hint and the question.
    if (firstHint !== hint && maxPerReply && sms.length === firstPage - 1) {
      sms.push('');
      continue;
    }
    queue.shift();
    // Too long for one SMS: its first lines now, the rest after (then more is coming: keep room for the hint).
    const [head, rest] = cutUnit(u.text, (t) => fits(withHint(textOf({ body: t, tail: u.tail }), true)));
    current = { body: head, tail: u.tail };
    if (rest) queue.unshift({ text: rest, sep: '\n' });
  }
  if (current) sms.push(textOf(current));
  if (!maxPerReply || sms.length <= firstPage) return { items: sms };
  const now = sms.slice(0, firstPage);
  now[now.length - 1] = now[now.length - 1] ? `${now[now.length - 1]}\n${firstHint}` : firstHint;
  return { items: now, hold: sms.slice(firstPage) };
}

/** The SMS with the most whole lines of `u` that fit after what it has (two at least: a title never alone), and the rest. */
function fill(current: Sms, u: Unit, fits: (t: string) => boolean): { sms: Sms; rest: Unit } | undefined {
  const lines = linesOf(u.text);
  for (let n = lines.length - 1; n > 1; n--) {
    const sms = join(current, { ...u, text: lines.slice(0, n).join('\n') });
    if (fits(textOf(sms))) return { sms, rest: { text: lines.slice(n).join('\n'), sep: '\n', msg: u.msg } };
  }
  return undefined;
}

/** A unit added to an SMS: a new message closes the tail of the one before (it stays with its own message). */
function join(current: Sms, u: Unit): Sms {
  if (!current.body) return { body: u.text, tail: u.tail };
  const base: Sms = u.sep === '\n\n' && current.tail ? { body: textOf(current) } : current;
  return { body: `${base.body}${u.sep}${u.text}`, tail: [base.tail, u.tail].filter((t) => t).join('\n') || undefined };
}

/**
 * A length `joinAll` cannot be under: its texts and the separators between them (tails only add). Asked for every
 * SMS the loop fills, over what is left of the reply: counted, instead of joining it all each time.
 */
function joinedLengthAtLeast(current: Sms, queue: Unit[]): number {
  let n = current.body.length;
  for (const u of queue) n += u.text.length + (n > 0 && u.text ? u.sep.length : 0);
  return n;
}

/** The SMS with every unit left added (to know whether they all fit in it). */
function joinAll(current: Sms, queue: Unit[]): string {
  let s = current;
  for (const u of queue) s = join(s, u);
  return textOf(s);
}
