/**
 * What a citizen says just after a guide ended (session 17), about that guide: "c'est fini ?", "c bon ?", "comment je
 * sais que c'est bon" (`check`); "et après ?", "je fais quoi maintenant" (`next`); "ça a pas marché", "ça marche pas"
 * (`failed`); "j'ai pas reçu le mail" (`mail`). Read only while a guide has just ended (src/bot/steps/afterGuide.ts):
 * elsewhere these words mean other things. Short messages only: a new need told in a sentence goes to the router.
 * Patterns over `plainText()`, French and English.
 */
import { plainText } from './plainText';
import { ADVISER } from './personPatterns';

export type AfterGuideAsk = 'check' | 'next' | 'failed' | 'mail';

const LEAD = String.raw`^(?:(?:et|donc|alors|bon|ok|oui|ben|bah|mais|euh|so|and|ok so|well) )*`;
const TAIL = String.raw`(?: (?:alors|maintenant|la|donc|comme ca|ou pas|oui|now|then|right|yet|already|deja|bien|vraiment|really))*$`;

const CHECK = new RegExp(
  LEAD +
    String.raw`(?:` +
    [
      String.raw`(?:c est|c|ca y est|c est deja|c est bien|c est tout|tout est) (?:fini|finit|finis|termine|bon|ok|fait|valide|enregistre|envoye|parti|passe|bien passe|reussi|tout bon|regle)`,
      String.raw`ca y est|j ai (?:fini|termine|tout fait)|j ai bien (?:tout )?(?:fait|fini)|ca a (?:bien )?(?:marche|fonctionne|pris)|c est pris en compte|ma demande est (?:partie|envoyee|enregistree|passee|faite|validee)`,
      String.raw`(?:comment|comment est ce que|comment on|comment je peux) (?:je )?(?:sais|sait|savoir|verifie|verifier|voir|suis sur|suis sure|être sur)(?: \w+){0,2} (?:que|si) (?:c est|c|ca a|ca|tout est|ma demande est|c etait)(?: \w+){0,3}`,
      String.raw`(?:je suis|on est) (?:sur|sure|certain|certaine) que (?:c est|ca a)(?: \w+){1,2}`,
      String.raw`(?:is it|is that|am i|are we|was it|is everything) (?:done|finished|over|ok|okay|all done|complete|completed|it|good|right)`,
      String.raw`(?:did it|has it|did that|did everything) (?:work|worked|go through|went through)|that s it|all done|done|finished`,
      String.raw`how (?:do|can|will) i (?:know|check|see|be sure)(?: \w+){0,2} (?:it|that|everything|my application)(?: \w+){0,3}`,
    ].join('|') +
    String.raw`)` +
    TAIL,
);

const NEXT = new RegExp(
  LEAD +
    String.raw`(?:apres|et apres|maintenant|ensuite|la suite|quoi maintenant|quoi apres|(?:je|on) (?:fais|fait|doit faire|dois faire) quoi(?: maintenant| apres| ensuite)?|(?:qu est ce que|qu est ce qu) (?:je fais|on fait|je dois faire|il faut faire|il se passe)(?: maintenant| apres| ensuite)?|il faut faire quoi(?: maintenant| apres| ensuite)?|(?:quelle est|c est quoi) la suite|il se passe quoi(?: maintenant| apres| ensuite)?|what now|what next|now what|then what|what do i do(?: now| next)?|what should i do(?: now| next)?|what happens(?: now| next)|what is next|what s next)` +
    TAIL,
);

const FAILED = new RegExp(
  LEAD +
    String.raw`(?:` +
    [
      String.raw`(?:ca|c|cela|sa|il|le site) (?:n )?(?:a |as )?(?:pas|jamais|toujours pas) (?:marche|marcher|fonctionne|fonctionner|reussi|abouti|pris|passe)`,
      String.raw`(?:ca|c|cela|sa|le site) (?:ne )?(?:marche|fonctionne|passe) (?:pas|plus|toujours pas)|marche pas|ca bloque|ca plante|ca a plante|ca a rate|c est rate|rate|echec|erreur|j y arrive pas|j y suis pas arrive|j ai pas reussi|je n ai pas reussi|j ai rate`,
      String.raw`(?:it|that|this) (?:didn t|did not|doesn t|does not|won t|isn t|is not) (?:work|working|go through)|it failed|not working|it s not working|i couldn t(?: do it)?|i failed`,
    ].join('|') +
    String.raw`)` +
    TAIL,
);

