/**
 * A letter the citizen does not understand ("j'ai reçu un courrier des impôts je comprends pas", "une lettre de la
 * CAF, je comprends rien à ce qu'ils veulent", "I got a letter from the tax office and I don't understand it"):
 * the need is someone to read it together — a person or a place — not the formality the sender is known for
 * (the tax return guide). A letter with what to do in it ("un courrier avec mon numéro fiscal, je veux déclarer")
 * names the formality and is routed as usual. Patterns over `plainText()`.
 */

/** A paper received (not an e-mail or an SMS: those are checked for scams); "un papier" only when received. */
const LETTER = /\b(?:courriers?|lettres?|avis d (?:impot|imposition|echeance|situation)|recommandee?|letters?)\b/;
const PAPER_RECEIVED = /\b(?:recu|recois|got|received) (?:un|une|des|ce|le|cette) (?:papiers?|feuilles?|documents?|formulaires?)\b/;
/** A paper from an office ("un papier de la caf", "une feuille des impots") is a letter received from it. */
const PAPER_FROM = /\b(?:un|une|des|ce|cette|le|la) (?:papiers?|feuilles?|documents?|formulaires?|paper|form) (?:de la |du |des |de l |d |from (?:the )?)(?:caf|impots?|cpam|ameli|secu|securite sociale|assurance maladie|france travail|pole emploi|prefecture|mairie|urssaf|msa|carsat|caisse\w*|retraite|tresor public|tax office|huissier)\b/;
/** A letter to write is not one to read. */
const TO_WRITE = /\b(?:envoyer|ecrire|faire|rediger|poster|write|send) (?:une|un|la|le|ma|mon|a) (?:lettre|courrier|letter)\b/;
/** Not understood. */
const NOT_UNDERSTOOD = /\b(?:je (?:ne )?comprends? (?:pas|rien|pas tout|pas bien|pas ce qu|rien a ce qu)|j y comprends? rien|je (?:ne )?sais pas ce que (?:ca|sa|c|cela) (?:veut dire|dit)|je (?:ne )?sais pas ce qu (?:ils|elle|il|on) (?:veut|veulent|demande\w*|me veu\w*)|c est (?:du chinois|incomprehensible)|je (?:n )?arrive pas a (?:le |la )?(?:lire|comprendre)|i (?:do not|don t|can not|cannot|can t) understand|no idea what it (?:means|says)|what (?:it|this) means)\b/;

/** The message tells of a letter received and not understood. */
export function letterNotUnderstood(t: string): boolean {
  return (LETTER.test(t) || PAPER_RECEIVED.test(t) || PAPER_FROM.test(t)) && !TO_WRITE.test(t) && NOT_UNDERSTOOD.test(t);
}

/** Who writes letters: the offices people receive them from (folded, as plainText writes them). */
const SENDER =
  '(?:caf|ameli|cpam|assurance maladie|secu|securite sociale|impots?|fisc|finances publiques|centre des impots|tresor public|' +
  'france travail|pole emploi|ants|france titres|prefecture|mairie|urssaf|msa|carsat|cnav|caisse(?: de retraite| d allocations familiales)?|' +
  'retraite|agirc arrco|mdph|tribunal|huissier|commissaire de justice|banque|bailleur|tax office|health insurance|job centre|town hall)';
