/**
 * Indirect ways of asking for a person (src/nlu/signals.ts reads them with the direct ones): someone who would do it
 * for me ("ma conseillère CAF peut pas le faire pour moi", "quelqu'un pourrait le remplir à ma place"), whether we
 * have someone ("vous avez quelqu'un ?", "y a pas un conseiller"), and talking by voice ("parler directement avec
 * vous au tel", "discuter de vive voix"). Patterns over `plainText()` (folded, SMS spellings expanded).
 */

/**
 * A pronoun object, so "faire une carte pour moi" (a document for me) is not "do it for me", nor "quelqu'un peut faire
 * mes démarches à ma place" (the Aidants Connect guide, found by the router).
 */
const DO_IT = '(?:(?:le|la|les|l|tout|ca|sa|ce dossier|cette demande|ces papiers) (?:faire|remplir|gerer|taper|ecrire|envoyer|declarer)|s en (?:occuper|charger)|s occuper de (?:tout|ca|sa|mon dossier)|faire (?:tout|ca|sa))';

/** Someone close who would do it ("mon neveu pourrait le faire pour moi") is not a request for one of ours. */
const CLOSE_ONE = /\b(?:fils|fille|neveu|niece|mari|femme|epou[sx]e?|enfants?|proches?|voisine?s?|amie?s?|copine?s?|copains?|cousine?s?|frere|soeur|famille|petite? fils|petite fille|son|daughter|nephew|husband|wife|friend|neighbou?r|relative|family)\b/;

const DOING_IT_FOR_ME: RegExp[] = [
  new RegExp(`\\b${DO_IT}\\b(?: [a-z]+){0,2} (?:pour moi|a ma place|avec moi|pour nous|a notre place)\\b`),
  /\b(?:someone|somebody|anyone|anybody) (?:to|who (?:can|could)) (?:do (?:it|this|that)|fill (?:it|this) in) for me\b|\b(?:do (?:it|this|that)|fill (?:it|this) in) for me\b/,
];

/** Somebody, said any way: "une dame", "un monsieur", "du monde", "des gens", "un agent de chez vous". */
const SOMEONE = '(?:quelqu un|une? (?:vraie? |autre )?(?:personne|dame|monsieur|madame|humain|agent|employee?)|un vrai gens|(?:du|des) (?:monde|gens|personnes)|de vrais gens|vos (?:agents|collegues|equipes?))';
/** What a person would do for me: answer, call, guide, explain ("me répondre", "me guider", "s'occuper de moi"). */
const FOR_ME = '(?:m aider|m aide[rz]?|me repondre|me rappeler|m appeler|me telephoner|m expliquer|me guider|m accompagner|me conseiller|me parler|me contacter|me recevoir|s occuper de (?:moi|mon dossier|ma demande))';