const MAIL = String.raw`(?:mail|mails|email|emails|e mail|e mails|courriel|courriels|mel|confirmation|accuse de reception|lien)`;
const GOT = String.raw`(?:recu|recus|recue|recois|recoit|eu|get|got|received|receive)`;
const MAIL_NOT = [
  new RegExp(String.raw`\b(?:pas|jamais|rien|toujours pas|pas encore|not|never|didn t|did not|haven t|have not) (?:\w+ ){0,2}${GOT}\b(?: \w+){0,3} ${MAIL}\b`),
  new RegExp(String.raw`\b${MAIL} (?:\w+ ){0,2}(?:ne |n )?(?:arrive|vient|est arrive|est venu) (?:toujours )?(?:pas|jamais)\b`),
  new RegExp(String.raw`^(?:(?:mais|et|ben|bah|euh|toujours) )*(?:pas de|aucun|aucune|no|still no) ${MAIL}\b`),
];

/**
 * "j'ai encore besoin d'aide pour le même problème", "toujours mon souci d'hier", "the same problem again": a problem
 * told before, not named again (src/bot/steps/afterGuide.ts finds which).
 */
const SAME = /\b(?:(?:le|mon|ce|du|au|pour le) meme (?:probleme|souci|truc|dossier|sujet|soucis)|toujours (?:le meme|mon|ce) (?:probleme|souci)|(?:mon|le|ce|ma|la) (?:probleme|souci|dossier|demande) (?:d hier|de la derniere fois|de l autre jour|de ce matin|d avant|de tout a l heure|de tantot)|c est (?:encore|toujours|de nouveau) pour (?:mon|le|ce|ma|la) (?:dossier|probleme|souci|demande)|(?:the|my) same (?:problem|issue|thing)|(?:my|the) (?:problem|issue) from (?:yesterday|last time|before|this morning))\b/;

/**
 * The person who helped asked for again: "je voudrais reparler au conseiller", "ravoir la même dame", "recontacter la
 * conseillère", "encore besoin du conseiller", "talk to the adviser again" (src/bot/steps/helpedAgain.ts, after a close).
 */
const PERSON_AGAIN = new RegExp(
  [
    String.raw`\b(?:re ?parler|rediscuter|ravoir|recontacter|re ?contacter|revoir|re ?ecrire)\b(?: (?:a|avec))? (?:au |aux |la |le |l |cette |ce |votre |mon |ma |les )?(?:meme )?(?:dame|monsieur|madame|personne|${ADVISER}|mediat[a-z]*|agent)\b`,
    String.raw`\b(?:le|la|du|de la|au|a la) meme (?:personne|dame|monsieur|${ADVISER}|agent)\b`,
    String.raw`\bencore besoin (?:du|de la|d un|d une|de) (?:${ADVISER}|personne|dame|monsieur|quelqu un)\b`,
    String.raw`\b(?:talk|speak|chat) (?:to|with) (?:the|my|an|a|that) (?:adviser|advisor|person|agent|mediator|lady|man) again\b|\bsame (?:adviser|advisor|person|agent|lady)\b`,
  ].join('|'),
);

/** The same problem again, or the person who helped: what a citizen writes after a mediator's close. */
export function askedAgainAfterHelp(text: string): boolean {
  return sameProblem(text) || (plainText(text).split(' ').length <= 20 && PERSON_AGAIN.test(plainText(text)));
}

export function sameProblem(text: string): boolean {
  const t = plainText(text);
  return t.split(' ').length <= 16 && SAME.test(t);
}

/** What a message says about the guide that just ended, when it is short and says one of the above. */
export function afterGuideAsk(text: string): AfterGuideAsk | undefined {
  const t = plainText(text);
  if (t === '' || t.split(' ').length > 12) return undefined;
  if (MAIL_NOT.some((re) => re.test(t))) return 'mail';
  if (CHECK.test(t)) return 'check';
  if (NEXT.test(t)) return 'next';
  if (FAILED.test(t)) return 'failed';
  return undefined;
}
