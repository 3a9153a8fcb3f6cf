/**
 * The words of scams (the `scam`, `scam-paid` and `pay-doubt` signals of src/nlu/signals.ts), over `plainText()`:
 * what was received, the secret or the money asked, the pressure, the stories, money already gone.
 */
import { GAVE_TO_CALLER } from './callerScam';

const any = (...parts: string[]) => new RegExp(`\\b(?:${parts.join('|')})\\b`);

export const RECEIVED = "(?:quelqu un (?:de|du|d|des|chez)|une? (?:personne|agent|employee?) (?:de|du|d|des)|sms|message|mail|courriel|lien|appel|on m appelle|par telephone|(?:est|sont) venue?s? (?:chez moi|a la maison|a mon domicile|sonner)|porte a porte|demarchage|m appelle|m (?:a|ont) (?:appel\\w*|telephon\\w*|contact\\w*)|au telephone|un type|un gars|un homme|une femme|m a appele|m ont appele|m a telephone|m ont telephone|me telephone|coup de fil|appele|texto|whatsapp|messenger|facebook|m ecrit|m a ecrit|sonne chez moi|a ma porte|site|pub|publicite|lettre|courrier|notification|fenetre|pop up|popup|on m a (?:appele|ecrit|envoye|demande|laisse|propose)|je recois|j ai recu|recu|un monsieur|une dame|quelqu un m a)";
/** What no official service asks for by SMS, e-mail or phone. */
export const SECRET = "(?:(?:ma |mon |mes |le |la |les |votre |vos |un |une |des )?(?:carte (?:bancaire|bleue|de credit)|numero de (?:carte|cb)|code (?:secret|de confirmation|recu|sms|de validation|de la carte|a \\d+ chiffres)|codes?|cryptogramme|mot de passe|motdepasse|mdp|rib|iban|coordonnees bancaires|(?:infos?|informations|donnees|details) bancaires?|identifiants?|numero de (?:securite sociale|secu)|carte vitale|avis d impot|avis d imposition))";
/** Someone asking for it (not the citizen typing their own password on the real site). */
export const ASKED_SECRET = new RegExp(
  `(?<!\\bj ai )(?<!\\bje )(?<!\\bj avais )\\b(?:(?:lui|leur) (?:lire|dire|donner|epeler|recopier|envoyer|transmettre)|demande(?:nt|r|z)?|veu(?:t|lent)|voulai(?:t|ent)|voulu|reclame(?:nt)?|exige(?:nt)?|donner|communiquer|envoyer|transmettre|confirmer|renvoyer|verifier|mettre a jour|mettez a jour|mise a jour|actualise[rz]?|renseigne[rz]?|saisi(?:r|ssez)|remplir|remplissez|valide[rz]?)\\b.{0,25}\\b${SECRET}\\b|(?<!\\b(?:recu|recois|eu|obtenu|arrive|attends|attend)(?: (?:bien|pas|toujours|jamais))?(?: (?:le|la|les|un|une|mon|ma|mes|du|ce))? )\\b${SECRET}\\b.{0,25}\\b(?:par (?:sms|mail|message|telephone|texto)|au telephone|dans (?:le|un) (?:lien|sms|mail|message))\\b`,
);
/**
 * A code the citizen is waiting for ("il me demande un code mais g rien reçu", "le code arrive jamais"): the site
 * asks for the code it sends — "code not received", not a secret asked by someone (unless a caller is named).
 */
