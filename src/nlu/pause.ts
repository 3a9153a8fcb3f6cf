/**
 * What a citizen says about time rather than about the question (task nlu12a), over `plainText()`:
 * - a **wait** — "attendez je reviens", "un instant", "2 min", "bouge pas", "je cherche mes papiers", "hold on",
 *   "one sec": the question keeps its turn, a kind word says we stay here. `strong` when the whole message is
 *   made of wait words (markers, fillers and the reason for the wait); `weak` when it only says what they are
 *   looking for ("je vais chercher ma carte"), which counts only when the question on screen does not take it.
 * - a **reminder** asked for — "rappelle-moi le 28", "tu peux me le rappeler lundi", "remind me on the 28th":
 *   a day, not a time of day (that is a callback: "rappelez-moi demain à 14h"), nor a phone ("sur mon portable").
 * - **something to do for an organisation, not known what** — "un truc pour la CAF mais je sais pas quoi",
 *   "something for the caf but i don't know what": subject, the organisation ("caf"); not "c'est quoi la CAF".
 * Word families, not sentences: markers, fillers and reasons are lists of stems combined freely.
 */

/** Words that say nothing on their own around a wait ("ok", "svp", "madame"). */
const FILLER = '(?:ok|okay|oui|ouais|bon|ben|bah|euh|heu|alors|ah|oh|hein|svp|stp|s il (?:vous|te) plait|please|merci|madame|monsieur|juste|encore|la|voila|wait|sorry|pardon|desolee?|excuse[zr]? moi|ok ok)';
const UNIT = '(?:instants?|moments?|minutes?|mins?|mn|secondes?|secs?|s|sec)';
const COUNT = '(?:un|une|1|deux|2|trois|3|cinq|5|dix|10|quelques|petite?|ptite?|p tite?|one|two|a|a few|five|ten)';
/** The words that ask for time. */
const MARKER = [
  `attend(?:s|ez|e)? (?:moi|un peu|voir)`, 'patiente[rz]?', 'patience', `(?:${COUNT} )+${UNIT}`, `\\d+ ?${UNIT}`, '(?:instants?|moments?|minutes?|secondes?|sec)',
  '(?:ne )?bouge[sz]? pas', 'pas si vite', 'minute papillon', 'doucement', 'laisse[zr]? moi (?:un peu de temps|le temps|du temps|chercher|regarder|voir|trouver)',
  'donne[sz]? moi (?:un peu de temps|le temps|du temps)', 'j ai besoin (?:de temps|d un (?:moment|instant)|de quelques minutes)',
  'je reviens(?: (?:tout de suite|de suite|vite|dans \\S+ \\S+))?', 'j arrive', 'je suis (?:a vous|la) dans \\S+ \\S+', 'je reviens vers vous',
  'hold on', 'hang on', 'wait(?: (?:a|one) (?:minute|moment|sec|second|bit))?', 'just a (?:minute|moment|sec|second|bit)',
  '(?:give|gimme) me (?:a|one|two|2|five|5|a few) (?:minute|minutes|moment|sec|secs|second|seconds|min|mins)', 'gimme a (?:sec|minute|moment)',
  'be right back', 'brb', 'back in (?:a|\\d+) (?:minute|minutes|sec|second|seconds|min|mins)', 'i ll be back', 'i will be back',
].join('|');
/** Why they need the time, which may go to the end of the message ("je cherche mes papiers dans le tiroir"). */
const REASON =
  '(?:je (?:vais |dois |v )?(?:aller )?|(?:il )?faut (?:que )?(?:je |j )?(?:aille )?|i m |i am |let me |i need to |i have to |i ll |i will )' +
  '(?:cherche[rz]?|regarde[rz]?|fouille[rz]?|prendre|prends|recupere[rz]?|trouve[rz]?|retrouve[rz]?|mettre|mets|ouvrir|ouvre|allumer|allume|sortir|sors|demander a|appeler ma|appeler mon|voir (?:ou|si|dans)|' +
  'looking|look|find|finding|get|getting|grab|grabbing|check|checking|fetch|fetching|put on|ask my|search|searching)\\b.*' +
  // Something that interrupts: the phone, the door, someone coming ("j'ai le téléphone qui sonne", "on sonne").
  '|(?:j ai |il y a |y a )?(?:le |mon )?(?:telephone|portable|quelqu un|facteur|livreur)(?: qui)? (?:sonne|arrive|est la|a la porte)\\b.*' +
  '|(?:on|ca) (?:sonne|frappe)\\b.*|(?:il y a |y a )?quelqu un a la porte\\b.*|je (?:dois|vais) (?:ouvrir|repondre|decrocher|aller aux toilettes)\\b.*' +
  '|(?:the |my )?(?:phone|doorbell)(?: is)? ringing\\b.*|(?:someone|somebody) (?:is )?at the door\\b.*' +
  // What they need first ("j'ai besoin de mes lunettes", "i need my glasses").
  '|(?:j ai besoin d(?:e|u)? ?|il me faut |i need |i have to get )(?:mes|mon|ma|les|le|la|my|the) [a-z]+\\b.*' +
  // What they do not have at hand ('j'ai pas mes lunettes', 'I don't have my glasses').
  '|(?:je n ai |j ai |j |i don t have |i do not have )(?:pas |plus )?(?:mes|mon|ma|my) [a-z]+\\b.*';
