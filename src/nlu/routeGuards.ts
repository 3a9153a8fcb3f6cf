/**
 * Guides that only fit when the message says what they are about (task nlu12a): the survivor's pension is about a
 * death — "je suis perdu dans mes papiers de retraite" shares "perdu" and "papiers" with its phrasings ("j'ai
 * perdu mon mari", "quels papiers pour la réversion") but tells of no death, so it is the retirement guide. A
 * guarded guide whose words are absent is taken out of the ranking, and the others share its score.
 */
import { tellsBereavement } from './bereavement';
import { plainText } from './plainText';
import { APPLY, NOT_PAID } from './unpaid';
import { ADDRESS_CHANGE } from './moved';

/** A death, a survivor or a spouse (whose pension a widow asks for), in the message's plain text. */
const DEATH_OR_SPOUSE =
  /\b(?:reversion\w*|reverssion|veuve?s?|veuf|veuvage|deces|decede\w*|morte?s?|mourir|defunte?s?|survivante?s?|disparue?s?|conjointe?s?|mari|maris|epou(?:x|se)s?|femme|compagn(?:on|e)|concubine?|pacse\w*|widow\w*|survivor\w*|death|died|dead|deceased|late (?:husband|wife)|husband|wife|spouse|partner)\b/;

/**
 * Someone else doing the formality (Aidants Connect): "j'ai un compte caf mais je n'arrive plus à me connecter"
 * shares "compte caf" and "connecter" with "qui peut se connecter sur mon compte caf pour moi", but asks no one.
 */
const ON_MY_BEHALF =
  /\b(?:a (?:ma|sa|leur|notre) place|pour (?:moi|lui|elle|nous)|(?:je fais|faire|gerer|je gere|m occuper de|je m occupe de) (?:ses|leurs) (?:papiers|demarches|dossiers?)|quelqu un|qqn|aidants?|mandats?|procuration|delegu\w*|deleg(?:uer|ation)|pro|professionnel\w*|assistante?s? sociale?s?|travailleu\w* soci\w*|france services?|mairie|agents?|for me|on my behalf|someone|somebody|delegate|mandate|attorney|social worker|professional|authori[sz]e|power)\b/;

/** A vehicle or its registration, in the words people use. */
export const VEHICLE =
  /\b(?:gris\w*|immatric\w*|voitures?|vehicules?|autos?|motos?|scooters?|camion\w*|camping cars?|cession|titulaire|siv|ants|plaques?|cg|barree?|occasion|renault|peugeot|citroen|dacia|toyota|volkswagen|fiat|ford|opel|clio|twingo|megane|golf|polo|vehicles?|cars?|motorbikes?|registration|logbook|transfer code)\b/;
/** "j'ai ma carte vitale", "avec ma carte vitale", "I have my carte Vitale": the card is there. */
const HAS_CARD = /\b(?:j ai (?:bien |deja )?(?:ma|la|une) carte vitale|avec ma carte vitale|i (?:have|ve got) (?:my|a) carte vitale)\b/;
/** What the lost-card guide is for: a card lost, stolen, broken, to replace, or a change of photo or name. */
const CARD_TROUBLE =
  /\b(?:perd\w*|paum\w*|vol\w*|piqu\w*|cass\w*|abim\w*|marche|fonctionne|lit pas|lit plus|refaire|nouvelle|renouvel\w*|remplac\w*|chang\w*|photo|perime\w*|expire\w*|lost|stolen|broken|damaged|new|replace\w*|renew\w*|doesn t work)\b/;
/** "j'ai déjà France Connect", "I have FranceConnect": the way in is there, it is not the need. */
const HAS_FRANCECONNECT = /\b(?:j ai|j avais|je l ai|i have|i ve got|i already have)(?: deja| bien| already)?(?: un compte| mon compte| an account| my account)? (?:avec |with )?france ?connect\b/;
/** What the FranceConnect guide is for: a trouble with it, or how to use it. */
const FRANCECONNECT_ASKED =
  /\b(?:marche|fonctionne|arrive|comment|bloque\w*|erreur|refus\w*|utiliser|connecter|c est quoi|kesako|how|use|work|works|error|problem|what)\b/;