export const CODE_AWAITED = /\b(?:codes?|sms|texto|text)\b.{0,60}\b(?:(?:pas|rien|jamais|toujours pas|aucun|rien du tout) (?:recu|arrive)|(?:arrive|arrivent|vient|viennent) (?:pas|jamais|toujours pas|rien)|(?:did not|didn t|never|haven t|have not|not) (?:get|got|gotten|receive|received|arrive|arrived|come|came))\b|\b(?:(?:pas|rien|jamais|aucun) recu|j attends (?:le|un|mon)|(?:did not|didn t|never|haven t) (?:get|got|receive|received))\b.{0,30}\b(?:codes?|sms|texto|text)\b/;
/** A caller or a visitor, who makes a code asked a scam story even when it has not come yet. */
export const SOMEONE = /\b(?:appel\w*|telephon\w*|monsieur|dame|un type|un gars|un homme|une femme|quelqu un|conseiller|agent|called|phoned|someone|somebody|caller)\b/;
/** An actual request for money. */
export const MONEY = "(?:pay(?:er|e|ez)|regler|paiement|des sous|de l argent|du fric|du pognon|des thunes|\\d+ ?(?:e|eur|euros?|€)|euros?|€|frais|amende|virement)";
/** The pressure tricks of scam messages. */
export const PRESSURE = "(?:expire|expiree|expires|(?:va|vont) etre (?:supprimee?s?|fermee?s?|cloturee?s?|bloquee?s?|coupee?s?)|(?:sera|seront) (?:supprimee?s?|fermee?s?|cloturee?s?|coupee?s?)|(?:n est )?plus valides?|perimee?s?|(?:perdu|retire) (?:des |\\d+ )?points|regularise[rz]?|suspendue?s?|desactivee?s?|bloque sous|urgent|dernier rappel|vous avez gagne|colis|cpf|compte personnel de formation|amende|rembourse(?:ment)?|livraison|sinon|convocation|huissier|poursuites?|plainte contre vous|mise en demeure)";
/** What the message claims: "un sms … mon actualisation est bloquée" (not "mon compte est bloqué, je n'ai pas reçu le sms"). */
export const CLAIMS_BLOCKED = /\b(?:sms|mail|message|texto|courriel|dit|disant|indique|annonce|votre|vos|says?|saying|your)\b.{0,40}\b(?:est|sont|a ete|ont ete|sera|seront|is|are|has been|will be) (?:bloquee?s?|suspendue?s?|desactivee?s?|radiee?s?|annulee?s?|blocked|suspended|deactivated|cancelled)\b/;
/** What a phishing message wants done: update, confirm, unblock ("mettre à jour vos informations"). */
export const UPDATE_ASKED = /\b(?:mettre a jour|mettez a jour|mise a jour|verifie[rz]?|confirme[rz]?|regularise[rz]?|reactive[rz]?|debloque[rz]?|update|verify|confirm|reactivate|unlock)\b/;
/** A premium-rate number to call back (08 9x): the "missed call" and "convocation" scams. */
export const PREMIUM = /\b(?:08 ?9\d|089\d|0 ?899)/;
/** "On me demande 25 euros … c'est normal ?": a payment the citizen doubts, inside a procedure. */
export const PAY_DOUBT = /\b(?:on me fait payer|me fait payer|me font payer|font payer|fait payer|on me demande|ils me demandent|il me demande|le site me demande|me reclame|reclame|exige|veut que je paie|il faut payer|je dois payer|faut il payer|dois je payer|c est payant|ca coute|asks? me|asking (?:me )?for|wants? me to pay|have to pay|must i pay|charges?)\b.{0,40}\b(?:\d+ ?(?:e|eur|euros?|€)|payer|euros?|€|pay)\b|\b(?:\d+ ?(?:e|euros?|€))\b.{0,40}\b(?:normal|vrai|officiel|arnaque|legit|normal)\b|\b(?:fait|font) payer\b|\b(?:veut|veulent|demande|demandent|reclame|reclament|wants?|asks?)\b.{0,12}\b\d+ ?(?:e|eur|euros?|€)(?![a-z])/;
/** Money asked for by someone, said as a fact ("ils me demandent des sous pour la commander"): worth checking too. */
/** A formality done for a fee, offered ('on m'a proposé de faire ma demande contre 90 euros'): worth checking. */
export const OFFERED_FOR_MONEY = /\b(?:on m a|ils m ont|il m a|elle m a|on me|ils me|il me) propose\w*\b.{0,60}\b(?:contre|pour|a|moyennant) \d+ ?(?:e|eur|euros?|€)(?![a-z])/;
export const ASKED_MONEY = /\b(?:on me demande|on m a demande|ils m ont demande|il m a demande|elle m a demande|ils me demandent|il me demande|elle me demande|ils veulent|il veut|elle veut|on veut|they (?:want|ask(?: me)? for))\b.{0,20}\b(?:des sous|de l argent|du fric|du pognon|des thunes|money|\d+ ?(?:e|eur|euros?|€))(?![a-z])/;
/** A message or a call that tells the citizen to type a secret ("un mail … faut mettre ma carte"). */
export const SECRET_BY_MESSAGE = new RegExp(`\\b(?:sms|mail|courriel|message|texto|appel|lien|telephone|email|text|call|phone)\\b.{0,60}\\b(?:faut|de|d|pour|to) (?:mettre|rentrer|taper|entrer|indiquer|fournir|saisir|put|enter|type)\\b.{0,15}\\b(?:${SECRET}|(?:ma|mon|mes|votre|vos|my|your) (?:carte|coordonnees|numero|card|details))`);
/** A message that wants the bank card to unlock something ("un sms pour activer mon chèque énergie avec ma carte bleue"). */
export const SECRET_TO_UNLOCK = /\b(?:sms|mail|courriel|message|texto|appel|lien|email|text|call)\b.{0,40}\b(?:activer|debloquer|recevoir|valider|confirmer|recuperer|toucher|obtenir|encaisser|activate|unlock|receive|claim)\b.{0,40}\b(?:carte (?:bancaire|bleue|de credit)|rib|iban|coordonnees bancaires|bank card|card details|bank details)\b/;
export const SCAM_FR = [
  any('arnaque?s?', 'arnaquee?s?', 'arnaqueurs?', 'escroc(?:s|querie|quer|que)?', 'fraude', 'frauduleux', 'phishing', 'hameconnage', 'faux (?:site|sms|mail|message|conseiller|agent|numero)', 'fausse? (?:page|adresse|facture|lettre)', 'pirate?s?', 'pirater', 'usurpation', 'spam', 'louche', 'suspecte?', 'bizarre', 'c est (?:vrai|normal|serieux|officiel|fiable|une blague)', 'est ce (?:vrai|normal|officiel|fiable)', 'c est pas normal', 'cest normal'),
];
/** Scams by their story: tech support, easy money, gift-card codes, a child with a new number, sold appointments. */
export const SCAM_STORIES = [
  any('virus', 'ordinateur (?:est )?(?:bloque|infecte|pirate)', 'appele[rz]? (?:le )?(?:support|microsoft|apple|windows)', 'support technique', 'depannage informatique a distance', 'prendre la main sur (?:mon|votre) ordinateur',
    'transcash', 'pcs mastercard', 'coupons? pcs', 'recharges? pcs', 'tickets? pcs', 'neosurf', 'paysafecard', 'coupons? (?:de )?recharge', 'cartes? cadeaux?', 'google play', 'itunes', 'code[s]? de recharge',
    'liker des videos', 'like[rz]? des videos', 'gagne[rz]? de l argent (?:facile|en ligne|depuis chez vous)', 'travail a domicile', 'argent facile', 'investir dans (?:le|les) (?:crypto|bitcoin)',
    'isolation a (?:1|un) euros?', 'pompe a chaleur a (?:1|un) euros?', 'panneaux? solaires? gratuits?', 'prime exceptionnelle', 'aide exceptionnelle',
    '(?:on me|ils me) vend(?:ent)? un rendez vous', 'rendez vous payant', 'vend(?:re|ent|u)? des rendez vous',
    'c est (?:moi )?(?:ton|votre) (?:fils|fille|petit fils|petite fille)',
    '(?:messenger|whatsapp|facebook|sms|texto|message) .{0,50}\\bbesoin (?:de|d) (?:\\d+ ?(?:e|euros?|€)|argent|sous)', 'j ai change de numero (?:maman|papa|mamie|papi)', '(?:demande|demandent|veut|veulent) (?:de lui|qu on lui|que je lui) (?:envoyer|virer|transferer|faire un virement|preter)', '(?:maman|papa|mamie|papi) (?:j ai|c est moi)', 'nouveau numero (?:maman|papa)'),
  any('(?:un gars|un type|un homme|un monsieur|une dame|quelqu un|une personne|on) (?:me )?propose(?:nt)? de (?:me )?(?:trouver|avoir|donner|obtenir|vendre) (?:un |une |le |la )?(?:rendez vous|rdv|date|creneau|place)',
    '(?:payer|paie|paye|regler) (?:\\d+ ?(?:e|euros?) )?(?:sur|par|avec|via) (?:le|ce) lien', 'cliquer sur le lien pour payer'),
  // "mon fils m'écrit d'un nouveau numéro … il veut que je lui vire 500 euros": a relative's new number asking money.
  /\b(?:nouveau|autre|nouvel) (?:numero|telephone|portable|tel)\b.{0,80}\b(?:vire[rz]?|virement|virer|envoyer (?:de l argent|des sous)|argent|sous|\d+ ?(?:e|eur|euros?|€))(?![a-z])|\bque je (?:lui|leur) (?:vire|envoie|transfere|paye|paie|prete|fasse un virement)\b/,
  // A QR code to scan to pay a fine (on a windscreen, in a letter): public fines are not paid that way; nor is a
  // parking meter's QR code that asks for the card (stickers glued over the real one).
  /\bqr ?codes?\b.{0,50}\b(?:payer|paye[rz]?|regler|amende|pv|pay|fine)\b|\b(?:payer|regler|amende|pv|pay|fine)\b.{0,50}\bqr ?codes?\b/,
  /\bqr ?codes?\b.{0,60}\b(?:ma carte|la carte|ma cb|carte bancaire|carte bleue|coordonnees bancaires|card|bank details)\b/,
  // A message about a transfer or a payment the citizen did not make ("un sms de ma banque pour valider un virement
  // que j'ai pas fait"): never approve it from the message; call the bank on its own number.
  /\b(?:sms|message|mail|courriel|texto|appel|appele|telephone|text|email|call)\b.{0,80}\b(?:virement|paiement|achat|transaction|operation|prelevement|transfer|payment|purchase)s? (?:que j ai|que je n ai|j ai|i) (?:pas|jamais|never|didn t|did not) (?:fait|demande|commande|faits|make|made|order|ordered)\b/,
  /\b(?:pay(?: \d+ euros?)? (?:on|via|through|with|using) the link|click (?:on )?the link to pay|sells? (?:me )?(?:an )?appointment)\b/,
  /\b(?:tech support|call microsoft|your computer (?:is|has been) (?:infected|blocked|hacked)|gift cards?|itunes|google play cards?|grandson|granddaughter|new number|hi mum|hi mom|hi dad|easy money|like videos|crypto)\b/,
];
export const SCAM_EN = [/\b(?:scam|scams|scammed|scammer|fraud|fraudulent|phishing|fake (?:site|website|text|sms|email|message|call)|suspicious|dodgy|is (?:this|it) (?:real|legit|genuine|normal|official|safe)|legit)\b/];
export const PAID_FR = [
  GAVE_TO_CALLER,
  /\bj (?:ai|avais) (?:deja )?(?:paye|payer|regle|verse)\b.{0,40}\b(?:euros?|€|\d+ ?e\b|\d+|site|lien|sms|carte)/,
  /\bj (?:ai|avais) (?:deja )?(?:donne|envoye|communique|tape|rentre|saisi|mis|entre|sorti|utilise|sort)\b.{0,15}\b(?:mon |ma |mes |le |les )?(?:numero de (?:ma )?carte|carte bancaire|carte bleue|cb|code (?:secret|de (?:la |ma )?carte|recu|confidentiel|bancaire|pin|de securite)|codes? (?:de )?(?:ma )?(?:carte|cb|banque)|coordonnees bancaires|rib|iban|cryptogramme)\b/,
  /\b(?:on m a|ils m ont|m a (?:deja )?|m ont (?:deja )?)(?:pris|preleve|debite|vole|facture)\b.{0,30}\b(?:euros?|€|\d+ ?(?:e|euros?|€)|argent|sur mon compte)/,
  /\bj ai (?:deja )?(?:paye|regle)\b/,
  // "j'ai cliqué sur le lien et donné mes coordonnées": the secret given after something else
  /\bj (?:ai|avais)\b.{0,40}\bet (?:j ai )?(?:deja )?(?:donne|envoye|communique|tape|rentre|saisi|mis|entre)\b.{0,15}\b(?:mon |ma |mes |le |les )?(?:numero de carte|carte bancaire|carte bleue|cb|codes?|coordonnees bancaires|rib|iban|cryptogramme|mot de passe|identifiants?)\b/,
];
export const PAID_EN = [
  /\bi (?:already |have |just )?(?:paid|gave|entered|typed|sent)\b.{0,40}\b(?:euros?|€|\d+|card|number|code|password|bank|site|details)/,
  /\b(?:charged|billed|took|made) me\b.{0,30}\b(?:\d+|euros?|€|pay)/,
]
/** A parcel to release for a small fee ("1,99 pour livrer un colis", "frais de douane"): the parcel scam. */
export const PARCEL = /\b(?:colis|douane|parcel|customs fee)\b/;
/**
 * Someone who offers to do the citizen's formalities for money ("un monsieur veut m'aider pour mes papiers contre 50
 * euros", "quelqu'un sur facebook propose de faire ma carte grise pour 30 euros", "a guy offers to do it for 40
 * euros"): help with formalities is free in the places that give it; codes and papers are never handed over.
 */
