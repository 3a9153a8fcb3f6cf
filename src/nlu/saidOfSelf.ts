/**
 * What a message says of the citizen themself, for the answer matching (src/nlu/choices.ts): a strong feeling (its
 * one word of an answer is weak evidence), being stuck (the "Je bloque" answer is about the citizen, not a card).
 */
import { detectSignals, plainText } from './signals';

/** A strong feeling ("ça me gonfle ces codes"): how the citizen is, not which answer. */
export function saysFeeling(utterance: string): boolean {
  // "je le trouve nul part" is "nowhere", not the "nul" of "ce site est nul".
  return detectSignals(utterance.replace(/\bnul+e? part\b/gi, 'nullepart')).some((s) => s.kind === 'distress' && s.strength === 'strong');
}

/** The citizen says they are stuck: a short message ("bloquée", "je bloque"), or "je suis / je reste bloqué(e)". */
export function saysStuck(utterance: string): boolean {
  const plain = plainText(utterance);
  if (plain.split(' ').length <= 3) return true;
  return /\b(?:je|j|suis|chui|me|reste|on est|nous sommes|sommes)(?: \w+)? (?:bloque|bloquee|bloques|bloquees|coince|coincee|coinces)\b/.test(plain);
}
