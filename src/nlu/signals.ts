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
import { subjectOnly, whatisAnywhere } from './whatisAnywhere';
import { asksPersonIndirectly } from './personAsks';
import { CALLED_FOR_SECRET, PERSON_WANTS_CARD } from './callerScam';
import { correctionIn } from './correction';
import { tellsBereavement } from './bereavement';
import { FEELING_PATTERNS, feelingOf } from './feelings';
import { plainText } from './plainText';
import { healthAsked } from './health';
import { PERSON_EN, PERSON_FR, PERSON_WHO } from './personPatterns';
import {
  ASKED_MONEY, ASKED_SECRET, CLAIMS_BLOCKED, CODE_AWAITED, SOMEONE, MONEY, OFFERED_FOR_MONEY, PAID_EN, PAID_FR, PAID_HELPER, PARCEL, PAY_DOUBT, PREMIUM, PRESSURE, RECEIVED,
  SCAM_EN, SCAM_FR, SCAM_STORIES, SECRET_BY_MESSAGE, SECRET_TO_UNLOCK, UPDATE_ASKED,
} from './scamPatterns';
import { BARE_WHATIS, ELIGIBLE, GENERIC_SUBJECT, WHATIS_EN, WHATIS_FR, WHATIS_FR_TAIL, WHATIS_FR_WHO, asksAboutBot, whatisText } from './whatisPatterns';
import { needsIn } from './needs';
import { asksOwnAmount } from './priceAsk';
import { contextSignals, type ContextKind } from './contextSignals';
import { backAfterWait, bareWait, batteryPause, laterSaid, reminderAsked, reminderOnly, vagueFormality, waitAsked } from './pause';
import type { Locale } from '../i18n/locale';

/** Asked by a message, not on a site or a letter. */
const BY_MESSAGE = /\b(?:par|en|via|dans un|by|in an?|through) (?:sms|texto|mail|e mail|email|courriel|message|whatsapp|text(?: message)?)\b/;
/**
 * A fine received ("jé recu une amande de 135 euros c normal"): a letter, no scam by itself — unless a message, a link,
 * a call or a site asks for it ("on me demande de payer une amende par sms avec un lien").
 */
const FINE = /\b(?:amendes?|amandes?|contraventions?|pv|proces verbal)\b/;
const FINE_ONLINE = /\b(?:sms|message|mail|courriel|texto|appel\w*|coup de fil|whatsapp|text\w*|e ?mail|call\w*|lien|link|site|website|qr ?code)\b/;
/** The scam words that only doubt ("c'est normal ?", "c'est vrai ?"): a scam alone, or another question's. */
const DOUBT_ONLY = /\b(?:c est (?:pas )?(?:vrai|normal|serieux|officiel|fiable|une blague)|est ce (?:vrai|normal|officiel|fiable)|cest normal)\b/g;

export type SignalKind =
  | 'person'
  | 'scam'
  | 'scam-paid'
  | 'paid-helper'
  | 'pay-doubt'
  | 'distress'
  | 'bereavement'
  | 'thanks'
  | 'bye'
  | 'whatis'
  | 'cannot-read' | 'no-computer' | 'sight' | 'hearing' | 'own-phone'
  | 'dont-know'
  | 'help-me'
  | 'places'
  | 'erase'
  | 'price'
  | 'sorry'
  | 'what-next'
  | 'correction' | ContextKind
  | 'wait' | 'back' | 'previous-step' | 'remind' | 'vague' | 'later'
  | 'for-relative' | 'little-french';

/** The step before asked for again ("c'était quoi déjà l'étape d'avant", "what was the previous step"). */
const PREVIOUS_STEP =
  /\b(?:(?:l |la )?etape (?:d avant|precedente|derniere)|(?:the )?(?:previous|last) step|step before)\b|\b(?:revenir|retourner|go back|back) (?:en arriere|a l etape|to the step)\b/;

export { plainText } from './plainText';
export { whatisText } from './whatisPatterns';

export interface Signal {
  kind: SignalKind;
  strength: 'strong' | 'weak';
  /** whatis: what the citizen asks about ("france connect"); correction: what they now ask for; wait: 'battery', 'bare'. */
  subject?: string;
}