const HELPER = '(?:quelqu un|un monsieur|une dame|un gars|un type|un mec|une personne|un homme|une femme|un jeune|une agence|une (?:societe|entreprise)|sur (?:facebook|fb|internet|le bon coin|leboncoin|whatsapp|tiktok|instagram|snap\\w*)|someone|somebody|a (?:guy|man|woman|lady|person|company))';
const OFFERS = '(?:veut|veulent|voudrait|voudraient|propose\\w*|peut|peuvent|pourrait|offre|offrent|va|vont|me dit qu il peut|(?:offer|want|propos)\\w*|will|can|could)';
const DOES = '(?:de |d |to )?(?:m aider|nous aider|me faire|faire|remplir|s occuper|le faire|la faire|les faire|regler|m accompagner|help|do|fill|sort|handle)';
const FOR_MONEY = '(?:(?:contre|pour|a|moyennant|for) (?:\\d+ ?(?:e|eur|euros?|€|pounds?)(?![a-z])|de l argent|des sous|du fric|money|a fee|cash)|si je (?:le |la |les )?paye?|en echange d argent|if i pay)';
export const PAID_HELPER = new RegExp(
  `\\b${HELPER}\\b.{0,40}\\b${OFFERS} ${DOES}\\b.{0,60}${FOR_MONEY}|\\b(?:on|il|elle|ils|he|she|they) (?:m a |me |m |m ont )?(?:propose\\w*|offre\\w*|offer\\w*) ${DOES}\\b.{0,60}${FOR_MONEY}|\\b(?:il|elle|ils|elles|le monsieur|la dame|la personne|le gars|le type|he|she|they) (?:me |m )?(?:demande|demandent|veut|veulent|prend|prennent|wants|asks|charges)\\b.{0,15}\\d+ ?(?:e|eur|euros?|€)(?![a-z]) (?:pour|to|for) ${DOES}\\b`,
);
