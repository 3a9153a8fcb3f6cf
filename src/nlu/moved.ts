/**
 * An address changed ("changer mon adresse", "modifier son adresse", "donner ma nouvelle adresse", "update my
 * address"): one definition for the move below and for the router's guard that keeps it from the e-mail guide
 * (src/nlu/routeGuards.ts).
 */
export const ADDRESS_CHANGE =
  /\b(?:change[rz]?|changement|modifie[rz]?|mettre a jour|donne[rz]?|changing|update|updating) (?:d |de |l |mon |ma |son |sa |leur |notre |la |une |nouvelle |my |of |of my |the |his |her )?(?:nouvelle )?(?:adresses?|address)\b/;
/**
 * A move, an address to change everywhere ("je doi changer mon adresse partout jai demenagé", "mon père est parti en
 * EHPAD, je dois changer son adresse"): no guide does that; each organisation is told. Read over `plainText()`.
 * A vehicle named is the registration guide (src/nlu/routeGuards.ts), not this.
 */
const MOVED = new RegExp(`${ADDRESS_CHANGE.source}|\\b(?:demenag\\w*|nouvelle adresse|(?:moved|moving) (?:house|home|out)?|i moved|new address)\\b`);

export function addressChange(t: string, vehicle: RegExp): boolean {
  return MOVED.test(t) && !vehicle.test(t);
}

/**
 * No home ("je suis sdf", "je suis à la rue", "sans domicile", "I am homeless"): formalities still work with a free
 * domiciliation (an address at the CCAS or an approved association), not a guide of ours.
 */
const HOMELESS = /\b(?:sdf|sans (?:domicile|abri|logement|toit)|a la rue|dans la rue|dehors depuis|pas de (?:logement|domicile|toit)|plus de (?:logement|domicile|toit)|homeless|no fixed (?:address|abode)|sleeping rough|on the street)\b/;

export function homeless(t: string): boolean {
  return HOMELESS.test(t);
}
