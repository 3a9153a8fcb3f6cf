/**
 * A citizen correcting what they asked for, in the middle of a guide: "non en fait c'est pour le passeport",
 * "ah non finalement c'est la carte grise", "je me suis trompé, je voulais dire la CAF", "sorry I meant the
 * passport". The "non" is not an answer to the question on screen; what follows is the formality they mean.
 * Patterns over `plainText()` (folded, SMS spellings expanded); src/nlu/signals.ts reports it as a `correction`.
 */

const FR = /^(?:(?:non|nan|ah|oh|oups|pardon|excusez moi|desolee?|attendez|euh|bah|ben)\s+)*(?:en fait|finalement|plutot|je me suis trompee?|je me suis goure|je voulais dire|je veux dire|c est pas ca|c etait pour|erreur)\b\s*(?:(?:non|pardon|desolee?)\s+)?(?:c est|c etait|ce serait|ca serait|je veux|je voudrais|je voulais|il me faut|j ai besoin d|j ai besoin de)?\s*(?:plutot\s+)?(?:pour\s+)?(.*)$/;
const EN = /^(?:(?:no|oh|oops|sorry|wait|actually)\s+)*(?:actually|i meant|i mean|my mistake|wrong one|not that)\b\s*(?:it s|it is|i want|i need)?\s*(?:for\s+)?(.*)$/;

/** What the citizen now asks for ("le passeport"), or undefined when the message is not a correction. */
export function correctionIn(t: string): string | undefined {
  const m = FR.exec(t) ?? EN.exec(t);
  const rest = m?.[1]?.trim();
  return rest && rest.split(' ').length <= 10 ? rest : undefined;
}
