/**
 * What a message says about the citizen, whatever question is on screen: they want a person, they
 * think a message is a scam (or already paid one), they are lost or fed up, bereaved, thanking us,
 * leaving, asking "what is X", telling us they read with difficulty, have no computer or see badly,
 * or do not know the answer. The bot's understanding step (src/bot/) weighs these against the prompt
 * of the moment; this module only reads the text.
 *
 * Rules, not a model: each signal is a handful of patterns over folded text in which SMS spellings
 * are expanded ("jsp", "chui", "qqn", "c koi"), written from what our users write (test/nlu/,
 * test/eval/conversation/). `strength` is "strong" when the message is about that and little else
 * ("je veux parler à quelqu'un"), "weak" when it is one part of a longer message.
 */
import { whatisAnywhere } from './whatisAnywhere';
import { asksPersonIndirectly } from './personAsks';
import { CALLED_FOR_SECRET, GAVE_TO_CALLER, PERSON_WANTS_CARD } from './callerScam';
import { correctionIn } from './correction';
import { tellsBereavement } from './bereavement';
import { FEELING_PATTERNS, feelingOf } from './feelings';
import { PHONETIC, phoneticPhrases } from './phonetic';
import { needsIn } from './needs';
import { contextSignals, type ContextKind } from './contextSignals';
import { fold } from '../text/fold';
import type { Locale } from '../i18n/locale';

export type SignalKind =
  | 'person'
  | 'scam'
  | 'scam-paid'
  | 'pay-doubt'
  | 'distress'
  | 'bereavement'
  | 'thanks'
  | 'bye'
  | 'whatis'
  | 'cannot-read' | 'no-computer' | 'sight' | 'hearing'
  | 'dont-know'
  | 'help-me'
  | 'places'
  | 'erase'
  | 'price'
  | 'sorry'
  | 'what-next'
  | 'correction' | ContextKind;

export interface Signal {
  kind: SignalKind;
  strength: 'strong' | 'weak';
  /** whatis: what the citizen asks about ("france connect"); correction: what they now ask for. */
  subject?: string;
}

/** SMS spellings and glued elisions, token by token (on folded text, apostrophes already spaces). */
const SMS: Record<string, string> = {
  jsp: 'je sais pas', jsais: 'je sais', chai: 'je sais', chais: 'je sais', jsai: 'je sais', sais: 'sais',
  chui: 'je suis', chuis: 'je suis', jsuis: 'je suis', jsui: 'je suis', jveu: 'je veux', jveux: 'je veux', jvx: 'je veux',
  jvoudrai: 'je voudrais', jvoudrais: 'je voudrais', jpeu: 'je peux', jpeux: 'je peux', jarrive: 'j arrive',
  jariv: 'j arrive', jarive: 'j arrive', jai: 'j ai', g: 'j ai', jy: 'j y', jen: 'j en', jcomprend: 'je comprends',
  jcomprends: 'je comprends', jcomprens: 'je comprends', comprend: 'comprends', cest: 'c est', ces: 'c est',
  koi: 'quoi', kwa: 'quoi', qoi: 'quoi', quoa: 'quoi', kesako: 'c est quoi', kezako: 'c est quoi', quesaco: 'c est quoi', qqn: 'quelqu un', qq1: 'quelqu un', kelkun: 'quelqu un', quelquun: 'quelqu un',
  quelqun: 'quelqu un', qlq: 'quelqu', pa: 'pas', pr: 'pour', ds: 'dans', bcp: 'beaucoup', stp: 'svp', slp: 'svp',
  mrc: 'merci', mci: 'merci', msi: 'merci', mersi: 'merci', pb: 'probleme', pblm: 'probleme', tt: 'tout',
  nimporte: 'n importe', jme: 'je me', jne: 'je ne', jlai: 'je l ai', mavez: 'm avez', mon: 'mon', nai: 'n ai',
  ya: 'il y a', yaura: 'il y aura', oqp: 'occupe', dacc: 'd accord', dac: 'd accord', ordi: 'ordinateur',
  pc: 'ordinateur', maider: 'm aider', mappeler: 'm appeler', mrappeler: 'me rappeler', mexpliquer: 'm expliquer', mappelle: 'm appelle', maidez: 'm aidez', tel: 'telephone', portable: 'telephone', mail: 'mail', cb: 'carte bancaire', sms: 'sms',
  texto: 'sms', u: 'you', pls: 'please', plz: 'please', thx: 'thanks', ty: 'thank you', idk: 'i do not know',
  dunno: 'do not know', whats: 'what is', wats: 'what is', wots: 'what is', im: 'i am', cant: 'can not', dont: 'do not', didnt: 'did not', wanna: 'want to',
};