/** The citizen already is retired ("je suis à la retraite", "i'm retired"): no pension to apply for. */
const RETIRED = /\b(?:(?:je suis|suis|j suis) (?:a la |en )?retraite\w*|(?:i m|i am|i ve been|i have been) (?:now |already )?retired|since i retired)\b/;
/** The job seeker's formalities at France Travail, which stop at retirement. */
const JOB_SEEKER = /\b(?:actualis\w*|actu|france travail|pole emploi|chomage|demandeur d emploi|update|job ?seekers?|unemploy\w*)\b/;
/** A residence permit, a visa, the foreigners' site or the prefecture named: what the residence permit guide is about. */
const RESIDENCE =
  /\b(?:papiers|sejour|sejours|titres?|resident\w*|residence|visas?|anef|etrangers?|etrangere?s?|prefecture\w*|recepisse|prolongation|naturalis\w*|nationalite|asile|refugiee?s?|ofii|permits?|residency|visa|foreigners?|immigra\w*)\b/;
/** A remark on length or time and nothing else ("c long", "trop long", "so long"). */
const LENGTH_ONLY = /^(?:(?:c|c est|ca|cest|c etait|ca a ete|ca va etre|trop|tres|si|vraiment|super|hyper|bien|un peu|it s|it is|so|too|very|this is|that s|taking) )*(?:long|longs|longue|longtemps|lent|lente|slow|ages)(?: (?:la|hein|quand meme|vraiment|alors|!+))*$/;
const GUARDS: Record<string, (t: string) => boolean> = {
  // "je dois déclarer mes impôts et j'ai déjà France Connect": the way in is said, the need is the tax return.
  franceconnect: (t) => !HAS_FRANCECONNECT.test(t) || FRANCECONNECT_ASKED.test(t),
  // "je viens d'arriver, j'ai ma carte vitale, je veux faire mon compte": not a card to replace.
  'carte-vitale-perdue': (t) => !HAS_CARD.test(t) || CARD_TROUBLE.test(t),
  'retraite-reversion': (t) => DEATH_OR_SPOUSE.test(t) || tellsBereavement(t),
  'aidants-connect': (t) => ON_MY_BEHALF.test(t),
  // "je dois changer mon adresse partout, j'ai déménagé": a move is the registration only when a vehicle is named.
  'ants-carte-grise': (t) => VEHICLE.test(t),
  // "c long", "c'est trop long" (a wait, session 17) share only "long" with "visa long séjour"; "je veux changer mon
  // adresse" only "adresse" with "changer d'adresse sur mon titre de séjour" (a move): no residence permit named.
  'titre-sejour': (t) => !LENGTH_ONLY.test(t) && RESIDENCE.test(t),
  // "I need to change my address" is a move, not an e-mail address to create (unless a mail is named).
  'email-creer': (t) => !ADDRESS_CHANGE.test(t) || /\b(?:e ?mails?|mel|courriels?|messagerie|gmail|hotmail|outlook|electronique|inbox)\b/.test(t),
  // "ma retraite a pas été versée": a payment that did not come is not an application (the caisse, a person).
  // "i'm retired, do i still need to do my france travail update?": being retired, asked about the job seeker's
  // formality (its guide says it stops), is no application for a pension.
  'retraite-demande': (t) => (!NOT_PAID.test(t) || APPLY.test(t)) && !(RETIRED.test(t) && JOB_SEEKER.test(t) && !APPLY.test(t)),
};

