/**
 * A health question is not a formality (PRODUCT.md rule 4, kindness before procedure): "j'ai mal au dos je dois
 * prendre quoi", "mon traitement me fait tousser c'est normal ?", "what medicine should I take". We help with
 * online formalities: the bot says so kindly, points to a doctor or a pharmacist — or to the 15 / 112 when it
 * sounds urgent ("il respire mal", "chest pain") — then offers what it can do. Patterns over `plainText()`.
 * A health word inside a formality ("mon médecin m'a dit de créer mon compte Ameli", "je suis malade, je dois
 * refaire ma carte") is not a health question: it needs a question about care, and no formality word.
 */

/** What sounds like an emergency: breathing, the chest, fainting, a stroke. */
const URGENT = /\b(?:(?:mal|douleurs?) (?:a|dans) la poitrine|serre(?:ment)? (?:a|dans) la poitrine|(?:ne )?respire (?:mal|plus|difficilement)|ne respire pas|(?:n arrive|arrive) (?:pas|plus) a respirer|du mal a respirer|(?:il|elle|je) (?:s )?etouffe|perdu connaissance|(?:fait|fais|faire) un malaise|(?:il|elle) (?:ne )?(?:repond|reagit|bouge) plus|(?:ne )?se reveille pas|(?:est|il est|elle est) inconsciente?|(?:fait|fais|faire) un (?:avc|malaise cardiaque|arret cardiaque)|crise cardiaque|saigne (?:beaucoup|enormement)|hemorragie|convulse\w*|overdose|avale (?:trop de|des|tous ses) (?:medicaments|cachets|comprimes)|chest pains?|(?:can not|cannot|can t|could not) breathe|not breathing|unconscious|heart attack|(?:having|had|has) a stroke|bleeding (?:a lot|heavily)|passed out)\b/;

/** A symptom, a treatment or a medicine. */
const HEALTH_WORD = /\b(?:j ai (?:tres |trop |super )?mal (?:au|a la|a l|aux|a) [a-z]+|(?:il|elle) a (?:tres |trop )?mal (?:au|a la|a l|aux) [a-z]+|mal (?:de tete|au ventre|au dos|aux dents|a la gorge|au coeur|aux oreilles)|tousse\w*|toux|fievre|douleurs?|migraines?|rhume|grippe|angine|vomi\w*|nausee\w*|diarrhee|vertiges?|allergie\w*|effets? secondaires?|traitement|medicaments?|medocs?|cachets?|comprimes?|pilules?|gelules?|doliprane|dafalgan|efferalgan|paracetamol|ibuprofene|advil|nurofen|aspirine|antibiotiques?|sirop|posologie|pommade|vaccin\w*|headache|stomach ?ache|backache|toothache|sore throat|(?:my|his|her) \w+ hurts|cough\w*|fever|pain|medicines?|medication|pills?|tablets?|side effects?|ibuprofen|antibiotics?|painkillers?)\b/;

/** A question about care ("je dois prendre quoi", "c'est normal ?", "how many should I take"). */
const CARE_ASKED = /\b(?:(?:je )?dois prendre quoi|prendre quoi|quoi prendre|que prendre|qu est ce que (?:je dois|je peux|il faut) prendre|quel (?:medicament|cachet|sirop|traitement)|je peux (?:en )?prendre|(?:en )?prendre combien|combien (?:par jour|de fois|de cachets|de comprimes)|c (?:est )?normal|est ce (?:que c est )?normal|c (?:est )?(?:grave|dangereux)|est ce (?:grave|dangereux)|(?:que|quoi) faire|je fais quoi|qu est ce que je fais|comment (?:le |la |me )?soigner|ca se soigne|pour (?:soigner|guerir)|ca va passer|what (?:should|can|do) i take|what (?:medicine|pills?|tablets?) (?:should|can|do)|how many (?:can|should|do) i take|is (?:it|this|that) (?:normal|dangerous|serious)|what should i do|should i (?:take|worry)|how (?:do i|to|can i) treat)\b/;

/** A formality said with it: the question is about the formality (rules of Ameli, a refund, a sick note). */
const FORMALITY = /\b(?:ameli|carte vitale|rembourse\w*|mutuelle|complementaire|css|c2s|attestation|feuille de soins|arret (?:de travail|maladie)|compte|site|en ligne|internet|dossier|demande|declaration|formulaire|payer|coute|prix|caf|impots?|carte d identite|passeport|permis|refund|website|online|account|form)\b/;

export type HealthAsk = 'urgent' | 'care';

/** "urgent" for an emergency, "care" for a health question, else nothing. */
export function healthAsked(t: string): HealthAsk | undefined {
  if (URGENT.test(t)) return 'urgent';
  return HEALTH_WORD.test(t) && CARE_ASKED.test(t) && !FORMALITY.test(t) ? 'care' : undefined;
}
