/**
 * "jai pas compris", "j'ai pas bien compris", "comprends pas", "je capte rien", "c pas clair", "moi pas comprendre", "I don't get it":
 * the citizen did not understand what the bot said. It is never an answer to the question ("Non" through its
 * "pas", nor the "Oui" of "C'est compris ?" through its "compris"): the step is said again more simply
 * (src/guides/dialogs/guideNavigation.ts). Short messages only: in a long one the words may be about something
 * else ("je comprends pas pourquoi la page marche pas" says the page does not work).
 */
import { plainText } from './signals';

const SUBJECT = String.raw`(?:(?:bah |ben |euh |mais |non |nan |desole |pardon |excusez moi |dsl )?(?:moi )?(?:j ai |jai |j |g |ge |je n ai |je ai |je )?(?:n )?)`;
const NOT = String.raw`(?:pas|pa|rien|absolument rien|que dalle|toujours pas|vraiment pas|pas vraiment|pas tout|pas trop|pas tres bien|pas bien|rien du tout|pas du tout|pas grand chose)`;
const VERB = String.raw`(?:compris|comprit|compri|comprends|comprend|comprens|comprent|comprendre|capte|capter|capté|pige|piger|saisi)`;

const FR = [
  // "jai pas compris", "j'ai rien compris", "comprends pas", "je capte pas", "pas compris", "rien pigé"
  new RegExp(String.raw`^${SUBJECT}${NOT} (?:bien |tout |trop |vraiment |tres bien |grand chose )?${VERB}\b`),
  new RegExp(String.raw`^${SUBJECT}${VERB} ${NOT}\b`),
  // "c'est pas clair", "c pas clair", "pas clair du tout", "je suis perdu dans vos explications" is a feeling (elsewhere)
  /^(?:(?:c est |c |cest |ces |ce n est |c etait )?pas (?:tres |trop |du tout |assez )?clair|c est (?:pas|trop) (?:compris|comprehensible)|vous pouvez (?:reexpliquer|re expliquer|expliquer (?:encore|autrement|mieux|plus simplement)|redire))\b/,
];
const EN = [
  /^(?:sorry )?(?:i )?(?:do not|dont|don t|didn t|didnt|did not|can t|cant|cannot) (?:really |quite )?(?:understand|get it|get that|follow)\b/,
  /^(?:not clear|that is not clear|it s not clear|it is not clear|i m lost|what do you mean|can you explain (?:again|better|more simply))\b/,
];

/** Not understanding a language is another matter (src/nlu/language.ts). */
const LANGUAGE = /\b(?:francais|french|anglais|english|la langue|language)\b/;

/** Whether the message says the citizen did not understand what the bot said (a short message). */
export function saysNotUnderstood(utterance: string): boolean {
  // One clause: "sorry i dont understand french, it was stolen" says more than that.
  const clauses = utterance.split(/[,;.!?]+/).filter((c) => plainText(c).length > 0);
  const t = plainText(utterance);
  if (!t || clauses.length > 1 || t.split(' ').length > 9 || LANGUAGE.test(t)) return false;
  return FR.some((re) => re.test(t)) || EN.some((re) => re.test(t));
}

/** "jai pas compris" where no answer offered says it (an answer "Je n'ai pas compris" keeps its words). */
export function notUnderstood(utterance: string, options: ReadonlyArray<{ label: string; synonyms?: string[] }>): boolean {
  return saysNotUnderstood(utterance) && !options.some((o) => saysNotUnderstood(o.label) || (o.synonyms ?? []).some(saysNotUnderstood));
}