/** Folded words with SMS spellings expanded, one space between words. */
export function plainText(text: string): string {
  const folded = fold(text)
    .replace(/['’`]/g, ' ')
    .replace(/[-_/]/g, ' ')
    .replace(/[^a-z0-9€ ]+/g, ' ');
  const words = folded
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (Object.prototype.hasOwnProperty.call(SMS, w) ? SMS[w] : Object.prototype.hasOwnProperty.call(PHONETIC, w) ? PHONETIC[w] : w))
    .join(' ');
  return phoneticPhrases(words);
}

const any = (...parts: string[]) => new RegExp(`\\b(?:${parts.join('|')})\\b`);

/** "conseiller" as people type it: conseillère, conselier, conseiler, consellier, conceiller (not "conseil", advice). */
const ADVISER = 'con[cs]{1,2}e?i?(?:ll?|y)i?(?:er|ere|e)s?';

// ---- a person -------------------------------------------------------------------------------------
const PERSON_WHO = `(?:quelqu ?un(?: de vrai)?|une? (?:vraie? |autre )?(?:personne|humain|etre humain|${ADVISER}|mediat[a-z]*|agent|operat[a-z]*|interlocut[a-z]*|technicien(?:ne)?|standardiste|assistante? sociale?|travailleu(?:r|se) social(?:e)?|employee?|collegue(?: humain)?)|vraie? personne|personne reelle|(?:des|les|un|une|vos|aux) (?:${ADVISER}|mediat[a-z]*|humains?|agents?)|humains?|etre humain|${ADVISER}|mediat[a-z]*)`;
const PERSON_FR = [
  new RegExp(`\\b(?:parler|discuter|echanger|causer|ecrire|avoir|voir|contacter|joindre|appeler|passe[rz]?(?: moi)?|mette?z? moi en (?:relation|contact) avec|besoin d|envie d|veux|voudrais|voudrai|prefere|preferer|aimerais|demande|plutot|transmettre|transmettez|transferer|transferez|renvoyer vers|orienter vers)\\b.{0,30}\\b${PERSON_WHO}`),
  new RegExp(`^(?:un |une |le |la |des )?(?:vraie? )?(?:personne|humain|${ADVISER}|mediat[a-z]*|agent|operat[a-z]*)(?: (?:svp|s il vous plait|please|merci|vite|maintenant|numerique))*$`),
  any('vraie? personne', 'personne reelle', 'etre humain', 'un humain', 'une? (?:vraie? )?personne (?:pour|qui) m', 'de vive voix'),
  any('(?<!\\b(?:suis|es|est|etes|sommes) )(?:pas|plus|marre) (?:a |d |de |parler (?:a |avec )?)?(?:un |une |la |le |des )?(?:robots?|machines?|ordinateurs? qui repond)', 'vous etes (?:un |une )?(?:robot|machine)', 'c est un robot'),
  any('quelqu un (?:peut|pourrait|pour) m (?:aider|appeler|rappeler|expliquer)', 'qu on m (?:appelle|rappelle|aide en vrai)', 'rappele[rz]? moi', '(?:appele[rz]?|appelle|telephone[rz]?) moi', 'me rappeler', 'm appeler', 'un appel', 'par telephone avec'),
  any('passe[rz]? moi (?:quelqu un|un|une|le|la)', 'le service clients?', 'service clients? (?:svp|s il vous plait|please)', '^service clients?$', 'une hotline', 'en direct avec (?:quelqu un|une personne|un humain)'),
  any('en relation avec', `(?:un |une |le |la )?(?:${ADVISER}|mediat[a-z]*|personne|humain|agent) (?:par|au) telephone`, 'un collegue humain', 'un etre vivant', 'en chair et en os'),
  any('au bout du fil', 'quelqu un (?:de|chez) (?:chez )?vous', 'une? personne de chez vous', 'un de vos collegues', 'vos collegues', 'quelqu un de votre equipe',
    'y a t il quelqu un', 'il y a quelqu un', 'y a quelqu un', 'quelqu un est la', 'qu on m explique', 'de vive voix', 'en vrai pas par message'),
  new RegExp(`\\b${PERSON_WHO} (?:qui )?(?:peut|pourrait|puisse|va|saurait) (?:le faire|regarder|voir|m aider|m appeler|me rappeler|nous appeler|m expliquer)`),
  new RegExp(`\\bqu (?:un|une) (?:vraie? )?(?:${ADVISER}|mediat[a-z]*|agent|personne|monsieur|dame) (?:m|nous) (?:appelle|rappelle|aide|explique)`),
  any('(?:la|une|votre|vos) secretaires?', 'un vrai monsieur', 'une vraie dame', 'un vrai gens', 'de vrais gens'),
  any('qu on me (?:telephone|rappelle|appelle)', 'me telephoner', 'un monsieur ou une dame', '(?:un monsieur|une dame) (?:au telephone|pour m aider|qui m aide)(?! (?:m a|ma|m ont|me dit|m appelle|m a appele|qui m|il m|elle m|a appele|demande|voulait|veut))'),
];
const PERSON_EN = [
  /\b(?:talk|speak|chat|get|want|need|give me|connect me|put me through|transfer me|let me talk|prefer)\b.{0,30}\b(?:someone|somebody|a person|a real person|real person|a human|human being|humans?|an? (?:adviser|advisor|agent|operator|mediator|representative|staff)|adviser|advisor|mediator|operator|agent|representative)\b/,
  /^(?:a )?(?:human|person|real person|adviser|advisor|agent|operator|representative|someone)(?: please| pls| now)*$/,
  /\b(?:real person|human being|not a (?:bot|robot|machine)|are you a (?:bot|robot)|call me back|can someone call me|phone call)\b/,
  /\b(?:can|could|would) (?:somebody|someone|anybody|anyone|a person|an? (?:advisor|adviser|agent)) (?:please )?(?:phone|call|ring|help) me\b|\b(?:phone|ring) me (?:back|please|tomorrow)\b/,
  /\b(?:one of your (?:staff|team|colleagues|advisers|advisors)|your staff|someone (?:from|on) your team|is anybody there|is anyone there|explain it to me on the phone)\b/,
  /\b(?:live|real|human|actual) (?:adviser|advisor|agent|operator|person|support|help|chat|assistant|mediator)\b/,
  /\b(?:customer (?:service|support|care)|help ?desk|support team|call centre|call center|hotline)\b/,
  /\b(?:is there|are there|can i (?:have|get|talk to|speak to|chat with)) (?:a|an|any|someone|somebody|anyone|anybody)\b.{0,20}\b(?:adviser|advisor|agent|person|human|mediator|operator)\b/,
  /\b(?:is there|are there|isn t there) (?:someone|somebody|anyone|anybody)\b.{0,12}\b(?:speak|talk|chat) (?:to|with)\b/,
];

// ---- scams ----------------------------------------------------------------------------------------
const RECEIVED = "(?:sms|message|mail|courriel|lien|appel|on m appelle|par telephone|(?:est|sont) venue?s? (?:chez moi|a la maison|a mon domicile|sonner)|porte a porte|demarchage|m appelle|m (?:a|ont) (?:appel\\w*|telephon\\w*|contact\\w*)|au telephone|un type|un gars|un homme|une femme|m a appele|m ont appele|m a telephone|m ont telephone|me telephone|coup de fil|appele|texto|whatsapp|messenger|facebook|m ecrit|m a ecrit|sonne chez moi|a ma porte|site|pub|publicite|lettre|courrier|notification|fenetre|pop up|popup|on m a (?:appele|ecrit|envoye|demande|laisse|propose)|je recois|j ai recu|recu|un monsieur|une dame|quelqu un m a)";
/** What no official service asks for by SMS, e-mail or phone. */
const SECRET = "(?:(?:ma |mon |mes |le |la |les |votre |vos |un |une |des )?(?:carte (?:bancaire|bleue|de credit)|numero de (?:carte|cb)|code (?:secret|de confirmation|recu|sms|de validation|de la carte|a \\d+ chiffres)|codes?|cryptogramme|mot de passe|motdepasse|mdp|rib|iban|coordonnees bancaires|identifiants?|numero de (?:securite sociale|secu)|carte vitale|avis d impot|avis d imposition))";
/** Someone asking for it (not the citizen typing their own password on the real site). */
const ASKED_SECRET = new RegExp(
  `(?<!\\bj ai )(?<!\\bje )(?<!\\bj avais )\\b(?:demande(?:nt|r|z)?|veu(?:t|lent)|voulai(?:t|ent)|voulu|reclame(?:nt)?|exige(?:nt)?|donner|communiquer|envoyer|transmettre|confirmer|renvoyer|verifier|mettre a jour|mettez a jour|mise a jour|actualise[rz]?|renseigne[rz]?|saisi(?:r|ssez)|remplir|remplissez|valide[rz]?)\\b.{0,25}\\b${SECRET}\\b|\\b${SECRET}\\b.{0,25}\\b(?:par (?:sms|mail|message|telephone|texto)|au telephone|dans (?:le|un) (?:lien|sms|mail|message))\\b`,
);
/** An actual request for money. */
const MONEY = "(?:pay(?:er|e|ez)|regler|paiement|des sous|de l argent|du fric|du pognon|des thunes|\\d+ ?(?:e|eur|euros?|€)|euros?|€|frais|amende|virement)";
/** The pressure tricks of scam messages. */
const PRESSURE = "(?:expire|expiree|expires|suspendue?s?|desactivee?s?|bloque sous|urgent|dernier rappel|vous avez gagne|colis|cpf|compte personnel de formation|amende|rembourse(?:ment)?|livraison|sinon|convocation|huissier|poursuites?|plainte contre vous|mise en demeure)";
/** What the message claims: "un sms … mon actualisation est bloquée" (not "mon compte est bloqué, je n'ai pas reçu le sms"). */
const CLAIMS_BLOCKED = /\b(?:sms|mail|message|texto|courriel|dit|disant|indique|annonce|votre|vos|says?|saying|your)\b.{0,40}\b(?:est|sont|a ete|ont ete|sera|seront|is|are|has been|will be) (?:bloquee?s?|suspendue?s?|desactivee?s?|radiee?s?|annulee?s?|blocked|suspended|deactivated|cancelled)\b/;
/** What a phishing message wants done: update, confirm, unblock ("mettre à jour vos informations"). */
const UPDATE_ASKED = /\b(?:mettre a jour|mettez a jour|mise a jour|verifie[rz]|confirme[rz]|regularise[rz]|reactive[rz]|debloque[rz]|update|verify|confirm|reactivate|unlock)\b/;
/** A premium-rate number to call back (08 9x): the "missed call" and "convocation" scams. */
const PREMIUM = /\b(?:08 ?9\d|089\d|0 ?899)/;
/** "On me demande 25 euros … c'est normal ?": a payment the citizen doubts, inside a procedure. */
const PAY_DOUBT = /\b(?:on me fait payer|me fait payer|me font payer|font payer|fait payer|on me demande|ils me demandent|il me demande|le site me demande|me reclame|reclame|exige|veut que je paie|il faut payer|je dois payer|faut il payer|dois je payer|c est payant|ca coute|asks? me|asking (?:me )?for|wants? me to pay|have to pay|must i pay|charges?)\b.{0,40}\b(?:\d+ ?(?:e|eur|euros?|€)|payer|euros?|€|pay)\b|\b(?:\d+ ?(?:e|euros?|€))\b.{0,40}\b(?:normal|vrai|officiel|arnaque|legit|normal)\b|\b(?:fait|font) payer\b|\b(?:veut|veulent|demande|demandent|reclame|reclament|wants?|asks?)\b.{0,12}\b\d+ ?(?:e|eur|euros?|€)(?![a-z])/;
/** Money asked for by someone, said as a fact ("ils me demandent des sous pour la commander"): worth checking too. */
/** A formality done for a fee, offered ('on m'a proposé de faire ma demande contre 90 euros'): worth checking. */
const OFFERED_FOR_MONEY = /\b(?:on m a|ils m ont|il m a|elle m a|on me|ils me|il me) propose\w*\b.{0,60}\b(?:contre|pour|a|moyennant) \d+ ?(?:e|eur|euros?|€)(?![a-z])/;
const ASKED_MONEY = /\b(?:on me demande|on m a demande|ils m ont demande|il m a demande|elle m a demande|ils me demandent|il me demande|elle me demande|ils veulent|il veut|elle veut|on veut|they (?:want|ask(?: me)? for))\b.{0,20}\b(?:des sous|de l argent|du fric|du pognon|des thunes|money|\d+ ?(?:e|eur|euros?|€))(?![a-z])/;
/** A message or a call that tells the citizen to type a secret ("un mail … faut mettre ma carte"). */
const SECRET_BY_MESSAGE = new RegExp(`\\b(?:sms|mail|courriel|message|texto|appel|lien|telephone|email|text|call|phone)\\b.{0,60}\\b(?:faut|de|d|pour|to) (?:mettre|rentrer|taper|entrer|indiquer|fournir|saisir|put|enter|type)\\b.{0,15}\\b(?:${SECRET}|(?:ma|mon|mes|votre|vos|my|your) (?:carte|coordonnees|numero|card|details))`);
/** A message that wants the bank card to unlock something ("un sms pour activer mon chèque énergie avec ma carte bleue"). */
const SECRET_TO_UNLOCK = /\b(?:sms|mail|courriel|message|texto|appel|lien|email|text|call)\b.{0,40}\b(?:activer|debloquer|recevoir|valider|confirmer|recuperer|toucher|obtenir|encaisser|activate|unlock|receive|claim)\b.{0,40}\b(?:carte (?:bancaire|bleue|de credit)|rib|iban|coordonnees bancaires|bank card|card details|bank details)\b/;
const SCAM_FR = [
  any('arnaque?s?', 'arnaquee?s?', 'arnaqueurs?', 'escroc(?:s|querie|quer|que)?', 'fraude', 'frauduleux', 'phishing', 'hameconnage', 'faux (?:site|sms|mail|message|conseiller|agent|numero)', 'fausse? (?:page|adresse|facture|lettre)', 'pirate?s?', 'pirater', 'usurpation', 'spam', 'louche', 'suspecte?', 'bizarre', 'c est (?:vrai|normal|serieux|officiel|fiable|une blague)', 'est ce (?:vrai|normal|officiel|fiable)', 'c est pas normal', 'cest normal'),
];
/** Scams by their story: tech support, easy money, gift-card codes, a child with a new number, sold appointments. */
const SCAM_STORIES = [
  any('virus', 'ordinateur (?:est )?(?:bloque|infecte|pirate)', 'appele[rz]? (?:le )?(?:support|microsoft|apple|windows)', 'support technique', 'depannage informatique a distance', 'prendre la main sur (?:mon|votre) ordinateur',
    'transcash', 'pcs mastercard', 'coupons? pcs', 'recharges? pcs', 'tickets? pcs', 'neosurf', 'paysafecard', 'coupons? (?:de )?recharge', 'cartes? cadeaux?', 'google play', 'itunes', 'code[s]? de recharge',
    'liker des videos', 'like[rz]? des videos', 'gagne[rz]? de l argent (?:facile|en ligne|depuis chez vous)', 'travail a domicile', 'argent facile', 'investir dans (?:le|les) (?:crypto|bitcoin)',
    'isolation a (?:1|un) euros?', 'pompe a chaleur a (?:1|un) euros?', 'panneaux? solaires? gratuits?', 'prime exceptionnelle', 'aide exceptionnelle',
    '(?:on me|ils me) vend(?:ent)? un rendez vous', 'rendez vous payant', 'vend(?:re|ent|u)? des rendez vous',
    'c est (?:moi )?(?:ton|votre) (?:fils|fille|petit fils|petite fille)',
    '(?:messenger|whatsapp|facebook|sms|texto|message) .{0,50}\\bbesoin (?:de|d) (?:\\d+ ?(?:e|euros?|€)|argent|sous)', 'j ai change de numero (?:maman|papa|mamie|papi)', '(?:demande|demandent|veut|veulent) (?:de lui|qu on lui|que je lui) (?:envoyer|virer|transferer|faire un virement|preter)', '(?:maman|papa|mamie|papi) (?:j ai|c est moi)', 'nouveau numero (?:maman|papa)'),
  any('(?:un gars|un type|un homme|un monsieur|une dame|quelqu un|une personne|on) (?:me )?propose(?:nt)? de (?:me )?(?:trouver|avoir|donner|obtenir|vendre) (?:un |une |le |la )?(?:rendez vous|rdv|date|creneau|place)',
    '(?:payer|paie|paye|regler) (?:\\d+ ?(?:e|euros?) )?(?:sur|par|avec|via) (?:le|ce) lien', 'cliquer sur le lien pour payer'),
  /\b(?:pay(?: \d+ euros?)? (?:on|via|through|with|using) the link|click (?:on )?the link to pay|sells? (?:me )?(?:an )?appointment)\b/,
  /\b(?:tech support|call microsoft|your computer (?:is|has been) (?:infected|blocked|hacked)|gift cards?|itunes|google play cards?|grandson|granddaughter|new number|hi mum|hi mom|hi dad|easy money|like videos|crypto)\b/,
];
const SCAM_EN = [/\b(?:scam|scams|scammed|scammer|fraud|fraudulent|phishing|fake (?:site|website|text|sms|email|message|call)|suspicious|dodgy|is (?:this|it) (?:real|legit|genuine|normal|official|safe)|legit)\b/];
const PAID_FR = [
  GAVE_TO_CALLER,
  /\bj (?:ai|avais) (?:deja )?(?:paye|payer|regle|verse)\b.{0,40}\b(?:euros?|€|\d+ ?e\b|\d+|site|lien|sms|carte)/,
  /\bj (?:ai|avais) (?:deja )?(?:donne|envoye|communique|tape|rentre|saisi|mis|entre|sorti|utilise|sort)\b.{0,15}\b(?:mon |ma |mes |le |les )?(?:numero de (?:ma )?carte|carte bancaire|carte bleue|cb|code (?:secret|de (?:la |ma )?carte|recu|confidentiel|bancaire|pin|de securite)|codes? (?:de )?(?:ma )?(?:carte|cb|banque)|coordonnees bancaires|rib|iban|cryptogramme)\b/,
  /\b(?:on m a|ils m ont|m a (?:deja )?|m ont (?:deja )?)(?:pris|preleve|debite|vole|facture)\b.{0,30}\b(?:euros?|€|\d+ ?(?:e|euros?|€)|argent|sur mon compte)/,
  /\bj ai (?:deja )?(?:paye|regle)\b/,
  // "j'ai cliqué sur le lien et donné mes coordonnées": the secret given after something else
  /\bj (?:ai|avais)\b.{0,40}\bet (?:j ai )?(?:deja )?(?:donne|envoye|communique|tape|rentre|saisi|mis|entre)\b.{0,15}\b(?:mon |ma |mes |le |les )?(?:numero de carte|carte bancaire|carte bleue|cb|codes?|coordonnees bancaires|rib|iban|cryptogramme|mot de passe|identifiants?)\b/,
];
const PAID_EN = [
  /\bi (?:already |have |just )?(?:paid|gave|entered|typed|sent)\b.{0,40}\b(?:euros?|€|\d+|card|number|code|password|bank|site|details)/,
  /\b(?:charged|billed|took|made) me\b.{0,30}\b(?:\d+|euros?|€|pay)/,
]

// ---- feelings and needs ---------------------------------------------------------------------------
const DISTRESS_FR = [
  any('trop complique', 'c est complique', 'tres complique', 'compliquee?', 'j y comprends? rien', 'je (?:ne )?comprends? (?:rien|plus rien|pas)', 'comprends? rien',
    'j en ai marre', 'marre', 'decourage?e?s?', 'decouragement', 'demoralisee?', 'j abandonne', 'je laisse tomber', 'j y arriverai jamais', 'ras le bol', 'en colere', 'furieu(?:x|se)', 'degoutee?', 'revoltee?', 'ca m enerve', 'enerve?e?', 'ca me saoule', 'saoule', 'galere', 'je galere', 'j en peux plus', 'je n en peux plus',
    'n importe quoi', 'nul', 'ca marche jamais', 'rien ne marche', 'trop dur', 'trop difficile', 'je suis (?:perdue?|paumee?|larguee?|depassee?|perdu)', '^(?:perdue?|paumee?)$', 'je suis nulle?', 'stress(?:e|ee|ant)?', 'angoiss(?:e|ee|ant)', 'j ai peur', 'peur', 'inquiete?', 'panique', 'desesperee?', 'je pleure', 'au secours',
    'je sais plus quoi faire', 'je ne sais plus quoi faire', 'je m en sors pas', 'je m en sors plus', 'je n y arrive (?:pas|plus|jamais)', 'j y arrive (?:pas|plus|jamais)', 'j arrive (?:pas|plus|jamais|a rien)',
    'je suis (?:fatiguee?|epuisee?|a bout)', 'ca me depasse', 'me depasse (?:completement|totalement|un peu)', 'c est au dessus de mes forces', 'c est (?:l enfer|horrible|la galere)', 'aidez moi svp',
    'j ai (?:tres |trop )?honte', 'honte', 'je suis (?:trop )?(?:nulle?|bete|idiote?|stupide)', 'je me sens (?:nulle?|bete|idiote?|stupide|perdue?|seule?)', 'ca me fait peur', 'me fait (?:tres )?peur',
    'desesperee?', 'je suis a la rue', 'a la rue', 'j en peux plus', 'ras le bol', 'ca me stresse', 'trop de stress', 'je suis (?:tres )?(?:inquiete?|angoissee?)'),
];
const DISTRESS_EN = [/\b(?:too (?:complicated|hard|difficult)|so (?:complicated|confusing)|confus(?:ed|ing)|i am lost|i m lost|fed up|frustrat(?:ed|ing)|annoy(?:ed|ing)|angry|scared|afraid|worried|stress(?:ed)?|panic|desperate|i give up|nothing works|does not work|do not understand|can not do (?:it|this)|help me please|ashamed|embarrassed|stupid|so stupid|feel (?:so )?(?:stupid|useless|lost|alone))\b/];
export type { Feeling } from './feelings';

const BEREAVEMENT_FR = [any('decedee?s?', 'deces', 'decede', '(?<!la )(?<!(?:puce|carte|batterie|telephone|portable|ordinateur|imprimante|ecran|box|site|lien|appli|application|cle|voiture) (?:est |etait |a l air |semble )?)mort(?:e)?(?! (?:de (?:rire|fatigue|faim|froid|peur|honte)|dans l ame))', 'veuve?', 'veuf', 'deuil', 'obseques', 'enterrement', 'a perdu (?:mon|ma) (?:mari|femme|epou[sx]e?|conjoint|compagnon|compagne|pere|mere|fils|fille)', 'j ai perdu (?:mon|ma) (?:mari|femme|epou[sx]e?|conjoint|compagnon|compagne|pere|mere|papa|maman|fils|fille)', 'nous a quitte', 'est parti(?:e)? (?:le|il y a)', 'pension de veuve', 'je suis veuve?', 'depuis le deces')];
const BEREAVEMENT_EN = [/(?<!\b(?:phone|battery|it|link|computer|laptop|screen|car|app|site|website|line|page) (?:is |has |just )?)\b(?:passed away|died|dead|death|widow(?:er)?|bereave(?:d|ment)|funeral|lost my (?:husband|wife|spouse|partner|father|mother)|survivor)\b/];
const THANKS = /^(?:(?:bon |ok |oui |super |d accord |parfait |c est bon )?(?:merci|thanks|thank you|thank u|merci bien|merci beaucoup|merci infiniment|merci mille fois|mille merci|grand merci|c est gentil|vous etes gentil(?:le)?|tres gentil|cool merci|top merci)(?: (?:bien|beaucoup|infiniment|a vous|a toi|bcp|so much|a lot|madame|monsieur|pour (?:tout|votre aide|l aide|ton aide)|pour votre aide|for (?:your|the) help|c etait (?:super|parfait|top)|c est (?:tres )?(?:gentil|sympa)|vous etes (?:tres )?(?:gentil|gentille|sympa)|bonne journee|bonne soiree|au revoir|a bientot|!+))*)$/;
const BYE = /^(?:(?:ok |okay |merci |bon |ben |bah |allez |bonne |super )*(?:au revoir|aurevoir|a bientot|a la prochaine|a demain|a plus tard|a tout a l heure|bonne continuation|a plus|a \+|bye|bye bye|goodbye|good bye|see you|bonne (?:journee|soiree|nuit|fin de journee)|have a nice day|salut a bientot|ciao|tchao|adieu|fin|c est tout|rien d autre|that s all|that is all|nothing else)(?: (?:merci|thanks|madame|monsieur|a vous|et merci|!+))*)$/;
const THANKS_WORD = /\b(?:merci|mrc|je vous remercie|remerciements?|that s (?:very |really |so )?helpful|thanks|thank you|thank u|thx|ty|bien aimable|tres aimable|c est gentil|vous etes gentil(?:le)?|very kind|that really helps|that helps)\b/;
const BYE_WORD = /\b(?:au revoir|aurevoir|a bientot|a la prochaine|a plus tard|a demain|a tout a l heure|bonne continuation|je dois y aller|je m en vais|je file|bisous|bises|je (?:reviendrai|repasserai|reessaierai|reviens|continuerai|recommencerai|finirai|ferai la suite)(?: [a-z]+){0,3} (?:plus tard|demain|une autre fois|ce soir|cet apres midi|la semaine prochaine|lundi)|bye|goodbye|good bye|bonne (?:journee|soiree|nuit)|je vais vous laisser|je vous laisse|je verrai (?:ca )?(?:demain|plus tard)|c est tout pour (?:aujourd hui|moi)|that s all|thats all|that is all for today|see you)\b/;
const WHATIS_FR = /^(?:(?:bonjour |svp |excusez moi |pardon )?(?:c est quoi|c quoi|c est koi|c koi|quoi|qu est ce que c est|qu est ce que|qu est ce qu|ca veut dire quoi|que veut dire|que signifie|a quoi sert|ca sert a quoi|comment (?:ca )?marche|c est quoi exactement|je (?:ne )?sais pas ce que c est|je connais pas|je ne connais pas|je (?:ne )?(?:sais|comprends?|vois) (?:pas|plus) (?:bien )?(?:ce que c est|ce que veut dire|ce que ca veut dire|c est quoi)|j ai pas compris (?:ce que c est|c est quoi)|(?:pouvez vous |vous pouvez |tu peux |tu pourrais |pourriez vous )?(?:m |me )?expliquer? (?:moi )?(?:ce que c est|c est quoi)|expliquez moi|explique moi)) (?:(?:le|la|les|l|un|une|du|de la|de l|ce|cette|cet|exactement|donc) )*(.+?)(?: (?:c est quoi|exactement|svp|s il vous plait|merci|en fait|au juste|alors|franchement|vraiment|concretement|hein|donc|en vrai|deja|comme truc|ce machin|ce truc))*(?: et (?:ca |sa )?(?:sert a quoi|a quoi (?:ca |sa )?sert|comment (?:ca )?marche)(?: exactement)?)?$/;
const WHATIS_FR_TAIL = /^(?:(?:le|la|les|l|un|une|du|de la|de l|ce|cette|cet) )*(.+?) (?:c est quoi|c quoi|c est koi|c koi|ca veut dire quoi|qu est ce que c est|ca sert a quoi|sert a quoi|c est quoi exactement|c est quoi ca|je connais pas|c est pour qui|c est pour quoi|c est payant|c est gratuit|ca coute combien|c est combien|c est quoi ce truc|c est quoi au juste|c est quoi ca au juste|c est quoi ca se mange|ca se mange|c est qui|c qui|qui c est|c est qui ces gens|c qui ces gens|ce sont qui)(?: (?:svp|s il vous plait|merci|exactement|au juste|ce truc|ce machin|ce bidule|comme truc|comme machin|comme chose|deja|ca|la|ces gens|ces gens la|c est gens|c est gens la|eux|franchement|vraiment|concretement|hein|donc|alors|en fait|en vrai))*(?: c (?:est )?comme (?:la |le |l )?.+| (?:et|mais) (?:ou|comment|qui|quand|pourquoi|on|je|il|ca) .{0,40}| (?:on|je|il) (?:le|la|les) .{0,30})?$/;
/** "c'est pour qui la prime ?", "qui a droit à la CSS ?", "a quoi sert FranceConnect ?" */
const WHATIS_FR_WHO = /^(?:c est pour qui|c est pour quoi|qui a droit (?:a|aux)|qui peut avoir|a quoi sert|est ce que c est payant|est ce que c est gratuit|est ce gratuit|combien coute|c est payant (?:de|d|pour)|c est gratuit (?:de|d|pour)|(?:il )?faut (?:il )?payer (?:quelque chose )?pour|(?:ca|sa) coute combien (?:de|d|pour)|c est combien (?:pour|de)) (?:(?:le|la|les|l|un|une|du|de la|de l|sa|son|ses|mon|ma|mes) )*(.+?)(?: (?:svp|s il vous plait|merci|je suis [a-z ]+))*$/;
const WHATIS_EN = /^(?:(?:hi |hello |please |sorry )?(?:what is|what s|whats|what are|what does|what mean|what means|what meaning|meaning of|what do you mean by|i do not know what|explain|tell me about|who can get|who is entitled to|who are|is) )(?:(?:the|a|an|this) )*(.+?)(?: (?:mean|means|is|please|exactly|for|free))?$/;
const DONT_KNOW = /^(?:(?:euh |bah |ben |hmm |hum |alors |bon |ah |oh |heu |ah ca |ca )*(?:je (?:ne )?(?:sais|sait|c) (?:pas|plus|pas trop|pas vraiment|pas du tout|rien)(?: (?:trop )?(?:lequel|laquelle|lesquels|quoi|si|ce que|comment|quel|quelle|c est)(?: [a-z]+){0,4})?|je (?:ne )?suis pas (?:sure?|certaine?)|sais pas|j en sais rien|j en sais pas|j sais pas|aucune idee|pas d idee|je n en sais rien|je ne sais|peut etre|peutetre|p e|pe|possible|i (?:do not|don t) know|do not know|not sure|no idea|i am not sure|maybe|perhaps|no clue|dunno)(?: (?:trop|vraiment|du tout|moi|hein|quoi|franchement|honnetement|desole|desolee|!+|\?+|svp|tbh|honestly|to be honest|sorry|lol|mate|really|at all))*)$/;
/** "excusez-moi de vous déranger si tard": an apology for writing, not a question. */
const SORRY = /\b(?:excuse[zr]?(?: moi)?|pardon(?:nez moi)?|desolee?) (?:de|d|pour) (?:vous |te )?(?:deranger|derange|embeter|ecrire (?:si|aussi|a cette heure)|l heure|le derangement|vous ecrire si tard)\b|\bsorry (?:to|for) (?:bother|disturb|trouble|writing so late|the late)/;
const HELP_ME = /^(?:(?:svp |s il vous plait |please |bonjour |stp )*(?:aide(?:z|r)? moi|aide(?:z|r)? moi svp|aide|a l aide|au secours|help|help me|help me please|pouvez vous m aider|vous pouvez m aider|tu peux m aider|tu peux maider|peux tu m aider|j ai besoin d aide|besoin d aide|i need help|can you help me|aidez nous)(?: (?:svp|s il vous plait|please|stp|merci|!+|\?+))*)$/;
/** A question about what something costs ("ça coûte combien", "c'est payant ?", "is it free"). */
const PRICE = /\b(?:ca coute combien|combien (?:ca |sa )?coute|combien ca fait|combien (?:pour|de|d)(?! (?:temps|jours?|mois|semaines?|heures?|fois|minutes?|personnes?))|c est combien|c est payant|c est gratuit|est ce (?:que c est )?(?:payant|gratuit)|est ce gratuit|(?:il )?faut (?:il )?payer|(?:le |quel )?prix|tarif|how much|is (?:it|this|that|a [a-z]+) free|free in france|does it cost|cost|costs|price|fee|fees|is it paid)\b/;

const PLACES_FR = [any('(?:voir|rencontrer) quelqu un (?:en vrai|en face|sur place|en personne|pres de chez moi)', 'en face a face', 'en personne', '(?:ou|quel|quelle|un|une) (?:lieu|endroit|bureau|permanence|guichet|accueil|espace)s? (?:pres|proche|a cote|dans ma ville|pour m aider)', 'pres de chez moi', 'a cote de chez moi', 'france services? (?:la )?plus proche', 'maison france services?', 'ou (?:aller|me rendre)', '(?:prefere|preferer|plutot|mieux) (?:aller|passer|me rendre|me deplacer|y aller)(?: (?:a la |en |au |a l |dans une? )(?:mairie|france services?|maison france services?|permanence|point d accueil|guichet|mediatheque|bibliotheque|centre social|ccas))?', 'y aller (?:en vrai|sur place)', '(?:venir|passer) vous voir', 'vous rencontrer', 'qu on se voie', 'se voir en vrai', 'sur place', 'en vrai pas par message')];
const PLACES_EN = [/\b(?:near me|nearby|near my home|closest|nearest|where can i go|in person)\b/];
const ERASE = [any('(?:effacer|supprimer|enlever|detruire) (?:toutes )?(?:mes|mes donnees|mes informations|mes infos|toutes mes donnees|mon compte|ma conversation|la conversation|mes messages|mon numero)', 'oubliez moi', 'ne gardez (?:pas|rien)', 'droit a l oubli'), /\b(?:delete|erase|remove|forget) (?:my|all my) (?:data|information|messages|conversation|number)\b|\bforget me\b/];

/**
 * The spoken and phonetic ways of asking "c'est quoi" brought to the written ones, for the "c'est quoi X"
 * patterns only: "sa ve dire koi" → "ca veut dire quoi", "kes ke c" → "qu est ce que c est", a polite
 * lead-in ("bonjour madame je voulais savoir", "on m'a dit d'aller à") dropped, "la démarche pour X" → X, and an acronym spelled
 * letter by letter ("la c a f", "un r i b") joined ("caf", "rib").
 */
export function whatisText(t: string): string {
  const w = t
    .replace(/\b(?:ca|sa) (?:veut|veu|ve|veux|vx) dire\b/g, 'ca veut dire')
    .replace(/\b(?:(?:k|qu)e ?s{1,2} ?(?:k|qu)e?|qu est ce que|qu est ce qu) (?:c|c est|ces|ce|c etait)\b/g, 'qu est ce que c est')
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

function anyMatch(res: RegExp[], text: string): boolean {
  return res.some((re) => re.test(text));
}

/** Words in a message (after SMS expansion). */
/** A message, a call or a link is involved (not only a web site): a payment asked that way is a scam. */
export function viaMessage(text: string): boolean {
  return /\b(?:sms|message|mail|courriel|texto|appel|appele|appelle|coup de fil|whatsapp|text|texted|email|call|called|lien|link|un gars|un type|un monsieur|une dame|quelqu un)\b/.test(plainText(text));
}

/** Only a web site is involved (no message, call or letter): "le site des impôts me demande 25 euros". */
function onlyASite(t: string): boolean {
  return /\b(?:site|page|website|ants|impots|ameli|caf|en ligne|internet)\b/.test(t)
    && !/\b(?:sms|message|mail|courriel|texto|appel|appele|coup de fil|lettre|courrier|whatsapp|text|email|call|letter|lien|link)\b/.test(t);
}

function wordCount(text: string): number {
  return text ? text.split(' ').length : 0;
}

/**
 * Every signal a message carries. Order does not matter; the caller decides what wins
 * (safety first: a scam outweighs anything; then a person; then the rest).
 */
export function detectSignals(text: string, _locale: Locale = 'fr'): Signal[] {
  const t = plainText(text);
  // Nothing to find in a bare number ("1", "75011"), most answers: none of the patterns below can match it.
  if (!t || /^[\d ]+$/.test(t)) return [];
  const out: Signal[] = [];
  const n = wordCount(t);
  const add = (kind: SignalKind, strong: boolean, subject?: string) => out.push({ kind, strength: strong ? 'strong' : 'weak', ...(subject ? { subject } : {}) });

  if (anyMatch(PAID_FR, t) || anyMatch(PAID_EN, t)) {
    // "j'ai payé 39 euros sur un site" — money already gone to a look-alike site or a scammer.
    const scammy = /\b(?:site|website|sms|message|mail|lien|appel|telephone|arnaque|faux|fausse|carte|cb|code|coordonnees|numero|scam|fake|link|text|call)\b/.test(t);
    if (scammy) add('scam-paid', true);
  }
  const scamWord = anyMatch(SCAM_FR, t) || anyMatch(SCAM_EN, t);
  const story = anyMatch(SCAM_STORIES, t);
  const received = new RegExp(`\\b${RECEIVED}\\b`).test(t) || /\b(?:text|texted|message|email|call|called|calling|phoned|rang|link|site|website|letter|pop ?up|someone)\b/.test(t);
  const secret = ASKED_SECRET.test(t) || SECRET_BY_MESSAGE.test(t) || SECRET_TO_UNLOCK.test(t) || CALLED_FOR_SECRET.test(t) || PERSON_WANTS_CARD.test(t) || /\b(?:ask(?:s|ed|ing)?|want(?:s)?|give|send|confirm|update|verify|enter|provide)\b.{0,25}\b(?:card (?:number|details)|bank details|password|pin|security code|verification code|code)\b/.test(t);
  const money = new RegExp(`\\b${MONEY}\\b`).test(t) || /\b(?:pay|payment|fee|fees|euros?)\b/.test(t);
  const pressure = new RegExp(`\\b${PRESSURE}\\b`).test(t) || CLAIMS_BLOCKED.test(t) || /\b(?:expire[sd]?|suspended|blocked|locked|urgent|parcel|fine|refund|you won|delivery)\b/.test(t);
  const doubt = /\?/.test(text) || /\b(?:normal|vrai|serieux|officiel|fiable|confiance|dois je|je dois|faut il|il faut|real|legit|should i|must i|ok)\b/.test(t);
  if (!out.some((s) => s.kind === 'scam-paid')) {
    if (story && !/\bprime d activite\b/.test(t)) add('scam', true);
    else if (scamWord && (received || secret || money)) add('scam', true);
    else if (received && secret) add('scam', true);
    // A site asking for money, doubted, with no secret and no pressure: often a real fee (a stamp) or a look-alike
    // site — checked calmly (pay-doubt below), not called a scam. A message, a call or a letter asking is a scam.
    else if (received && money && (doubt || pressure) && (pressure || !onlyASite(t))) add('scam', true);
    else if (received && PREMIUM.test(t)) add('scam', true);
    // A call asking for money: public services never take a payment over the phone.
    else if (money && /\b(?:on m appelle|m appelle|m a appele|m ont appele|au telephone|par telephone|coup de fil|called me|calls me|on the phone)\b/.test(t) && !/\b(?:je dois|j ai du|must i|i must)\b/.test(t)) add('scam', true);
    else if (received && pressure && doubt) add('scam', true);
    // "mon actualisation est bloquée, il faut cliquer sur le lien": a link to click under a threat.
    else if (received && pressure && /\b(?:clique[rz]?|cliquant|click|lien|link)\b/.test(t)) add('scam', true);
    // "compte suspendu, mettez à jour vos informations": a threat, then something to confirm or update.
    else if (received && pressure && UPDATE_ASKED.test(t)) add('scam', true);
    else if (scamWord) add('scam', n <= 8);
  }

  // A payment asked inside a procedure, doubted: worth checking together (often a look-alike site; sometimes a real stamp).
  if (!out.some((s) => s.kind.startsWith('scam')) && ((PAY_DOUBT.test(t) && (doubt || /\b(?:normal|vrai|officiel|page|site|website|internet|en ligne|online)\b/.test(t))) || ASKED_MONEY.test(t) || OFFERED_FOR_MONEY.test(t))) add('pay-doubt', true);
  if (anyMatch(PERSON_FR, t) || anyMatch(PERSON_EN, t) || asksPersonIndirectly(t)) add('person', n <= 22);
  if (anyMatch(BEREAVEMENT_FR, t) || anyMatch(BEREAVEMENT_EN, t) || tellsBereavement(t)) add('bereavement', true);
  // "je comprends pas le français", "I don't understand French": a language, not a feeling.
  const aboutLanguage = /\b(?:comprends?|parle|lis) (?:pas |mal |pas bien |pas tres bien |pas trop )?(?:bien |tres bien )?(?:le |en )?(?:francais|anglais)\b|\b(?:understand|speak|read)(?: very)?(?: well)? (?:french|english)\b/.test(t);
  const feeling = feelingOf(t);
  if (!aboutLanguage && (anyMatch(DISTRESS_FR, t) || anyMatch(DISTRESS_EN, t) || feeling)) add('distress', n <= 8, feeling);
  const request = /\?|\b(?:mais|par contre|pourquoi|comment|but|how|why|what)\b/.test(`${t} ${/\?/.test(text) ? '?' : ''}`);
  // "merci beaucoup, je veux faire ma carte grise": thanks said before a request are not the end of the talk.
  const wants = /\b(?:je (?:veux|voudrais|dois|cherche|souhaite|souhaiterais)|j (?:aimerais|ai besoin)|il (?:me|nous) faut|i (?:want|need|would like|have to|must))\b/.test(t);
  if (THANKS.test(t) || (THANKS_WORD.test(t) && n <= 10 && !request && !wants)) add('thanks', true);
  // The whole message a goodbye ('ok bye', 'bon ben à la prochaine'): subject 'only' — not an answer to any question.
  if (BYE.test(t) || (BYE_WORD.test(t) && n <= 12 && !request)) add('bye', true, BYE.test(t) && !/\b(?:fin|c est tout|rien d autre|that s all|that is all|nothing else)\b/.test(t) ? 'only' : undefined);
  // "ok j'ai capté, c'est gratuit": said back to agree, not asked (no question mark, an agreement first).
  const agrees = !/\?/.test(text) && /^(?:ok|okay|oui|ouais|d accord|bon|ah|tres bien|parfait|super|compris|j ai (?:bien )?compris|j ai capte|capte|c est note|note|merci|yes|right|got it|i see)\b/.test(t);
  const w = whatisText(t);
  const whatis = agrees ? null : WHATIS_FR.exec(w) ?? WHATIS_FR_TAIL.exec(w) ?? WHATIS_FR_WHO.exec(w) ?? (/^(?:what|who|is|explain|tell|hi|hello|please|sorry)\b/.test(w) ? WHATIS_EN.exec(w) : null);
  // The patterns' subject, else the question found anywhere in the message (a dictated lead-in is too long).
  const subject = [whatis?.[1], agrees ? undefined : whatisAnywhere(w)].find(
    (s) => s && wordCount(s) <= 6 && !/^(?:que|qu|ce que|ce qu|il faut|je dois|on doit|to do|i do|should)\b|\bfaire$|\bdo$|^(?:la )?suite$/.test(s),
  );
  if (subject) add('whatis', true, subject);
  for (const need of needsIn(t)) add(need, true);
  if (DONT_KNOW.test(t)) add('dont-know', true);
  if (HELP_ME.test(t)) add('help-me', true);
  if (SORRY.test(t)) add('sorry', true);
  if (/\b(?:c est quoi la suite|(?:et|alors|ok|bon|merci) (?:maintenant|apres|ensuite)$|(?:on|je) (?:fait|fais) quoi (?:maintenant|apres|ensuite)|(?:quelle est )?la suite$|what (?:next|now)|what do i do (?:now|next))\b/.test(t)) add('what-next', n <= 8);
  const corrected = correctionIn(t);
  if (corrected) add('correction', true, corrected);
  if (anyMatch(PLACES_FR, t) || anyMatch(PLACES_EN, t)) add('places', n <= 12 || /\b(?:pres|a cote) de chez moi\b/.test(t));
  if (anyMatch(ERASE, t)) add('erase', n <= 10);
  for (const [kind, subject] of contextSignals(t)) add(kind, true, subject);
  if (!agrees && (PRICE.test(t) || (/\b(?:\d+ ?(?:e|eur|euros?|€))\b/.test(t) && doubt))) add('price', true);
  return out;
}

/** "je sais pas", "aucune idée", "I don't know": the `dont-know` signal alone, without the others' cost. */
export const saysDontKnow = (text: string): boolean => DONT_KNOW.test(plainText(text));
export function hasSignal(signals: Signal[], kind: SignalKind, strength?: 'strong'): boolean {
  return signals.some((s) => s.kind === kind && (!strength || s.strength === 'strong'));
}

/** The message without the words of a feeling ("c'est trop compliqué, la prime d'activité" → "la prime d'activité"). */
export function withoutFeelings(text: string): string {
  let t = plainText(text);
  for (const re of [...DISTRESS_FR, ...DISTRESS_EN, ...FEELING_PATTERNS]) t = t.replace(new RegExp(re.source, 'g'), ' ');
  return t.replace(/\s+/g, ' ').trim();
}