const PERSON_INDIRECT: RegExp[] = [
  // "est-ce qu'une dame ou un monsieur peut me répondre", "y a du monde pour m'aider en vrai ?"
  new RegExp(`\\b${SOMEONE}(?: ou ${SOMEONE})? (?:qui )?(?:peut|peu|pourrait|puisse|peuvent|pourraient|saurait|va|vont|voudrait|veut|est la pour|sont la pour|pour) ${FOR_ME}\\b`),
  new RegExp(`\\b(?:il y a|il y aurait|y a t il|est ce qu il y a|il n y a pas|il y a pas)(?: pas)? ${SOMEONE}(?: (?:pour|qui peut|qui pourrait|qui puisse)\\b|(?: la| en vrai| svp| s il vous plait)*$)`),
  // "on peut s'appeler ?", "on pourrait se parler au téléphone"
  /\b(?:on (?:peut|peu|peux|pourrait|pourra)|peut on|pourrait on|est ce qu on (?:peut|peu|pourrait)) (?:s appeler|se telephoner|se parler|s ecrire au telephone|se rappeler)\b/,
  // "une assistance humaine", "un contact humain", "une aide en vrai"
  /\b(?:assistance|aide|contact|support|interlocuteur|accompagnement|echange|reponse|presence) (?:humaine?|reelle?|physique)\b|\bhuman (?:help|assistance|support|contact)\b/,
  // "un vrai bonhomme", "de vrais gens": "real" makes any word for a person a request for one
  /\b(?:un|une|des|de|avec|a) vraie?s? (?:bonhommes?|gars|dames?|monsieurs?|messieurs|madames?|femmes?|hommes?|gens|personnes?|humains?|agents?)\b/,
  // "mettez-moi quelqu'un", "trouvez-moi une personne", "parler au responsable"
  new RegExp(`\\b(?:passe[rz]?|mette?z?|donne[rz]?|trouve[rz]?|envoye[rz]?) moi (?:avec )?(?:${SOMEONE}|un responsable|le responsable)\\b`),
  new RegExp(`\\bm (?:envoyer|envoyez|passer|passez|trouver|trouvez|donner|donnez) (?:${SOMEONE}|un conseill[a-z]*|une conseill[a-z]*)\\b`),
  /\b(?:parler|voir|avoir|joindre|contacter|appeler) (?:au|le|un|une|la|a la|a un|a une) (?:responsable|chef|superieure?|directeur|directrice|patron)\b/,
  // a number to call: "vous avez un numéro de téléphone ?", "un numéro pour vous joindre"
  /^(?:(?:bonjour|svp|et|alors|euh) )*(?:vous avez|avez vous|auriez vous|il y a|y a t il|donnez moi|donne moi|c est quoi|quel est) (?:un |votre |le )?(?:numero|tel|telephone)(?: de (?:telephone|tel))?(?: (?:pour|ou|a) (?:vous )?(?:appeler|joindre|telephoner|vous joindre|vous appeler))?(?: svp| s il vous plait)?$/,
  /\bnumero (?:de telephone )?(?:pour|ou|a) (?:vous |je peux vous |je peux |on peut )?(?:appeler|joindre|telephoner|parler a quelqu un)\b/,
  // "any actual human I could chat with", "a person I can talk to"
  /\b(?:actual|real|live) (?:humans?|people|persons?|beings?)\b|\b(?:any|a|an|some) (?:humans?|persons?|people|advis[eo]rs?|agents?|staff)\b.{0,20}\b(?:i|we) (?:can|could) (?:talk|speak|chat)\b/,
  /\b(?:(?:phone )?number (?:i can|to) (?:call|ring|phone)|what is your (?:phone )?number|can i call you)\b/,
  /\b(?:qu on|que quelqu un|que vous|quelqu un)\b.{0,30}\b(?:au telephone|par telephone|de vive voix)\b/,
  /\b(?:il y a|y a t il|il n y a) (?:personne|quelqu un|pas quelqu un) (?:pour|qui (?:peut|pourrait)) (?:m aider|me repondre|me rappeler|m expliquer|m appeler)\b/,
  /\b(?:vous avez|vous auriez|avez vous|auriez vous|il y a pas|il y aurait|y aurait il|n y a t il pas|vous n avez pas)\b(?: pas)? (?:quelqu un|une personne|un conseiller|une conseillere|un mediateur|une mediatrice|un humain)\b/,
  /\b(?:parler|discuter|causer|echanger|vous avoir|avoir quelqu un|vous joindre|vous parler)\b.{0,40}\b(?:au telephone|par telephone|de vive voix|directement)\b/,
  /\b(?:talk|speak) (?:to you |with you )?(?:on the phone|by phone|in person|directly)\b/,
  // a call, a visit or an appointment with one of ours: "passez-moi un coup de fil", "un rdv avec une personne"
  /\b(?:me|m) (?:passer|passez|donner|donnez|faire|faites) un coup de (?:fil|telephone)\b/,
  new RegExp(`\\b(?:rendez vous|rdv|entretien|permanence) (?:avec|aupres d) (?:${SOMEONE}|un conseill[a-z]*|une conseill[a-z]*|un mediat[a-z]*|une mediat[a-z]*)\\b`),
  new RegExp(`\\b(?:${SOMEONE}|un conseill[a-z]*|une conseill[a-z]*|un mediat[a-z]*|une mediat[a-z]*) (?:peut|pourrait|peuvent|pourraient)(?: il| elle)? (?:venir|passer) (?:chez moi|me voir|a la maison)\\b`),
  // a voice, not a screen: "entendre une vraie voix", "pas un écran" (not the captcha's "je suis pas un robot")
  /\b(?:vraie voix|voix (?:humaine|reelle)|entendre (?:une|la) voix|(?<!\b(?:suis|es|est|etes|sommes|soyez|etre) )pas (?:a |avec )?(?:un |une )?(?:ecran|machine|robot|bot|programme|logiciel|automate))\b/,
  /^(?:please |pls |plz |svp |s il vous plait )+(?:a |an |un |une )?(?:human|person|real person|someone|somebody|advis[eo]r|agent|operator|humain|personne|conseill[a-z]*|mediat[a-z]*)(?: please| pls| now| svp| vite)*$/,
  /\b(?:could|can|would) you (?:please )?(?:phone|call|ring) me\b|\b(?:phone|call|ring) me (?:instead|back|later)\b|\bappointment with (?:someone|somebody|a person|a human|an? (?:advis[eo]r|agent|mediator))\b|\b(?:see|meet) (?:someone|somebody|a person) (?:face to face|in person|for real)\b|\b(?:real|human) voice\b|(?<!\b(?:am|m|are|re|is|s|be) )\bnot (?:a|an) (?:screen|machine|bot|robot)\b/,
];

/** Does the message ask for a person indirectly? */
export function asksPersonIndirectly(t: string): boolean {
  return PERSON_INDIRECT.some((re) => re.test(t)) || (!CLOSE_ONE.test(t) && DOING_IT_FOR_ME.some((re) => re.test(t)));
}