const any = (...parts: string[]) => new RegExp(`\\b(?:${parts.join('|')})\\b`);
// ---- feelings and needs ---------------------------------------------------------------------------
const DISTRESS_FR = [
  any('trop complique', 'trop compliquer', 'c est complique', 'tres complique', 'compliquee?', 'compliquer', 'j y comprends? rien', 'je (?:ne )?comprends? (?:rien|plus rien|pas)', 'comprends? rien',
    'j en ai marre', 'marre', 'decourage?e?s?', 'decouragement', 'demoralisee?', 'j abandonne', 'je laisse tomber', 'j y arriverai jamais', 'ras le bol', 'en colere', 'furieu(?:x|se)', 'degoutee?', 'revoltee?', 'ca m enerve', 'enerve?e?', 'ca me saoule', 'saoule', 'galere', 'je galere', 'j en peux plus', 'je n en peux plus',
    'n importe quoi', 'nul(?! part)', 'ca marche jamais', 'rien ne marche', 'trop dur', 'trop difficile', 'je suis (?:perdue?|paumee?|larguee?|depassee?|perdu)', '^(?:perdue?|paumee?)$', 'je suis nul(?:le)?', 'stress(?:e|ee|ant)?', 'angoiss(?:e|ee|ant)', 'j ai peur', 'peur', 'inquiete?', 'panique', 'desesperee?', 'je pleure', 'au secours',
    'je sais plus quoi faire', 'je ne sais plus quoi faire', 'je m en sors pas', 'je m en sors plus', 'je n y arrive (?:pas|plus|jamais)', 'j y arrive (?:pas|plus|jamais)', 'j arrive (?:pas|plus|jamais|a rien)',
    'je suis (?:fatiguee?|epuisee?|a bout|crevee?|creuvee?|naze|claquee?|vannee?|lessivee?)', 'j ai (?:rien|pas) compris?(?! (?:le|la|les|votre|ton|ce) (?:lettre|courrier|mail|sms|message))', 'rien compris? (?:a|de) ce que', 'ca me depasse', 'me depasse (?:completement|totalement|un peu)', 'c est au dessus de mes forces', 'c est (?:l enfer|horrible|la galere)', 'aidez moi svp',
    'j ai (?:tres |trop )?honte', 'honte', 'je suis (?:trop )?(?:nul(?:le)?|bete|idiote?|stupide)', 'je me sens (?:nul(?:le)?|bete|idiote?|stupide|perdue?|seule?)', 'ca me fait peur', 'me fait (?:tres )?peur',
    'desesperee?', 'je suis a la rue', 'a la rue', 'j en peux plus', 'ras le bol', 'ca me stresse', 'trop de stress', 'je suis (?:tres )?(?:inquiete?|angoissee?)'),
];
const DISTRESS_EN = [/\b(?:too (?:complicated|hard|difficult)|so (?:complicated|confusing)|confus(?:ed|ing)|i am lost|i m lost|fed up|frustrat(?:ed|ing)|annoy(?:ed|ing)|angry|scared|afraid|worried|stress(?:ed)?|panic|desperate|i give up|nothing works|does not work|do not understand|can not do (?:it|this)|help me please|ashamed|embarrassed|stupid|so stupid|feel (?:so )?(?:stupid|useless|lost|alone))\b/];
export type { Feeling } from './feelings';

