/**
 * What a citizen asks about the places on screen, in French or English, on folded text (no accents, lower
 * case, apostrophes as spaces): "c ouvert quand", "ils ouvrent a quelle heure", "c est ferme le samedi ?",
 * "les horaires du 2", "when is it open", "opening hours".
 */
const HOURS =
  /\b(?:ouvert|ouverte|ouverts|ouvertes|ouvre|ouvrent|ouvrir|ouverture|ouvrez|ferme|fermee|fermes|fermees|ferment|fermeture|horaires?|heures d ouverture|a quelle heure|quelle heure|quels? jours?|open|opens|opening|closed|closes|closing|hours|what time|which days?)\b|\b(?:quand|when)\b.*\b(?:aller|passer|venir|y aller|go|come|visit)\b|\b(?:aller|passer|venir|go|come|visit)\b.*\b(?:quand|when)\b/;

export function asksOpeningHours(folded: string): boolean {
  return HOURS.test(folded.replace(/['’]/g, ' '));
}