/** An account the citizen already has ("j'ai un compte caf", "mon fils m'a créé un compte", "I have an account"). */
const HAS_ACCOUNT =
  /\b(?:j ai (?:deja |bien )?(?:un|mon|1) (?:compte|espace)|(?:m a|m ont|a|ont|avait|avais) (?:deja )?(?:cree|creer|fait|ouvert|fais) (?:un|mon|1|le) (?:compte|espace)|(?:mon|le) (?:compte|espace)(?! (?:n existe|existe pas))|i (?:have|ve got|already have|had) (?:an?|my) (?:\w+ )?account|(?:created|made|opened|set up) (?:an?|my) (?:\w+ )?account|my (?:\w+ )?account)\b/;
/** A password forgotten, a login refused or blocked. */
const LOGIN_TROUBLE =
  /\b(?:oubli\w* (?:le |mon |ma |mes |son |les )?(?:mot de passe|mots de passe|mdp|code|codes|identifiants?)|(?:mot de passe|mdp|code|identifiant)s? (?:oubli\w*|perdu\w*|incorrecte?|faux|ne marche|marche (?:pas|plus)|bloque)|(?:n )?arrive (?:plus|pas|jamais) a (?:me )?(?:connecter|co|rentrer|entrer|acceder)|(?:peu[xt]|pouvons) (?:plus|pas) (?:me )?(?:connecter|rentrer|entrer|acceder)|impossible de (?:me )?(?:connecter|rentrer|acceder)|connexion impossible|compte (?:est )?bloque|forg[oe]t\w* (?:my |the )?(?:password|login|username|code)|(?:can ?not|can t|cant|unable to) (?:log ?in|sign in|connect|get in)|locked out)\b/;

/** A formality asked beside the login ("… pour faire ma déclaration"): then its guide may be the one (it logs in too). */
const FORMALITY_BESIDE_LOGIN =
  /\b(?:declar\w*|demande[rz]?|faire (?:ma|mon|mes|la|le|une)|actualis\w*|inscri\w*|simul\w*|attestation|renouvel\w*|file|apply|update|renew\w*)\b/;

/**
 * Situations that name their guide whatever else the message says: a password or login trouble on an account the
 * citizen already has, or on a site named without any formality ("je n'arrive pas à me connecter sur ameli", "j'arrive
 * pas à me connecter"), is the forgotten-password guide (it asks which site) — not the guide that creates that
 * account, nor FranceConnect (a way in the citizen did not name).
 */
export function situationIntent(text: string): string | undefined {
  const t = plainText(text);
  if (/\bfrance ?connect\b/.test(t)) return undefined;
  return LOGIN_TROUBLE.test(t) && (HAS_ACCOUNT.test(t) || !FORMALITY_BESIDE_LOGIN.test(t)) ? 'mot-de-passe-oublie' : undefined;
}

/**
 * A formality named by its own French name ("ma déclaration trimestrielle", "la DTR"): its guide, even when the
 * benefit it is for is named too ("pour la prime") — unless the citizen asks for the benefit itself ("demander la
 * prime", "la simulation", "j'ai droit"). (In English "quarterly declaration" is the prime's own word: en.tune.)
 */
const QUARTERLY = /\b(?:declarations? (?:de (?:mes )?ressources )?trimestrielles?|dtr)\b/;
const BENEFIT_ASKED = /\b(?:demande[rz]?|faire (?:ma|la|une) demande|simulation|simuler|test|droit|droits|eligible)\b/;

/** The guide of a formality the message names by its own name, if any. */
export function namedFormality(text: string): string | undefined {
  const t = plainText(text);
  return QUARTERLY.test(t) && !BENEFIT_ASKED.test(t) ? 'caf-declaration-trimestrielle' : undefined;
}

/** The guarded intents whose words the message lacks. */
export function ruledOut(text: string, intents: Iterable<string>): Set<string> {
  const out = new Set<string>();
  let t: string | undefined;
  for (const intent of intents) {
    const guard = GUARDS[intent];
    if (!guard) continue;
    t ??= plainText(text);
    if (!guard(t)) out.add(intent);
  }
  return out;
}
