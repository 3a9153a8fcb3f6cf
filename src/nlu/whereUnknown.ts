/**
 * "nan jsp où elle est", "je sais plus du tout où je l'ai mise", "je le vois nulle part", "no idea where it is":
 * the citizen says they do not know where something is. That is a fact about the thing (it is lost, not found),
 * not a yes or a no to the question on screen: the "nan" or the "pas" in it must not be read as "Non". What it
 * means is found through its own words ("perdue", "je ne le trouve pas": dialogs/_answers.yaml), here or at a
 * later question of the guide.
 */
import { plainText } from './signals';

// What follows "où" is the thing itself ("où elle est", "où je l'ai mise"), not a place or an action ("où est la
// mairie", "où cliquer": those ask the way, and their "pas" may well be a no).
const IT = String.raw`(?:ou|d ou) (?:il|elle|ils|elles|je l|je les|j l|on l|tu l|l ai|les ai|la mis|le mis|ma|mon|mes)\b`;
const IT_EN = String.raw`where (?:it|they|i put|i left|i have put|that)\b`;

const WHERE_UNKNOWN: RegExp[] = [
  // "je sais pas où elle est", "je ne sais plus du tout où je l'ai mise" (jsp is expanded).
  new RegExp(String.raw`\b(?:sais|sait|savons|savez) (?:vraiment |meme |absolument )?(?:pas|plus|point)(?: du tout| trop| vraiment)? ${IT}`),
  // "aucune idée où elle est passée", "pas la moindre idée d'où il est".
  new RegExp(String.raw`\b(?:aucune|pas|pas d|pas la moindre|sans) idee (?:de )?${IT}`),
  // "nulle part": "je la trouve nulle part", "elle est nul part".
  /\bnul+e? part\b/,
  new RegExp(String.raw`\b(?:do not|don t|dont|not sure|no idea|no clue|cannot remember|can not remember|can t remember|forgot) (?:know )?${IT_EN}`),
  /\b(?:find|see|spot) (?:it|them) anywhere\b|\bnowhere to be\b/,
];

/** Whether the message says that the place of something is unknown ("je sais pas où elle est"). */
export function saysWhereUnknown(utterance: string): boolean {
  const t = plainText(utterance);
  return WHERE_UNKNOWN.some((re) => re.test(t));
}
