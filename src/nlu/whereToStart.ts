/**
 * "je sais pas par où commencer", "je sais pas comment on fait", "I don't know where to start" at a question that
 * offers to start ("On commence ? 1 Oui, on commence": its go-ahead, `goAhead` in src/guides/dialogs/goAhead.ts): not knowing how is why the guide is there — its start, with a
 * reassuring word, not "je ne sais pas" asked again. Patterns over `plainText()`.
 */
import { plainText } from './plainText';

const WHERE_TO_START = [
  /\b(?:je|j) (?:ne )?(?:sais|sait|sai|c) (?:pas|plus|rien) (?:trop |vraiment |du tout )?(?:par ou|comment|ou|quoi) (?:commence\w*|debute\w*|je commence|on commence|faire|on fait|je fais|ca marche|ca se passe|m y prendre|s y prendre|proceder|je dois faire|il faut faire)\b/,
  /\bpar (?:ou|quoi) (?:je |on |il faut )?(?:commence\w*|debute\w*)\b/,
  /\b(?:je (?:ne )?l ai jamais fait|j ai jamais fait (?:ca|sa|cela)|c est (?:la|ma) premiere fois|je (?:n )?y connais rien|je sais pas faire)\b/,
  /\b(?:don t|do not|dont) know (?:where|how) to (?:start|begin|do (?:it|this|that)|go about it)\b|\bwhere do i (?:start|begin)\b|\bhow (?:do|can|should) (?:i|we) (?:even )?(?:start|begin)\b|\b(?:never done (?:it|this|that)|first time)\b/,
];

/** The message says the citizen does not know where or how to start. */
export function asksWhereToStart(text: string): boolean {
  const t = plainText(text);
  return WHERE_TO_START.some((re) => re.test(t));
}