/** "attends", "euh attendez" alone is a hesitation ("wait, what?"), a miss as before; with a reason it is a wait. */
const SOFT = 'attend(?:s|ez|e)?';
const WAIT_WHOLE = new RegExp(
  `^(?:(?:${FILLER}|${SOFT}|${MARKER}) )*(?:${MARKER})(?: (?:${FILLER}|${SOFT}|${MARKER}))*(?: (?:${REASON}))?$|^(?:(?:${FILLER}|${SOFT}) )*${SOFT}(?: (?:${FILLER}|${SOFT}))* (?:${REASON})$`,
);
/**
 * "attendez" alone, or said politely ("attendez svp", "oui attendez madame"): asking for time (session 18, probe 90).
 * With a hesitation ("euh attendez", "ben attends") or in the familiar "attends" it stays a hesitation (a miss).
 */
const POLITE = '(?:ok|okay|oui|ouais|svp|s il vous plait|please|merci|madame|monsieur)';
const WAIT_POLITE = new RegExp(`^(?:${POLITE} )*attendez(?: attendez)*(?: ${POLITE})*$`);
/** "attendez" alone (or said politely): time asked, and nothing else said (no answer, no reason). */
export const bareWait = (t: string): boolean => WAIT_POLITE.test(t);
/** A reason alone ("je vais chercher ma carte", "je cherche mes papiers"): the citizen is busy finding it. */
const REASON_ALONE = new RegExp(`^(?:(?:${FILLER}) )*(?:je (?:vais |dois )?(?:aller )?(?:cherche[rz]?|regarde[rz]?|fouille[rz]?|recupere[rz]?) (?:mes|mon|ma|dans|ou)|(?:i m|i am) (?:looking|searching) for my|let me (?:find|get|grab|look for|check))\\b`);

/**
 * A flat battery ("jai plus de batterie je recharge", "mon téléphone est mort je le recharge", "low battery"): a
 * pause, not a broken device nor a death. Not a card or a prepaid coupon "rechargée" (a scam story).
 */
export const BATTERY =
  /\b(?:plus de batterie|(?:ma |la |sa )?batterie (?:est )?(?:faible|a plat|vide|morte|dechargee|lache)|(?:telephone|portable|tel|tablette|ordinateur|ordi)(?: est)? (?:a plat|decharge)|je (?:le |la )?(?:re)?charge(?: (?:mon|le|ma) (?:telephone|portable|tel|tablette|ordi|ordinateur))?(?= et\b| je\b| j\b|$)|low battery|battery (?:is )?(?:low|dead|flat)|(?:i m |i am )?(?:re)?charging (?:it|my phone))\b/;
const NOT_BATTERY = /\b(?:pcs|coupons?|transcash|neosurf|carte|compte|credit|forfait|code)\b/;

/** "je recharge mon téléphone", "plus de batterie": the phone is flat for a while. */
export const batteryPause = (t: string): boolean => BATTERY.test(t) && !NOT_BATTERY.test(t);

export type WaitStrength = 'strong' | 'weak';

/** A wait asked for: "strong" (only wait words), "weak" (busy finding something), or nothing. */
export function waitAsked(t: string): WaitStrength | undefined {
  // "je reviens demain", "je reviens plus tard" is leaving (a goodbye), "j'attends mon code" is a situation.
  if (/\b(?:demain|plus tard|ce soir|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|semaine|tomorrow|later|tonight)\b/.test(t)) return undefined;
  if (WAIT_WHOLE.test(t) || WAIT_POLITE.test(t)) return 'strong';
  return REASON_ALONE.test(t) ? 'weak' : undefined;
}

/** Back after a wait ("me revoilà", "c'est bon je suis là", "I'm back"): not a yes to the question on screen. */
const BACK = new RegExp(
  `^(?:(?:${FILLER}|c est bon|c est moi|voila|bon ben|rebonjour|re) )*(?:me (?:revoila|voila|revoici)|je suis (?:de retour|revenue?|la|a nouveau la|la de nouveau)|je reviens vers vous|rebonjour|re|(?:i m|i am) (?:back|here again|here)|back again|here i am)(?: (?:${FILLER}|pour (?:la suite|continuer)|on (?:continue|reprend)))*$`,
);

