/**
 * Masks personal data before anything is stored for mediators or written to logs: e-mails, IBANs,
 * social security numbers (NIR), 13-digit tax numbers, phone numbers (libphonenumber-js), other
 * long numbers, and whatever follows "mot de passe" / "code". The mask says what it hid, so a
 * mediator still understands ("mon numéro fiscal est [n° fiscal]").
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

/** A French social security number (NIR): 13 characters and its 2-digit key, 97 − (NIR mod 97); Corsica's 2A/2B count as 19/18. */
export function validNir(nir13: string, key: string): boolean {
  const digits = nir13.toUpperCase().replace(/^(\d{5})2A/, '$119').replace(/^(\d{5})2B/, '$118');
  if (!/^\d{13}$/.test(digits)) return false;
  return 97 - Number(BigInt(digits) % 97n) === Number(key);
}

/** An IBAN passes the ISO 13616 check: the country and check digits moved to the end, letters as numbers, mod 97 = 1. */
export function validIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(numeric) % 97n === 1n;
}

/** A NIR with its 2-digit key (15 characters): unambiguous. A wrong key is still hidden, as a number. */
const NIR_KEYED = /\b([12378])[ .]?(\d{2})[ .]?(0[1-9]|1[0-2]|[2-9]\d)[ .]?(\d{2}|2A|2B)[ .]?(\d{3})[ .]?(\d{3})[ .]?(\d{2})\b/gi;
/** A NIR without its key, written as one (1 84 05 76 451 089; Corsica's 2A/2B). */
const NIR_UNKEYED = /\b([12378])[ .]?(\d{2})[ .]?(0[1-9]|1[0-2]|[2-9]\d)[ .]?(\d{2}|2A|2B)[ .]?(\d{3})[ .]?(\d{3})\b/gi;
const NIR_SHAPE = new RegExp(`^${NIR_UNKEYED.source.slice(2, -2)}$`, 'i');
/** A tax number (numéro fiscal): 13 digits, written 30 12 345 678 901 or all together. */
const TAX = /\b\d{2}[ .]?\d{2}[ .]?\d{3}[ .]?\d{3}[ .]?\d{3}\b/g;
/** 13 digits in any other grouping of 2 to 7 groups ("184 057 645 108 9", "2 34 56 789 012 34"); only 13 digits are hidden. */
const THIRTEEN_GROUPED = /\b\d{1,4}(?:[ .]\d{1,4}){2,6}\b/g;
/**
 * Words naming one of the two numbers. The one nearest before the number, in the 50 characters before it, says
 * which it is (a bounded look back: masking stays linear): "pas ma carte vitale, mon numéro fiscal est …" is the
 * tax number.
 */
const NAMES_NUMBER = /(s[ée]cu\b|s[ée]curit[ée] sociale|\bnir\b|vitale|ameli|insee)|(fiscal|fiscaux|imp[oô]ts?\b|imposition|\bspi\b|d[ée]claration)/gi;

/** What the words just before `offset` call the number: 'sécu', 'fiscal', or undefined when they name neither. */
function namedBefore(text: string, offset: number): 'sécu' | 'fiscal' | undefined {
  const before = text.slice(Math.max(0, offset - 50), offset);
  let named: 'sécu' | 'fiscal' | undefined;
  for (const m of before.matchAll(NAMES_NUMBER)) named = m[1] ? 'sécu' : 'fiscal';
  return named;
}

/**
 * 13 digits may be a tax number or a NIR without its key (both shapes overlap: "3012345678901"). The words before
 * the number decide; without them, the way it is written: a NIR's grouping (1 84 05 76 451 089) is a NIR, anything
 * else a tax number. Each masked value gets its own label, whichever rule found it first.
 */
function taxOrNir(match: string, offset: number, text: string): string {
  const named = namedBefore(text, offset);
  if (named) return named === 'sécu' ? '[n° sécu]' : '[n° fiscal]';
  const nirGrouped = /[ .]/.test(match) && NIR_SHAPE.test(match) && /^\w[ .]/.test(match);
  return nirGrouped ? '[n° sécu]' : '[n° fiscal]';
}

