/** "C'est quoi X ?" in its written, spoken and phonetic forms (the `whatis` signal of src/nlu/signals.ts). */

export const WHATIS_FR = /^(?:(?:bonjour |svp |excusez moi |pardon )?(?:c est quoi|c quoi|c est koi|c koi|quoi|qu est ce que c est|qu est ce que|qu est ce qu|ca veut dire quoi|que veut dire|que signifie|a quoi sert|ca sert a quoi|a quoi ca sert|comment (?:ca )?marche|c est quoi exactement|je (?:ne )?sais pas ce que c est|je connais pas|je ne connais pas|je (?:ne )?(?:sais|comprends?|vois) (?:pas|plus) (?:bien )?(?:ce que c est|ce que veut dire|ce que ca veut dire|c est quoi)|j ai pas compris (?:ce que c est|c est quoi)|(?:pouvez vous |vous pouvez |tu peux |tu pourrais |pourriez vous )?(?:m |me )?expliquer? (?:moi )?(?:ce que c est|c est quoi)|expliquez moi|explique moi|(?:j ai |je n ai )?jamais entendu parler(?: de| d)?|a quoi correspond|definition (?:de|d|du)|signification (?:de|d|du))) (?:(?:le|la|les|l|un|une|du|de la|de l|ce|cette|cet|exactement|donc|fameux|fameuse|fameuses|soi disant) )*(.+?)(?: (?:c est quoi|exactement|svp|s il vous plait|merci|en fait|au juste|alors|franchement|vraiment|concretement|hein|donc|en vrai|deja|comme truc|ce machin|ce truc))*(?: et (?:ca |sa )?(?:sert a quoi|a quoi (?:ca |sa )?sert|comment (?:ca )?marche)(?: exactement)?)?$/;
export const WHATIS_FR_TAIL = /^(?:(?:le|la|les|l|un|une|du|de la|de l|ce|cette|cet) )*(.+?) (?:c est quoi|c quoi|c est koi|c koi|ca veut dire quoi|qu est ce que c est|ca sert a quoi|sert a quoi|c est quoi exactement|c est quoi ca|je connais pas|c est pour qui|c est pour quoi|c est payant|c est gratuit|ca coute combien|c est combien|c est quoi ce truc|c est quoi au juste|c est quoi ca au juste|c est quoi ca se mange|ca se mange|c est qui|c qui|qui c est|c est lequel|c est laquelle|c lequel|c laquelle|ca correspond a quoi|correspond a quoi|c est qui ces gens|c qui ces gens|ce sont qui|(?:j ai |je n ai )?jamais entendu(?: parler)?(?: de (?:ca|cela|ce truc))?|(?:je )?(?:ne )?connais pas ce mot|(?:ca|sa|cela) (?:ne )?me dit rien(?: du tout)?)(?: (?:svp|s il vous plait|merci|exactement|au juste|ce truc|ce machin|ce bidule|comme truc|comme machin|comme chose|deja|ca|la|ces gens|ces gens la|c est gens|c est gens la|eux|franchement|vraiment|concretement|hein|donc|alors|en fait|en vrai))*(?: c (?:est )?comme (?:la |le |l )?.+| (?:et|mais) (?:ou|comment|qui|quand|pourquoi|on|je|il|ca) .{0,40}| (?:on|je|il) (?:le|la|les) .{0,30})?$/;
/** "c'est pour qui la prime ?", "qui a droit à la CSS ?", "a quoi sert FranceConnect ?" */
export const WHATIS_FR_WHO = /^(?:c est pour qui|c est pour quoi|qui a droit (?:a|aux)|qui peut avoir|a quoi sert|est ce que c est payant|est ce que c est gratuit|est ce gratuit|combien coute|c est payant (?:de|d|pour)|c est gratuit (?:de|d|pour)|(?:il )?faut (?:il )?payer (?:quelque chose )?pour|(?:ca|sa) coute combien (?:de|d|pour)|c est combien (?:pour|de)) (?:(?:le|la|les|l|un|une|du|de la|de l|sa|son|ses|mon|ma|mes) )*(.+?)(?: (?:svp|s il vous plait|merci|je suis [a-z ]+))*$/;
export const WHATIS_EN = /^(?:(?:hi |hello |please |sorry )?(?:what is meant by|what (?:exactly |actually |the heck |on earth )?is|i (?:ve |have )?never heard of|never heard of|what s|whats|what are|what does|what mean|what means|what meaning|meaning of|what do you mean by|i do not know what|explain|tell me about|who can get|who is entitled to|who are|is) )(?:(?:the|a|an|this) )*(.+?)(?: (?:mean|means|is|please|exactly|for|free))?$/;

