/**
 * From rendered messages to SMS texts: optional transliteration to stay in GSM-7, then every text
 * cut (on sentences, links whole) until it fits the segment budget with the real GSM-7 / UCS-2 rule.
 */
import { countSms, smsSegments, toGsm7 } from '../../text/sms';
import { split, type RenderedMessage } from '../render';

export interface SmsSettings {
  /** Segments per SMS at most (2 by default: 306 GSM-7 characters or 134 UCS-2). */
  maxSegments: number;
  /** Replace ê, ç, ’… by e, c, ' to stay in GSM-7 (off by default: accents help reading). */
  transliterate: boolean;
}

/** No text longer than this fits in `maxSegments` segments (a character is at least one GSM-7 septet). */
export function mostCharacters(maxSegments: number): number {
  return maxSegments === 1 ? 160 : 153 * maxSegments;
}

export function fitsSegments(text: string, maxSegments: number): boolean {
  // Short enough to fit even in UCS-2 (a GSM-7 text then fits too: at most 2 septets a character).
  if (text.length <= (maxSegments === 1 ? 70 : 67 * maxSegments)) return true;
  // Too long even in GSM-7: no need to read it (the packer asks this of many long candidates, built by joining
  // texts, which reading would flatten).
  if (text.length > mostCharacters(maxSegments)) return false;
  return smsSegments(text) <= maxSegments;
}

/** Cut one text into SMS of at most `maxSegments` segments each. */
export function fitSms(text: string, maxSegments: number): string[] {
  if (fitsSegments(text, maxSegments)) return [text];
  const { encoding } = countSms(text);
  const perSegment = encoding === 'GSM-7' ? (maxSegments === 1 ? 160 : 153) : maxSegments === 1 ? 70 : 67;
  // Extension characters (€, [ …) cost two septets: shrink the budget until every part fits.
  for (let budget = perSegment * maxSegments; budget >= 40; budget -= 8) {
    const parts = split(text, budget);
    if (parts.every((p) => fitsSegments(p, maxSegments) || !/\s/.test(p.trim()))) return parts;
  }
  return split(text, 40);
}

export function smsTexts(messages: RenderedMessage[], settings: SmsSettings): string[] {
  const out: string[] = [];
  for (const m of messages) {
    const text = settings.transliterate ? toGsm7(m.text) : m.text;
    if (text.trim()) out.push(...fitSms(text.trim(), settings.maxSegments));
  }
  return out;
}
