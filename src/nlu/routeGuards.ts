/**
 * Guides that only fit when the message says what they are about (task nlu12a): the survivor's pension is about a
 * death — "je suis perdu dans mes papiers de retraite" shares "perdu" and "papiers" with its phrasings ("j'ai
 * perdu mon mari", "quels papiers pour la réversion") but tells of no death, so it is the retirement guide. A
 * guarded guide whose words are absent is taken out of the ranking, and the others share its score.
 */
import { tellsBereavement } from './bereavement';
import { plainText } from './plainText';

/** A death, a survivor or a spouse (whose pension a widow asks for), in the message's plain text. */
const DEATH_OR_SPOUSE =
  /\b(?:reversion\w*|reverssion|veuve?s?|veuf|veuvage|deces|decede\w*|morte?s?|mourir|defunte?s?|survivante?s?|disparue?s?|conjointe?s?|mari|maris|epou(?:x|se)s?|femme|compagn(?:on|e)|concubine?|pacse\w*|widow\w*|survivor\w*|death|died|dead|deceased|late (?:husband|wife)|husband|wife|spouse|partner)\b/;

const GUARDS: Record<string, (t: string) => boolean> = {
  'retraite-reversion': (t) => DEATH_OR_SPOUSE.test(t) || tellsBereavement(t),
};

/** The guarded intents whose words the message lacks. */
export function ruledOut(text: string, intents: Iterable<string>): Set<string> {
  const out = new Set<string>();
  let t: string | undefined;
  for (const intent of intents) {
    const guard = GUARDS[intent];
    if (!guard) continue;
    t ??= plainText(text);
    if (!guard(t)) out.add(intent);
  }
  return out;
}