/**
 * The spoken and phonetic ways of asking "c'est quoi" brought to the written ones, for the "c'est quoi X"
 * patterns only: "sa ve dire koi" → "ca veut dire quoi", "kes ke c" → "qu est ce que c est", a polite
 * lead-in ("bonjour madame je voulais savoir", "on m'a dit d'aller à") dropped, "la démarche pour X" → X, and an acronym spelled
 * letter by letter ("la c a f", "un r i b") joined ("caf", "rib").
 */
export function whatisText(t: string): string {
  const w = t
    .replace(/\b(?:koa|quoa|qoi)\b/g, 'quoi')
    .replace(/\b(?:ca|sa) (?:veut|veu|ve|veux|vx) dire?\b/g, 'ca veut dire')
    .replace(/\b(?:ke|que) (?:veut|veu|ve|vx) dire?\b/g, 'que veut dire')
    // "ameli cé koi", "ces koi": "c'est quoi"; "jsp ce que c la caf": "ce que c'est".
    .replace(/\b(?:ce|ces|se) quoi\b/g, 'c est quoi')
    .replace(/\bc(?:que|ke|k) c\b/g, 'ce que c')
    .replace(/\bce (?:que|ke|k) c (?!est\b)/g, 'ce que c est ').replace(/\bce (?:que|ke|k) c$/, 'ce que c est')
    .replace(/\bce (?:ke|k) (?=c est\b)/g, 'ce que ')
    // "a koi sa sert X", "sa sert a koi X": the written "à quoi ça sert".
    .replace(/\ba quoi sa sert\b/g, 'a quoi ca sert').replace(/\bsa sert a quoi\b/g, 'ca sert a quoi')
    // "je comprends pas le mot mandat", "c quoi ce terme": the word itself is asked about (never "le mot de passe").
    .replace(/\b(?:je (?:ne )?(?:comprends?|connais|sais) (?:pas|plus)|(?:j ai|je n ai) (?:pas|jamais) (?:compris|saisi|entendu)) (?:bien |trop )?(?:le|ce|du|les|ces) (?:mot|terme)s? (?!de passe\b)(?=[a-z])/g, 'c est quoi ')
    // "c'est quoi le sens de pièce jointe": the meaning of the word is the word.
    .replace(/\b(?:c est quoi|quel est|quelle est|je comprends? pas|j ai pas compris) (?:le sens|la signification|la definition) (?:de |d |du )(?=[a-z])/g, 'c est quoi ')
    // "c'est quoi cette histoire de code de cession": the story is the word.
    .replace(/\b(?:cette|cet|ces|c te|sa|ton|votre) (?:histoire|histoires|affaire|affaires|idee) (?:de |d |du |des )(?=[a-z])/g, '')
    .replace(/\b(?:le|ce|du) (?:mot|terme) (?!de passe\b)(?=[a-z])/g, '')
    // Who the bot is ("vous êtes qui ?", "t ki toi", "who are you", "c'est quoi ce service"): what Pas à pas is.
    .replace(/^(?:et )?(?:(?:vous etes|tu es|t es|t) (?:qui|ki)(?: (?:vous|toi|au juste|exactement))?|c(?: est)? (?:qui|ki) (?:vous|toi)|qui (?:etes vous|es tu|est tu)|(?:who|what) are (?:you|u))$/, 'c est quoi pas a pas')
    .replace(/\b(?:ce|votre|ton|this|your) (?:service|bot|robot|chatbot|assistant)\b/g, 'pas a pas')
    // What the bot is for ("tu sers à quoi", "qu'est-ce que vous savez faire", "what can you do", "c'est gratuit votre service").
    .replace(/^(?:et )?(?:(?:tu|vous) (?:sers|sert|servez) a quoi|(?:tu fais|vous faites) quoi|qu est ce que (?:tu sais|vous savez|tu peux|vous pouvez|tu fais|vous faites)(?: faire)?|(?:tu|vous) (?:sais|savez|peux|pouvez) faire quoi|what (?:can|do) you do|what are you for|how can you help(?: me)?|(?:est ce que )?c est (?:gratuit|payant) pas a pas|pas a pas (?:c est|est) (?:gratuit|payant)|is pas a pas free)$/, 'c est quoi pas a pas')
    // plainText reads the SMS "dont" as English ("do not"); before a French pronoun it is the French "dont".
    .replace(/\bdo not (?=(?:vous|on|il|elle|ils|elles|je|j|tu|nous)\b)/g, 'dont ')
    .replace(/\b(?:(?:k|qu)e ?s{1,2} ?(?:k|qu)e?|qu est ce que|qu est ce qu) (?:c est|c etait|ces|ce|c)\b/g, 'qu est ce que c est')
    .replace(/\b(?:k|qu)e ?s{1,2} ?ce ?(?:k|qu)e?\b/g, 'qu est ce que')
    .replace(/^(?:(?:bonjour|bonsoir|salut|madame|monsieur|excusez moi|svp)(?: |$))*(?:je (?:voulais|voudrais|veux|voudrai) (?:savoir|demander) |dites moi |pouvez vous me dire )/, '')
    .replace(/^(?:on (?:m a|ma|me|m) (?:dit|parle|conseille|demande)(?: (?:d aller|de passer|d appeler) (?:a la |au |a l |a |chez )?| de (?:la |l )?| d | du )?)(?=.+ (?:c est quoi|c quoi|ca veut dire quoi|qu est ce que c est)(?: ca| ce truc)?$)/, '')
    .replace(/\b(?:c est quoi|c quoi|ca veut dire quoi|qu est ce que c est) (?:la )?(?:demarche|procedure) (?:pour|quand|si|de|d) /, 'c est quoi ');
  const words = w.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && /^[a-z]$/.test(words[j]) && !(words[j] === 'c' && /^(?:quoi|est|etait)$/.test(words[j + 1] ?? ''))) j++;
    // An elided article before the letters ("l a a h") stays a word of its own.
    const from = j - i >= 4 && /^[ld]$/.test(words[i]) ? i + 1 : i;
    if (j - from >= 3) { out.push(...words.slice(i, from), words.slice(from, j).join('')); i = j; } else { out.push(words[i]); i++; }
  }
  return out.join(' ');
}

