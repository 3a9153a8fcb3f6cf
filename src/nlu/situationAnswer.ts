/**
 * The answer a guide's question gives to a situation rather than to words: a question that offers its own
 * answer for a suspicious message or call ("Message ou appel suspect" in the chèque énergie guide) takes every
 * message that describes one ("on m'a appelé pour le chèque énergie, ils veulent mon RIB"), whatever its words —
 * the guide's page on that situation says more than the general warning. The situation of an answer is read from
 * its label and `alsoMeans` phrasings with the same signals as the message (src/nlu/signals.ts), so no guide
 * needs a list of scam stories of its own. So does an answer for money asked ("On me demande de payer" in the carte
 * Vitale guide: "ils me demandent des sous pour la commander"), not one for money already paid ("Un site m'a fait
 * payer"): being asked is not having paid.
 */
import type { ChoiceOption } from '../conversation/choice';
import { detectSignals, plainText, type SignalKind } from './signals';

/** Situations a guide may answer better than the general understanding step. */
const SITUATIONS: SignalKind[] = ['scam', 'scam-paid', 'pay-doubt'];

/** A phrasing about money already gone: not the answer for money being asked. */
const PAID = /\b(?:m a fait|a fait|ont fait|j ai|deja) pay/;

const kindsCache = new Map<string, SignalKind[]>();

function kindsOf(phrase: string): SignalKind[] {
  let kinds = kindsCache.get(phrase);
  if (!kinds) {
    const paid = PAID.test(plainText(phrase));
    kinds = detectSignals(phrase).map((s) => s.kind).filter((k) => SITUATIONS.includes(k) && !(k === 'pay-doubt' && paid));
    kindsCache.set(phrase, kinds);
  }
  return kinds;
}

/** The one answer of the question that is about the situation the message describes, or undefined. */
export function situationAnswer(text: string, options: ChoiceOption[]): ChoiceOption | undefined {
  const said = new Set(detectSignals(text).filter((s) => s.strength === 'strong' && SITUATIONS.includes(s.kind)).map((s) => s.kind));
  if (said.size === 0) return undefined;
  const about = options.filter(
    (o) => o.role !== 'stuck' && [o.label, ...(o.synonyms ?? [])].some((p) => kindsOf(p).some((k) => said.has(k))),
  );
  return about.length === 1 ? about[0] : undefined;
}
