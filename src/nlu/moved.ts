/**
 * A move, an address to change everywhere ("je doi changer mon adresse partout jai demenagé", "mon père est parti en
 * EHPAD, je dois changer son adresse"): no guide does that; each organisation is told. Read over `plainText()`.
 * A vehicle named is the registration guide (src/nlu/routeGuards.ts), not this.
 */
const MOVED =
  /\b(?:demenag\w*|(?:change[rz]?|changement|modifie[rz]?|mettre a jour|donne[rz]?) (?:d |de |l |mon |ma |son |sa |leur |notre |la |une |nouvelle )?(?:nouvelle )?adresses?|nouvelle adresse|(?:moved|moving) (?:house|home|out)?|i moved|change (?:of|my|his|her) address|new address)\b/;

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