/**
 * "tu es un robot ?", "vous êtes une vraie personne ?", "are you a bot or a human": a question about who answers
 * (what Pas à pas is), not a request for a person. Over `plainText()`.
 */
const BOT_OR_HUMAN = '(?:un |une |an |a )?(?:vrai |vraie |real )?(?:robot|bot|chatbot|machine|ia|ai|intelligence artificielle|ordi|ordinateur|computer|programme|humain|human|personne|person|etre humain|human being)';
const ABOUT_BOT = new RegExp(`^(?:(?:bonjour|salut|hello|hi|et|mais|dites moi|dis moi) )*(?:tu es|t es|t|tes|vous etes|es tu|etes vous|est ce que (?:tu es|vous etes|t es|je parle a|je parle avec)|je parle (?:a|avec)|on parle (?:a|avec)|are you|r u|are u|am i (?:talking|speaking|chatting) (?:to|with)|is this|is it) ${BOT_OR_HUMAN}(?: (?:ou|or) (?:quoi|what|${BOT_OR_HUMAN}))?(?: (?:en fait|au juste|vraiment|really|svp|please))*$`);
export const asksAboutBot = (t: string): boolean => ABOUT_BOT.test(t);

/** "c quoi ça", "kesako", "ça veut dire quoi", "what does that mean": a question about the step on screen, no word named. */
export const BARE_WHATIS = /^(?:(?:euh|heu|hein|mais|et|pardon|desole|sorry|ok) )*(?:c est quoi|c quoi|c koi|c est koi|quoi|kesako|kezako|kesaco|ca veut dire quoi|que veut dire|qu est ce que c est|qu est ce que ca veut dire|qu est ce que ca veut dire|je comprends? pas (?:la question|ce que vous (?:dites|demandez|voulez dire))|j ai pas compris la question|(?:j ai pas|je n ai pas|j ai rien|je n ai rien) compris (?:a |de )?(?:ce|le|un) mot|c est du chinois(?: pour moi)?|i (?:don t|do not) (?:understand|know) (?:that|this|the) word|je (?:ne )?(?:comprends?|connais) pas (?:ce|le|un) mot|what does (?:that|this|it) mean|what do you mean|what is (?:that|this|it)|what s that|whats that|i don t understand the question|i do not understand the question)(?: (?:ca|sa|cela|ce truc|cette question|ce mot|la question|la|svp|please|exactly|exactement|au juste|ce que vous (?:dites|ecrivez|voulez dire|me dites|me demandez)(?: la)?))*$/;

/** "c'est quoi ce mot", "ce charabia", "what does that word mean": the subject names no word (the step on screen is meant). */
export const GENERIC_SUBJECT = /^(?:(?:ce|le|un|cette|la|ces|les|that|this|the|a|hein|euh|mais|donc) )*(?:ca|sa|cela|hein|euh|bah|ben|oh|ah|truc|mot|mots|terme|termes|machin|bidule|charabia|langage|jargon|phrase|question|message|ca veut dire|sa veut dire|that|this|it|word|words|thing|sentence|(?:that |this |it )?means?)$/;

/** "j'ai droit au RSA ?", "l'AAH j'y ai droit ?", "am I entitled to the ASPA": who a benefit is for (its subject). */
export const ELIGIBLE = /^(?:(?:bonjour|svp|et) )*(?:est ce que |est ce qu )?(?:j ai|j aurais|on a|je peux avoir|je pourrais avoir)(?: le)? droit (?:a|au|aux)(?: la| l)? (.+)$|^(.+?) (?:j y ai|j y aurais|on y a) droit$|^(?:am i|are we|would i be) (?:entitled|eligible) (?:to|for)(?: the| an| a)? (.+)$/;
