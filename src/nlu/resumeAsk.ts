/**
 * Back to where we were ("on en était où ?", "je reprends le truc de tout à l'heure", "where were we"): inside a
 * guide, where we are; at the menu, the guide left unfinished (PRODUCT.md rule 6). Read over `plainText()`.
 */
const RESUME =
  /\b(?:(?:je|on) (?:reprend|reprends|reprendre|veux reprendre|voudrais reprendre|peut reprendre|peux reprendre)|reprenons|reprendre (?:la|le|ma|mon|ce|cette) |(?:le|la|ce|cette|mon|ma) (?:truc|chose|demarche|dossier|histoire) (?:de |d )?(?:tout a l heure|tt a l heure|toute a l heure|tte a l heure|tout al heure|hier|ce matin|avant)|(?:on|j|je) en (?:etait|etais|etai|est|suis|ete) ou|ou (?:on|j|je) en (?:etait|etais|etai|est|suis|ete)|where (?:was i|were we|are we)|pick up where)\b/;

export function resumeAsked(t: string): boolean {
  return RESUME.test(t);
}
