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
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extension.has(ch)) septets += 2;
    else nonGsm.add(ch);
  }
  if (nonGsm.size === 0) {
    const segments = septets === 0 ? 1 : septets <= 160 ? 1 : Math.ceil(septets / 153);
    return { encoding: 'GSM-7', units: septets, segments, nonGsm: [] };
  }
  const units = text.length; // UTF-16 code units, as the network counts them
  const segments = units <= 70 ? 1 : Math.ceil(units / 67);
  return { encoding: 'UCS-2', units, segments, nonGsm: [...nonGsm] };
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