/** Back after a wait, in the words of one who was away. */
export const backAfterWait = (t: string): boolean => BACK.test(t);

const DAY =
  '(?:le \\d{1,2}(?:er|eme)?|le (?:premier|1er)|demain|apres demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|(?:la )?semaine prochaine|(?:le )?mois prochain|' +
  'dans (?:\\d+|un|une|deux|trois|quatre|quinze|quelques) (?:jours?|semaines?|mois)|(?:a la )?fin du mois|(?:au )?debut du mois|en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|' +
  'tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next (?:week|month)|on the \\d{1,2}(?:st|nd|rd|th)?|in (?:\\d+|a|two|three|a few) (?:days?|weeks?|months?)|end of the month)';
/** Remind words that cannot be a call back: "me le rappeler", "faites-moi penser", "un rappel", "remind me". */
const REMIND_ONLY = /\b(?:me (?:le|la|les|l) rappel\w*|(?:fai(?:s|tes)|fait) moi penser|me faire penser|(?:un|des|mon|mes) rappels? (?:pour|le|de|sur|par)|(?:mettre|mettez|mets|programme[rz]?|envoie[rz]?|envoyer|envoyez) (?:moi )?un rappel|remind(?:s|ed)? me|(?:a|set a|send me a) reminder)\b/;
/** "rappelle-moi", "rappelez moi", "tu peux me rappeler": a reminder only with a day and nothing of a call. */
const RECALL = /\b(?:rappel+e?[sz]? moi|(?:peu[xt]|pouvez|pourriez|pourrais|pourrait) me rappel+er|me preven(?:ir|ez)|previen[sd]? moi|prevene[zr] moi|(?:envoie[rz]?|envoyez|ecri(?:s|vez)) moi (?:un )?(?:message|sms|texto|mot))\b/;
/** "rappelle-moi de / d'" and an infinitive ("de faire", "d'envoyer", "de remplir", "de prendre"), not "de suite". */
const REMIND_TO = /\b(?:rappel+e?[sz]? moi|(?:peu[xt]|pouvez|pourriez|pourrais|pourrait|pouvoir) me rappel+er|me rappel+er|rapel+e?[sz]? moi|me rapel+er) (?:de |d )(?:bien |pas |ne pas )?(?!(?:le|la|les|demain|suite|nouveau|bonne|votre|notre|autre|entre|quatre|toute)\b)[a-z]{2,}(?:er|ir|re|oir)\b/;
const CALL = /\b(?:telephone|portable|numero|appel\w*|au \d|\d+ ?h(?:\d\d)?\b|heures?|\d{2} \d{2}|conseill\w*|quelqu un|une personne|call|phone|ring)\b/;

/** A reminder asked for, by a day ("le 28", "lundi") and not a time of day or a phone: a callback is a person. */
export function reminderAsked(t: string): boolean {
  if (REMIND_ONLY.test(t)) return !CALL.test(t) || /\bremind/.test(t);
  // "rappelez-moi de faire mon actualisation", "vous pouvez me rappeler de déclarer mes impôts": "rappeler de" and a
  // verb is something to remember, never a call (unless a phone number or a time of day is given with it).
  if (REMIND_TO.test(t)) return !/\b(?:au \d|\d{2} \d{2}|\d+ ?h(?:\d\d)?\b|(?:mon|ce|le|a mon) (?:numero|portable|telephone))\b/.test(t);
  return RECALL.test(t) && new RegExp(`\\b${DAY}\\b`).test(t) && !CALL.test(t);
}

/** A reminder in words that cannot mean a call back ("fais-moi penser", "rappelle-moi de faire …", "remind me"). */
export function reminderOnly(t: string): boolean {
  return reminderAsked(t) && (REMIND_ONLY.test(t) || REMIND_TO.test(t));
}

/** "un truc", "quelque chose", "une démarche", "something" … "pour la CAF" … "je sais pas quoi". */
const THING = '(?:un truc|1 truc|des trucs|quelque chose|qqch|qqc|qq chose|kelke chose|une demarche|des demarches|un papier|des papiers|un dossier|une chose|something|a thing|some thing|stuff|some paperwork)';
const FOR = '(?:pour|a|avec|de|chez|sur|aupres de|for|with|from|at|about)';
const UNKNOWN_WHAT = '(?:je (?:ne )?(?:sais|comprends?) (?:pas|plus|pas trop|pas bien|rien) (?:quoi|lequel|laquelle|lesquels|ce que c est|ce qu il faut|ce qu ils? veu\\w+|ce qu elle veut)|sais pas quoi|je (?:ne )?suis pas sure? (?:de )?(?:quoi|laquelle|lequel)|(?:i )?(?:do not|don t) know (?:what|which)|not sure (?:what|which)|no idea (?:what|which))';
const VAGUE = new RegExp(`\\b${THING}\\b.{0,30}?\\b${FOR} (?:(?:la|le|les|l|the|my|mes|mon|ma|du|des|au|aux) )?(?:(?:site|page|espace|compte|appli|application|website|account|portal)(?: internet| web)? (?:de |d |du |des |of )?(?:(?:la|le|les|l|the) )?)?(?!(?:faire|fer|fair|fere|moi|lui|elle|eux|ca|sa|mais|et|je|j|i|but|and|me|it|do|make)\\b)([a-z][a-z0-9]+(?: (?!(?:de|du|des|d|la|le|les|l|mais|et|je|j|i|but|and|not|no|pas|ne|me|en|a|pour|sur|avec|qui|que|on|il|faut)\\b)[a-z][a-z0-9]+)?)\\b.{0,30}?\\b${UNKNOWN_WHAT}`);
const NOT_A_SUBJECT = /^(?:faire|fer|fair|moi|lui|elle|eux|ca|sa|mais|et|je|j|i|but|and|me|it)\b/;

