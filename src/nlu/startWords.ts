/**
 * "On commence ce guide ensemble ?" answered in the citizen's words (src/guides/whatIsDialog.ts): a go-ahead
 * ("ok vas y", "c'est parti") or a not-now ("plus tard", "une autre fois"), in French and English. Folded text.
 */
export const START_NOW_SYNONYMS: string[] = [
  'vas y', 'ok vas y', 'oui vas y', 'allez', 'allez y', 'allez on y va', 'allons y', 'ok allons y', 'on y va', 'c est parti', 'c parti', 'go', 'on commence', 'commencons',
  'commencer', 'je veux bien', 'volontiers', 'pourquoi pas', 'avec plaisir', 'oui allez', 'ok on y va', 'd accord allons y',
  'let s go', 'lets go', 'go ahead', 'sure', 'let s start', 'start', 'ok let s go', 'why not',
];

export const START_LATER_SYNONYMS: string[] = [
  'plus tard', 'pas maintenant', 'une autre fois', 'pas aujourd hui', 'pas pour l instant', 'pas tout de suite', 'ca ira',
  'pas besoin', 'c etait juste une question', 'juste pour savoir', 'je voulais juste savoir', 'later', 'not now', 'maybe later',
  'another time', 'no need', 'just asking', 'not today',
];