/** A letter received, in the ways people say it ("j'ai reçu un courrier de la caf", "g recu 1 lettre de france travail"). */
const RECEIVED_LETTER = new RegExp(
  String.raw`^(?:(?:bonjour|bonsoir|salut|hello|hi|madame|monsieur|alors|voila|euh|svp|s il vous plait|please)\s)*` +
    String.raw`(?:(?:j ai|je viens de|on m a|ils m ont|elle m a|il m a|i|i ve|i have|i just) )?(?:recu|recois|eu|envoye|ecrit|got|received|had|been sent)\s` +
    String.raw`(?:(?:aujourd hui|ce matin|hier|today|yesterday|this morning)\s)?` +
    String.raw`(?:un|une|1|des|ce|cette|le|la|a|an|the|some)\s(?:(?:petit|grand|gros|nouveau|nouvelle|autre|another)\s)?` +
    String.raw`(?:courriers?|lettres?|letters?|papiers?|recommandee?|avis|mail papier)` +
    String.raw`(?:\s(?:de la|de l|du|des|de|d|from the|from|by the))?\s?${SENDER}?` +
    String.raw`(?:\s(?:aujourd hui|ce matin|hier|today|yesterday|this morning|par la poste|by post|in the post))?` +
    // what to do with it: still about the letter ("koi faire", "je fais quoi", "what should I do")
    String.raw`(?:\s(?:et\s|and\s)?(?:(?:je sais pas|je ne sais pas|i don t know|i do not know)\s)?(?:quoi faire|que faire|je fais quoi|je dois faire quoi|qu est ce que je (?:dois )?fai[st]|qu est ce que je fais|ce que je dois faire|quoi en faire|what (?:should|do|must) i do|what now|et maintenant|aidez moi|aide moi|help|help me))?$`,
);
/** "je sais pas quoi faire avec le courrier de l'ameli": what to do with a letter from an office. */
const WHAT_TO_DO_WITH = new RegExp(
  String.raw`^(?:(?:je sais pas|je ne sais pas|i don t know|i do not know)\s)?(?:quoi faire|que faire|what to do|what do i do)\s(?:avec|de|with)\s(?:le|la|ce|cette|ma|mon|the|this|my|a)\s(?:courriers?|lettres?|letters?|papiers?)(?:\s(?:de la|de l|du|des|de|d|from the|from))?\s${SENDER}$`,
);

/** The message only tells of a letter received (from anyone), maybe with "what do I do": it asks about the letter. */
export function letterReceivedOnly(t: string): boolean {
  return RECEIVED_LETTER.test(t) || WHAT_TO_DO_WITH.test(t);
}

/** An e-mail, an SMS or a message (not a paper): read like a letter, with a word about fake messages. */
const MESSAGE_WORD = '(?:e ?mails?|mails?|courriels?|sms|messages?|notifications?|texts?|text messages?)';
/** "j'ai reçu un mail de ameli", "un sms de france travail", "I got an email from the tax office": from an office. */
const MESSAGE_FROM = new RegExp(
  String.raw`^(?:(?:bonjour|bonsoir|salut|hello|hi|madame|monsieur|alors|voila|euh|svp|s il vous plait|please)\s)*` +
    String.raw`(?:(?:(?:j ai|je viens de|on m a|ils m ont|elle m a|il m a|i|i ve|i have|i just) )?(?:recu|recois|eu|envoye|got|received|had)\s)?` +
    String.raw`(?:(?:aujourd hui|ce matin|hier|today|yesterday|this morning)\s)?` +
    String.raw`(?:un|une|1|des|ce|cette|le|la|a|an|the|some)\s(?:(?:petit|nouveau|nouvelle|autre|drole de|another|strange)\s)?${MESSAGE_WORD}` +
    String.raw`\s(?:de la|de l|du|des|de|d|from the|from|by the)\s?${SENDER}` +
    String.raw`(?:\s(?:aujourd hui|ce matin|hier|today|yesterday|this morning))?(?=\s|$)`,
);
/** What to do with it, or not understood ("et je sais pas quoi faire", "je comprends rien"): still about the message. */
const ABOUT_IT = new RegExp(
  String.raw`^(?:(?:je sais pas|je ne sais pas|i don t know|i do not know)\s)?(?:quoi faire|que faire|what to do|je fais quoi|je dois faire quoi|qu est ce que je (?:dois )?fai[st]|qu est ce que je fais|ce que je dois faire|quoi en faire|what (?:should|do|must) i do|what now|et maintenant|aidez moi|aide moi|help|help me)$`,
);

/**
 * The message only tells of an e-mail or an SMS received from an office ("jai recu un mail de ameli et je sais pas
 * quoi faire", "un sms de france travail"), maybe with "what do I do" or "I don't understand": what it says is asked,
 * as for a letter — not the office's best-known guide. A payment or a code asked in it is a scam (src/nlu/signals.ts).
 */
export function messageReceivedOnly(t: string): boolean {
  const m = MESSAGE_FROM.exec(t);
  if (!m) return false;
  const rest = t.slice(m[0].length).trim().replace(/^(?:et|mais|and|but)\s/, '');
  return rest === '' || ABOUT_IT.test(rest) || (NOT_UNDERSTOOD.test(rest) && rest.split(' ').length <= 10);
}
