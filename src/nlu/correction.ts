/**
 * A citizen correcting what they asked for, in the middle of a guide: "non en fait c'est pour le passeport",
 * "ah non finalement c'est la carte grise", "non pas ça, c'est pour la caf", "je me suis trompé, je voulais dire la
 * CAF", "sorry I meant the passport". The "non" is not an answer to the question on screen; what follows is the
 * formality they mean. A correction that names nothing ("non c'était pas ça", "je me suis trompée", "that's not it")
 * gives an empty subject: the guide is not what they wanted, and they are asked in their own words.
 * Patterns over `plainText()` (folded, SMS spellings expanded); src/nlu/signals.ts reports it as a `correction`.
 */

const FR = /^(?:(?:non|nan|ah|oh|oups|pardon|excusez moi|desolee?|attendez|euh|bah|ben)\s+)*(?:en fait|finalement|plutot|je me suis trompee?|je me suis goure|je voulais dire|je veux dire|c est pas ca|c etait pas ca|pas ca|c etait pour|erreur)\b\s*(?:(?:non|pardon|desolee?)\s+)?(?:c est|c etait|ce serait|ca serait|je veux|je voudrais|je voulais|il me faut|j ai besoin d|j ai besoin de)?\s*(?:plutot\s+)?(?:pour\s+)?(.*)$/;
const EN = /^(?:(?:no|oh|oops|sorry|wait|actually)\s+)*(?:actually|i meant|i mean|my mistake|wrong one|not that)\b\s*(?:it s|it is|i want|i need)?\s*(?:for\s+)?(.*)$/;

/** Words around a correction that say nothing more ("non", "pardon", "du tout"). */
const FILLER = '(?:non|nan|no|nope|ah|oh|oups|oops|pardon|sorry|excusez moi|desolee?|euh|bah|ben|mais|en fait|finalement|du tout|alors)';
/** Saying the guide is not it, with nothing named ("c'était pas ça", "je me suis trompée", "that's not it"). */
const NOT_IT = [
  '(?:c est |c etait |ce n est |ce n etait |ca n est |c |ct )?pas (?:ca|le bon|la bonne|celui la|celle la|ce que je (?:veux|voulais|cherche|cherchais|demande|demandais)(?: faire)?)(?: (?:que je (?:veux|voulais|cherche|cherchais|demande)|du tout))?',
  'je me suis (?:trompee?|goure|gouree)(?: de (?:guide|demarche|choix|bouton|numero|sujet))?',
  'mauvais (?:choix|guide|bouton|numero)', 'je voulais pas (?:ca|faire ca)',
  '(?:that s|that is|it s|it is) not (?:it|that|the right one|what i (?:want|wanted|need|meant))', 'not that(?: one)?', 'wrong (?:one|guide|choice|button)',
].join('|');
const BARE = new RegExp(`^(?:${FILLER} )*(?:${NOT_IT})(?: (?:${FILLER}|${NOT_IT}))*$`);

/** What the citizen now asks for ("le passeport"), '' when they name nothing, undefined when it is no correction. */
export function correctionIn(t: string): string | undefined {
  if (BARE.test(t)) return '';
  const m = FR.exec(t) ?? EN.exec(t);
  const rest = m?.[1]?.trim();
  return rest && rest.split(' ').length <= 10 ? rest : undefined;
}