/** taxOrNir as a replacement for a rule with capture groups: the offset and the text are the last two arguments. */
function taxOrNirGrouped(match: string, ...rest: Array<string | number>): string {
  return taxOrNir(match, rest[rest.length - 2] as number, rest[rest.length - 1] as string);
}

/** A number in an unusual grouping: hidden (and labelled like any 13 digits) only when it has exactly 13 digits. */
function groupedThirteen(match: string, offset: number, text: string): string {
  return match.replace(/\D/g, '').length === 13 ? taxOrNir(match, offset, text) : match;
}

type Replacement = string | ((match: string, ...args: never[]) => string);

/**
 * In this order, so that each label says what it hid. Every rule runs in time linear in the text: no rule
 * can backtrack over more than a bounded stretch, or over one run of characters once (the e-mail rule starts
 * only where a run of address characters starts: otherwise "aaaa…" without "@" costs n² tries).
 */
const RULES: Array<[RegExp, Replacement]> = [
  // A secret after its name: "mot de passe : …", "mdp est …", or a word with a digit ("code 4589"), not "code par SMS".
  // Not a word that says what is wrong with it ("mon mot de passe est pas bon", "is wrong"): nothing to hide there.
  [/\b(mot\s*de\s*passe|mdp|password|passwd|code\s*(?:secret|pin|confidentiel)?|pin)\b(\s*(?:est|c'est|is|:|=)\s*)(?!(?:pas|plus|faux|fausse|bon|bonne|mauvais|incorrecte?|invalide|erron[ée]e?|refus[ée]e?|bloqu[ée]e?|oubli[ée]e?|perdue?|trop|toujours|encore|wrong|not|invalid|incorrect|expired|too|still|blocked|locked)\b)(\S+)/gi, '$1$2[masqué]'],
  [/\b(mot\s*de\s*passe|mdp|password|passwd|code\s*(?:secret|pin|confidentiel)?|pin)\b(\s+)(\S*\d\S*)/gi, '$1$2[masqué]'],
  [/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[e-mail]'],
  // An IBAN that passes its check is named as such; one that does not is still hidden as a number.
  [/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi, (m: string) => (validIban(m) ? '[IBAN]' : /\d{6}/.test(m.replace(/\s/g, '')) ? '[numéro]' : m)],
  // A NIR with its key; then 13 digits, as a tax number or a NIR without its key (taxOrNir gives the label from the
  // words before and the grouping, so the order of these rules no longer decides it); then 13 digits grouped otherwise.
  [NIR_KEYED, (m: string, sex: string, yy: string, mm: string, dep: string, a: string, b: string, key: string) => (validNir(`${sex}${yy}${mm}${dep}${a}${b}`, key) ? '[n° sécu]' : '[numéro]')],
  [TAX, taxOrNir as Replacement],
  [NIR_UNKEYED, taxOrNirGrouped as Replacement],
  [THIRTEEN_GROUPED, groupedThirteen as Replacement],
];

/** Nothing to mask without 6 digits, an "@" or a word announcing a secret (the common case, kept fast). */
const MAYBE_PERSONAL = /\d(?:\D{0,3}\d){5}|@|passe|mdp|password|passwd|code|pin/i;

export function maskPersonalData(text: string): string {
  if (!MAYBE_PERSONAL.test(text)) return text;
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement as (m: string, ...g: string[]) => string);
  // Phone numbers, replaced in one pass (slicing the text once per number would copy it once per number).
  const phones = findPhoneNumbersInText(out, 'FR');
  if (phones.length) {
    const parts: string[] = [];
    let at = 0;
    for (const p of phones) {
      if (p.startsAt < at) continue;
      parts.push(out.slice(at, p.startsAt), '[téléphone]');
      at = p.endsAt;
    }
    parts.push(out.slice(at));
    out = parts.join('');
  }
  return out.replace(/\d{9,}/g, '[numéro]');
}

/** True when masking changed something (the bot then reminds the citizen not to share such data). */
export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text;
}