const BEREAVEMENT_FR = [any('decedee?s?', 'deces', 'decede', '(?<!la )(?<!(?:puce|carte|batterie|telephone|portable|ordinateur|imprimante|ecran|box|site|lien|appli|application|cle|voiture) (?:est |etait |a l air |semble )?)mort(?:e)?(?! (?:de (?:rire|fatigue|faim|froid|peur|honte)|dans l ame))', 'veuve?', 'veuf', 'deuil', 'obseques', 'enterrement', 'a perdu (?:mon|ma) (?:mari|femme|epou[sx]e?|conjoint|compagnon|compagne|pere|mere|fils|fille)', 'j ai perdu (?:mon|ma) (?:mari|femme|epou[sx]e?|conjoint|compagnon|compagne|pere|mere|papa|maman|fils|fille)', 'nous a quitte', 'est parti(?:e)? (?:le|il y a)', 'pension de veuve', 'je suis veuve?', 'depuis le deces')];
const BEREAVEMENT_EN = [/(?<!\b(?:phone|battery|it|link|computer|laptop|screen|car|app|site|website|line|page) (?:is |has |just )?)\b(?:passed away|died|dead|death|widow(?:er)?|bereave(?:d|ment)|funeral|lost my (?:husband|wife|spouse|partner|father|mother)|survivor)\b/];
const THANKS = /^(?:(?:bon |ok |oui |super |d accord |parfait |c est bon )?(?:merci|thanks|thank you|thank u|merci bien|merci beaucoup|merci infiniment|merci mille fois|mille merci|grand merci|c est gentil|vous etes gentil(?:le)?|tres gentil|cool merci|top merci)(?: (?:bien|beaucoup|infiniment|a vous|a toi|bcp|so much|a lot|madame|monsieur|pour (?:tout|votre aide|l aide|ton aide)|pour votre aide|for (?:your|the) help|c etait (?:super|parfait|top)|c est (?:tres )?(?:gentil|sympa)|vous etes (?:tres )?(?:gentil|gentille|sympa)|bonne journee|bonne soiree|au revoir|a bientot|!+))*)$/;
const BYE = /^(?:(?:ok |okay |merci |bon |ben |bah |allez |bonne |super )*(?:au revoir|aurevoir|a bientot|a la prochaine|a demain|a plus tard|a tout a l heure|bonne continuation|a plus|a \+|bye|bye bye|goodbye|good bye|see you|bonne (?:journee|soiree|nuit|fin de journee)|have a nice day|salut a bientot|ciao|tchao|adieu|fin|c est tout|rien d autre|that s all|that is all|nothing else)(?: (?:merci|thanks|madame|monsieur|a vous|et merci|!+))*)$/;
const THANKS_WORD = /\b(?:merci|mrc|je vous remercie|remerciements?|that s (?:very |really |so )?helpful|thanks|thank you|thank u|thx|ty|bien aimable|tres aimable|c est gentil|vous etes gentil(?:le)?|very kind|that really helps|that helps)\b/;
const BYE_WORD = /\b(?:au revoir|aurevoir|a bientot|a la prochaine|a plus tard|a demain|a tout a l heure|bonne continuation|je dois y aller|je m en vais|je file|bisous|bises|je (?:reviendrai|repasserai|reessaierai|reviens|continuerai|recommencerai|finirai|ferai la suite|(?:le |la |les )?ferai|verrai)(?: [a-z]+){0,3} (?:plus tard|demain|une autre fois|un autre jour|ce soir|cet apres midi|la semaine prochaine|lundi)|bye|goodbye|good bye|bonne (?:journee|soiree|nuit)|je vais vous laisser|je vous laisse|je verrai (?:ca )?(?:demain|plus tard)|c est tout pour (?:aujourd hui|moi)|that s all|thats all|that is all for today|see you)\b/;
const DONT_KNOW = /^(?:(?:euh |bah |ben |hmm |hum |alors |bon |ah |oh |heu |ah ca |ca )*(?:je (?:ne )?(?:sais|sait|sai|c) (?:pas|plus|pas trop|pas vraiment|pas du tout|rien)(?: (?:trop )?(?:lequel|laquelle|lesquels|quoi|si|ce que|comment|quel|quelle|c est|quand|combien|qui)(?: [a-z]+){0,4}| (?:trop )?(?:ou j en suis|ou on en est|ou ca en est|ou en est|par ou commencer))?|je (?:ne )?suis pas (?:sure?|certaine?)|sais pas|j en sais rien|j en sais pas|j sais pas|aucune idee|pas d idee|je n en sais rien|je ne sais|peut etre|peutetre|p e|pe|possible|i (?:do not|don t) know|do not know|not sure|no idea|i am not sure|maybe|perhaps|no clue|dunno)(?: (?:trop|vraiment|du tout|moi|hein|quoi|franchement|honnetement|desole|desolee|!+|\?+|svp|tbh|honestly|to be honest|sorry|lol|mate|really|at all))*)$/;
/** "excusez-moi de vous déranger si tard": an apology for writing, not a question. */
const SORRY = /\b(?:excuse[zr]?(?: moi)?|pardon(?:nez moi)?|desolee?) (?:de|d|pour) (?:vous |te )?(?:deranger|derange|embeter|ecrire (?:si|aussi|a cette heure)|l heure|le derangement|vous ecrire si tard)\b|\bsorry (?:to|for) (?:bother|disturb|trouble|writing so late|the late)/;
const HELP_ME = /^(?:(?:svp |s il vous plait |please |bonjour |stp )*(?:aide(?:z|r)? moi|aide(?:z|r)? moi svp|aide|a l aide|au secours|help|help me|help me please|pouvez vous m aider|vous pouvez m aider|tu peux m aider|tu peux maider|peux tu m aider|j ai besoin d aide|besoin d aide|i need help|can you help me|aidez nous)(?: (?:svp|s il vous plait|please|stp|merci|!+|\?+))*)$/;
/** A question about what something costs ("ça coûte combien", "c'est payant ?", "is it free"). */
const PRICE = /\b(?:ca coute combien|combien (?:ca |sa )?coute|combien ca fait|combien (?:pour|de|d)(?! (?:temps|jours?|mois|semaines?|heures?|fois|minutes?|personnes?))|c est combien|c est payant|c est gratuit|est ce (?:que c est )?(?:payant|gratuit)|est ce gratuit|(?:il )?faut (?:il )?payer|(?:le |quel )?prix|tarif|how much|is (?:it|this|that|a [a-z]+) free|free in france|does it cost|cost|costs|price|fee|fees|is it paid)\b/;

