/**
 * "J'ai les papiers mais je sais pas les mettre sur l'ordi": what follows a "mais" that says something is not
 * possible or not there is what the citizen is telling; the "j'ai les papiers" before it is not a plain "Oui".
 * The clause after the "but" is matched against the answers on its own; when it gives none, a yes found in the
 * whole message is dropped (the question is asked again rather than going on as if all was well).
 */
import { fold } from '../text/fold';
import type { ChoiceOption } from '../conversation/choice';

const BUT = /\b(?:mais|but|par contre|sauf que|seulement)\b/;
/** A negation or an inability in the clause after the "but". */
const NOT = /\b(?:pas|plus|jamais|rien|aucune?|ni|sans|not|never|no|nothing|can t|cannot|cant|don t|dont|doesn t|du mal|galere|bloque|stuck)\b/;

/** The clause after a "but" that says something is not possible, or undefined. */
export function butClause(text: string): string | undefined {
  const t = fold(text).replace(/['’`]/g, ' ');
  const m = BUT.exec(t);
  if (!m || m.index === 0) return undefined;
  const after = t.slice(m.index + m[0].length).trim();
  return after && NOT.test(after) ? after : undefined;
}

type Found = { option: ChoiceOption; how: 'exact' | 'loose' | 'vague'; bare?: true } | undefined;

/**
 * The answer of a message with a "but … not" clause: the clause's own answer when it gives one other than a yes;
 * else the whole message's answer unless that is a yes.
 */
export function answerWithBut(text: string, recognize: (t: string) => Found): Found {
  const after = butClause(text);
  if (!after) return recognize(text);
  const own = recognize(after);
  if (own && own.option.role !== 'yes') return { option: own.option, how: own.how === 'exact' ? 'loose' : own.how };
  const whole = recognize(text);
  return whole && whole.option.role !== 'yes' ? whole : undefined;
}
