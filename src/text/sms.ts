/**
 * SMS segment arithmetic (3GPP TS 23.038): a message is GSM-7 if every character is in the GSM 03.38
 * default alphabet or its extension table (extension characters cost 2 septets); otherwise the whole
 * message is UCS-2. Single segment: 160 septets / 70 UTF-16 units; concatenated: 153 / 67 per segment.
 * French traps: é è ù à É Ç are GSM-7, but ê â î ô û ç ë ï and the curly apostrophe ’ force UCS-2.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(Array.from(GSM7_BASIC));
const extension = new Set(Array.from(GSM7_EXTENSION));
/**
 * Septets of each UTF-16 code unit (0: not GSM-7). Every GSM-7 character is one code unit outside the surrogates, so
 * counting by code unit with this table gives what a walk by character over the two sets gives, without building
 * a string per character (countSms runs several times over every SMS a turn sends).
 */
const SEPTETS = new Uint8Array(0x10000);
for (const ch of basic) SEPTETS[ch.charCodeAt(0)] = 1;
for (const ch of extension) SEPTETS[ch.charCodeAt(0)] = 2;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Characters that forced UCS-2, if any (to help authors fix their text). */
  nonGsm: string[];
}

export function countSms(text: string): SmsCount {
  let septets = 0;
  const nonGsm = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)];
    if (cost !== 0) {
      septets += cost;
      continue;
    }
    // Not GSM-7: the whole character (a surrogate pair is one, as a walk by character sees it).
    const point = text.codePointAt(i)!;
    nonGsm.add(String.fromCodePoint(point));
    if (point > 0xffff) i++;
  }
  if (nonGsm.size === 0) {
    const segments = septets === 0 ? 1 : septets <= 160 ? 1 : Math.ceil(septets / 153);
    return { encoding: 'GSM-7', units: septets, segments, nonGsm: [] };
  }
  const units = text.length; // UTF-16 code units, as the network counts them
  const segments = units <= 70 ? 1 : Math.ceil(units / 67);
  return { encoding: 'UCS-2', units, segments, nonGsm: [...nonGsm] };
}

/**
 * The segments of a text, as `countSms` counts them, without listing what forced UCS-2: what the SMS packer asks of
 * every candidate SMS (many per reply).
 */
export function smsSegments(text: string): number {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)];
    if (cost === 0) return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
    septets += cost;
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/** Replace the characters that force UCS-2 in French text by their closest GSM-7 form. */
export function toGsm7(text: string): string {
  const map: Record<string, string> = {
    â: 'a', ê: 'e', î: 'i', ô: 'o', û: 'u', ç: 'c', ë: 'e', ï: 'i', ÿ: 'y', á: 'a', í: 'i', ó: 'o', ú: 'u',
    À: 'A', Â: 'A', È: 'E', Ê: 'E', Ë: 'E', Î: 'I', Ï: 'I', Ô: 'O', Ù: 'U', Û: 'U', Œ: 'OE', œ: 'oe',
    '’': "'", '‘': "'", '«': '"', '»': '"', '“': '"', '”': '"', '…': '...', '–': '-', '—': '-', '\u00a0': ' ',
    '\u202f': ' ',
  };
  let out = '';
  for (const ch of text) out += basic.has(ch) || extension.has(ch) ? ch : (map[ch] ?? ch);
  return out;
}