const PLACES_FR = [any('(?:voir|rencontrer) quelqu un (?:en vrai|en face|sur place|en personne|pres de chez moi)', 'en face a face', 'en personne', '(?:ou|quel|quelle|un|une) (?:lieu|endroit|bureau|permanence|guichet|accueil|espace)s? (?:pres|proche|a cote|dans ma ville|pour m aider)', 'pres de chez moi', 'a cote de chez moi', 'france services? (?:la )?plus proche', 'maison france services?', 'ou (?:aller|me rendre)', '(?:prefere|preferer|plutot|mieux) (?:aller|passer|me rendre|me deplacer|y aller)(?: (?:a la |en |au |a l |dans une? )(?:mairie|france services?|maison france services?|permanence|point d accueil|guichet|mediatheque|bibliotheque|centre social|ccas))?', 'y aller (?:en vrai|sur place)', '(?:venir|passer) vous voir', 'vous rencontrer', 'qu on se voie', 'se voir en vrai', 'sur place', 'en vrai pas par message')];
const PLACES_EN = [/\b(?:near me|nearby|near my home|closest|nearest|where can i go|in person)\b/];
const ERASE = [any('(?:effacer|supprimer|enlever|detruire) (?:toutes )?(?:mes|mes donnees|mes informations|mes infos|toutes mes donnees|mon compte|ma conversation|la conversation|mes messages|mon numero)', 'oubliez moi', 'ne gardez (?:pas|rien)', 'droit a l oubli'), /\b(?:delete|erase|remove|forget) (?:my|all my) (?:data|information|messages|conversation|number)\b|\bforget me\b/];

const FOR_RELATIVE = /\b(?:je (?:fais|gere|remplis|m occupe (?:de|des)|vais faire|vais gerer)|je dois (?:faire|gerer|remplir|m occuper (?:de|des))|i (?:do|handle|deal with|look after)) (?:tous |toutes |all )?(?:(?:ses|leurs|his|her|their) (?:papiers|demarches|dossiers|paperasse|paperwork|papers)|(?:les )?(?:papiers|demarches|dossiers) (?:de|d|of) (?:ma|mon|mes|my) [a-z]+)\b/;