/** "la CAF me demande un truc, je comprends pas quoi": the organisation first, then what it asks. */
const ASKS = '(?:me |m |nous )?(?:demande(?:nt)?|veu(?:t|lent)|reclame(?:nt)?|a envoye|ont envoye|m a envoye|m ont envoye|wants?|asks?|asked|sent)';
const VAGUE_ASKED = new RegExp(`^(?:[a-z]+ ){0,3}?(?:la |le |les |l |the |my )?(?!(?:je|j|i|on|il|elle|ils|ca|sa|c|qu|que)\\b)([a-z][a-z0-9]+(?: (?!(?:me|m|nous|lui|de|du|la|le|les|l)\\b)[a-z][a-z0-9]+)?) ${ASKS}\\b.{0,20}?\\b${THING}\\b.{0,30}?\\b${UNKNOWN_WHAT}`);

/** The organisation or subject a vague formality is for ("caf", "impots"), when the citizen does not know what. */
export function vagueFormality(t: string): string | undefined {
  const m = VAGUE.exec(t) ?? VAGUE_ASKED.exec(t);
  if (!m) return undefined;
  const words = m[1].split(' ').filter((w) => !/^(?:mais|but|et|and|je|j|i|jsp|not|no|pas)$/.test(w));
  const cut = words.findIndex((w) => /^(?:mais|but|et|and|je|j|i|not|no)$/.test(w));
  const subject = (cut >= 0 ? words.slice(0, cut) : words).join(' ');
  return subject && !NOT_A_SUBJECT.test(subject) ? subject : undefined;
}

const LATER_WHEN = '(?:demain|apres demain|plus tard|ce soir|cet apres midi|tout a l heure|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la semaine prochaine|un autre jour|tomorrow|later|tonight|another day|next week)';
const HELPER = '(?:ma fille|mon fils|mon mari|ma femme|mon epoux|mon epouse|ma petite fille|mon petit fils|ma soeur|mon frere|ma niece|mon neveu|ma voisine|mon voisin|ma copine|mon copain|une amie?|quelqu un|mon aidante?|mon assistante? sociale?|ma belle fille|mon gendre|my (?:daughter|son|husband|wife|neighbou?r|grandson|granddaughter|sister|brother|friend)|someone)';
const LATER = new RegExp(
  [
    // "je peux faire ça demain ?", "je le ferai ce soir", "on verra demain", "je continue lundi"
    `\\b(?:je|on) (?:peux|peut|pourrais|pourrai|vais|va) (?:le |la |les |l )?(?:faire|finir|continuer|terminer|reprendre|voir)(?: (?:ca|la suite|le reste|tout ca))? ${LATER_WHEN}\\b`,
    `\\b(?:je|on) (?:le |la |les |l )?(?:ferai|ferais|fera|finirai|finira|continuerai|continuera|continue|reprendrai|reprendra|reprend|verra|verrai)(?: (?:ca|la suite|le reste|tout ca))? ${LATER_WHEN}\\b`,
    // "ma fille va m'aider ce soir", "mon fils viendra le faire avec moi"
    `\\b${HELPER} (?:va|vont|viendra|viendrait|vient|passe|passera|pourra|doit) (?:venir )?(?:m aider|me aider|m aide|le faire|faire ca|me le faire|m expliquer|regarder|voir ca|s en occuper)\\b`,
    `\\b(?:can i|could i|i ll|i will|i can|we ll|we will) (?:do|finish|continue|carry on with) (?:it|this|that|the rest)? ?${LATER_WHEN}\\b`,
    `\\b${HELPER} (?:will|is going to|ll|can) (?:help me|do it|come)\\b`,
  ].join('|'),
);

/** Putting it off, or someone to help later ("je peux faire ça demain ?", "ma fille va m'aider ce soir"). */
export const laterSaid = (t: string): boolean => LATER.test(t);
