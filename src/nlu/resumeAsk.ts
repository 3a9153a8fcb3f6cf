/**
 * Back to where we were ("on en était où ?", "je reprends le truc de tout à l'heure", "where were we"): inside a
 * guide, where we are; at the menu, the guide left unfinished (PRODUCT.md rule 6). Read over `plainText()`.
 * A short message that only says "go on" ("reprendre", "continuer", "la suite", "on continue", "carry on"), typos
 * included ("reprandre", "continer"), asks the same: `resumeWordOnly`.
 */
import { distance } from 'fastest-levenshtein';

const RESUME =
  /\b(?:(?:je|on) (?:reprend|reprends|reprendre|veux reprendre|voudrais reprendre|peut reprendre|peux reprendre)|reprenons|reprendre (?:la|le|ma|mon|ce|cette) |(?:le|la|ce|cette|mon|ma) (?:truc|chose|demarche|dossier|histoire) (?:de |d )?(?:tout a l heure|tt a l heure|toute a l heure|tte a l heure|tout al heure|hier|ce matin|avant)|(?:on|j|je) en (?:etait|etais|etai|est|suis|ete) ou|ou (?:on|j|je) en (?:etait|etais|etai|est|suis|ete)|where (?:was i|were we|are we)|pick up where)\b/;

/** The verbs of "go on" (any person, any ending a citizen types), and their English words. */
const GO_ON_VERBS = ['reprendre', 'reprend', 'reprends', 'reprenez', 'reprenons', 'continuer', 'continue', 'continu', 'continues',
  'continuez', 'continuons', 'poursuivre', 'poursuivons', 'resume', 'proceed'];
/** Whole messages that say "go on" in more than a verb. */
const GO_ON_PHRASES = new Set(['la suite', 'a la suite', 'la suite svp', 'carry on', 'go on', 'keep going', 'lets continue', 'let s continue',
  'lets go on', 'let s go on', 'continue please', 'pick up', 'lets resume', 'let s resume', 'back to it', 'on y retourne', 'on s y remet']);
/** Words around the verb that add nothing ("bon on reprend svp", "je veux continuer", "ok let's continue"). */
const AROUND = new Set(['on', 'je', 'j', 'nous', 'veux', 'voudrais', 'voudrai', 'peux', 'peut', 'pouvons', 'va', 'vais', 'aimerais', 'souhaite',
  'ok', 'oui', 'bon', 'allez', 'alors', 'ben', 'bah', 'euh', 'svp', 'stp', 'please', 'pls', 'plz', 'merci', 'la', 'ou', 'i', 'we', 'want', 'to',
  'd', 'accord', 'daccord', 'let', 's', 'lets', 'can', 'again', 'maintenant', 'now', 'yes', 'please', 'it', 'a', 'ce', 'que', 'j', 'etais',
  'en', 'etait', 'where', 'i', 'was', 'left', 'off']);

/** A go-on verb, or a word one typo away from one (6 letters or more: "reprandre", "contine"). */
function goOnVerb(w: string): boolean {
  if (GO_ON_VERBS.includes(w)) return true;
  return w.length >= 6 && GO_ON_VERBS.some((v) => v.length >= 6 && Math.abs(v.length - w.length) <= 1 && distance(v, w) <= 1);
}

/** The whole (short) message only says "go on": a go-on verb with filler words around it, or a go-on phrase. */
export function resumeWordOnly(t: string): boolean {
  const words = t.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  const core = words.filter((w) => !AROUND.has(w) || goOnVerb(w));
  if (GO_ON_PHRASES.has(t) || GO_ON_PHRASES.has(core.join(' '))) return true;
  return core.length === 1 && goOnVerb(core[0]);
}

export function resumeAsked(t: string): boolean {
  return RESUME.test(t) || resumeWordOnly(t);
}

/** "la suivante", "la prochaine", "l'autre démarche", "next one": the next of the formalities named together. */
export function nextNeedAsked(t: string): boolean {
  return /^(?:(?:ok |bon |allez |on passe a |passons a |on fait |je veux |au |a )?(?:la |l |le )?(?:suivante?|prochaine?|autre|deuxieme|2e|seconde?)(?: demarche| chose| truc)?(?: svp| stp| please)?|(?:the )?next (?:one|thing)(?: please)?|the other one)$/.test(t);
}