function anyMatch(res: RegExp[], text: string): boolean {
  return res.some((re) => re.test(text));
}

/** Words in a message (after SMS expansion). */
/** A message, a call or a link is involved (not only a web site): a payment asked that way is a scam. */
export function viaMessage(text: string): boolean {
  return /\b(?:sms|message|mail|courriel|texto|appel|appele|appelle|coup de fil|whatsapp|text|texted|email|call|called|lien|link|un gars|un type|un monsieur|une dame|quelqu un)\b/.test(plainText(text));
}

/** A doubt put as a question: "c'est une arnaque ?", "arnaque ou pas", "is it a scam?". */
const SCAM_QUESTION = /\?|\bou pas\b|^(?:est ce|is (?:it|this)|c est (?:une|un) (?:arnaque|escroquerie))\b/;
/** A paper letter ("un courrier des impôts", "une lettre de la caf"). */
const PAPER_LETTER = /\b(?:courriers?|lettres?|letters?|avis d (?:impot|imposition)|recommandee?)\b/;

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

  // "un monsieur veut m'aider pour mes papiers contre 50 euros": help sold, not a person asked for (help is free).
  const paidHelper = PAID_HELPER.test(t) && !anyMatch(PAID_FR, t);
  if (paidHelper) add('paid-helper', true);
  if (anyMatch(PAID_FR, t) || anyMatch(PAID_EN, t)) {
    // "j'ai payé 39 euros sur un site" — money already gone to a look-alike site or a scammer.
    const scammy = /\b(?:site|website|sms|message|mail|lien|appel|telephone|arnaque|faux|fausse|carte|cb|code|coordonnees|numero|scam|fake|link|text|call)\b/.test(t);
    if (scammy) add('scam-paid', true);
  }
  // "c'est normal ?" alone is a doubt: a scam when nothing else is said, or with a message received; a site asking
  // a fee, doubted, is checked calmly (pay-doubt), and a health question keeps it ("mon traitement … c normal").
  // The French scam patterns are read once (every message goes through here), and again without the doubt words
  // only when one matched.
  const scamFr = anyMatch(SCAM_FR, t);
  const beyondDoubt = scamFr && anyMatch(SCAM_FR, t.replace(DOUBT_ONLY, ' '));
  const doubtOnly = scamFr && !beyondDoubt;
  const scamWord = beyondDoubt || anyMatch(SCAM_EN, t);
  const story = anyMatch(SCAM_STORIES, t);
  const received = new RegExp(`\\b${RECEIVED}\\b`).test(t) || /\b(?:text|texted|message|email|call|called|calling|phoned|rang|link|site|website|letter|pop ?up|someone)\b/.test(t);
  const secret = ASKED_SECRET.test(t) || SECRET_BY_MESSAGE.test(t) || SECRET_TO_UNLOCK.test(t) || CALLED_FOR_SECRET.test(t) || PERSON_WANTS_CARD.test(t) || /\b(?:ask(?:s|ed|ing)?|want(?:s)?|give|send|confirm|update|verify|enter|provide)\b.{0,25}\b(?:card (?:number|details)|bank details|password|pin|security code|verification code|code)\b/.test(t);
  const money = new RegExp(`\\b${MONEY}\\b`).test(t) || /\b(?:pay|payment|fee|fees|euros?)\b/.test(t);
  const pressure = new RegExp(`\\b${PRESSURE}\\b`).test(t) || CLAIMS_BLOCKED.test(t) || /\b(?:expire[sd]?|suspended|blocked|locked|urgent|parcel|fine|refund|you won|delivery)\b/.test(t);
  const doubt = /\?/.test(text) || /\b(?:normal|vrai|serieux|officiel|fiable|confiance|dois je|je dois|faut il|il faut|real|legit|should i|must i|ok)\b/.test(t);
  // A fine received and doubted is checked calmly (src/bot/steps/everydayHelp.ts), not called a scam.
  const fineByPost = FINE.test(t) && !FINE_ONLINE.test(t) && !secret && !story && !beyondDoubt && !anyMatch(SCAM_EN, t);
  // "c'est une arnaque ?" about nothing described, or about a paper letter: nobody can tell from here (subject
  // 'asked', 'letter'); how to check it is said instead of a verdict (src/bot/steps/scamReply.ts).
  const asksIfScam = (scamWord || doubtOnly) && SCAM_QUESTION.test(`${t}${/\?/.test(text) ? ' ?' : ''}`) && !story && !secret && !pressure;
  const paperLetter = PAPER_LETTER.test(t) && !viaMessage(text) && !/\b(?:site|website|page|internet)\b/.test(t);
  if (!out.some((s) => s.kind === 'scam-paid') && !fineByPost) {
    if (asksIfScam && (paperLetter || (!received && !money))) add('scam', true, paperLetter ? 'letter' : 'asked');
    else if (story && !/\bprime d activite\b/.test(t)) add('scam', true);
    else if (scamWord && (received || secret || money)) add('scam', true);
    // A fee a site asks, doubted ("le site me demande 29 euros c normal"), is checked calmly below (pay-doubt).
    else if (doubtOnly && (received || secret || money) && (secret || !onlyASite(t))) add('scam', true);
    // "il me demande un code mais g rien reçu": the site's code awaited, no one asking for it.
    else if (received && secret && !(CODE_AWAITED.test(t) && !SOMEONE.test(t))) add('scam', true);
    // A site asking for money, doubted, with no secret and no pressure: often a real fee (a stamp) or a look-alike
    // site — checked calmly (pay-doubt below), not called a scam. A message, a call or a letter asking is a scam.
    else if (received && money && (doubt || pressure) && (pressure || !onlyASite(t))) add('scam', true);
    else if (received && PREMIUM.test(t)) add('scam', true);
    // A parcel held for a small fee, doubted or sent by message: public services and carriers never ask so.
    else if ((money || /\b(?:demande\w*|\d+)\b/.test(t)) && PARCEL.test(t) && (doubt || received)) add('scam', true);
    // A call asking for money: public services never take a payment over the phone.
    else if (money && /\b(?:on m appelle|m appelle|m a appele|m ont appele|au telephone|par telephone|coup de fil|called me|calls me|on the phone)\b/.test(t) && !/\b(?:je dois|j ai du|must i|i must)\b/.test(t)) add('scam', true);
    else if (received && pressure && doubt) add('scam', true);
    // "mon actualisation est bloquée, il faut cliquer sur le lien": a link to click under a threat.
    else if (received && pressure && /\b(?:clique[rz]?|cliquant|click|lien|link)\b/.test(t)) add('scam', true);
    // "mon dossier est bloqué, faut rappeler un numéro": a threat, then a number to call (a premium or a fake line).
    else if (received && pressure && /\b(?:r?appele[rz]?|appelle|rappelle|composer|call|ring|phone) (?:(?:un|le|ce|au|a ce|this|the|a) )?(?:numero|num|0\d[\d ]*|number)\b/.test(t)) add('scam', true);
    // "compte suspendu, mettez à jour vos informations": a threat, then something to confirm or update.
    else if (received && pressure && UPDATE_ASKED.test(t)) add('scam', true);
    // Money asked by SMS or e-mail ("les impots me demandent 400 euros par sms"): no public service asks so.
    else if (money && BY_MESSAGE.test(t) && /\b(?:demande\w*|reclame\w*|veu\w*|exige\w*|want\w*|ask\w*)\b/.test(t)) add('scam', true);
    else if (scamWord || (doubtOnly && !(money && onlyASite(t)) && !healthAsked(t))) add('scam', n <= 8);
  }

  // A payment asked inside a procedure, doubted: worth checking together (often a look-alike site; sometimes a real stamp).
  if (!out.some((s) => s.kind.startsWith('scam')) && !fineByPost && ((PAY_DOUBT.test(t) && (doubt || /\b(?:normal|vrai|officiel|page|site|website|internet|en ligne|online)\b/.test(t))) || ASKED_MONEY.test(t) || OFFERED_FOR_MONEY.test(t))) add('pay-doubt', true);
  // "rappelez-moi de faire mon actualisation le 28": a reminder, not a call back — its "rappel" words ask for no one.
  const remind = reminderAsked(t);
  const p = remind && reminderOnly(t) ? t.replace(/\b(?:rappel\w*|rapel\w*|me preven\w*|previen\w*|remind\w*)\b/g, ' ') : t;
  // "tu es un robot ?": who answers is asked (what Pas à pas is), no person is asked for.
  const aboutBot = asksAboutBot(t);
  // "c quoi un conseiller numérique": what the word means, no person asked for either.
  const personWordAsked = personWordQuestion(t);
  if (!aboutBot && !personWordAsked && !paidHelper && (anyMatch(PERSON_FR, p) || anyMatch(PERSON_EN, p) || asksPersonIndirectly(p))) add('person', n <= 22);
  if (anyMatch(BEREAVEMENT_FR, t) || anyMatch(BEREAVEMENT_EN, t) || tellsBereavement(t)) add('bereavement', true);
  // "je comprends pas le français", "I don't understand French": a language, not a feeling.
  const aboutLanguage = /\b(?:comprends?|parle|lis) (?:pas |mal |pas bien |pas tres bien |pas trop )?(?:bien |tres bien )?(?:le |en )?(?:francais|anglais)\b|\b(?:understand|speak|read)(?: very)?(?: well)? (?:french|english)\b/.test(t);
  // "je parle pas bien français", "moi français pas bon": English may help (the bot offers it), not a feeling.
  if (/\b(?:parle|comprends?|lis|ecris) (?:pas |mal |pas bien |pas tres bien |pas trop |un peu )?(?:bien |tres bien )?(?:le |en )?francais\b|\bfrancais (?:pas bon|pas bien|difficile|c est dur|un peu)\b|\b(?:little|no|not much|bad) french\b/.test(t)) add('little-french', true);
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
  const whatis = agrees ? null : WHATIS_FR.exec(w) ?? WHATIS_FR_TAIL.exec(w) ?? WHATIS_FR_WHO.exec(w) ?? (/^(?:what|who|is|explain|tell|hi|hello|please|sorry|never|i ve never|i have never)\b/.test(w) ? WHATIS_EN.exec(w) : null);
  // The patterns' subject, else the question found anywhere in the message (a dictated lead-in is too long).
  const subject = [aboutBot ? 'pas a pas' : undefined, whatis?.[1] && subjectOnly(whatis[1]), agrees ? undefined : whatisAnywhere(w)].find(
    (s) => s && wordCount(s) <= 6 && !GENERIC_SUBJECT.test(s) && !/^(?:que|qu|ce que|ce qu|il faut|je dois|on doit|to do|i do|should)\b|\bfaire$|\bdo$|^(?:la )?suite$/.test(s),
  );
  // "un truc pour la CAF mais je sais pas quoi": the formality is not known, the CAF is (no definition of it).
  const vague = vagueFormality(t);
  if (vague) add('vague', true, vague);
  else if (subject) add('whatis', true, subject);
  // "c quoi ça", "kesako": about the question on screen, no word named (subject THIS_STEP).
  else if (!agrees && (BARE_WHATIS.test(t) || (whatis?.[1] && GENERIC_SUBJECT.test(whatis[1])))) add('whatis', true, THIS_STEP);
  const wait = waitAsked(t);
  // A flat battery ("je recharge mon téléphone"): a longer pause, subject 'battery'.
  if (batteryPause(t)) add('wait', true, 'battery');
  else if (wait) add('wait', wait === 'strong', bareWait(t) ? 'bare' : undefined);
  if (remind) add('remind', true);
  if (laterSaid(t)) add('later', true);
  if (backAfterWait(t)) add('back', true);
  if (PREVIOUS_STEP.test(t)) add('previous-step', true);
  for (const need of needsIn(t)) add(need, true);
  if (DONT_KNOW.test(t)) add('dont-know', true);
  if (HELP_ME.test(t)) add('help-me', true);
  if (SORRY.test(t)) add('sorry', true);
  if (/\b(?:c est quoi la suite|(?:et|alors|ok|bon|merci) (?:maintenant|apres|ensuite)$|(?:on|je) (?:fait|fais) quoi (?:maintenant|apres|ensuite)|(?:quelle est )?la suite$|what (?:next|now)|what do i do (?:now|next))\b/.test(t)) add('what-next', n <= 8);
  const corrected = correctionIn(t);
  if (corrected !== undefined) add('correction', true, corrected);
  if (anyMatch(PLACES_FR, t) || anyMatch(PLACES_EN, t)) add('places', n <= 12 || /\b(?:pres|a cote) de chez moi\b/.test(t));
  if (anyMatch(ERASE, t)) add('erase', n <= 10);
  // "je fais ses papiers", "je m'occupe des papiers de ma mère": a relative's formalities, none named yet.
  if (FOR_RELATIVE.test(t)) add('for-relative', true);
  for (const [kind, subject] of contextSignals(t)) add(kind, true, subject);
  // "c'est gratuit votre service ?": the bot itself (said as what it is), not a formality's price.
  if (!agrees && subject !== 'pas a pas' && ((PRICE.test(t) && !asksOwnAmount(t)) || (/\b(?:\d+ ?(?:e|eur|euros?|€))\b/.test(t) && doubt))) add('price', true);
  // "iban ?", "timbre fiscal ?", "où trouver mon RIB": a few words that say nothing else may ask about a word (weak:
  // only a word we can explain is answered; the caller checks).
  const bare = out.length === 0 ? WHERE_IS.exec(t)?.[1] ?? SAME.exec(t)?.slice(1).find(Boolean) ?? ELIGIBLE.exec(t)?.slice(1).find(Boolean) ?? (/\?\s*$/.test(text) && n <= 4 ? t : undefined) : undefined;
  const word = bare?.replace(/^(?:(?:et|mais|euh|bon|alors|ok|et pour|and|what about) )*(?:(?:le|la|les|l|un|une|du|des|de|d|mon|ma|mes|votre|vos|the|a|an) )?/, '').replace(/ (?:svp|stp|s il vous plait|please|alors|donc)$/, '');
  if (word) add('whatis', false, word);
  return out;
}

