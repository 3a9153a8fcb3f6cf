/**
 * "C'est quoi X ?" said in any order: the fallback of the "c'est quoi" patterns of `signals.ts`.
 *
 * The patterns there read a question at the start or at the end of a short message. People also put it in the
 * middle of a dictated sentence ("bonjour on m'a parlé de la réversion c'est quoi ce truc"), end it with
 * "sa", or ask what something looks like ("un timbre fiscal ça ressemble à quoi"). Here a question phrase is
 * looked for anywhere in the (folded, `whatisText`) message; what is left once it, greetings, lead-ins and
 * filler words are taken out is the subject, if it is short. Which guide or term the subject names is decided
 * by the caller (the same matching as for the patterns' subjects).
 */

/** The question phrases, longest first (folded text: no accents, apostrophes as spaces). */
const ASKS = [
  'i do not understand what', 'do not understand what', 'i do not know what', 'i don t know what', 'i dont know what', 'don t know what', 'dont know what', 'i am not sure what', 'i m not sure what', 'do not know what', 'no idea what', 'not sure what', 'i wonder what',
  'qu est ce que c est que', 'qu est ce que c est', 'ce que c est qu', 'ca signifie quoi', 'signifie quoi', 'que signifie', 'signification de', 'signification', 'definition de', 'definition', 'ca consiste en quoi', 'consiste en quoi', 'ca ressemble a quoi',
  'ressemble a quoi', 'ca veut dire quoi', 'veut dire quoi', 'ca sert a quoi', 'a quoi ca sert', 'a quoi ca me sert', 'a quoi sert',
  'sert a quoi', 'c est utile pour quoi', 'c est utile a quoi', 'utile pour quoi', 'utile a quoi', 'c est pour faire quoi', 'ca permet quoi',
  'ca permet de faire quoi', 'ca fait quoi', 'c est pour quoi faire', 'pour quoi faire', 'ca marche comment', 'comment ca marche',
  'sais pas ce qu est', 'sais pas ce que c est que', 'sais pas ce que veut dire', 'comprends pas ce que veut dire', 'j ai jamais entendu parler de', 'jamais entendu parler de', 'jamais entendu parler d', 'c est quoi', 'c quoi',
  'c est pour qui', 'c pour qui', 'c est qui', 'c qui', 'kesako', 'kezako', 'quesaco', 'what does', 'what is', 'what s', 'whats', 'what are',
  'what r', 'wat is', 'wat s', 'wats', 'wot is', 'who is', 'who s',
  'meaning of', 'what do you mean by', 'what is the point of', 'what is it for', 'what s it for', 'what for',
  // "X jsais pas ce que c'est", "c koi ce truc de X", "explique-moi X", "X is what?", "X means what"
  'sais pas ce que c est', 'sais pas c est quoi', 'sais pas ce que ca veut dire', 'sais pas ce que sa veut dire', 'sais pas trop ce que c est',
  'comprends pas ce que c est', 'connais pas ce que c est', 'ce que c est', 'ce que ca veut dire', 'c est koi', 'c koi', 'c est qoi', 'ca veut dire', 'sa veut dire quoi',
  'ce qu est', 'expliquez moi', 'explique moi', 'expliquer', 'expliquez', 'explique', 'explain me', 'explain to me', 'explain', 'is what', 'are what', 'means what', 'mean what',
  'what it is', 'what it means', 'what this is',
].map((p) => p.split(' '));

/** Words around the subject that say nothing about it. */
const FILLER = new Set(
  ('bonjour bonsoir bjr slt salut coucou madame monsieur svp stp merci euh heu bah ben bon alors donc deja exactement ' +
    'juste au en fait vrai vraiment concretement franchement hein la le les l un une des du de d ce cet cette ces ca sa ' +
    'truc machin bidule chose exactement moi m me ma on a parle parler entendu demande demandent il ils elle j ai je voulais voudrais veux aimerais savoir dites ' +
    'expliquez explique expliquer pouvez vous vs peux tu pourrais pourriez et mais dont parlez dites entendu radio tele comprends compris rien pas par contre enfin aussi comme tout ' +
    'hi hello please the a an this that thing exactly mean means is it about of by for')
    .split(' '),
);

/** Words that open a new clause of a dictated sentence. */
const CLAUSE = new Set('mais et donc alors parce car puis bref because but and so'.split(' '));

/**
 * A subject without what the citizen says after it about themselves: "un justificatif de domicile svp je suis perdu"
 * → "un justificatif de domicile" (the feeling is read on its own).
 */
export function subjectOnly(subject: string): string {
  const cut = subject.replace(/ (?:svp|stp|s il vous plait|please|merci)(?: .*)?$/, '').replace(/ (?:moi )?(?:je|j) (?:suis|comprends?|sais|connais|ai|y|n y|arrive|m y|panique|stresse)\b.*$/, '');
  return cut.trim() || subject;
}

/** The words that say something about the subject ("en ligne" names something: its "en" stays). */
function meaningful(words: string[]): string[] {
  return words.filter((w, k) => !FILLER.has(w) || (w === 'en' && words[k + 1] === 'ligne'));
}

/** A subject without the words around it that say nothing ("numero fiscal dont vous parlez" → "numero fiscal"). */
export function bareSubject(subject: string): string {
  return meaningful(subject.split(' ').filter(Boolean)).join(' ');
}

/** The subject of a "c'est quoi" question said anywhere in the message, or undefined. */
export function whatisAnywhere(folded: string, maxWords = 6): string | undefined {
  const words = folded.split(' ').filter(Boolean);
  for (const ask of ASKS) {
    for (let i = 0; i + ask.length <= words.length; i += 1) {
      if (!ask.every((w, k) => words[i + k] === w)) continue;
      const rest = [...words.slice(0, i), ...words.slice(i + ask.length)];
      // Only one question: "c'est quoi X et c'est quoi Y" is left to the patterns (or to nobody).
      const subject = meaningful(rest);
      if (subject.length === 0) return undefined;
      if (subject.length <= maxWords) return subject.join(' ');
      // A dictated run-on ("ma fille m'a dit de tout faire sur le site de l'ants mais moi je sais même pas c'est quoi
      // l'ants"): the few words right after the question, when the question opens the sentence's last clause.
      const after = meaningful(words.slice(i + ask.length));
      const clause = words.slice(0, i).some((w) => CLAUSE.has(w));
      return clause && after.length > 0 && after.length <= 4 ? after.join(' ') : undefined;
    }
  }
  return undefined;
}