/** "où trouver mon RIB", "comment je trouve mon numéro fiscal": where a word's thing is (its fact says it). */
const WHERE_IS = /^(?:(?:et|mais|bonjour|svp) )*(?:ou|comment) (?:je |on )?(?:peux |peut |dois )?(?:trouve[rz]?|trouve t on|se trouve|est|sont|il est|elle est|c est)(?: (?:mon|ma|mes|le|la|les|l|un|une|votre|vos))? ([a-z ]{3,40})$/;

/** "RIB ou IBAN, c'est pareil ?", "c'est la même chose, la CSS et la C2S ?": two words compared (said by the caller). */
const SAME = /^(?:(?:le|la|l|un|une) )?(.+?) (?:et|ou) .+? (?:c est|c) (?:pareil|la meme chose)$|^(?:c est |c )?(?:pareil|la meme chose) (.+?) (?:et|ou) .+$/;

/** The `whatis` subject of a question about the step on screen itself ("c quoi ça ?"). */
export const THIS_STEP = '<this step>';

/** "c'est quoi un conseiller numérique ?", "what is a mediator": the person word is the subject of the question. */
function personWordQuestion(t: string): boolean {
  const w = whatisText(t);
  const m = WHATIS_FR.exec(w) ?? WHATIS_FR_TAIL.exec(w) ?? (/^(?:what|who)\b/.test(w) ? WHATIS_EN.exec(w) : null);
  return Boolean(m?.[1] && new RegExp(`^(?:${PERSON_WHO})(?: (?:numeriques?|france services?|social|sociale|digital))?$`).test(m[1]));
}

/**
 * "merci", "merci beaucoup", "thank you": thanks alone. Not an answer to an offer (in French a lone "merci" to an
 * offer often declines it); "oui merci", "ok merci" say yes first.
 */
export function saysThanksOnly(text: string): boolean {
  const t = plainText(text);
  return THANKS.test(t) && !/^(?:ok|okay|oui|d accord|c est bon)\b/.test(t);
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
